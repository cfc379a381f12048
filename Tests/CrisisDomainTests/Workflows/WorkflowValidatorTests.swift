import CrisisDomain
import Foundation
import Testing

/// One test per problem the loader reports, each checking the line it points at.
@Suite("The workflow validator")
struct WorkflowValidatorTests {
    /// A small valid workflow; each test breaks one thing in it.
    static let valid = """
        kind: demo
        version: 1
        title: Demo
        initial: open
        messages:
          approvals: [legal]
        guards:
          - name: has-evidence
            check: evidence-captured
            explanation: Evidence is captured
        states:
          - name: open
            checklist: [Look]
            actions:
              - name: finish
                to: done
                roles: [commander]
                guards: [has-evidence]
          - name: done
            final: true
        deadlines:
          - name: first
            title: First answer
            citation: Internal policy
            starts: detection
            within: 2 hours
            met-by: {guard: has-evidence}
            escalate-to: on-call
        templates:
          - name: hold
            body: We hear you.
        """

    func problems(_ text: String) -> [WorkflowProblem] {
        do {
            _ = try WorkflowLoader.load(fileName: "demo.yaml", text: text)
            return []
        } catch {
            return error.problems
        }
    }

    func expectProblem(_ text: String, code: String, line: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = problems(text)
        #expect(
            found.contains { $0.code == code && $0.line == line }, "got: \(found.map(\.description))",
            sourceLocation: sourceLocation)
        #expect(
            found.allSatisfy { $0.file == "demo.yaml" && $0.column >= 1 && !$0.message.isEmpty },
            sourceLocation: sourceLocation)
    }

    func replacing(_ old: String, _ new: String) -> String {
        Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("the sample is valid")
    func validSample() throws {
        let definition = try WorkflowLoader.load(fileName: "demo.yaml", text: Self.valid)
        #expect(definition.states.map(\.name) == ["open", "done"])
        #expect(definition.permissions[.assign] == ["commander"])
    }

    @Test("an action leading to an unknown state is reported on its line")
    func unknownState() { expectProblem(replacing("to: done", "to: finished"), code: "unknown-state", line: 16) }

    @Test("an unknown initial state is reported")
    func unknownInitial() {
        expectProblem(replacing("initial: open", "initial: opened"), code: "unknown-state", line: 4)
    }

    @Test("an unknown role is reported on its line")
    func unknownRole() {
        expectProblem(replacing("roles: [commander]", "roles: [captain]"), code: "unknown-role", line: 17)
    }

    @Test("an unknown escalation role is reported")
    func unknownEscalation() {
        expectProblem(replacing("escalate-to: on-call", "escalate-to: night-nurse"), code: "unknown-role", line: 28)
    }

    @Test("an unknown approval role is reported")
    func unknownApprover() {
        expectProblem(replacing("approvals: [legal]", "approvals: [lawyer]"), code: "unknown-role", line: 6)
    }

    @Test("a role the workflow declares may be used")
    func declaredRole() throws {
        let text = replacing("roles: [commander]", "roles: [captain]").replacingOccurrences(
            of: "initial: open", with: "initial: open\nroles:\n  - id: captain")
        #expect(problems(text).isEmpty)
    }

    @Test("an action naming an undefined guard is reported")
    func unknownGuard() {
        expectProblem(replacing("guards: [has-evidence]", "guards: [has-proof]"), code: "unknown-guard", line: 18)
    }

    @Test("a deadline met by an undefined guard is reported")
    func deadlineUnknownGuard() {
        expectProblem(
            replacing("met-by: {guard: has-evidence}", "met-by: {guard: nope}"), code: "unknown-guard", line: 27)
    }

    @Test("a guard applying only after an action no state offers is reported on its line")
    func unknownConditionAction() {
        expectProblem(
            replacing("check: evidence-captured\n", "check: evidence-captured\n    when-action-taken: finnish\n"),
            code: "unknown-action", line: 10)
        let conditional = replacing(
            "check: evidence-captured\n", "check: evidence-captured\n    when-action-taken: finish\n")
        #expect(problems(conditional).isEmpty)
    }

    @Test("business hours that are no time of day, or in no time zone, are reported on their lines")
    func badBusinessHours() {
        let text = replacing(
            "title: Demo\n",
            "title: Demo\nbusiness-hours:\n  opens: \"25:00\"\n  closes: \"18:00\"\n  time-zone: Mars/Olympus_Mons\n")
        expectProblem(text, code: "bad-time", line: 5)
        expectProblem(text, code: "bad-time-zone", line: 7)
    }

    @Test("retention-years is six by default, may be longer, and is refused below six on its line")
    func retentionYears() throws {
        #expect(try WorkflowLoader.load(fileName: "demo.yaml", text: Self.valid).retentionYears == 6)
        let longer = replacing("title: Demo\n", "title: Demo\nretention-years: 10\n")
        #expect(try WorkflowLoader.load(fileName: "demo.yaml", text: longer).retentionYears == 10)
        expectProblem(replacing("title: Demo\n", "title: Demo\nretention-years: 2\n"), code: "bad-retention", line: 4)
        expectProblem(replacing("title: Demo\n", "title: Demo\nretention-years: six\n"), code: "wrong-type", line: 4)
    }

    @Test("breach: prompt-notice is a duration under 60 days, reported on its line otherwise")
    func promptNotice() throws {
        #expect(try WorkflowLoader.load(fileName: "demo.yaml", text: Self.valid).promptNotice == nil)
        let set = replacing("title: Demo\n", "title: Demo\nbreach:\n  prompt-notice: 30d\n")
        #expect(
            try WorkflowLoader.load(fileName: "demo.yaml", text: set).promptNotice
                == WorkflowDuration(amount: 30, unit: .calendarDays))
        expectProblem(
            replacing("title: Demo\n", "title: Demo\nbreach:\n  prompt-notice: soon\n"), code: "bad-duration", line: 5)
        expectProblem(
            replacing("title: Demo\n", "title: Demo\nbreach:\n  prompt-notice: 90 days\n"),
            code: "prompt-notice-too-long", line: 5)
        expectProblem(
            replacing("title: Demo\n", "title: Demo\nbreach:\n  prompt-notise: 30d\n"), code: "unknown-field", line: 5)
    }

    @Test("a deadline condition crisis does not know is reported on its line")
    func badCondition() {
        expectProblem(
            replacing("    escalate-to: on-call\n", "    escalate-to: on-call\n    applies-when: [sometimes]\n"),
            code: "bad-condition", line: 29)
    }

    @Test("a conclusion that is neither breach nor low-probability is reported on its line")
    func badValue() {
        expectProblem(
            replacing("check: evidence-captured\n", "check: assessment-concluded\n    conclusion: maybe\n"),
            code: "bad-value", line: 10)
    }

    @Test("an empty file is reported")
    func emptyFile() {
        expectProblem("", code: "empty-file", line: 1)
    }

    @Test("an unknown guard check is reported")
    func unknownCheck() {
        expectProblem(replacing("check: evidence-captured", "check: evidence-seen"), code: "unknown-check", line: 9)
    }

    @Test("a state no path reaches is reported")
    func unreachable() {
        let text = replacing(
            "  - name: done\n    final: true",
            "  - name: done\n    final: true\n  - name: limbo\n    actions:\n      - name: out\n        to: done\n        roles: [commander]"
        )
        expectProblem(text, code: "unreachable-state", line: 21)
    }

    @Test("a non-final state with no way out is reported")
    func deadEnd() {
        let text = replacing("    final: true", "    checklist: [Wait]")
        expectProblem(text, code: "dead-end", line: 19)
        expectProblem(text, code: "no-final-state", line: 12)
    }

    @Test("a final state with actions is reported")
    func finalWithActions() {
        let text = replacing(
            "    final: true",
            "    final: true\n    actions:\n      - name: reopen\n        to: open\n        roles: [commander]")
        expectProblem(text, code: "final-with-actions", line: 19)
    }

    @Test("a duration that does not parse is reported")
    func badDuration() {
        expectProblem(replacing("within: 2 hours", "within: two hours"), code: "bad-duration", line: 26)
    }

    @Test("a clock start that does not exist is reported")
    func badAnchor() { expectProblem(replacing("starts: detection", "starts: sunrise"), code: "bad-anchor", line: 25) }

    @Test("a duplicate state name is reported on the second definition")
    func duplicateState() {
        expectProblem(
            replacing(
                "  - name: done\n    final: true", "  - name: done\n    final: true\n  - name: done\n    final: true"),
            code: "duplicate-name", line: 21)
    }

    @Test("a duplicate guard name is reported")
    func duplicateGuard() {
        let text = replacing(
            "guards:\n  - name: has-evidence",
            "guards:\n  - name: has-evidence\n    check: evidence-captured\n  - name: has-evidence")
        expectProblem(text, code: "duplicate-name", line: 10)
    }

    @Test("a duplicate template name is reported")
    func duplicateTemplate() {
        expectProblem(Self.valid + "\n  - name: hold\n    body: Again.", code: "duplicate-name", line: 32)
    }

    @Test("a missing field is reported on the entry that lacks it")
    func missingField() { expectProblem(replacing("    title: First answer\n", ""), code: "missing-field", line: 22) }

    @Test("a misspelt field is reported")
    func unknownField() {
        expectProblem(
            replacing("    citation: Internal policy", "    citaton: Internal policy"), code: "unknown-field", line: 24)
    }

    @Test("a version that is not a positive number is reported")
    func badVersion() {
        expectProblem(replacing("version: 1", "version: one"), code: "wrong-type", line: 2)
        expectProblem(replacing("version: 1", "version: 0"), code: "bad-version", line: 2)
    }

    @Test("a kind that does not match the file name is reported")
    func kindMismatch() { expectProblem(replacing("kind: demo", "kind: other"), code: "kind-mismatch", line: 1) }

    @Test("a guard condition naming an action no state offers is reported")
    func unknownAction() {
        expectProblem(
            replacing("    check: evidence-captured", "    check: action-taken\n    action: dance"),
            code: "unknown-action", line: 10)
    }

    @Test("a template that holds patient detail is reported")
    func templatePHI() {
        expectProblem(
            replacing("body: We hear you.", "body: We hope your surgery went well."), code: "template-phi", line: 31)
    }

    @Test("broken YAML is reported with its line")
    func syntax() { expectProblem(replacing("title: Demo", "title: [Demo"), code: "yaml-syntax", line: 4) }

    @Test("an unknown command in permissions is reported")
    func unknownCommand() {
        expectProblem(
            replacing("initial: open", "initial: open\npermissions:\n  fly: [commander]"), code: "unknown-command",
            line: 6)
    }

    @Test("every problem is reported at once, sorted by line")
    func allAtOnce() {
        let text = replacing("to: done", "to: finished").replacingOccurrences(
            of: "within: 2 hours", with: "within: soon")
        let found = problems(text)
        #expect(found.map(\.code).contains("unknown-state"))
        #expect(found.map(\.code).contains("bad-duration"))
        #expect(found.map(\.line) == found.map(\.line).sorted())
    }

    @Test("a workflow changed without a version bump is refused when an incident opened under the old hash")
    func versionBump() throws {
        let definition = try WorkflowLoader.load(fileName: "demo.yaml", text: Self.valid)
        let known = [KnownWorkflowVersion(kind: "demo", version: 1, contentHash: String(repeating: "1", count: 64))]
        let problems = WorkflowVersionCheck.problems(for: definition, known: known)
        #expect(problems.map(\.code) == ["changed-without-version-bump"])
        #expect(problems.first?.message.contains("raise version to 2") == true)
        #expect(
            WorkflowVersionCheck.problems(
                for: definition,
                known: [KnownWorkflowVersion(kind: "demo", version: 1, contentHash: definition.contentHash)]
            ).isEmpty)
        let bumped = try WorkflowLoader.load(fileName: "demo.yaml", text: replacing("version: 1", "version: 2"))
        #expect(WorkflowVersionCheck.problems(for: bumped, known: known).isEmpty)
        #expect(throws: WorkflowLoadError.self) {
            try WorkflowCatalog.build(workflowFiles: [("demo.yaml", Data(Self.valid.utf8))], known: known)
        }
    }

    @Test("an overlay with a bad duration and an unknown role reports both")
    func overlayProblems() {
        let text = """
            overlay: test
            version: 1
            title: T
            state: TX
            applies-to: [demo]
            clocks:
              - name: ag
                title: Attorney General
                citation: Tex. Bus. & Com. Code 521.053
                anchor: determination
                within: thirty days
                recipient: state
                escalate-to: sheriff
            """
        do {
            _ = try StateOverlay.load(fileName: "overlays/test.yaml", contents: Data(text.utf8))
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.contains { $0.code == "bad-duration" && $0.line == 11 })
            #expect(error.problems.contains { $0.code == "unknown-role" && $0.line == 13 })
        }
    }

    @Test("a permissions entry that names no role, or a command whose permission is not a role list, is reported")
    func permissionsFailClosedAtLoad() {
        let lines = Self.valid.split(separator: "\n", omittingEmptySubsequences: false).count
        expectProblem(Self.valid + "\npermissions:\n  assign: []\n", code: "empty-permission", line: lines + 2)
        expectProblem(Self.valid + "\npermissions:\n  act: [legal]\n", code: "permission-not-listed", line: lines + 2)
        #expect(problems(Self.valid + "\npermissions:\n  assign: [legal]\n").isEmpty)
    }
}
