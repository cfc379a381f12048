import CrisisDomain
import Foundation
import Testing

/// Issue 18: a signed conclusion changes only by the privacy officer's revision, with a reason,
/// recorded beside the original; the same for an exclusion recorded after a breach conclusion.
/// A revision may end clocks still running, never rewrite a miss.
@Suite("Conclusion revisions keep the original and every miss")
struct ConclusionRevisionTests {
    typealias F = Fixtures

    /// A phi-leak concluded a breach with 20 affected, all reachable.
    func concluded() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.recordAffectedPopulation(total: 20, residentsByState: ["NY": 20], unreachable: 0), as: F.pat)
        try h.run(.concludeAssessment(.breach, reason: "chart legible"), as: F.pat)
        return h
    }

    func clock(_ h: IncidentHarness, _ id: String) -> DeadlineStatus? {
        deadlines(h.state, h.definition, now: h.now).first { $0.id == id }
    }

    @Test("a second conclusion is refused: a signed conclusion changes only by a revision")
    func secondConclusionRefused() throws {
        var h = try concluded()
        let refusal = h.refusal(.concludeAssessment(.lowProbability, reason: "changed my mind"), as: F.pat)
        #expect(refusal?.rule == "assessment.already-concluded" && refusal?.isBadInput == false)
        #expect(refusal?.message.contains("--revise") == true, "\(refusal?.message ?? "")")
        #expect(h.state.breach.conclusion?.conclusion == .breach)
    }

    @Test("only the privacy officer revises, with a reason; the original stays beside the revision")
    func revisionByPrivacyOfficer() throws {
        var h = try concluded()
        // Even where a workflow lets legal conclude, only the privacy officer revises.
        h.definition.permissions[.concludeAssessment] = ["privacy-officer", "legal"]
        #expect(
            h.refusal(.reviseAssessment(.lowProbability, reason: "forensics"), as: F.lee)?.rule
                == "assessment.revision-needs-privacy-officer")
        #expect(h.refusal(.reviseAssessment(.lowProbability, reason: "  "), as: F.pat)?.rule == "input.required")
        h.advance(hours: 24)
        try h.run(.reviseAssessment(.lowProbability, reason: "forensics: seen by 3 staff accounts"), as: F.pat)
        #expect(h.state.breach.conclusion?.conclusion == .lowProbability)
        #expect(h.state.breach.conclusion?.isRevision == true)
        #expect(h.state.breach.earlierConclusions?.map(\.conclusion) == [.breach])
        #expect(h.state.breach.earlierConclusions?.first?.reason == "chart legible")
        let sentence = try #require(h.history.last).event.sentence
        #expect(sentence.contains("from breach to low-probability"), "\(sentence)")
    }

    @Test("nothing to revise before a conclusion is signed")
    func nothingToRevise() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        #expect(
            h.refusal(.reviseAssessment(.breach, reason: "r"), as: F.pat)?.rule == "assessment.not-concluded")
    }

    @Test("a revision ends the clocks still running but a clock already missed stays missed in every read")
    func missStaysMissed() throws {
        var h = try concluded()
        // 61 days on: the individuals' notice is missed; HHS's annual log is still running.
        h.advance(hours: 61 * 24)
        let missedBefore = deadlines(h.state, h.definition, now: h.now).filter { $0.status == .missed }
        #expect(clock(h, "individuals-notice")?.status == .missed)
        #expect(clock(h, "hhs-annual-log")?.status == .pending)
        let events = try h.run(.reviseAssessment(.lowProbability, reason: "forensics"), as: F.pat)
        // The misses not yet recorded by the scanner are recorded with the revision.
        #expect(events.contains { if case .deadlineMissed = $0 { true } else { false } })
        h.advance(hours: 24 * 100)
        let after = deadlines(h.state, h.definition, now: h.now)
        for miss in missedBefore {
            let status = try #require(after.first { $0.id == miss.id }, "\(miss.id) vanished after the revision")
            #expect(status.status == .missed && status.dueAt == miss.dueAt)
        }
        #expect(clock(h, "individuals-notice")?.keptAfterRevision == true)
        // The running breach clock ended: no longer owed, never missed.
        #expect(clock(h, "hhs-annual-log") == nil)
        // The assessment's own clock was met by the original conclusion, and stays met.
        #expect(clock(h, "risk-assessment")?.status == .met)
        #expect(openDeadlines(h.state, h.definition, now: h.now).map(\.id).sorted() == missedBefore.map(\.id).sorted())
    }

    @Test("revising back to breach runs the clocks from the first breach determination, never later")
    func determinationNeverLater() throws {
        var h = try concluded()
        let first = try #require(h.state.breach.conclusion?.at)
        h.advance(hours: 48)
        try h.run(.reviseAssessment(.lowProbability, reason: "forensics"), as: F.pat)
        h.advance(hours: 48)
        try h.run(.reviseAssessment(.breach, reason: "a fourth account was a patient's relative"), as: F.pat)
        #expect(h.state.breach.firstBreachDeterminedAt == first)
        #expect(h.state.breach.earlierConclusions?.count == 2)
    }

    @Test("an exclusion after a breach conclusion is the privacy officer's, both checks stay, misses stay")
    func exclusionAfterConclusion() throws {
        var h = try concluded()
        h.advance(hours: 61 * 24)
        let missed = deadlines(h.state, h.definition, now: h.now).filter { $0.status == .missed }.map(\.id)
        #expect(missed.contains("individuals-notice"))
        let refusal = h.refusal(.recordExclusionCheck(exclusionApplies: true, reason: "unintentional"), as: F.lee)
        #expect(refusal?.rule == "exclusion.after-conclusion-needs-privacy-officer" && refusal?.isBadInput == false)
        try h.run(.recordExclusionCheck(exclusionApplies: true, reason: "workforce access in good faith"), as: F.pat)
        #expect(h.state.breach.earlierExclusionChecks?.map(\.exclusionApplies) == [false])
        #expect(h.state.breach.exclusionCheck?.exclusionApplies == true)
        let after = deadlines(h.state, h.definition, now: h.now)
        #expect(after.filter { $0.status == .missed }.map(\.id).sorted() == missed.sorted())
        #expect(after.first { $0.id == "hhs-annual-log" } == nil)
    }

    @Test("before any conclusion, legal may record the exclusion check as before")
    func exclusionBeforeConclusion() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.lee)
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly, checked again"), as: F.lee)
        #expect(h.state.breach.earlierExclusionChecks?.count == 1)
    }
}
