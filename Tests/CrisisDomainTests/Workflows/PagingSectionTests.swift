import CrisisDomain
import Foundation
import Testing

/// The loader's checks of a workflow's `pages:` section, each pointing at the line at fault.
@Suite("The pages section of a workflow")
struct PagingSectionTests {
    func load(_ pages: String) throws(WorkflowLoadError) -> WorkflowDefinition {
        try WorkflowLoader.load(fileName: "demo.yaml", text: WorkflowValidatorTests.valid + "\n" + pages)
    }

    func problems(_ pages: String) -> [WorkflowProblem] {
        do {
            _ = try load(pages)
            return []
        } catch {
            return error.problems
        }
    }

    /// The line of the valid sample's last line plus `offset` (the pages text starts after it).
    var base: Int { WorkflowValidatorTests.valid.split(separator: "\n", omittingEmptySubsequences: false).count + 1 }

    @Test("a valid section is read: ack-within, each trigger, its roles and its durations")
    func validSectionIsRead() throws {
        let definition = try load(
            """
            pages:
              ack-within: 10m
              rules:
                - name: opened
                  when: incident-opened
                  page: [commander, legal]
                - name: approvals
                  when: approval-needed
                  remind-after: 30m
                - name: soon
                  when: deadline-due-soon
                  warn-before: 1h
            """)
        #expect(definition.paging.acknowledgeWithin == WorkflowDuration(amount: 10, unit: .minutes))
        #expect(definition.paging.rules.map(\.trigger) == [.incidentOpened, .approvalNeeded, .deadlineDueSoon])
        #expect(definition.paging.rules.first?.roles == ["commander", "legal"])
        #expect(definition.paging.rule(named: "approvals")?.remindAfter == WorkflowDuration(amount: 30, unit: .minutes))
        #expect(definition.paging.rule(named: "soon")?.warnBefore == WorkflowDuration(amount: 1, unit: .hours))
    }

    @Test("a workflow without pages pages nobody, with the default acknowledgement time")
    func noSectionPagesNobody() throws {
        let definition = try WorkflowLoader.load(fileName: "demo.yaml", text: WorkflowValidatorTests.valid)
        #expect(definition.paging == .none)
        #expect(definition.paging.acknowledgeWithin == WorkflowDuration(amount: 15, unit: .minutes))
    }

    @Test("an unknown trigger is reported on its line, with the ones crisis knows")
    func unknownTrigger() {
        let found = problems("pages:\n  rules:\n    - name: x\n      when: incident-exploded\n")
        #expect(
            found.contains {
                $0.code == "unknown-trigger" && $0.line == base + 3 && $0.message.contains("approval-needed")
            })
    }

    @Test("a rule that names no roles where it must, or names them where the incident does, is reported")
    func rolesWhereTheyBelong() {
        let missing = problems("pages:\n  rules:\n    - name: x\n      when: removal-failed\n")
        #expect(missing.contains { $0.code == "missing-field" && $0.line == base + 3 }, "\(missing)")
        let misplaced = problems("pages:\n  rules:\n    - name: x\n      when: approval-needed\n      page: [legal]\n")
        #expect(misplaced.contains { $0.code == "page-roles-not-listed" && $0.line == base + 4 }, "\(misplaced)")
    }

    @Test("an unknown role, a duplicate rule name, a bad duration and a misplaced field are reported")
    func otherProblems() {
        let found = problems(
            """
            pages:
              ack-within: soon
              rules:
                - name: x
                  when: incident-opened
                  page: [astronaut]
                - name: x
                  when: deadline-missed
                  warn-before: 1h
                - name: y
                  when: deadline-due-soon
            """)
        let codes = Set(found.map(\.code))
        #expect(
            codes.isSuperset(of: ["unknown-role", "duplicate-name", "bad-duration", "misplaced-field", "missing-field"]
            ), "\(found)")
    }

    @Test(
        "two rules that would page the same role for the same thing are reported; different warn-before times are two warnings"
    )
    func duplicateEffects() throws {
        let found = problems(
            """
            pages:
              rules:
                - name: opened
                  when: incident-opened
                  page: [commander, legal]
                - name: opened-again
                  when: incident-opened
                  page: [legal]
                - name: approvals
                  when: approval-needed
                - name: approvals-too
                  when: approval-needed
            """)
        let duplicates = found.filter { $0.code == "duplicate-rule" }
        #expect(duplicates.map(\.line) == [base + 5, base + 10], "\(found)")
        #expect(duplicates.first?.message.contains("both page legal when incident-opened") == true, "\(duplicates)")
        let warnings = try load(
            """
            pages:
              rules:
                - name: an-hour-before
                  when: deadline-due-soon
                  warn-before: 1h
                - name: fifteen-minutes-before
                  when: deadline-due-soon
                  warn-before: 15m
            """)
        #expect(warnings.paging.rules.count == 2)
    }

    @Test("a deadline's warn-before is read, and one as long as the clock itself is reported")
    func deadlineWarnBefore() throws {
        let bundled = try Fixtures.definition("phi-leak")
        let individuals = try #require(bundled.deadlines.first { $0.name == "individuals-notice" })
        #expect(individuals.warnBefore == WorkflowDuration(amount: 10, unit: .calendarDays))
        let text = WorkflowValidatorTests.valid.replacingOccurrences(
            of: "    within: 2 hours\n", with: "    within: 2 hours\n    warn-before: 3 hours\n")
        #expect(text != WorkflowValidatorTests.valid, "the sample has a 4-hour clock to warn on")
        do {
            _ = try WorkflowLoader.load(fileName: "demo.yaml", text: text)
            Issue.record("a warning longer than the clock is accepted")
        } catch {
            #expect(error.problems.contains { $0.code == "warn-before-too-long" }, "\(error.problems)")
        }
    }
}
