import CrisisStore
import CrisisTestSupport
import Foundation
import Testing

/// Publishing freezes and what-if replays through the real binary (issue 16).
@Suite("Publishing freezes block the close and reach publishing tools; what-if names who would have missed")
struct FreezeAndWhatIfTests {
    /// A copy of the bundled workflows in a directory of the test's own; `edit` changes viral-complaint.yaml.
    func workflows(_ edit: (String) -> String) throws -> URL {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("workflows-\(UUID())")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(at: root.appendingPathComponent("Workflows"), to: directory)
        let file = directory.appendingPathComponent("viral-complaint.yaml")
        try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        return directory
    }

    static func raisedVersion(_ text: String) -> String {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("version: ") }),
            let version = Int(line.dropFirst("version: ".count))
        else { return text }
        return text.replacingOccurrences(of: String(line), with: "version: \(version + 1)")
    }

    /// A viral complaint brought to monitoring (only the close left); `detectedAgo` seconds before now.
    func complaintToMonitoring(_ team: Team, detectedAgo: TimeInterval = 0, title: String = "Thread") async -> String {
        let detected = Date().addingTimeInterval(-detectedAgo).formatted(.iso8601)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", title, "--platform", "x", "--url",
                "https://x.example/\(UUID())", "--detected-at", detected,
            ])
        await team.run("e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"])
        await team.run("e2e_alice", ["incident", "act", id, "no-phi-found", "--note", "no patient detail"])
        await team.run(
            "e2e_sam",
            [
                "message", "draft", id, "--template", "holding-statement", "--set",
                "patient_relations_line=1-800-555-0100",
            ])
        await team.run("e2e_sam", ["message", "submit", id, "m1"])
        await team.run("e2e_pat", ["legal", "approve", id, "m1"])
        await team.run("e2e_cora", ["legal", "approve", id, "m1"])
        await team.run("e2e_sam", ["message", "publish", id, "m1", "--url", "https://x.example/reply/1"])
        return id
    }

    func toMonitoring(_ team: Team, _ id: String) async {
        await team.run("e2e_sam", ["incident", "act", id, "holding-posted"])
        await team.run(
            "e2e_sam",
            [
                "message", "draft", id, "--channel", "public-reply", "--body",
                "Thank you for reaching out. We cannot discuss details here. Please send us a direct message or call 1-800-555-0100.",
            ])
        await team.run("e2e_sam", ["message", "submit", id, "m2"])
        await team.run("e2e_pat", ["legal", "approve", id, "m2"])
        await team.run("e2e_cora", ["legal", "approve", id, "m2"])
        await team.run("e2e_sam", ["message", "publish", id, "m2", "--url", "https://x.example/reply/2"])
        await team.run("e2e_sam", ["incident", "act", id, "reply-posted"])
        await team.run("e2e_rita", ["incident", "act", id, "private-outreach-done", "--note", "called"])
    }

    @Test(
        "a freeze blocks the close until it ends, its webhook reaches the publishing tool, and check answers 1 then 0")
    func freezeBlocksCloseAndNotifies() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        var team = try await Team.assemble(Team.cast)
        let directory = try workflows { Self.raisedVersion($0) + "\nfreeze:\n  notify: [publishing]\n" }
        defer { try? FileManager.default.removeItem(at: directory) }
        team.crisis.environment["CRISIS_WORKFLOWS"] = directory.path
        await team.run(
            "e2e_alice",
            [
                "channel", "add", "publishing", "--webhook", receiver.url("/ok"), "--secret-file",
                receiver.secretFile.path,
            ])
        let id = await complaintToMonitoring(team)
        await toMonitoring(team, id)

        let before = try await team.eventTypes(id)
        for bad in [
            ["freeze", "start", id, "--account", "stmaryshospital", "--reason", "r"],
            ["freeze", "start", id, "--account", "instagram:", "--reason", "r"],
        ] {
            let result = await team.run("e2e_sam", bad, expecting: 2)
            #expect(result.errors.contains("PLATFORM:HANDLE"), "\(result.errors)")
        }
        #expect(try await team.eventTypes(id) == before, "bad input writes nothing")

        let started = try await team.json(
            "e2e_sam",
            ["freeze", "start", id, "--account", "instagram:@StMarysHospital", "--reason", "Holiday campaign paused"])
        #expect((started as? [String: Any])?["id"] as? String == "f1")
        let again = await team.run(
            "e2e_sam", ["freeze", "start", id, "--account", "instagram:stmaryshospital", "--reason", "r"], expecting: 2)
        #expect(again.errors.contains("already frozen"), "\(again.errors)")

        let told = try await waitUntil("the freeze's webhook to reach the publishing tool", within: .seconds(60)) {
            () async throws -> WaitCheck<WebhookReceiver.Request> in
            guard let request = receiver.requests().first(where: { $0.json["event"]?.string == "freeze-started" })
            else { return .notYet("\(receiver.requests().count) requests, no freeze-started") }
            return .done(request)
        }
        #expect(told.signatureValid)
        #expect(told.body.contains("instagram:stmaryshospital"))
        #expect(!told.body.contains("Holiday campaign"), "the reason is never sent: \(told.body)")

        let frozen = await team.run("e2e_sam", ["freeze", "check", "Instagram:StMarysHospital"], expecting: 1)
        #expect(frozen.output.contains("is frozen"))
        let checked = await team.run(
            "e2e_sam", ["freeze", "check", "instagram:stmaryshospital", "--json"], expecting: 1)
        #expect(checked.output.contains("\"frozen\" : true") || checked.output.contains("\"frozen\":true"))
        await team.run("e2e_sam", ["freeze", "check", "x:someone-else"])
        await team.run("e2e_sam", ["freeze", "check", "no-colon"], expecting: 2)
        let listed = await team.run("e2e_sam", ["freeze", "list"])
        #expect(listed.output.contains("instagram:stmaryshospital"), "\(listed.output)")

        let refused = await team.run("e2e_alice", ["incident", "close", id], expecting: 1)
        #expect(refused.errors.contains("freeze"), "\(refused.errors)")
        let timeline = try await team.json("e2e_alice", ["incident", "timeline", id]) as? [[String: Any]] ?? []
        let lastWhat: String = timeline.last?["what"] as? String ?? ""
        #expect(lastWhat.contains("[freeze.in-force]"), "\(lastWhat)")

        await team.run("e2e_sam", ["freeze", "end", id, "f1", "--reason", "thread quiet"])
        try await waitUntil("the end of the freeze to reach the publishing tool", within: .seconds(60)) {
            () async throws -> WaitCheck<Void> in
            receiver.requests().contains { $0.json["event"]?.string == "freeze-ended" }
                ? .done(()) : .notYet("no freeze-ended yet")
        }
        await team.run("e2e_sam", ["freeze", "check", "instagram:stmaryshospital"])
        await team.run("e2e_alice", ["incident", "close", id, "--note", "quiet"])
        let types = try await team.eventTypes(id)
        #expect(types.filter { $0 == "FreezeNotified" }.count == 2, "\(types)")

        // A drill's freeze is listed, but pauses nothing real: the account is free.
        let drill = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Rehearsal", "--platform", "x", "--url",
                "https://x.example/drill", "--drill",
            ])
        await team.run(
            "e2e_sam", ["freeze", "start", drill, "--account", "instagram:stmaryshospital", "--reason", "rehearsal"])
        let rehearsed = await team.run("e2e_sam", ["freeze", "check", "instagram:stmaryshospital", "--json"])
        #expect(rehearsed.output.contains("\"drill\" : true"), "\(rehearsed.output)")
        let drillNotice = receiver.requests().last { $0.json["event"]?.string == "freeze-started" }
        #expect(drillNotice?.body.contains("\"frozen\":false") == true, "\(drillNotice?.body ?? "-")")
        #expect(drillNotice?.json["text"]?.string?.hasPrefix("DRILL") == true)
    }

    @Test("what-if with a 1-hour first response names the incidents that met 2 hours and would have missed 1")
    func whatIfNamesWhoWouldHaveMissed() async throws {
        let team = try await Team.assemble(Team.cast)
        let slow = await complaintToMonitoring(team, detectedAgo: 90 * 60, title: "Slow answer")
        let quick = await complaintToMonitoring(team, detectedAgo: 10 * 60, title: "Quick answer")
        let drill = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Drill", "--drill", "--detected-at",
                Date().addingTimeInterval(-3 * 3_600).formatted(.iso8601),
            ])
        let directory = try workflows {
            Self.raisedVersion($0).replacingOccurrences(
                of: "    within: 2 hours\n    met-by: {guard: first-public-response}",
                with: "    within: 1 hour\n    met-by: {guard: first-public-response}")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let proposed = directory.appendingPathComponent("viral-complaint.yaml").path
        let lastYear = Date().addingTimeInterval(-365 * 86_400).formatted(.iso8601)

        let accessBefore = try await EndToEndDatabase.texts(
            team.settings, "SELECT count(*)::text FROM crisis.events WHERE stream_id NOT LIKE 'access-log%'")
        let text = await team.run(
            "e2e_alice",
            ["policy", "what-if", "--workflow", proposed, "--since", lastYear, "--kind", "viral-complaint"])
        let slowLine = text.output.split(separator: "\n").firstIndex { $0.hasPrefix(slow.prefix(8)) }
        #expect(slowLine != nil, "\(text.output)")
        #expect(text.output.contains("WOULD HAVE MISSED first-public-response"), "\(text.output)")
        #expect(!text.output.contains(drill.prefix(8)), "a drill is not replayed as a real incident")

        let json = await team.run("e2e_alice", ["policy", "what-if", "--workflow", proposed, "--json"])
        let whatIf = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let totals = whatIf?["totals"] as? [String: Any]
        let first = (totals?["deadlines"] as? [[String: Any]])?.first {
            $0["deadline"] as? String == "first-public-response"
        }
        let wouldHaveMissed: [String] = (first?["wouldHaveMissed"] as? [String] ?? []).map { $0.lowercased() }
        #expect(wouldHaveMissed == [slow])
        #expect(!wouldHaveMissed.contains(quick))
        #expect(first?["missedProposed"] as? Int == 1)
        let accessAfter = try await EndToEndDatabase.texts(
            team.settings, "SELECT count(*)::text FROM crisis.events WHERE stream_id NOT LIKE 'access-log%'")
        #expect(accessBefore == accessAfter, "what-if writes nothing but the access log")

        let page = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("what-if-\(UUID()).html")
        defer { try? FileManager.default.removeItem(at: page) }
        await team.run("e2e_alice", ["policy", "what-if", "--workflow", proposed, "--html", page.path])
        let html = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
        #expect(html.contains("<h2>\(slow.prefix(8)) Slow answer</h2>"), "\(html.prefix(400))")
        #expect(html.contains("class=\"missed\"><td>first-public-response"))

        // Attached to a proposal: its digest and summary are kept.
        let saved = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("what-if-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: saved) }
        try json.output.write(to: saved, atomically: true, encoding: .utf8)
        await team.run(
            "e2e_alice",
            [
                "policy", "propose", "--workflow", "viral-complaint", "--change", "First response within 1 hour",
                "--from", slow, "--what-if", saved.path,
            ])
        let proposals = try await team.json("e2e_alice", ["policy", "list"]) as? [[String: Any]] ?? []
        let evidence = proposals.first?["whatIf"] as? [String: Any]
        let digest: String = evidence?["digest"] as? String ?? ""
        let summary: String = evidence?["summary"] as? String ?? ""
        #expect(digest.hasPrefix("sha256:"))
        #expect(summary.contains("first-public-response missed 0 → 1"), "\(summary)")
        #expect((await team.run("e2e_alice", ["policy", "list"])).output.contains("what-if attached"))

        // Bad input: a file that does not validate (with its line), a kind that is not the file's,
        // a what-if that is not one.
        let broken = directory.appendingPathComponent("broken.yaml")
        try "kind: viral-complaint\nversion: 9\nstates: nope\n".write(to: broken, atomically: true, encoding: .utf8)
        let invalid = await team.run("e2e_alice", ["policy", "what-if", "--workflow", broken.path], expecting: 2)
        #expect(invalid.errors.contains("broken.yaml:"), "\(invalid.errors)")
        await team.run(
            "e2e_alice", ["policy", "what-if", "--workflow", proposed, "--kind", "phi-leak"], expecting: 2)
        await team.run(
            "e2e_alice",
            [
                "policy", "propose", "--workflow", "viral-complaint", "--change", "x", "--from", slow, "--what-if",
                proposed,
            ], expecting: 2)
    }
}
