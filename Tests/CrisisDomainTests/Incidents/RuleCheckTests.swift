import CrisisDomain
import Foundation
import Testing

@Suite("The audit's rule check flags events decide would have refused")
struct RuleCheckTests {
    typealias F = Fixtures

    /// Appends `event` to the harness's history as if written by hand, bypassing decide.
    func forged(_ h: inout IncidentHarness, _ event: IncidentEvent, by actor: Actor) {
        let recorded = RecordedIncidentEvent(
            event: event, actor: actor.databaseRole, recordedAt: h.now, version: Int64(h.history.count + 1))
        h.history.append(recorded)
        h.state = evolve(h.state, recorded)
    }

    func opened() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.message(.draft(channel: "public", body: .text("We are looking into a post."))), as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        return h
    }

    @Test("publication without every required approval is flagged")
    func publishedWithoutApprovals() throws {
        var h = try opened()
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.lee)
        forged(
            &h,
            .message(
                .published(
                    MessagePublished(messageId: "m1", url: "https://x.example/1", revision: 1, textSHA256: "ab"))),
            by: F.sam
        )
        let findings = ruleFindings(h.history, definition: h.definition)
        #expect(findings.map(\.rule) == ["message.approvals-missing"])
        #expect(findings.first?.explanation.contains("privacy-officer") == true)
        #expect(findings.first?.version == Int64(h.history.count))
    }

    @Test("an approval by an author, of a stale revision, or of a draft is flagged")
    func badApprovals() throws {
        var h = try opened()
        let hash = try #require(h.state.message("m1")).textSHA256
        forged(
            &h,
            .message(
                .approved(
                    MessageApproved(
                        messageId: "m1", role: "legal", revision: 1, textSHA256: hash, note: nil,
                        approvalComplete: false))),
            by: F.sam.withRole("legal"))
        forged(
            &h,
            .message(
                .approved(
                    MessageApproved(
                        messageId: "m1", role: "legal", revision: 1, textSHA256: "00", note: nil,
                        approvalComplete: false))),
            by: F.lee)
        forged(
            &h,
            .message(
                .approved(
                    MessageApproved(
                        messageId: "m9", role: "legal", revision: 1, textSHA256: hash, note: nil,
                        approvalComplete: false))),
            by: F.lee)
        #expect(
            ruleFindings(h.history, definition: h.definition).map(\.rule) == [
                "message.author-cannot-approve", "message.approval-stale", "message.unknown",
            ])
    }

    @Test("an action from another state, with guards unmet, or anything but notes after close is flagged")
    func actionsAndClose() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        forged(
            &h, .actionTaken(ActionTaken(action: "begin-review", from: "remediating", to: "review", note: nil)),
            by: F.alice)
        #expect(ruleFindings(h.history, definition: h.definition).map(\.rule) == ["action.not-available-in-state"])

        var g = try IncidentHarness("phi-leak")
        try g.open()
        let first = try #require(g.definition.state(named: g.state.currentState)?.actions.first { !$0.guards.isEmpty })
        forged(
            &g, .actionTaken(ActionTaken(action: first.name, from: g.state.currentState, to: first.target, note: "n")),
            by: F.alice)
        #expect(ruleFindings(g.history, definition: g.definition).map(\.rule) == ["action.guard"])

        var c = try IncidentHarness("phi-leak")
        try c.open()
        forged(&c, .incidentClosed(IncidentClosed(finalState: "closed", note: nil)), by: F.alice)
        forged(&c, .noteAdded(NoteAdded(text: "still allowed")), by: F.alice)
        forged(&c, .removal(.requested(RemovalRequested(removalId: "r1", platform: "x", url: "u"))), by: F.sam)
        #expect(
            ruleFindings(c.history, definition: c.definition).map(\.rule) == ["close.not-available", "incident.closed"])
    }
}
