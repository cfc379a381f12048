import CrisisDomain
import Foundation
import Testing

/// Issue 18, 164.412: law-enforcement delays pause the notice clocks once, however many
/// statements cover a day, and a statement cannot be dated in the future.
@Suite("Law-enforcement delays pause each clock once")
struct LawEnforcementDelayTests {
    typealias F = Fixtures
    static let day: TimeInterval = 86_400

    func breach() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.recordAffectedPopulation(total: 12, residentsByState: ["NY": 12], unreachable: 0), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "r"), as: F.pat)
        return h
    }

    func individualsDue(_ h: IncidentHarness) -> Date? {
        deadlines(h.state, h.definition, now: h.now).first { $0.id == "individuals-notice" }?.dueAt
    }

    @Test("two overlapping written delays pause the clock for their union, not their sum")
    func overlappingNotAdded() throws {
        var h = try breach()
        h.now = F.start.addingTimeInterval(10 * Self.day)
        try h.run(
            .recordLawEnforcementDelay(
                .written, statedAt: h.now, until: F.start.addingTimeInterval(40 * Self.day), official: "FBI"), as: F.lee
        )
        h.now = F.start.addingTimeInterval(20 * Self.day)
        try h.run(
            .recordLawEnforcementDelay(
                .written, statedAt: h.now, until: F.start.addingTimeInterval(50 * Self.day), official: "US Attorney"),
            as: F.lee)
        // Paused from day 10 to day 50: 40 days, not 30 + 30.
        #expect(individualsDue(h) == F.start.addingTimeInterval(100 * Self.day))
    }

    @Test("an oral delay followed by a written one pauses from the first statement to the end of the written one")
    func oralThenWritten() throws {
        var h = try breach()
        h.now = F.start.addingTimeInterval(10 * Self.day)
        try h.run(.recordLawEnforcementDelay(.oral, statedAt: h.now, until: nil, official: "Det. Ruiz"), as: F.lee)
        h.now = F.start.addingTimeInterval(35 * Self.day)
        try h.run(
            .recordLawEnforcementDelay(
                .written, statedAt: h.now, until: F.start.addingTimeInterval(70 * Self.day), official: "Det. Ruiz"),
            as: F.lee)
        #expect(individualsDue(h) == F.start.addingTimeInterval(120 * Self.day))
    }

    @Test("a law-enforcement statement cannot be dated in the future, nor end before it was made")
    func statementTimes() throws {
        var h = try breach()
        let future = h.refusal(
            .recordLawEnforcementDelay(
                .oral, statedAt: h.now.addingTimeInterval(3_600), until: nil, official: "Det. Ruiz"), as: F.lee)
        #expect(future?.rule == "input.time-in-future" && future?.isBadInput == true)
        let backwards = h.refusal(
            .recordLawEnforcementDelay(
                .oral, statedAt: h.now, until: h.now.addingTimeInterval(-3_600), official: "Det. Ruiz"), as: F.lee)
        #expect(backwards?.rule == "input.invalid-period" && backwards?.isBadInput == true)
    }

    @Test("typed times of notices, statements and captures are kept beside the time they were recorded")
    func typedBesideRecorded() throws {
        var h = try breach()
        let typed = F.start.addingTimeInterval(-2 * Self.day)
        h.now = F.start.addingTimeInterval(Self.day)
        try h.run(.recordLawEnforcementDelay(.oral, statedAt: typed, until: nil, official: "Det. Ruiz"), as: F.lee)
        try h.run(.recordNotification(.individuals, at: typed, count: 12, stateCode: nil), as: F.pat)
        try h.run(.captureEvidence(url: "https://x.example/p/1", capturedAt: typed, contentSHA256: F.hash), as: F.pat)
        #expect(h.state.breach.lawEnforcementDelays.last?.recordedAt == h.now)
        #expect(h.state.breach.lawEnforcementDelays.last?.statedAt == typed)
        #expect(h.state.breach.notifications.last?.recordedAt == h.now)
        #expect(h.state.evidence.last?.recordedAt == h.now && h.state.evidence.last?.capturedAt == typed)
    }
}

/// Issue 18, 164.404(a)(2): discovery may move earlier freely; later only by the privacy officer.
@Suite("Discovery amendments")
struct DiscoveryAmendmentTests {
    typealias F = Fixtures

    @Test("moving discovery later than first recorded needs the privacy officer; earlier is always allowed")
    func laterNeedsPrivacyOfficer() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        h.advance(hours: 48)
        let first = try #require(h.state.discoveredAt)
        let later = h.refusal(
            .amendDiscovery(discoveredAt: first.addingTimeInterval(3_600), reason: "the shift lead saw it then"),
            as: F.alice)
        #expect(later?.rule == "discovery.later-needs-privacy-officer" && later?.isBadInput == false)
        try h.run(.amendDiscovery(discoveredAt: first.addingTimeInterval(-3_600), reason: "seen earlier"), as: F.alice)
        // Back to a time still later than the first recorded: the first time is the yardstick.
        #expect(
            h.refusal(.amendDiscovery(discoveredAt: first.addingTimeInterval(60), reason: "r"), as: F.lee)?.rule
                == "discovery.later-needs-privacy-officer")
        try h.run(
            .amendDiscovery(discoveredAt: first.addingTimeInterval(3_600), reason: "the poster saw it first"), as: F.pat
        )
        #expect(h.state.discoveryAmendments.count == 2 && h.state.discoveryAmendments.first?.from == first)
    }
}
