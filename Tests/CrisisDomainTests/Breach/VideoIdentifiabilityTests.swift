import CrisisDomain
import Foundation
import Testing

/// Issue 18: a video of a patient is a possible breach until the privacy officer signs, with the
/// reasons, that no patient is identifiable; neither the investigation nor the incident ends
/// without a finding; once identifiable, the clocks of phi-leak apply.
@Suite("inappropriate-video: a possible breach until a patient is found identifiable or not")
struct VideoIdentifiabilityTests {
    typealias F = Fixtures

    /// A video incident in the investigating state, with consent checked and family contacted.
    func investigating() throws -> IncidentHarness {
        var h = try IncidentHarness("inappropriate-video")
        try h.open()
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "evidence-preserved", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: F.sam)
        try h.run(.act(action: "takedowns-requested", note: nil), as: F.alice)
        try h.run(.act(action: "record-authorisation-check", note: "none signed"), as: F.lee)
        try h.run(.act(action: "patient-or-family-contacted", note: "family called"), as: F.rita)
        return h
    }

    func clockIds(_ h: IncidentHarness) -> [String] {
        deadlines(h.state, h.definition, now: h.now).map(\.id)
    }

    @Test("before any finding the patient's notice clock runs from discovery")
    func possibleBreachFromTheStart() throws {
        let h = try investigating()
        #expect(h.definition.version == 6)
        #expect(h.definition.isBreachPresumed(h.state))
        let notice = deadlines(h.state, h.definition, now: h.now).first { $0.id == "individuals-notice" }
        #expect(notice?.status == .pending)
        #expect(notice?.dueAt == F.start.addingTimeInterval(60 * 86_400))
    }

    @Test("neither the investigation nor the incident ends without a finding on identifiability")
    func noEndWithoutAFinding() throws {
        var h = try investigating()
        let refusal = h.refusal(.act(action: "investigation-complete", note: nil), as: F.alice)
        #expect(refusal?.rule == "action.guard")
        #expect(
            refusal?.message.contains("Whether a patient is identifiable is found") == true, "\(refusal?.message ?? "")"
        )
        let close = try #require(
            h.definition.state(named: "review")?.actions.first { $0.name == "close" })
        #expect(close.guards.contains("identifiability-found"))
        #expect(!h.definition.evaluate(guardNamed: "identifiability-found", on: h.state).isSatisfied)
    }

    @Test(
        "only the privacy officer signs that no patient is identifiable, with the reasons; the breach clocks then end")
    func privacyOfficerSignsNotIdentifiable() throws {
        var h = try investigating()
        #expect(
            h.refusal(.act(action: "mark-no-patient-identifiable", note: "blurred"), as: F.lee)?.rule == "action.role")
        // Even a workflow that lets legal take the action does not let legal sign the finding.
        var loose = h
        for s in loose.definition.states.indices {
            for a in loose.definition.states[s].actions.indices
            where loose.definition.states[s].actions[a].name == "mark-no-patient-identifiable" {
                loose.definition.states[s].actions[a].roles.append("legal")
                loose.definition.states[s].actions[a].requiresNote = false
            }
        }
        #expect(
            loose.refusal(.act(action: "mark-no-patient-identifiable", note: "blurred"), as: F.lee)?.rule
                == "identifiability.needs-privacy-officer")
        #expect(
            loose.refusal(.act(action: "mark-no-patient-identifiable", note: "  "), as: F.pat)?.rule
                == "action.note-required")
        try h.run(
            .act(action: "mark-no-patient-identifiable", note: "only the ceiling and a hand are visible; no voice"),
            as: F.pat)
        #expect(!h.definition.isBreachPresumed(h.state))
        #expect(!clockIds(h).contains("individuals-notice"))
        try h.run(.act(action: "investigation-complete", note: nil), as: F.alice)
    }

    @Test("once a patient is found identifiable, 'not identifiable' is refused: only the assessment ends the track")
    func identifiableCannotBeUnsaid() throws {
        var h = try investigating()
        try h.run(.act(action: "mark-patient-identifiable", note: "face and room number visible"), as: F.pat)
        let refusal = h.refusal(.act(action: "mark-no-patient-identifiable", note: "changed my mind"), as: F.pat)
        #expect(refusal?.rule == "identifiability.already-identifiable")
        #expect(refusal?.message.contains("--low-probability") == true, "\(refusal?.message ?? "")")
        #expect(h.definition.isBreachPresumed(h.state))
    }

    @Test(
        "after a signed breach conclusion, 'not identifiable' is refused: only a revision changes it, keeping misses"
    )
    func findingCannotUndoAConclusion() throws {
        var h = try investigating()
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "posted publicly"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.concludeAssessment(.breach, reason: "the patient's face is clear"), as: F.pat)
        let refusal = h.refusal(.act(action: "mark-no-patient-identifiable", note: "blurred after all"), as: F.pat)
        #expect(refusal?.rule == "identifiability.after-breach-conclusion")
        #expect(refusal?.message.contains("--revise") == true, "\(refusal?.message ?? "")")
        #expect(h.definition.isBreachPresumed(h.state))
    }

    @Test("a later finding that a patient is identifiable puts the breach clocks back")
    func identifiableAfterNot() throws {
        var h = try investigating()
        try h.run(.act(action: "mark-no-patient-identifiable", note: "no face shown"), as: F.pat)
        try h.run(.act(action: "mark-patient-identifiable", note: "a second clip shows the face"), as: F.pat)
        #expect(h.definition.isBreachPresumed(h.state))
        #expect(clockIds(h).contains("individuals-notice"))
    }

    @Test("once identifiable, the HHS clock of 500 or more, media per state over 500 and substitute notice apply")
    func phiLeakClocksApply() throws {
        var h = try investigating()
        try h.run(.act(action: "mark-patient-identifiable", note: "ward and faces visible"), as: F.pat)
        try h.run(.recordExclusionCheck(exclusionApplies: false, reason: "no exclusion fits"), as: F.pat)
        for factor in 1...4 { try h.run(.recordAssessmentFactor(factor: factor, finding: "f"), as: F.pat) }
        try h.run(.concludeAssessment(.breach, reason: "ward census visible"), as: F.pat)
        try h.run(
            .recordAffectedPopulation(total: 900, residentsByState: ["NY": 600, "NJ": 300], unreachable: 12),
            as: F.pat)
        let ids = clockIds(h)
        #expect(ids.contains("hhs-notice") && !ids.contains("hhs-annual-log"), "\(ids)")
        #expect(ids.contains { $0.hasPrefix("media-notice") && $0.contains("NY") }, "\(ids)")
        #expect(!ids.contains { $0.hasPrefix("media-notice") && $0.contains("NJ") }, "\(ids)")
        #expect(ids.contains("substitute-notice"), "\(ids)")
    }
}
