import CrisisDomain
import Foundation
import Testing

@Suite("Deadlines")
struct DeadlineTests {
    typealias F = Fixtures
    static let day: TimeInterval = 86_400

    func breach(
        _ kind: String = "phi-leak", overlays: [String] = [], affected: Int = 12, states: [String: Int] = ["NY": 12],
        unreachable: Int = 0
    ) throws -> IncidentHarness {
        var h = try IncidentHarness(kind, overlays: overlays)
        try h.open()
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(
            .recordAffectedPopulation(total: affected, residentsByState: states, unreachable: unreachable), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "r"), as: F.pat)
        return h
    }

    func status(_ h: IncidentHarness, _ id: String, at now: Date? = nil) -> DeadlineStatus? {
        deadlines(h.state, h.definition, now: now ?? h.now).first { $0.id == id }
    }

    @Test("individuals must be notified within 60 calendar days of discovery")
    func individuals() throws {
        let h = try breach()
        let s = try #require(status(h, "individuals-notice"))
        #expect(s.dueAt == F.start.addingTimeInterval(60 * Self.day))
        #expect(s.citation.contains("164.404(b)"))
        #expect(s.status == .pending)
        #expect(status(h, "individuals-notice", at: F.start.addingTimeInterval(61 * Self.day))?.status == .missed)
    }

    @Test("amending discovery recomputes every clock anchored on it")
    func amendRecomputes() throws {
        var h = try breach()
        try h.run(
            .amendDiscovery(discoveredAt: F.start.addingTimeInterval(-10 * Self.day), reason: "seen earlier"), as: F.pat
        )
        #expect(status(h, "individuals-notice")?.dueAt == F.start.addingTimeInterval(50 * Self.day))
        #expect(status(h, "risk-assessment")?.dueAt == F.start)
    }

    @Test("a notice given after the deadline counts as missed")
    func metLate() throws {
        var h = try breach()
        h.now = F.start.addingTimeInterval(70 * Self.day)
        try h.run(
            .recordNotification(
                .individuals, at: h.now, count: 12, stateCode: nil,
                details: NoticeDetails(delayReason: "the addresses were lost")), as: F.pat)
        #expect(status(h, "individuals-notice")?.status == .missed)
    }

    @Test("a notice given in time meets the deadline")
    func met() throws {
        var h = try breach()
        try h.run(.recordNotification(.individuals, at: h.now, count: 12, stateCode: nil), as: F.pat)
        #expect(status(h, "individuals-notice", at: F.start.addingTimeInterval(90 * Self.day))?.status == .met)
    }

    @Test("HHS is notified with individuals at 500 or more, otherwise in the annual log by 1 March")
    func hhs() throws {
        let small = try breach()
        #expect(status(small, "hhs-notice") == nil)
        let log = try #require(status(small, "hhs-annual-log"))
        let ny = try #require(TimeZone(identifier: "America/New_York"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ny
        #expect(
            calendar.dateComponents([.year, .month, .day], from: log.dueAt)
                == DateComponents(year: 2027, month: 3, day: 2))
        let large = try breach(affected: 600, states: ["NY": 600])
        #expect(status(large, "hhs-notice")?.dueAt == F.start.addingTimeInterval(60 * Self.day))
        #expect(status(large, "hhs-annual-log") == nil)
    }

    @Test("substitute notice is owed within 60 days once 10 or more people cannot be reached, not at 9")
    func substituteNotice() throws {
        #expect(status(try breach(unreachable: 9), "substitute-notice") == nil)
        var h = try breach(unreachable: 10)
        let s = try #require(status(h, "substitute-notice"))
        #expect(s.dueAt == F.start.addingTimeInterval(60 * Self.day))
        #expect(s.citation.contains("164.404(d)(2)"))
        try h.run(
            .recordNotification(
                .substitute, at: h.now, count: 10, stateCode: nil, details: F.webPosting(at: h.now)), as: F.pat)
        #expect(status(h, "substitute-notice", at: F.start.addingTimeInterval(90 * Self.day))?.status == .met)
    }

    @Test("media must be notified in each state with more than 500 affected residents, counted per state")
    func mediaPerState() throws {
        let h = try breach(affected: 1_100, states: ["NY": 501, "NJ": 500, "CT": 99])
        let media = deadlines(h.state, h.definition, now: h.now).filter { $0.name == "media-notice" }
        #expect(media.map(\.id) == ["media-notice:NY"])
    }

    @Test("a written law-enforcement delay pauses the clocks for its period")
    func writtenDelay() throws {
        var h = try breach()
        h.advance(hours: 24 * 10)
        try h.run(
            .recordLawEnforcementDelay(
                .written, statedAt: h.now, until: h.now.addingTimeInterval(20 * Self.day), official: "FBI"), as: F.lee)
        #expect(status(h, "individuals-notice")?.dueAt == F.start.addingTimeInterval(80 * Self.day))
        #expect(status(h, "individuals-notice")?.pausedSeconds == 20 * Self.day)
        #expect(status(h, "risk-assessment")?.dueAt == F.start.addingTimeInterval(10 * Self.day))
    }

    @Test("an oral law-enforcement delay pauses the clocks for at most 30 days")
    func oralDelay() throws {
        var h = try breach()
        try h.run(
            .recordLawEnforcementDelay(
                .oral, statedAt: h.now, until: h.now.addingTimeInterval(90 * Self.day), official: "Det. Ruiz"),
            as: F.lee)
        #expect(status(h, "individuals-notice")?.dueAt == F.start.addingTimeInterval(90 * Self.day))
    }

    @Test("California's overlay adds 15-business-day clocks from detection for the state and the patient")
    func california() throws {
        let h = try breach(overlays: ["california"], states: ["CA": 12])
        let cdph = try #require(status(h, "ca-cdph-report:CA"))
        // Monday 4 May + 15 business days = Monday 25 May, same time of day (holidays are not modelled).
        #expect(cdph.dueAt == F.start.addingTimeInterval(21 * Self.day))
        #expect(cdph.source == "california")
        #expect(status(h, "ca-patient-notice:CA") != nil)
    }

    @Test("California's clocks do not apply when no California resident is affected")
    func californiaThreshold() throws {
        let h = try breach(overlays: ["california"], states: ["NY": 12])
        #expect(status(h, "ca-cdph-report:CA") == nil)
    }

    @Test("the deadline scanner records a missed deadline and its escalation exactly once")
    func scanIdempotent() throws {
        var h = try breach()
        h.now = F.start.addingTimeInterval(61 * Self.day)
        let events = try h.run(.recordMissedDeadlines, as: F.alice)
        let missed = events.compactMap { if case .deadlineMissed(let e) = $0 { e.deadlineId } else { nil } }
        #expect(missed.contains("individuals-notice"))
        #expect(
            events.contains(
                .deadlineEscalated(DeadlineEscalated(deadlineId: "individuals-notice", escalatedTo: "privacy-officer")))
        )
        #expect(try h.run(.recordMissedDeadlines, as: F.alice).isEmpty)
        #expect(status(h, "individuals-notice")?.recordedMissed == true)
        #expect(status(h, "individuals-notice")?.escalated == true)
    }

    @Test("nothing is recorded while every deadline is pending")
    func scanNothingDue() throws {
        var h = try breach()
        #expect(try h.run(.recordMissedDeadlines, as: F.alice).isEmpty)
    }

    @Test("a missed first response escalates to on-call outside business hours")
    func onCallOutsideHours() throws {
        var h = try IncidentHarness("viral-complaint")
        h.now = F.start.addingTimeInterval(10 * 3_600)  // 19:00 New York: after hours
        try h.open()
        h.advance(hours: 3)
        let events = try h.run(.recordMissedDeadlines, as: F.alice)
        #expect(
            events.contains(
                .deadlineEscalated(DeadlineEscalated(deadlineId: "first-public-response", escalatedTo: "on-call"))))
    }

    @Test("a missed first response escalates to communications in business hours")
    func communicationsInHours() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        h.advance(hours: 3)
        let events = try h.run(.recordMissedDeadlines, as: F.alice)
        #expect(
            events.contains(
                .deadlineEscalated(
                    DeadlineEscalated(deadlineId: "first-public-response", escalatedTo: "communications"))))
    }

    @Test("the first public response is met by publishing the holding statement in time")
    func firstResponseMet() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        #expect(status(h, "first-public-response")?.dueAt == F.start.addingTimeInterval(2 * 3_600))
        let id = try h.approvedMessage("We hear you.", channel: "holding", approvers: [F.pat, F.cora])
        h.advance(hours: 1)
        try h.publish(id)
        let met = try #require(status(h, "first-public-response", at: F.start.addingTimeInterval(5 * 3_600)))
        #expect(met.status == .met)
        #expect(met.metAt == h.now)
        #expect(status(h, "public-reply", at: F.start.addingTimeInterval(9 * 3_600))?.status == .missed)
    }

    @Test("the risk-assessment clock is met by the privacy officer's conclusion")
    func assessmentClock() throws {
        let h = try breach()
        #expect(status(h, "risk-assessment", at: F.start.addingTimeInterval(30 * Self.day))?.status == .met)
        var open = try IncidentHarness("phi-leak")
        try open.open()
        #expect(status(open, "risk-assessment", at: F.start.addingTimeInterval(11 * Self.day))?.status == .missed)
    }

    @Test("business days skip weekends")
    func businessDays() {
        let calendar = BusinessCalendar(hours: BusinessHours(timeZone: "America/New_York"))
        let friday = F.start.addingTimeInterval(4 * Self.day)
        #expect(
            calendar.adding(WorkflowDuration(amount: 1, unit: .businessDays), to: friday)
                == F.start.addingTimeInterval(7 * Self.day))
        #expect(calendar.isWeekend(F.start.addingTimeInterval(5 * Self.day)))
        #expect(calendar.isWithinBusinessHours(F.start))
    }

    @Test("a warning business days before a Monday deadline falls on the Friday before, not the Sunday")
    func businessDaysBack() {
        let calendar = BusinessCalendar(hours: BusinessHours(timeZone: "America/New_York"))
        let monday = F.start.addingTimeInterval(7 * Self.day)
        #expect(
            calendar.subtracting(WorkflowDuration(amount: 1, unit: .businessDays), from: monday)
                == F.start.addingTimeInterval(4 * Self.day))
        #expect(
            calendar.subtracting(WorkflowDuration(amount: 1, unit: .calendarDays), from: monday)
                == F.start.addingTimeInterval(6 * Self.day))
        #expect(
            calendar.subtracting(WorkflowDuration(amount: 90, unit: .minutes), from: monday)
                == monday.addingTimeInterval(-90 * 60))
    }
}
