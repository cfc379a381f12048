import Foundation
import Testing

/// Issue 18, through the binary: `crisis audit rules` flags an incident recorded under an earlier
/// workflow version whose clocks the version in force now judges differently; nothing changes.
@Suite("audit rules flags clocks the rules in force now judge differently")
struct ClockRejudgementTests {
    @Test("a video opened under a version without the possible-breach rule is flagged; its record is unchanged")
    func oldVideoIsFlagged() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let copy = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("workflows-\(UUID())")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Workflows"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        // Version 5's rule: the breach track starts only once someone marks the patient identifiable.
        let file = copy.appendingPathComponent("inappropriate-video.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let older = text.replacingOccurrences(of: "\nversion: 6\n", with: "\nversion: 5\n")
            .replacingOccurrences(
                of:
                    "identifiability:\n  identifiable: mark-patient-identifiable\n  not-identifiable: mark-no-patient-identifiable\n",
                with: "breach-track-starts-with: mark-patient-identifiable\n")
        #expect(older != text)
        try older.write(to: file, atomically: true, encoding: .utf8)

        var team = try await Team.assemble(Team.cast)
        team.crisis.environment["CRISIS_WORKFLOWS"] = copy.path
        let longAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-70 * 86_400))
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "inappropriate-video", "--title", "Old video", "--platform", "x",
                "--url", "https://x.example/v/1", "--detected-at", longAgo, "--discovered-at", longAgo,
            ])
        #expect(await team.run("e2e_audrey", ["audit", "rules"]).status == 0)
        let before = try await team.eventTypes(id)

        team.crisis.environment["CRISIS_WORKFLOWS"] = nil
        let flagged = await team.run("e2e_audrey", ["audit", "rules"], expecting: 1)
        #expect(flagged.output.contains("[clocks.judged-differently]"), "\(flagged.output)")
        #expect(flagged.output.contains("individuals-notice would run"), "\(flagged.output)")
        #expect(flagged.output.contains("nothing recorded changes"), "\(flagged.output)")
        let show = try await team.json("e2e_alice", ["incident", "show", id]) as? [String: Any]
        #expect((show?["workflow"] as? [String: Any])?["version"] as? Int == 5, "\(show?.keys.sorted() ?? [])")
        #expect(try await team.eventTypes(id) == before)
    }
}
