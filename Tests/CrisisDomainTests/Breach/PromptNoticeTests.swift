import CrisisDomain
import Foundation
import Testing

/// Issue 18: "without unreasonable delay" (164.404(b)): a notice later than the workflow's
/// `prompt-notice` after discovery is refused without a reason for the delay, which is recorded.
@Suite("Prompt notice needs a reason for a delay")
struct PromptNoticeTests {
    typealias F = Fixtures

    func opened() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    @Test("phi-leak's prompt-notice is 30 days")
    func bundledThreshold() throws {
        #expect(try Fixtures.definition("phi-leak").promptNotice == WorkflowDuration(amount: 30, unit: .calendarDays))
    }

    @Test("a notice to individuals after 30 days needs --delay-reason, which is recorded")
    func lateNoticeNeedsReason() throws {
        var h = try opened()
        h.advance(hours: 31 * 24)
        let refusal = h.refusal(.recordNotification(.individuals, at: h.now, count: 3, stateCode: nil), as: F.pat)
        #expect(refusal?.rule == "notification.delay-reason-required" && refusal?.isBadInput == true)
        #expect(refusal?.message.contains("--delay-reason") == true)
        #expect(h.state.breach.notifications.isEmpty)
        try h.run(
            .recordNotification(
                .individuals, at: h.now, count: 3, stateCode: nil,
                details: NoticeDetails(delayReason: "addresses came from the vendor on day 29")), as: F.pat)
        #expect(h.state.breach.notifications.first?.delayReason == "addresses came from the vendor on day 29")
        #expect(try #require(h.history.last).event.sentence.contains("addresses came from the vendor"))
    }

    @Test("a notice within the threshold, or to HHS, needs no reason")
    func promptNoticeNeedsNone() throws {
        var h = try opened()
        h.advance(hours: 29 * 24)
        try h.run(.recordNotification(.individuals, at: h.now, count: 3, stateCode: nil), as: F.pat)
        h.advance(hours: 5 * 24)
        try h.run(.recordNotification(.hhs, at: h.now, count: 3, stateCode: nil), as: F.pat)
        // Typed as made on day 29, though recorded on day 34: judged by when it was made.
        try h.run(
            .recordNotification(.media, at: h.now.addingTimeInterval(-5 * 86_400), count: nil, stateCode: "NY"),
            as: F.pat)
        #expect(h.state.breach.notifications.allSatisfy { $0.delayReason == nil })
    }

    @Test("a workflow without a breach section sets no threshold")
    func noThreshold() throws {
        var h = try opened()
        h.definition.promptNotice = nil
        h.advance(hours: 50 * 24)
        try h.run(.recordNotification(.individuals, at: h.now, count: 3, stateCode: nil), as: F.pat)
    }
}
