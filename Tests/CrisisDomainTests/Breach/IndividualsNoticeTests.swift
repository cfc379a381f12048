import CrisisDomain
import Foundation
import Testing

/// Issue 18, 164.404(b) and (d): the individuals' notice is met when everyone affected was
/// notified, not by the first letter; substitute notice has the form the number unreachable
/// asks for; next of kin and urgent telephone calls are recorded as what they are.
@Suite("Individuals' notice reaches everyone affected")
struct IndividualsNoticeTests {
    typealias F = Fixtures
    static let day: TimeInterval = 86_400

    /// A phi-leak concluded a breach of `total`, `unreachable` of whom cannot be reached.
    func breach(total: Int? = 100, unreachable: Int? = 0) throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(
            .recordAffectedPopulation(
                total: total, residentsByState: total.map { ["NY": $0] }, unreachable: unreachable), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        return h
    }

    func individuals(_ h: IncidentHarness) -> DeadlineStatus? {
        deadlines(h.state, h.definition, now: h.now).first { $0.id == "individuals-notice" }
    }

    @Test("the first letter does not meet the individuals' notice; the one that brings the count to everyone does")
    func metWhenEveryoneNotified() throws {
        var h = try breach(total: 100)
        try h.run(.recordNotification(.individuals, at: h.now, count: 60, stateCode: nil), as: F.pat)
        #expect(individuals(h)?.status == .pending)
        #expect(!h.definition.evaluate(.notificationsComplete, on: h.state).isSatisfied)
        h.now = h.now.addingTimeInterval(2 * Self.day)
        try h.run(.recordNotification(.individuals, at: h.now, count: 40, stateCode: nil), as: F.pat)
        #expect(individuals(h)?.status == .met && individuals(h)?.metAt == h.now)
    }

    @Test("the last letter after day 60 makes the individuals' notice missed, whatever went out before")
    func lastLetterLate() throws {
        var h = try breach(total: 100)
        try h.run(.recordNotification(.individuals, at: h.now, count: 99, stateCode: nil), as: F.pat)
        h.now = F.start.addingTimeInterval(61 * Self.day)
        try h.run(
            .recordNotification(
                .individuals, at: h.now, count: 1, stateCode: nil,
                details: NoticeDetails(delayReason: "the last address was found on day 61")), as: F.pat)
        #expect(individuals(h)?.status == .missed)
    }

    @Test("those who cannot be reached are covered by the substitute notice, once it is given")
    func substituteCoversUnreachable() throws {
        var h = try breach(total: 100, unreachable: 12)
        try h.run(.recordNotification(.individuals, at: h.now, count: 88, stateCode: nil), as: F.pat)
        #expect(individuals(h)?.status == .pending)
        h.now = h.now.addingTimeInterval(Self.day)
        try h.run(
            .recordNotification(.substitute, at: h.now, count: nil, stateCode: nil, details: F.webPosting(at: h.now)),
            as: F.pat)
        #expect(individuals(h)?.status == .met && individuals(h)?.metAt == h.now)
    }

    @Test("urgent telephone calls come in addition to written notice and are not counted as it")
    func urgentTelephoneNotCounted() throws {
        var h = try breach(total: 10)
        try h.run(
            .recordNotification(
                .individuals, at: h.now, count: 10, stateCode: nil, details: NoticeDetails(method: .urgentTelephone)),
            as: F.pat)
        #expect(individuals(h)?.status == .pending)
        try h.run(.recordNotification(.individuals, at: h.now, count: 9, stateCode: nil), as: F.pat)
        // One died: the written notice goes to the next of kin (164.404(d)(1)(ii)), and counts.
        try h.run(
            .recordNotification(
                .individuals, at: h.now, count: 1, stateCode: nil, details: NoticeDetails(method: .nextOfKin)),
            as: F.pat)
        #expect(individuals(h)?.status == .met)
        #expect(h.state.breach.notifications.map(\.method) == [.urgentTelephone, .written, .nextOfKin])
    }

    @Test("while the total is unknown nobody can say everyone was notified")
    func unknownTotalNeverMet() throws {
        var h = try breach(total: nil)
        try h.run(.recordNotification(.individuals, at: h.now, count: 5_000, stateCode: nil), as: F.pat)
        #expect(individuals(h)?.status == .pending)
    }

    @Test("an individuals' notice says how many it reached; a substitute notice says its form (bad input otherwise)")
    func countAndMethodRequired() throws {
        var h = try breach(total: 100, unreachable: 12)
        let noCount = h.refusal(.recordNotification(.individuals, at: h.now, count: nil, stateCode: nil), as: F.pat)
        #expect(noCount?.rule == "input.count-required" && noCount?.isBadInput == true)
        let noMethod = h.refusal(.recordNotification(.substitute, at: h.now, count: nil, stateCode: nil), as: F.pat)
        #expect(noMethod?.rule == "input.method-required" && noMethod?.isBadInput == true)
        let mismatch = h.refusal(
            .recordNotification(
                .individuals, at: h.now, count: 1, stateCode: nil, details: NoticeDetails(method: .webPosting)),
            as: F.pat)
        #expect(mismatch?.rule == "input.method-mismatch" && mismatch?.isBadInput == true)
    }

    @Test("for 10 or more unreachable, substitute notice is a web posting or major media, never an alternative notice")
    func substituteForm() throws {
        var h = try breach(total: 100, unreachable: 12)
        let refusal = h.refusal(
            .recordNotification(
                .substitute, at: h.now, count: nil, stateCode: nil, details: NoticeDetails(method: .alternative)),
            as: F.pat)
        #expect(refusal?.rule == "notification.substitute-form" && refusal?.isBadInput == false)
        #expect(refusal?.message.contains("164.404(d)(2)(ii)") == true)
        // Fewer than 10: an alternative written, telephone or other notice is the substitute notice.
        var few = try breach(total: 100, unreachable: 3)
        try few.run(
            .recordNotification(
                .substitute, at: few.now, count: 3, stateCode: nil, details: NoticeDetails(method: .alternative)),
            as: F.pat)
        try few.run(.recordNotification(.individuals, at: few.now, count: 97, stateCode: nil), as: F.pat)
        #expect(individuals(few)?.status == .met)
        // Unknown: it may be 10 or more.
        var unknown = try breach(total: 100, unreachable: nil)
        #expect(
            unknown.refusal(
                .recordNotification(
                    .substitute, at: unknown.now, count: nil, stateCode: nil,
                    details: NoticeDetails(method: .alternative)),
                as: F.pat)?.rule == "notification.substitute-form")
    }

    @Test("a web posting stays up 90 days and the toll-free line is live 90 days, both recorded")
    func ninetyDays() throws {
        var h = try breach(total: 100, unreachable: 12)
        let short = h.refusal(
            .recordNotification(
                .substitute, at: h.now, count: nil, stateCode: nil, details: F.webPosting(at: h.now, days: 30)),
            as: F.pat)
        #expect(short?.rule == "notification.substitute-90-days" && short?.isBadInput == false)
        let noLine = h.refusal(
            .recordNotification(
                .substitute, at: h.now, count: nil, stateCode: nil, details: NoticeDetails(method: .majorMedia)),
            as: F.pat)
        #expect(noLine?.rule == "input.required" && noLine?.message.contains("--toll-free") == true)
        try h.run(
            .recordNotification(.substitute, at: h.now, count: nil, stateCode: nil, details: F.webPosting(at: h.now)),
            as: F.pat)
        let notice = try #require(h.state.breach.notifications.last)
        #expect(notice.method == .webPosting && notice.tollFree?.number == "1-800-555-0100")
        #expect(notice.postedUntil == h.now.addingTimeInterval(90 * Self.day))
    }

    @Test("how a notice was given survives the stored form, and notices recorded before read as written")
    func storedForm() throws {
        let event = NotificationRecorded(
            recipient: .substitute, notifiedAt: F.start, count: nil, stateCode: nil, method: .webPosting,
            tollFree: TollFreeLine(number: "1-800-555-0100", from: F.start, until: F.start), postedUntil: F.start)
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(NotificationRecorded.self, from: data) == event)
        let old = #"{"recipient":"individuals","notifiedAt":0,"count":3}"#
        let decoded = try JSONDecoder().decode(NotificationRecorded.self, from: Data(old.utf8))
        #expect(decoded.method == nil && decoded.count == 3)
    }
}
