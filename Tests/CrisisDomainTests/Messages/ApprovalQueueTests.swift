import CrisisDomain
import Foundation
import Testing

@Suite("The approval queue and the timeline")
struct ApprovalQueueTests {
    typealias F = Fixtures

    @Test("the queue lists submitted messages oldest first with the exact text and the roles still needed")
    func queue() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.message(.draft(channel: "public", body: .text("First."))), as: F.sam)
        try h.run(.message(.submit(messageId: "m1")), as: F.sam)
        h.advance(hours: 1)
        try h.run(.message(.draft(channel: "public", body: .text("Second."))), as: F.sam)
        try h.run(.message(.submit(messageId: "m2")), as: F.sam)
        try h.run(.message(.approve(messageId: "m1", role: nil, note: nil)), as: F.lee)
        let all = pendingApprovals(h.state, h.definition)
        #expect(all.map(\.messageId) == ["m1", "m2"])
        #expect(all[0].outstandingRoles == ["privacy-officer"])
        #expect(all[0].text == "First.")
        #expect(all[0].submittedAt == F.start)
        #expect(pendingApprovals(h.state, h.definition, for: F.lee).map(\.messageId) == ["m2"])
        #expect(pendingApprovals(h.state, h.definition, for: F.sam).isEmpty)
    }

    @Test("every event reads as a sentence on the timeline")
    func sentences() {
        for event in EventCodingTests.samples {
            #expect(!event.sentence.isEmpty)
        }
        #expect(
            IncidentEvent.message(
                .approved(
                    MessageApproved(
                        messageId: "m1", role: "legal", revision: 1, textSHA256: "abc", note: nil,
                        approvalComplete: false)
                )
            ).sentence.contains("as legal"))
    }

    @Test("an incident in a state its workflow does not name is refused, not guessed")
    func unknownState() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        h.state.currentState = "limbo"
        #expect(h.refusal(.act(action: "begin-containment", note: nil), as: F.alice)?.rule == "workflow.unknown-state")
        #expect(availableActions(h.state, h.definition).isEmpty)
    }
}

@Suite("Drafting from a template")
struct TemplateChannelTests {
    @Test("a draft from a template without a channel goes to the template's channel")
    func defaultChannel() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(
            .message(
                .draft(
                    channel: "",
                    body: .template(name: "holding-statement", values: ["patient_relations_line": "1-800-555-0100"]))),
            as: Fixtures.sam)
        #expect(h.state.message("m1")?.channel == "holding")
        #expect(
            h.refusal(.message(.draft(channel: " ", body: .text("hi"))), as: Fixtures.sam)?.rule == "input.required")
    }

    @Test("a viral complaint cannot close while a removal is outstanding")
    func closeWithRemovalOutstanding() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.removal(.request(platform: "x", url: "https://x.example/staff-reply")), as: Fixtures.sam)
        try h.run(.act(action: "no-phi-found", note: "clean"), as: Fixtures.alice)
        let holding = try h.approvedMessage(
            "We hear you.", channel: "holding", approvers: [Fixtures.pat, Fixtures.cora])
        try h.publish(holding)
        try h.run(.act(action: "holding-posted", note: nil), as: Fixtures.sam)
        let reply = try h.approvedMessage(
            "Please message us.", channel: "public-reply", approvers: [Fixtures.pat, Fixtures.cora])
        try h.publish(reply)
        try h.run(.act(action: "reply-posted", note: nil), as: Fixtures.sam)
        try h.run(.act(action: "private-outreach-done", note: "done"), as: Fixtures.rita)
        let refusal = h.refusal(.close(note: nil), as: Fixtures.alice)
        #expect(refusal?.rule == "action.guard")
        #expect(refusal?.message.contains("r1") == true)
        try h.run(.removal(.abandon(removalId: "r1", reason: "the staff member deleted it")), as: Fixtures.sam)
        try h.run(.close(note: nil), as: Fixtures.alice)
    }
}
