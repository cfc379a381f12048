import CrisisDomain
import Foundation
import Testing

/// Issue 18: a number not known yet is recorded as unknown, and every clock that depends on it
/// (HHS at 500, media over 500 residents of a state, substitute notice at 10 unreachable) stays
/// open until it is known: nothing is passed by a guess or by silence.
@Suite("An unknown population keeps its size-dependent clocks open")
struct UnknownPopulationTests {
    typealias F = Fixtures

    /// A phi-leak concluded a breach, with the population as given.
    func breach(total: Int?, states: [String: Int]?, unreachable: Int?) throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(
            .recordAffectedPopulation(total: total, residentsByState: states, unreachable: unreachable), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        return h
    }

    func clock(_ h: IncidentHarness, _ id: String) -> DeadlineStatus? {
        deadlines(h.state, h.definition, now: h.now).first { $0.id == id }
    }

    @Test("an unknown total keeps the HHS clock of 500 or more running beside the annual log until it is known")
    func unknownTotalKeepsHHS() throws {
        var h = try breach(total: nil, states: ["NY": 12], unreachable: 0)
        let hhs = try #require(clock(h, "hhs-notice"))
        #expect(hhs.openUntilKnown == "the number affected is unknown" && hhs.status == .pending)
        #expect(hhs.dueAt == F.start.addingTimeInterval(60 * 86_400))
        #expect(clock(h, "hhs-annual-log") != nil)
        #expect(annualLog([(h.state, h.definition)], year: 2026, now: h.now).first?.affected == nil)
        // Notices to everyone else do not end the track while the HHS clock of 500 may apply.
        try h.run(.recordNotification(.individuals, at: h.now, count: 12, stateCode: nil), as: F.pat)
        let guardResult = h.definition.evaluate(.notificationsComplete, on: h.state)
        #expect(
            guardResult.missing.contains("hhs, open while the number affected is unknown"), "\(guardResult.missing)")
        // Known to be 12: the 500 clock goes, the annual log stays.
        try h.run(.recordAffectedPopulation(total: 12, residentsByState: ["NY": 12], unreachable: 0), as: F.pat)
        #expect(clock(h, "hhs-notice") == nil && clock(h, "hhs-annual-log")?.openUntilKnown == nil)
    }

    @Test("an unknown number unreachable keeps substitute notice open, and it cannot be documented as not owed")
    func unknownUnreachableKeepsSubstitute() throws {
        var h = try breach(total: 12, states: ["NY": 12], unreachable: nil)
        #expect(clock(h, "substitute-notice")?.openUntilKnown == "the number who cannot be reached is unknown")
        let refusal = h.refusal(
            .recordNotificationNotOwed(.substitute, stateCode: nil, reason: "everyone has an address"), as: F.pat)
        #expect(refusal?.rule == "notification.size-unknown" && refusal?.isBadInput == false)
        #expect(refusal?.message.contains("crisis assessment affected") == true, "\(refusal?.message ?? "")")
        // Once known to be under 10, the clock does not apply and nothing needs documenting.
        try h.run(.recordAffectedPopulation(total: 12, residentsByState: ["NY": 12], unreachable: 2), as: F.pat)
        #expect(clock(h, "substitute-notice") == nil)
    }

    @Test("those of unknown residence keep a media clock open that neither a state's notice nor 'not owed' meets")
    func unknownResidenceKeepsMedia() throws {
        var h = try breach(total: 900, states: nil, unreachable: 0)
        let media = try #require(clock(h, "media-notice:residence-unknown"))
        #expect(media.openUntilKnown == "the states of residence of those affected are unknown")
        try h.run(.recordNotification(.media, at: h.now, count: nil, stateCode: "NY"), as: F.pat)
        #expect(clock(h, "media-notice:residence-unknown")?.status == .pending)
        #expect(
            h.refusal(.recordNotificationNotOwed(.media, stateCode: "NJ", reason: "few in NJ"), as: F.pat)?.rule
                == "notification.size-unknown")
        let guardResult = h.definition.evaluate(.notificationsComplete, on: h.state)
        #expect(guardResult.missing.contains("media (residence unknown)"), "\(guardResult.missing)")
        // Known: 700 in New York (noticed already) and 200 in New Jersey.
        try h.run(
            .recordAffectedPopulation(total: 900, residentsByState: ["NY": 700, "NJ": 200], unreachable: 0), as: F.pat)
        #expect(clock(h, "media-notice:residence-unknown") == nil)
        #expect(clock(h, "media-notice:NY")?.status == .met && clock(h, "media-notice:NJ") == nil)
    }

    @Test("more than 500 affected whose state is not recorded keep a media clock open, 500 or fewer do not")
    func unrecordedResidence() throws {
        let many = try breach(total: 2_000, states: ["NY": 1_200], unreachable: 0)
        #expect(
            clock(many, "media-notice:residence-unknown")?.openUntilKnown
                == "the state of residence of 800 of those affected is not recorded")
        let few = try breach(total: 1_600, states: ["NY": 1_200], unreachable: 0)
        #expect(clock(few, "media-notice:residence-unknown") == nil)
        // A total of 500 or fewer cannot pass 500 in any state, wherever they live.
        let small = try breach(total: 400, states: nil, unreachable: 0)
        #expect(clock(small, "media-notice:residence-unknown") == nil)
    }

    @Test("before the population is recorded at all, every size-dependent clock runs and none is 'not owed'")
    func notRecordedKeepsEverything() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        let ids = deadlines(h.state, h.definition, now: h.now).filter { $0.openUntilKnown != nil }.map(\.id)
        #expect(
            Set(ids)
                == ["hhs-notice", "hhs-annual-log", "media-notice:residence-unknown", "substitute-notice"],
            "\(ids)")
        #expect(
            deadlines(h.state, h.definition, now: h.now).allSatisfy {
                $0.openUntilKnown == nil || $0.openUntilKnown == "the affected population is not recorded"
            })
        #expect(
            h.refusal(.recordNotificationNotOwed(.media, stateCode: "NY", reason: "few"), as: F.pat)?.rule
                == "notification.size-unknown")
    }

    @Test("a low probability of compromise ends the presumption: unknown numbers then hold nothing open")
    func lowProbabilityEndsIt() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.recordAffectedPopulation(total: nil, residentsByState: nil, unreachable: nil), as: F.pat)
        try h.run(.concludeAssessment(.lowProbability, reason: "removed in minutes"), as: F.pat)
        #expect(deadlines(h.state, h.definition, now: h.now).allSatisfy { $0.openUntilKnown == nil })
        try h.run(.recordNotificationNotOwed(.media, stateCode: "NY", reason: "no breach"), as: F.pat)
    }

    @Test("known counts are still checked against each other when some are unknown")
    func countsChecked() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(
            h.refusal(.recordAffectedPopulation(total: 5, residentsByState: nil, unreachable: 6), as: F.pat)?.rule
                == "input.invalid-count")
        try h.run(.recordAffectedPopulation(total: nil, residentsByState: ["NY": 3], unreachable: 6), as: F.pat)
        #expect(h.state.breach.affected?.total == nil && h.state.breach.affected?.unreachable == 6)
    }

    @Test("a number recorded as unknown is stored as null, and read back as unknown")
    func storedAsNull() throws {
        let event = AffectedPopulationRecorded(total: nil, residentsByState: nil, unreachable: 4)
        let text = String(decoding: try JSONEncoder().encode(event), as: UTF8.self)
        #expect(text.contains("\"total\":null") && text.contains("\"residentsByState\":null"), "\(text)")
        #expect(try JSONDecoder().decode(AffectedPopulationRecorded.self, from: Data(text.utf8)) == event)
        // Recorded before unknown existed: every number present.
        let old = #"{"total":3,"residentsByState":{"CA":3},"unreachable":0}"#
        #expect(
            try JSONDecoder().decode(AffectedPopulationRecorded.self, from: Data(old.utf8))
                == AffectedPopulationRecorded(total: 3, residentsByState: ["CA": 3], unreachable: 0))
    }
}
