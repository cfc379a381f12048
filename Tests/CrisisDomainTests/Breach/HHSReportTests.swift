import CrisisDomain
import Foundation
import Testing

/// 164.408: HHS is owed notice of every breach; fewer than 500 changes when, not whether (issue 18).
@Suite("The HHS report is an obligation, not an option")
struct HHSReportTests {
    typealias F = Fixtures

    /// A phi-leak concluded a breach affecting 12 people in New York.
    func breach() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.recordAffectedPopulation(total: 12, residentsByState: ["NY": 12], unreachable: 0), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        return h
    }

    @Test("HHS cannot be recorded as not owed while a breach is presumed, however few are affected")
    func hhsNotOwedRefused() throws {
        var h = try breach()
        let refusal = h.refusal(
            .recordNotificationNotOwed(.hhs, stateCode: nil, reason: "fewer than 500: annual log"), as: F.pat)
        #expect(refusal?.rule == "notification.hhs-always-owed")
        #expect(refusal?.isBadInput == false)
        #expect(refusal?.message.contains("164.408(c)") == true)
        // Media notice may still be documented as not owed: under 500 residents of a state it is not.
        try h.run(.recordNotificationNotOwed(.media, stateCode: "NY", reason: "12 residents"), as: F.pat)
    }

    @Test("once a low probability of compromise is concluded, HHS may be documented as not owed")
    func hhsNotOwedAfterLowProbability() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.concludeAssessment(.lowProbability, reason: "removed in minutes; not viewed"), as: F.pat)
        try h.run(.recordNotificationNotOwed(.hhs, stateCode: nil, reason: "no breach: low probability"), as: F.pat)
    }

    @Test("the annual log does not hold back notifications-complete, and its clock stays open")
    func annualLogDoesNotBlock() throws {
        var h = try breach()
        try h.run(.recordNotification(.individuals, at: h.now, count: 12, stateCode: nil), as: F.pat)
        try h.run(.recordNotificationNotOwed(.media, stateCode: "NY", reason: "12 residents"), as: F.pat)
        let guardResult = h.definition.evaluate(.notificationsComplete, on: h.state)
        #expect(guardResult.isSatisfied, "\(guardResult.missing)")
        let open = openDeadlines(h.state, h.definition, now: h.now).map(\.name)
        #expect(open.contains("hhs-annual-log"))
        // Due 60 days after the end of the calendar year of discovery (2026: 1 March 2027).
        let annual = try #require(deadlines(h.state, h.definition, now: h.now).first { $0.name == "hhs-annual-log" })
        #expect(annual.dueAt > F.start.addingTimeInterval(200 * 86_400))
    }

    @Test("a closed incident still accepts notices, and only notices, notes and the post-mortem")
    func closedAcceptsNotices() {
        #expect(IncidentCommand.recordNotification(.hhs, at: F.start, count: 1, stateCode: nil).acceptedAfterClosing)
        #expect(
            !IncidentCommand.recordNotificationNotOwed(.hhs, stateCode: nil, reason: "r").acceptedAfterClosing)
        #expect(!IncidentCommand.message(.draft(channel: "public", body: .text("hi"))).acceptedAfterClosing)
        let notice = IncidentEvent.notificationRecorded(
            NotificationRecorded(recipient: .hhs, notifiedAt: F.start, count: 1, stateCode: nil))
        #expect(notice.acceptedAfterClosing)
    }

    @Test("the annual log lists each breach under 500 of its year of discovery, to submit until HHS is recorded")
    func annualLogEntries() throws {
        var h = try breach()
        try h.run(.recordNotification(.individuals, at: h.now, count: 12, stateCode: nil), as: F.pat)
        let log = annualLog([(h.state, h.definition)], year: 2026, now: h.now)
        let entry = try #require(log.first)
        #expect(log.count == 1)
        #expect(entry.affected == 12 && entry.residentsByState == ["NY": 12] && entry.individualsNotified == 12)
        #expect(entry.status == .toSubmit)
        // 60 days after the end of 2026: the last day is 1 March 2027 (in the workflow's time zone).
        #expect(entry.lastDay == "2027-03-01")
        #expect(annualLog([(h.state, h.definition)], year: 2025, now: h.now).isEmpty)
        #expect(
            annualLog([(h.state, h.definition)], year: 2026, now: entry.dueAt.addingTimeInterval(1)).first?.status
                == .overdue)

        try h.run(.recordNotification(.hhs, at: h.now, count: 12, stateCode: nil), as: F.pat)
        #expect(annualLog([(h.state, h.definition)], year: 2026, now: h.now).first?.status == .submitted)
    }

    @Test("a breach of 500 or more, or one concluded a low probability of compromise, is not in the annual log")
    func annualLogExcludes() throws {
        var large = try IncidentHarness("phi-leak")
        try large.open()
        try large.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try large.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try large.run(.recordAffectedPopulation(total: 600, residentsByState: ["NY": 600], unreachable: 0), as: F.pat)
        try large.run(.concludeAssessment(.breach, reason: "r"), as: F.pat)
        #expect(annualLog([(large.state, large.definition)], year: 2026, now: large.now).isEmpty)

        var low = try IncidentHarness("phi-leak")
        try low.open()
        try low.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try low.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try low.run(.recordAffectedPopulation(total: 3, residentsByState: ["NY": 3], unreachable: 0), as: F.pat)
        try low.run(.concludeAssessment(.lowProbability, reason: "not viewed"), as: F.pat)
        #expect(annualLog([(low.state, low.definition)], year: 2026, now: low.now).isEmpty)
    }

    @Test("without the affected population no notice track can end: its size-dependent clocks cannot be judged")
    func populationRequired() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        try h.run(.recordNotification(.individuals, at: h.now, count: 700, stateCode: nil), as: F.pat)
        let unknown = h.definition.evaluate(.notificationsComplete, on: h.state)
        #expect(!unknown.isSatisfied)
        #expect(unknown.missing.contains("affected population is not recorded"))
        // 700 affected: HHS is owed now, and media in New York.
        try h.run(.recordAffectedPopulation(total: 700, residentsByState: ["NY": 700], unreachable: 0), as: F.pat)
        let known = h.definition.evaluate(.notificationsComplete, on: h.state)
        #expect(known.missing.contains("hhs") && known.missing.contains("media (NY)"), "\(known.missing)")
    }

    @Test("a presumed breach whose population is unknown is in the annual log, as unknown, until it is known")
    func annualLogUnknownPopulation() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        let entry = try #require(annualLog([(h.state, h.definition)], year: 2026, now: h.now).first)
        #expect(entry.affected == nil && entry.lastDay == "2027-03-01" && entry.status == .toSubmit)
        try h.run(.recordAffectedPopulation(total: 900, residentsByState: ["NY": 900], unreachable: 0), as: F.pat)
        #expect(annualLog([(h.state, h.definition)], year: 2026, now: h.now).isEmpty)
    }

    @Test("a 'not owed' record for HHS made before a breach was presumed never meets an HHS clock")
    func earlierHHSNotOwedMeetsNothing() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        // As recorded before this rule (or on a workflow whose breach track starts with an action,
        // before it is taken): the event decide now refuses while a breach is presumed.
        h.state = evolve(
            h.state,
            Recorded(
                event: .notificationNotOwedRecorded(
                    NotificationNotOwedRecorded(recipient: .hhs, stateCode: nil, reason: "fewer than 500")),
                actor: "pat", recordedAt: h.now, version: h.state.version + 1))
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.recordAffectedPopulation(total: 12, residentsByState: ["NY": 12], unreachable: 0), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        let annual = try #require(deadlines(h.state, h.definition, now: h.now).first { $0.name == "hhs-annual-log" })
        #expect(annual.status == .pending)
    }

    @Test("the HHS portal's confirmation is recorded with the HHS entry, and refused as bad input for any other notice")
    func logEntryOnlyForHHS() throws {
        var h = try breach()
        let refusal = h.refusal(
            .recordNotification(.individuals, at: h.now, count: 12, stateCode: nil, logEntry: "HHS-1"), as: F.pat)
        #expect(refusal?.rule == "input.log-entry-not-hhs" && refusal?.isBadInput == true)
        try h.run(.recordNotification(.hhs, at: h.now, count: 12, stateCode: nil, logEntry: "HHS-1"), as: F.pat)
        #expect(h.state.breach.notifications.last?.logEntry == "HHS-1")
    }
}
