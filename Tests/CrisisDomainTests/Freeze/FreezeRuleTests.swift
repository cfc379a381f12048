import CrisisDomain
import Foundation
import Testing

@Suite("Publishing freezes: accounts pause, a freeze in force blocks the close, bad accounts are bad input")
struct FreezeRuleTests {
    typealias F = Fixtures

    /// A viral complaint run to the point where only the close is left.
    private func readyToClose() throws -> IncidentHarness {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.act(action: "no-phi-found", note: "thread holds no patient detail; no staff reply"), as: F.alice)
        try h.run(
            .message(
                .draft(
                    channel: "holding",
                    body: .template(name: "holding-statement", values: ["patient_relations_line": "1-800-555-0100"]))),
            as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.pat)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.cora)
        try h.publish("m1")
        try h.run(.act(action: "holding-posted", note: nil), as: F.sam)
        try h.run(.act(action: "flag-litigation-threat", note: "poster says they have a lawyer"), as: F.alice)
        let reply = try h.approvedMessage(
            "Thank you for reaching out. We cannot discuss details here. Please send us a direct message or call 1-800-555-0100.",
            channel: "public-reply", approvers: [F.pat, F.cora, F.lee])
        try h.publish(reply)
        try h.run(.act(action: "reply-posted", note: nil), as: F.sam)
        try h.run(.act(action: "private-outreach-done", note: "called; they accepted a meeting"), as: F.rita)
        h.advance(hours: 48)
        return h
    }

    @Test("a freeze names accounts as PLATFORM:HANDLE, written one way (no case, no leading @)")
    func accountsNormalised() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(
            .freeze(.start(accounts: ["Instagram:@StMarysHospital", "x:stmaryshosp"], reason: "campaign paused")),
            as: F.sam)
        #expect(h.state.freezes.first?.accounts == ["instagram:stmaryshospital", "x:stmaryshosp"])
        #expect(h.state.freezeInForce(on: "instagram:stmaryshospital")?.id == "f1")
    }

    @Test(
        "an account not in PLATFORM:HANDLE form is bad input",
        arguments: ["stmaryshospital", "instagram:", ":x", "insta gram:x", "x:a b"])
    func badAccount(_ account: String) throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let refusal = h.refusal(.freeze(.start(accounts: [account], reason: "r")), as: F.sam)
        #expect(refusal?.id == .freezeAccountInvalid)
        #expect(refusal?.isBadInput == true)
    }

    @Test("a second freeze of an account this incident already froze is bad input")
    func secondFreeze() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.freeze(.start(accounts: ["x:stmaryshosp"], reason: "r")), as: F.sam)
        let refusal = h.refusal(.freeze(.start(accounts: ["instagram:a", "X:StMarysHosp"], reason: "r")), as: F.sam)
        #expect(refusal?.id == .freezeAlreadyFrozen)
        #expect(refusal?.isBadInput == true)
        try h.run(.freeze(.end(freezeId: "f1", reason: "over", handedOverTo: nil)), as: F.sam)
        try h.run(.freeze(.start(accounts: ["x:stmaryshosp"], reason: "again")), as: F.sam)
        #expect(h.state.freezesInForce.map(\.id) == ["f2"])
    }

    @Test("a freeze in force blocks the close until it ends")
    func blocksClose() throws {
        var h = try readyToClose()
        try h.run(.freeze(.start(accounts: ["x:stmaryshosp"], reason: "r")), as: F.alice)
        let refusal = h.refusal(.close(note: nil), as: F.alice)
        #expect(refusal?.id == .freezeInForce)
        try h.run(.freeze(.end(freezeId: "f1", reason: nil, handedOverTo: nil)), as: F.alice)
        try h.run(.close(note: "quiet"), as: F.alice)
        #expect(h.state.lifecycle == .closed)
    }

    @Test("a freeze handed over with a reason no longer blocks the close; without a reason it is refused")
    func handOver() throws {
        var h = try readyToClose()
        try h.run(.freeze(.start(accounts: ["x:stmaryshosp"], reason: "r")), as: F.alice)
        let noReason = h.refusal(.freeze(.end(freezeId: "f1", reason: nil, handedOverTo: "marketing")), as: F.alice)
        #expect(noReason?.id == .inputRequired)
        try h.run(
            .freeze(.end(freezeId: "f1", reason: "stays paused to January", handedOverTo: "marketing")), as: F.alice)
        #expect(h.state.freezes.first?.handedOverTo == "marketing")
        try h.run(.close(note: nil), as: F.alice)
        #expect(h.state.lifecycle == .closed)
    }

    @Test("ending an unknown freeze is bad input; ending one twice is refused")
    func endRules() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let unknown = h.refusal(.freeze(.end(freezeId: "f9", reason: nil, handedOverTo: nil)), as: F.sam)
        #expect(unknown?.id == .freezeUnknown)
        #expect(unknown?.isBadInput == true)
        try h.run(.freeze(.start(accounts: ["x:a"], reason: "r")), as: F.sam)
        try h.run(.freeze(.end(freezeId: "f1", reason: nil, handedOverTo: nil)), as: F.sam)
        let twice = h.refusal(.freeze(.end(freezeId: "f1", reason: nil, handedOverTo: nil)), as: F.sam)
        #expect(twice?.id == .freezeEnded)
    }

    @Test("legal may not freeze accounts: the commander, communications and social media may")
    func permission() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        let refusal = h.refusal(.freeze(.start(accounts: ["x:a"], reason: "r")), as: F.lee)
        #expect(refusal?.id == .permissionRole)
    }

    @Test("a workflow's freeze: section freezes on opening and on an action, and lets the pause end only in its states")
    func workflowFreeze() throws {
        let text = try #require(String(data: try Fixtures.contents("viral-complaint"), encoding: .utf8))
        let yaml =
            text + """

                freeze:
                  notify: [publishing]
                  rules:
                    - on: incident-opened
                      accounts: [instagram:stmaryshospital]
                      may-end-in: [monitoring]
                    - on: no-phi-found
                      accounts: [x:stmaryshosp, instagram:stmaryshospital]

                """
        var h = try IncidentHarness("viral-complaint")
        h.definition = try WorkflowLoader.load(fileName: "viral-complaint.yaml", contents: Data(yaml.utf8))
        #expect(h.definition.freeze.notify == ["publishing"])
        try h.open()
        #expect(h.state.freezes.map(\.trigger) == ["incident-opened"])
        try h.run(.act(action: "no-phi-found", note: "none"), as: F.alice)
        #expect(h.state.freezes.map(\.accounts) == [["instagram:stmaryshospital"], ["x:stmaryshosp"]])
        let early = h.refusal(.freeze(.end(freezeId: "f1", reason: nil, handedOverTo: nil)), as: F.alice)
        #expect(early?.id == .freezeTooEarly)
    }

    @Test("a freeze: section that names an unknown action, state or a bad account fails validation with its line")
    func workflowFreezeValidation() throws {
        let text = try #require(String(data: try Fixtures.contents("viral-complaint"), encoding: .utf8))
        let yaml =
            text + """

                freeze:
                  rules:
                    - on: no-such-action
                      accounts: [not-an-account]
                      may-end-in: [nowhere]

                """
        let error = #expect(throws: WorkflowLoadError.self) {
            try WorkflowLoader.load(fileName: "viral-complaint.yaml", contents: Data(yaml.utf8))
        }
        let messages = error?.problems.map(\.message).joined(separator: "\n") ?? ""
        #expect(messages.contains("no-such-action"))
        #expect(messages.contains("not-an-account"))
        #expect(messages.contains("nowhere"))
        #expect(error?.problems.allSatisfy { $0.line > 0 } == true)
    }
}
