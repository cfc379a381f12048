import CrisisDomain
import Foundation
import Testing

@Suite("The post-mortem: started, written, published read-only, actions followed up")
struct PostMortemTests {
    typealias F = Fixtures

    func opened() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    @Test("entries and actions need a started post-mortem; only the commander starts and publishes")
    func startFirst() throws {
        var h = try opened()
        #expect(
            h.refusal(.postMortem(.addEntry(.wentWell, text: "fast")), as: F.alice)?.rule == "post-mortem.not-started")
        #expect(h.refusal(.postMortem(.start), as: F.sam)?.rule == "permission.role")
        try h.run(.postMortem(.start), as: F.alice)
        #expect(h.refusal(.postMortem(.start), as: F.alice)?.rule == "post-mortem.already-started")
        try h.run(.postMortem(.addEntry(.wentWell, text: "takedown in an hour")), as: F.sam)
        try h.run(.postMortem(.addEntry(.whatHappened, text: "a chart was in a selfie")), as: F.alice)
        try h.run(.postMortem(.addEntry(.rootCause, text: "phones in chart areas")), as: F.pat)
        #expect(h.refusal(.postMortem(.addEntry(.wentBadly, text: "x")), as: F.audrey)?.rule == "permission.read-only")
        #expect(h.refusal(.postMortem(.publish), as: F.sam)?.rule == "permission.role")
        try h.run(.postMortem(.publish), as: F.alice)
        #expect(h.state.postMortem.status == .published)
        #expect(h.state.postMortem.entries.map(\.id) == ["e1", "e2", "e3"])
    }

    @Test("publishing needs what happened and a root cause")
    func publishNeedsSubstance() throws {
        var h = try opened()
        try h.run(.postMortem(.start), as: F.alice)
        let empty = h.refusal(.postMortem(.publish), as: F.alice)
        #expect(empty?.rule == "post-mortem.incomplete")
        #expect(empty?.message.contains("what-happened") == true && empty?.message.contains("root-cause") == true)
        try h.run(.postMortem(.addEntry(.whatHappened, text: "x")), as: F.alice)
        #expect(h.refusal(.postMortem(.publish), as: F.alice)?.message.contains("root-cause") == true)
        try h.run(.postMortem(.addEntry(.rootCause, text: "y")), as: F.alice)
        try h.run(.postMortem(.publish), as: F.alice)
    }

    @Test("after publication it is read-only: additions refused, corrections are new entries beside the original")
    func readOnlyAfterPublication() throws {
        var h = try opened()
        try h.publishPostMortem(as: F.alice, rootCause: "phones in chart areas")
        let published = h.state.postMortem.publishedSHA256
        #expect(published == h.state.postMortem.contentSHA256)
        #expect(
            h.refusal(.postMortem(.addEntry(.wentBadly, text: "late")), as: F.alice)?.rule == "post-mortem.published")
        #expect(
            h.refusal(.postMortem(.addAction(text: "t", owner: "hank", due: "2026-06-01")), as: F.alice)?.rule
                == "post-mortem.published")
        #expect(h.refusal(.postMortem(.publish), as: F.alice)?.rule == "post-mortem.published")
        try h.run(
            .postMortem(.correctEntry(entryId: "e2", text: "phones in medication rooms", reason: "wrong room")),
            as: F.alice)
        #expect(h.state.postMortem.entries.count == 3)
        #expect(h.state.postMortem.entry("e2")?.text == "phones in chart areas")
        #expect(h.state.postMortem.rootCauses == ["phones in medication rooms"])
        #expect(h.state.postMortem.publishedSHA256 == published)
        #expect(
            h.refusal(.postMortem(.correctEntry(entryId: "e9", text: "x", reason: "y")), as: F.alice)?.rule
                == "post-mortem.unknown-entry")
        #expect(
            h.refusal(.postMortem(.correctEntry(entryId: "e1", text: "x", reason: " ")), as: F.alice)?.rule
                == "input.required")
    }

    @Test("an action needs an owner and a real due day from today; its owner or the commander marks it done, once")
    func actions() throws {
        var h = try opened()
        try h.run(.postMortem(.start), as: F.alice)
        let today = PostMortemDay.string(from: h.now)
        #expect(
            h.refusal(.postMortem(.addAction(text: "t", owner: "hank", due: "2026-02-30")), as: F.alice)?.rule
                == "post-mortem.due-invalid")
        #expect(
            h.refusal(.postMortem(.addAction(text: "t", owner: "hank", due: "next week")), as: F.alice)?.rule
                == "post-mortem.due-invalid")
        #expect(
            h.refusal(.postMortem(.addAction(text: "t", owner: "hank", due: "2020-01-01")), as: F.alice)?.rule
                == "post-mortem.due-in-past")
        #expect(
            h.refusal(.postMortem(.addAction(text: "t", owner: " ", due: today)), as: F.alice)?.rule == "input.required"
        )
        try h.run(.postMortem(.addAction(text: "signs in chart areas", owner: "hank", due: today)), as: F.alice)
        try h.run(.postMortem(.addAction(text: "weekend rota", owner: "cora", due: today)), as: F.alice)
        #expect(
            h.refusal(.postMortem(.completeAction(actionId: "a1", note: nil)), as: F.sam)?.rule == "permission.role")
        try h.run(.postMortem(.completeAction(actionId: "a1", note: "signs up")), as: F.hank)
        try h.run(.postMortem(.completeAction(actionId: "a2", note: nil)), as: F.alice)
        #expect(
            h.refusal(.postMortem(.completeAction(actionId: "a1", note: nil)), as: F.alice)?.rule
                == "post-mortem.action-done")
        #expect(
            h.refusal(.postMortem(.completeAction(actionId: "a7", note: nil)), as: F.alice)?.rule
                == "post-mortem.unknown-action")
        #expect(h.state.postMortem.actions.map(\.isDone) == [true, true])
    }

    @Test("an open action is overdue from the day after its due day, and done after publication still counts")
    func overdue() throws {
        var h = try opened()
        try h.run(.postMortem(.start), as: F.alice)
        let today = PostMortemDay.string(from: h.now)
        try h.run(.postMortem(.addAction(text: "signs", owner: "hank", due: today)), as: F.alice)
        try h.run(.postMortem(.addEntry(.whatHappened, text: "x")), as: F.alice)
        try h.run(.postMortem(.addEntry(.rootCause, text: "y")), as: F.alice)
        try h.run(.postMortem(.publish), as: F.alice)
        let action = try #require(h.state.postMortem.action("a1"))
        #expect(!action.isOverdue(at: h.now))
        #expect(action.isOverdue(at: h.now.addingTimeInterval(86_400)))
        h.advance(hours: 48)
        try h.run(.postMortem(.completeAction(actionId: "a1", note: "late but done")), as: F.hank)
        #expect(h.state.postMortem.action("a1")?.isOverdue(at: h.now) == false)
    }

    @Test("the post-mortem can be written after the incident is closed")
    func afterClose() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        try h.run(.act(action: "no-phi-found", note: "thread holds no patient detail"), as: F.alice)
        let holding = try h.approvedMessage(
            "We hear you; please message us directly.", channel: "holding", approvers: [F.pat, F.cora])
        try h.publish(holding)
        try h.run(.act(action: "holding-posted", note: nil), as: F.sam)
        let reply = try h.approvedMessage(
            "Please call 1-800-555-0100.", channel: "public-reply", approvers: [F.pat, F.cora])
        try h.publish(reply)
        try h.run(.act(action: "reply-posted", note: nil), as: F.sam)
        try h.run(.act(action: "private-outreach-done", note: "called"), as: F.rita)
        h.advance(hours: 48)
        try h.run(.close(note: nil), as: F.alice)
        #expect(h.state.lifecycle == .closed)
        try h.publishPostMortem(as: F.alice)
        #expect(h.state.postMortem.status == .published)
    }
}
