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
        try h.run(.draftMessage(channel: "public", body: .text("First.")), as: F.sam)
        try h.run(.submitMessage(messageId: "m1"), as: F.sam)
        h.advance(hours: 1)
        try h.run(.draftMessage(channel: "public", body: .text("Second.")), as: F.sam)
        try h.run(.submitMessage(messageId: "m2"), as: F.sam)
        try h.run(.approveMessage(messageId: "m1", role: nil, note: nil), as: F.lee)
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
            IncidentEvent.messageApproved(
                MessageApproved(
                    messageId: "m1", role: "legal", revision: 1, textSHA256: "abc", note: nil, approvalComplete: false)
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
