import CrisisStore
import Foundation
import Testing

/// Issue 18: the affected population, through the binary: a number not known yet is recorded
/// as unknown and keeps the clocks that depend on it open until it is known.
@Suite("The affected population, through the binary")
struct BreachPopulationTests {
    /// A phi-leak concluded a breach; returns its id.
    func breach(_ team: Team) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a selfie", "--platform", "instagram",
                "--url", "https://instagram.example/p/1",
            ])
        await team.run("e2e_pat", ["assessment", "exclusion", id, "--does-not-apply", "--reason", "Posted publicly"])
        for factor in 1...4 {
            await team.run("e2e_pat", ["assessment", "record", id, "--factor", "\(factor)", "--finding", "f\(factor)"])
        }
        await team.run("e2e_pat", ["assessment", "conclude", id, "--breach", "--reason", "Chart legible"])
        return id
    }

    /// The open clocks of `id` by deadline id, with what keeps each open while a number is unknown.
    func clocks(_ team: Team, _ id: String) async throws -> [String: String] {
        let lines = try await team.json("e2e_pat", ["deadlines"]) as? [[String: Any]] ?? []
        var result: [String: String] = [:]
        for line in lines where (line["incident"] as? String)?.lowercased() == id.lowercased() {
            guard let deadline = line["deadline"] as? [String: Any], let clock = deadline["id"] as? String else {
                continue
            }
            result[clock] = deadline["openUntilKnown"] as? String ?? ""
        }
        return result
    }

    @Test("numbers recorded as unknown keep HHS at 500, media and substitute notice open, and 'not owed' is refused")
    func unknownKeepsClocksOpen() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team)
        await team.run(
            "e2e_pat",
            ["assessment", "affected", id, "--total", "unknown", "--residence-unknown", "--unreachable", "unknown"])
        let open = try await clocks(team, id)
        #expect(open["hhs-notice"] == "the number affected is unknown", "\(open)")
        #expect(open["substitute-notice"] == "the number who cannot be reached is unknown", "\(open)")
        #expect(open["media-notice:residence-unknown"] != nil && open["hhs-annual-log"] != nil, "\(open)")
        let table = await team.run("e2e_pat", ["deadlines"])
        #expect(table.output.contains("open while the number affected is unknown"), "\(table.output)")

        let refused = await team.run(
            "e2e_pat", ["notification", "not-owed", id, "--to", "media", "--state", "NY", "--reason", "Few in NY"],
            expecting: 1)
        #expect(refused.errors.contains("cannot be documented as not owed while"), "\(refused.errors)")
        #expect(try await team.eventTypes(id).last == "CommandRefused")
        // A count that is neither a number nor unknown is bad input; --unreachable cannot be left out.
        await team.run(
            "e2e_pat", ["assessment", "affected", id, "--total", "some", "--unreachable", "0"], expecting: 2)
        await team.run("e2e_pat", ["assessment", "affected", id, "--total", "12"], expecting: 2)

        await team.run(
            "e2e_pat", ["assessment", "affected", id, "--total", "12", "--state", "NY=12", "--unreachable", "0"])
        let known = try await clocks(team, id)
        #expect(known["hhs-notice"] == nil && known["substitute-notice"] == nil, "\(known)")
        #expect(known["media-notice:residence-unknown"] == nil && known["hhs-annual-log"] == "", "\(known)")
        await team.run(
            "e2e_pat", ["notification", "not-owed", id, "--to", "media", "--state", "NY", "--reason", "12 in NY"])
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("the individuals' notice stays open until the counts reach everyone, and the substitute notice has its form")
    func individualsUntilEveryone() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team)
        await team.run(
            "e2e_pat", ["assessment", "affected", id, "--total", "100", "--state", "NY=100", "--unreachable", "12"])
        let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        let inNinetyDays = ISO8601DateFormatter().string(from: Date().addingTimeInterval(91 * 86_400))
        let inThirtyDays = ISO8601DateFormatter().string(from: Date().addingTimeInterval(30 * 86_400))
        await team.run("e2e_pat", ["notification", "record", id, "--to", "individuals", "--at", now], expecting: 2)
        await team.run(
            "e2e_pat", ["notification", "record", id, "--to", "individuals", "--at", now, "--count", "88"])
        await team.run(
            "e2e_pat",
            [
                "notification", "record", id, "--to", "individuals", "--at", now, "--count", "5", "--method",
                "urgent-telephone",
            ])
        #expect(try await clocks(team, id)["individuals-notice"] != nil)

        await team.run("e2e_pat", ["notification", "record", id, "--to", "substitute", "--at", now], expecting: 2)
        let alternative = await team.run(
            "e2e_pat", ["notification", "record", id, "--to", "substitute", "--at", now, "--method", "alternative"],
            expecting: 1)
        #expect(alternative.errors.contains("164.404(d)(2)(ii)"), "\(alternative.errors)")
        let posting = [
            "notification", "record", id, "--to", "substitute", "--at", now, "--method", "web-posting",
            "--toll-free", "1-800-555-0100", "--toll-free-from", now,
        ]
        await team.run(
            "e2e_pat", posting + ["--toll-free-until", inThirtyDays, "--posted-until", inNinetyDays], expecting: 1)
        await team.run("e2e_pat", posting + ["--toll-free-until", inNinetyDays, "--posted-until", inNinetyDays])
        let open = try await clocks(team, id)
        #expect(open["individuals-notice"] == nil && open["substitute-notice"] == nil, "\(open)")
        let timeline = await team.run("e2e_pat", ["incident", "timeline", id])
        #expect(timeline.output.contains("by web-posting, toll-free 1-800-555-0100"), "\(timeline.output)")
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("law-enforcement statements are recorded through the binary, and overlapping ones pause the clock once")
    func lawEnforcementDelays() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await breach(team)
        await team.run(
            "e2e_pat", ["assessment", "affected", id, "--total", "12", "--state", "NY=12", "--unreachable", "0"])
        func due() async throws -> String? {
            let lines = try await team.json("e2e_pat", ["deadlines"]) as? [[String: Any]] ?? []
            return lines.compactMap { $0["deadline"] as? [String: Any] }
                .first { $0["id"] as? String == "individuals-notice" }?["pausedSeconds"].map { "\($0)" }
        }
        let format = ISO8601DateFormatter()
        let stated = format.string(from: Date().addingTimeInterval(-3_600))
        await team.run(
            "e2e_lee",
            ["notification", "delay", id, "--oral", "--stated-at", stated, "--official", "Det. Ruiz, NYPD"])
        await team.run(
            "e2e_lee",
            [
                "notification", "delay", id, "--written", "--stated-at", stated, "--until",
                format.string(from: Date().addingTimeInterval(20 * 86_400 - 3_600)), "--official", "Det. Ruiz, NYPD",
            ])
        // The oral statement's 30 days (from an hour before the incident opened) cover the written
        // 20: paused a little under 30 days, once, not 50.
        let paused = try await due().flatMap(Double.init) ?? 0
        #expect(paused > 29 * 86_400 && paused <= 30 * 86_400, "\(paused)")
        let future = format.string(from: Date().addingTimeInterval(86_400))
        await team.run(
            "e2e_lee", ["notification", "delay", id, "--oral", "--stated-at", future, "--official", "FBI"],
            expecting: 2)
        await team.run(
            "e2e_lee", ["notification", "delay", id, "--stated-at", stated, "--official", "FBI"], expecting: 2)
        // The report shows the typed time beside the time it was recorded.
        let out =
            (ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory())
            + "/breach-\(UUID().uuidString.prefix(8)).html"
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "html", "--out", out])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("law-enforcement delay (oral) by Det. Ruiz, NYPD, stated at"), "\(html)")
        #expect(html.contains("(as typed; recorded at"))
        try await team.expectEveryReplayMatchesShow()
    }

    @Test("discovery moved later than first recorded is refused to the commander and accepted from the privacy officer")
    func discoveryLater() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a selfie", "--platform", "x", "--url",
                "https://x.example/1", "--discovered-at", "2026-05-04T09:00:00-04:00",
            ])
        let refused = await team.run(
            "e2e_alice",
            ["incident", "discovery", id, "--at", "2026-05-05T09:00:00-04:00", "--reason", "Seen Tuesday"],
            expecting: 1)
        #expect(refused.errors.contains("only the privacy officer may"), "\(refused.errors)")
        await team.run(
            "e2e_alice",
            ["incident", "discovery", id, "--at", "2026-05-03T09:00:00-04:00", "--reason", "Seen Sunday"])
        await team.run(
            "e2e_pat",
            ["incident", "discovery", id, "--at", "2026-05-05T09:00:00-04:00", "--reason", "The poster saw it Sunday"])
        try await team.expectEveryReplayMatchesShow()
    }
}
