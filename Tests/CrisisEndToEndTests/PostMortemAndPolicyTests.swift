import CrisisDomain
import Foundation
import Testing

@Suite("Post-mortems, policy proposals, the review and the projections, through the binary")
struct PostMortemAndPolicyTests {
    /// A viral complaint with a published holding statement, as `e2e_alice` commands it.
    func complaint(_ team: Team, title: String) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", title, "--platform", "x", "--url",
                "https://x.example/\(UUID().uuidString.prefix(6))",
            ])
        await team.run("e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"])
        await team.run("e2e_alice", ["incident", "act", id, "no-phi-found", "--note", "nothing about a patient"])
        let message = await team.created(
            "e2e_sam", ["message", "draft", id, "--channel", "holding", "--body", "We hear you; please message us."])
        await team.run("e2e_sam", ["message", "submit", id, message])
        await team.run("e2e_pat", ["legal", "approve", id, message])
        await team.run("e2e_cora", ["legal", "approve", id, message])
        await team.run("e2e_sam", ["message", "publish", id, message, "--url", "https://x.example/reply"])
        return id
    }

    func day(_ offset: Double) -> String {
        PostMortemDay.string(from: Date().addingTimeInterval(offset * 86_400))
    }

    @Test(
        "a post-mortem is written by the team, published read-only, corrected beside the original, its actions done by their owners"
    )
    func postMortem() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await complaint(team, title: "Wait-time thread")
        await team.run("e2e_sam", ["postmortem", "add", id, "--went-well", "fast"], expecting: 1)  // not started
        await team.run("e2e_sam", ["postmortem", "start", id], expecting: 1)  // the commander starts it
        await team.run("e2e_alice", ["postmortem", "start", id])
        await team.run("e2e_alice", ["postmortem", "add", id, "--what-happened", "A wait-time thread went viral"])
        await team.run("e2e_sam", ["postmortem", "add", id, "--went-well", "Holding statement out in 20 minutes"])
        await team.run("e2e_alice", ["postmortem", "add", id, "--root-cause", "No weekend social-media cover"])
        let action = await team.run(
            "e2e_alice", ["postmortem", "add", id, "--action", "Weekend rota", "--owner", "e2e_cora", "--due", day(14)])
        #expect(action.output.contains("Action a1"))
        // Bad input is refused before anything is written.
        await team.run("e2e_alice", ["postmortem", "add", id, "--action", "x", "--owner", "e2e_cora"], expecting: 2)
        await team.run(
            "e2e_alice", ["postmortem", "add", id, "--action", "x", "--owner", "y", "--due", "soon"], expecting: 2)
        await team.run("e2e_alice", ["postmortem", "add", id, "--went-well", "a", "--went-badly", "b"], expecting: 2)
        await team.run("e2e_alice", ["postmortem", "add", id], expecting: 2)
        await team.run("e2e_alice", ["postmortem", "publish", id])

        await team.run("e2e_alice", ["postmortem", "add", id, "--went-badly", "late"], expecting: 1)
        await team.run(
            "e2e_alice",
            ["postmortem", "correct", id, "--entry", "e3", "--text", "No weekend cover", "--reason", "shorter"])
        await team.run("e2e_sam", ["postmortem", "action-done", id, "a1"], expecting: 1)  // neither owner nor commander
        await team.run("e2e_cora", ["postmortem", "action-done", id, "a1", "--note", "rota agreed"])

        let shown = try await team.json("e2e_alice", ["postmortem", "show", id]) as? [String: Any]
        #expect(shown?["status"] as? String == "published")
        let entries = shown?["entries"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["id"] as? String } == ["e1", "e2", "e3", "e4"])
        #expect(entries.first { $0["id"] as? String == "e3" }?["text"] as? String == "No weekend social-media cover")
        #expect((shown?["actions"] as? [[String: Any]])?.first?["doneBy"] as? String == "e2e_cora")
        let types = try await team.eventTypes(id)
        #expect(types.filter { $0 == "CommandRefused" }.count == 4)
        #expect(types.contains("PostMortemPublished"))
        let text = await team.run("e2e_alice", ["postmortem", "show", id])
        #expect(text.output.contains("No weekend cover (corrects e3: shorter)"))
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        let report = "\(work)/postmortem-\(UUID().uuidString.prefix(8)).html"
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "html", "--out", report])
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("id=\"post-mortem\""))
        #expect(page.contains("corrects e3 (shorter): No weekend cover"))
        try await team.expectReplayMatchesShow(id)
        try await team.expectEveryReplayMatchesShow()
    }

    @Test(
        "a proposal from incidents is decided by the privacy officer or legal and adopted by the next workflow version")
    func proposals() async throws {
        var team = try await Team.assemble(Team.cast)
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("workflows-\(UUID())")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(at: root.appendingPathComponent("Workflows"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        team.crisis.environment["CRISIS_WORKFLOWS"] = directory.path
        let first = await complaint(team, title: "First thread")
        let second = await complaint(team, title: "Second thread")

        await team.run(
            "e2e_alice", ["policy", "propose", "--workflow", "no-such-kind", "--change", "x", "--from", first],
            expecting: 2)
        await team.run(
            "e2e_alice",
            ["policy", "propose", "--workflow", "viral-complaint", "--change", "x", "--from", "deadbeefdead"],
            expecting: 2)
        await team.run(
            "e2e_alice", ["policy", "propose", "--workflow", "viral-complaint", "--change", "x"], expecting: 2)
        await team.run(
            "e2e_audrey", ["policy", "propose", "--workflow", "viral-complaint", "--change", "x", "--from", first],
            expecting: 1)
        let proposal = await team.created(
            "e2e_lee",
            [
                "policy", "propose", "--workflow", "viral-complaint", "--change", "Weekend social-media rota",
                "--from", first, "--from", String(second.prefix(8)),
            ])
        // A retry with the same command id after an outage records one proposal.
        let commandID = UUID().uuidString
        let retried = [
            "policy", "propose", "--workflow", "viral-complaint", "--change", "Retried", "--from", first,
            "--command-id",
            commandID,
        ]
        let once = await team.created("e2e_alice", retried)
        #expect(await team.created("e2e_alice", retried) == once)
        let rejected = await team.created(
            "e2e_alice",
            ["policy", "propose", "--workflow", "viral-complaint", "--change", "Reply to every post", "--from", first])
        await team.run("e2e_sam", ["policy", "decide", proposal, "--accept", "--reason", "yes"], expecting: 1)
        await team.run("e2e_lee", ["policy", "decide", proposal, "--accept", "--reason", "mine"], expecting: 1)
        await team.run(
            "e2e_pat", ["policy", "decide", proposal, "--accept", "--reject", "--reason", "?"], expecting: 2)
        await team.run("e2e_pat", ["policy", "decide", String(proposal.prefix(8)), "--accept", "--reason", "Agreed"])
        await team.run(
            "e2e_pat", ["policy", "decide", proposal, "--reject", "--reason", "changed my mind"], expecting: 1)
        await team.run("e2e_lee", ["policy", "decide", rejected, "--reject", "--reason", "Not sustainable"])

        // The next version of the workflow, first used: the accepted proposal links to it.
        let file = directory.appendingPathComponent("viral-complaint.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nversion: 2\n", with: "\nversion: 3\n")
            .replacingOccurrences(of: "title: Triage", with: "title: Triage (weekend rota on call)")
            .write(to: file, atomically: true, encoding: .utf8)
        _ = await complaint(team, title: "Third thread")
        let listed = try await team.json("e2e_audrey", ["policy", "list"]) as? [[String: Any]] ?? []
        let adopted = listed.first { ($0["id"] as? String)?.lowercased() == proposal }
        #expect(adopted?["status"] as? String == "adopted")
        #expect((adopted?["adoptedIn"] as? [String: Any])?["version"] as? Int == 3)
        #expect(listed.first { ($0["id"] as? String)?.lowercased() == rejected }?["status"] as? String == "rejected")
        #expect(listed.count == 3)
        #expect(
            (adopted?["fromIncidents"] as? [String])?.map { $0.lowercased() }.sorted() == [first, second].sorted())
        try await team.expectEveryReplayMatchesShow()
    }

    @Test(
        "the review reads the projections; rebuilt from zero they say the same; the HTML renders its charts in Chromium"
    )
    func reviewAndProjections() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await complaint(team, title: "Parking <thread> & \"fees\"")
        await team.run("e2e_sam", ["removal", "request", id, "--platform", "x", "--url", "https://x.example/other"])
        await team.run("e2e_sam", ["removal", "confirm", id, "r1", "--evidence", "gone"])
        await team.run("e2e_alice", ["postmortem", "start", id])
        await team.run("e2e_alice", ["postmortem", "add", id, "--what-happened", "A parking thread"])
        await team.run("e2e_alice", ["postmortem", "add", id, "--root-cause", "Fees <not> posted"])
        await team.run("e2e_alice", ["postmortem", "publish", id])
        _ = await complaint(team, title: "Another thread")

        let review = try await team.json("e2e_alice", ["policy", "review"]) as? [String: Any]
        let kinds = review?["kinds"] as? [[String: Any]] ?? []
        #expect(kinds.count == 1)
        #expect(kinds.first?["incidents"] as? Int == 2)
        #expect(((kinds.first?["firstApprovedResponse"] as? [String: Any])?["count"]) as? Int == 2)
        let removals = kinds.first?["removalByPlatform"] as? [[String: Any]] ?? []
        #expect(removals.first?["platform"] as? String == "x")
        #expect((review?["rootCauses"] as? [[String: Any]])?.first?["text"] as? String == "Fees <not> posted")
        await team.run("e2e_alice", ["policy", "review", "--since", "not-a-day"], expecting: 2)
        let none = try await team.json("e2e_alice", ["policy", "review", "--kind", "phi-leak"]) as? [String: Any]
        #expect((none?["kinds"] as? [Any])?.isEmpty == true)

        // An auditor reads what the writers projected.
        let audited = try await team.json("e2e_audrey", ["policy", "review"]) as? [String: Any]
        #expect((audited?["kinds"] as? [[String: Any]])?.first?["incidents"] as? Int == 2)

        let before = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        let deadlinesBefore = await team.run("e2e_alice", ["deadlines", "--json"]).output
        let rebuilt = await team.run("e2e_alice", ["projections", "rebuild"])
        #expect(rebuilt.output.contains("Rebuilt the projections"))
        let after = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(NSArray(array: before).isEqual(to: after))
        #expect(await team.run("e2e_alice", ["deadlines", "--json"]).output == deadlinesBefore)
        let status = try await team.json("e2e_alice", ["projections", "status"]) as? [String: Any]
        #expect(status?["eventsBehind"] as? Int == 0)
        // A writer's note does not touch the projections; an auditor's list says it lags.
        await team.run("e2e_sam", ["incident", "note", id, "still quiet"])
        let lagging = await team.run("e2e_audrey", ["incident", "list"])
        #expect(lagging.errors.contains("lags 1 events behind"), "\(lagging.errors)")
        #expect(await team.run("e2e_alice", ["incident", "list"]).errors.isEmpty)
        #expect(await team.run("e2e_audrey", ["incident", "list"]).errors.isEmpty)
        let refused = await team.run("e2e_audrey", ["projections", "rebuild"], expecting: 1)
        #expect(refused.errors.contains("permission"), "\(refused.errors)")

        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        let html = "\(work)/review-\(UUID().uuidString.prefix(8)).html"
        await team.run("e2e_alice", ["policy", "review", "--html", html])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(page.contains("Fees &lt;not&gt; posted"))
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("<script"))
        guard let rendered = await HeadlessChromium.dom(of: html) else { return }
        #expect(rendered.contains("<svg"))
        #expect(rendered.contains("class=\"bar\""))
        #expect(rendered.contains("Fees &lt;not&gt; posted"))
        #expect(rendered.contains("id=\"kind-viral-complaint\""))
        try await team.expectEveryReplayMatchesShow()
    }
}
