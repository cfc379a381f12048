import CrisisDomain
import Foundation
import Testing

/// Issue 18: `crisis audit rules` flags incidents recorded under an earlier workflow version whose
/// clocks the version in force now judges differently; nothing recorded changes.
@Suite("Clocks judged differently by the rules in force now")
struct ClockRejudgementTests {
    typealias F = Fixtures

    /// inappropriate-video as version 5 had it: the breach track only once someone marked the
    /// patient identifiable, no finding that no patient is.
    func versionFive(_ current: WorkflowDefinition) -> WorkflowDefinition {
        var old = current
        old.version = 5
        old.contentHash = String(repeating: "5", count: 64)
        old.identifiability = nil
        old.breachTrackStartsWith = "mark-patient-identifiable"
        return old
    }

    @Test("a video no one found identifiable or not had no breach clock under v5; v6 flags the patient's notice")
    func unassessedVideoIsFlagged() throws {
        var h = try IncidentHarness("inappropriate-video")
        try h.open()
        h.advance(hours: 24 * 70)
        let old = versionFive(h.definition)
        let finding = try #require(
            clocksJudgedDifferently(h.state, version: 1, pinned: old, current: h.definition, now: h.now))
        #expect(finding.rule == "clocks.judged-differently")
        #expect(finding.explanation.contains("individuals-notice would run"), "\(finding.explanation)")
        #expect(finding.explanation.contains("missed"), "\(finding.explanation)")
        #expect(finding.explanation.contains("a breach would be presumed"), "\(finding.explanation)")
        // The same rules, or an incident already under the version in force, are not flagged.
        #expect(
            clocksJudgedDifferently(h.state, version: 1, pinned: h.definition, current: h.definition, now: h.now) == nil
        )
    }

    @Test("a video the privacy officer found no patient identifiable in is judged alike, and is not flagged")
    func notIdentifiableIsAlike() throws {
        var h = try IncidentHarness("inappropriate-video")
        try h.open()
        try h.run(.captureEvidence(url: "u", capturedAt: h.now, contentSHA256: F.hash), as: F.sam)
        try h.run(.act(action: "evidence-preserved", note: nil), as: F.alice)
        try h.run(.removal(.request(platform: "x", url: "https://x.example/p/1")), as: F.sam)
        try h.run(.act(action: "takedowns-requested", note: nil), as: F.alice)
        try h.run(.act(action: "mark-no-patient-identifiable", note: "no face, no voice"), as: F.pat)
        let old = versionFive(h.definition)
        #expect(clocksJudgedDifferently(h.state, version: 9, pinned: old, current: h.definition, now: h.now) == nil)
    }
}
