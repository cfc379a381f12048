import Foundation
import Testing

/// Issue 18, "clocks cannot vanish after the fact", through the binary: conclusion revisions,
/// exclusions after a conclusion, the breach's date and who first knew, discovery taken from a
/// linked complaint, and the reason a notice later than prompt-notice must give.
@Suite("Breach revisions and prompt notice, through the binary")
struct BreachRevisionTests {
    static func ago(days: Double) -> String {
        ISO8601DateFormatter().string(from: Date().addingTimeInterval(-days * 86_400))
    }

    /// A phi-leak discovered `days` ago, concluded a breach with 20 affected in New York.
    func breach(_ team: Team, discoveredDaysAgo days: Double) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a selfie", "--platform", "instagram",
                "--url", "https://instagram.example/p/1", "--discovered-at", Self.ago(days: days), "--detected-at",
                Self.ago(days: days),
            ])
        await team.run("e2e_pat", ["assessment", "exclusion", id, "--does-not-apply", "--reason", "Posted publicly"])
        for factor in 1...4 {
            await team.run("e2e_pat", ["assessment", "record", id, "--factor", "\(factor)", "--finding", "f\(factor)"])
        }
        await team.run(
            "e2e_pat", ["assessment", "affected", id, "--total", "20", "--state", "NY=20", "--unreachable", "0"])
        await team.run("e2e_pat", ["assessment", "conclude", id, "--breach", "--reason", "Chart legible"])
        return id
    }

    /// `crisis deadlines --json` for one incident: clock id to status.
    func statuses(_ team: Team, _ id: String) async throws -> [String: String] {
        let lines = try await team.json("e2e_pat", ["deadlines"]) as? [[String: Any]] ?? []
        var result: [String: String] = [:]
        for line in lines where (line["incident"] as? String)?.lowercased() == id.lowercased() {
            if let deadline = line["deadline"] as? [String: Any], let clock = deadline["id"] as? String {
                result[clock] = deadline["status"] as? String
            }
        }
        return result
    }

    @Test("a second conclusion is refused; the privacy officer's revision keeps the original, and a miss stays missed")
    func revisionKeepsMisses() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team, discoveredDaysAgo: 61)
        #expect(try await statuses(team, id)["individuals-notice"] == "missed")

        let again = await team.run(
            "e2e_pat", ["assessment", "conclude", id, "--low-probability", "--reason", "Second thoughts"], expecting: 1)
        #expect(again.errors.contains("--revise"), "\(again.errors)")
        await team.run(
            "e2e_lee", ["assessment", "conclude", id, "--low-probability", "--revise", "--reason", "Forensics"],
            expecting: 1)
        await team.run(
            "e2e_pat",
            ["assessment", "conclude", id, "--low-probability", "--revise", "--reason", "Forensics: 3 staff viewers"])

        // The miss stays in every read: deadlines, incident show, the HTML export.
        let after = try await statuses(team, id)
        #expect(after["individuals-notice"] == "missed", "\(after)")
        let show = try await team.json("e2e_pat", ["incident", "show", id]) as? [String: Any]
        let breach = ((show?["state"] as? [String: Any])?["breach"] as? [String: Any]) ?? [:]
        #expect((breach["earlierConclusions"] as? [[String: Any]])?.first?["conclusion"] as? String == "breach")
        #expect((breach["conclusion"] as? [String: Any])?["conclusion"] as? String == "low-probability")
        let text = await team.run("e2e_pat", ["incident", "show", id])
        #expect(text.output.contains("stays missed"), "\(text.output)")
        #expect(text.output.contains("conclusion: breach by e2e_pat"), "\(text.output)")
        let timeline = await team.run("e2e_pat", ["incident", "timeline", id])
        #expect(
            timeline.output.contains("revised the risk assessment's conclusion from breach to low-probability"),
            "\(timeline.output)")
        let html =
            (ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory())
            + "/revision-\(UUID().uuidString.prefix(8)).html"
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "html", "--out", html])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("stays missed") && page.contains("(later revised)"))
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("an exclusion after a breach conclusion is the privacy officer's; both checks stay visible")
    func exclusionAfterConclusion() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team, discoveredDaysAgo: 61)
        let refused = await team.run(
            "e2e_lee", ["assessment", "exclusion", id, "--applies", "--reason", "Good-faith access"], expecting: 1)
        #expect(refused.errors.contains("only the privacy officer"), "\(refused.errors)")
        await team.run("e2e_pat", ["assessment", "exclusion", id, "--applies", "--reason", "Good-faith access"])
        let text = await team.run("e2e_pat", ["incident", "show", id])
        #expect(text.output.contains("exclusion check: does not apply"), "\(text.output)")
        #expect(text.output.contains("exclusion check: applies"), "\(text.output)")
        #expect(try await statuses(team, id)["individuals-notice"] == "missed")
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("the breach's date and who first knew are recorded, checked and amended only with a reason")
    func circumstances() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team, discoveredDaysAgo: 1)
        let base = ["assessment", "circumstances", id]
        await team.run("e2e_pat", base + ["--breach-date", Self.ago(days: -1), "--first-known-by", "x"], expecting: 2)
        await team.run(
            "e2e_pat", base + ["--first-known-by", "Agency nurse", "--committed-by", "agency nurse"], expecting: 2)
        await team.run(
            "e2e_pat",
            base + [
                "--breach-date", Self.ago(days: 3), "--first-known-by", "Charge nurse Okafor", "--committed-by",
                "Agency nurse",
            ])
        await team.run("e2e_pat", base + ["--breach-date", Self.ago(days: 4)], expecting: 2)
        await team.run("e2e_pat", base + ["--breach-date", Self.ago(days: 4), "--reason", "Photo metadata"])
        let text = await team.run("e2e_pat", ["incident", "show", id])
        #expect(text.output.contains("first known by: Charge nurse Okafor"), "\(text.output)")
        #expect(text.output.contains("amended because: Photo metadata"), "\(text.output)")
        let timeline = await team.run("e2e_pat", ["incident", "timeline", id])
        #expect(timeline.output.contains("amended the breach's circumstances"), "\(timeline.output)")
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("a phi-leak opened from a complaint with --phi-from-start takes its discovery time and says so")
    func linkedDiscovery() async throws {
        let team = try await Team.assemble(Team.cast)
        let complaint = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Thread", "--platform", "x", "--url",
                "https://x.example/1", "--discovered-at", Self.ago(days: 3), "--detected-at", Self.ago(days: 3),
            ])
        await team.run(
            "e2e_alice", ["incident", "assign", complaint, "--role", "commander", "--to", "e2e_alice"])
        await team.run(
            "e2e_alice",
            ["incident", "open", "--kind", "phi-leak", "--title", "Chart in thread", "--phi-from-start"],
            expecting: 2)
        let leak = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in thread", "--linked-to", complaint,
                "--phi-from-start",
            ])
        let complaintState =
            (try await team.json("e2e_alice", ["incident", "show", complaint]) as? [String: Any])?["state"]
            as? [String: Any]
        let leakState =
            (try await team.json("e2e_alice", ["incident", "show", leak]) as? [String: Any])?["state"] as? [String: Any]
        let discovered = complaintState?["discoveredAt"] as? String
        #expect(discovered != nil && leakState?["discoveredAt"] as? String == discovered)
        let source = (leakState?["breach"] as? [String: Any])?["discoverySource"] as? [String: Any]
        #expect((source?["linkedIncident"] as? String)?.lowercased() == complaint.lowercased())
        let timeline = await team.run("e2e_alice", ["incident", "timeline", leak])
        #expect(timeline.output.contains("taken from linked incident"), "\(timeline.output)")
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("a notice later than prompt-notice is refused without --delay-reason, which is recorded and shown")
    func promptNotice() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team, discoveredDaysAgo: 40)
        let notice = [
            "notification", "record", id, "--to", "individuals", "--at", Self.ago(days: 0.01), "--count", "20",
        ]
        let refused = await team.run("e2e_pat", notice, expecting: 2)
        #expect(refused.errors.contains("--delay-reason"), "\(refused.errors)")
        #expect(try await team.eventTypes(id).last != "NotificationRecorded")
        await team.run("e2e_pat", notice + ["--delay-reason", "Addresses arrived from the vendor on day 38"])
        let text = await team.run("e2e_pat", ["incident", "show", id])
        #expect(
            text.output.contains("later than prompt notice because: Addresses arrived from the vendor"),
            "\(text.output)")
        let timeline = await team.run("e2e_pat", ["incident", "timeline", id])
        #expect(timeline.output.contains("Addresses arrived from the vendor"), "\(timeline.output)")
        try await team.expectEveryReplayMatchesShow()
    }
}
