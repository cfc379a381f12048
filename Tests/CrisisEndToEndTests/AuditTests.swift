import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("Audit: replay, timeline, seals, exports and the access log, through the binary")
struct AuditTests {
    /// A viral complaint with a published, approved message: enough history to replay.
    static func incident(_ team: Team) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "ER <wait> & \"thread\"",
                "--platform", "facebook", "--url", "https://facebook.example/posts/1",
            ])
        await team.run("e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"])
        await team.run("e2e_alice", ["incident", "act", id, "no-phi-found", "--note", "no patient detail"])
        let reply = await team.created(
            "e2e_sam",
            [
                "message", "draft", id, "--channel", "public-reply", "--body",
                "Thank you <b>for</b> reaching out. Please call 1-800-555-0100.",
            ])
        await team.run("e2e_sam", ["message", "submit", id, reply])
        await team.run("e2e_pat", ["legal", "approve", id, reply])
        await team.run("e2e_cora", ["legal", "approve", id, reply])
        await team.run("e2e_sam", ["message", "publish", id, reply, "--url", "https://facebook.example/reply/2"])
        return id
    }

    static func superuser(_ team: Team) throws -> DatabaseSettings {
        try DatabaseSettings.parse(url: team.url)
    }

    static func scratch(_ name: String) -> String {
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        return "\(work)/audit-\(UUID().uuidString.prefix(8))-\(name)"
    }

    @Test(
        "replay as of each event's time, and at each event's position, is the fold up to that event; all of it is incident show's state"
    )
    func replayEveryMoment() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        let timeline = try await team.json("e2e_audrey", ["audit", "timeline", id]) as? [[String: Any]] ?? []
        #expect(timeline.count >= 8)
        for entry in timeline {
            let version = entry["version"] as? Int ?? 0
            let time = entry["recordedAtUTC"] as? String ?? ""
            let position = entry["globalPosition"] as? Int ?? 0
            // Events of one append share their time: as of that time, all of them are in.
            let lastAtTime = timeline.filter { $0["recordedAtUTC"] as? String == time }.compactMap {
                $0["version"] as? Int
            }.max()
            let asOf = try await team.json("e2e_audrey", ["audit", "replay", id, "--as-of", time]) as? [String: Any]
            let asOfIncident = asOf?["incident"] as? [String: Any]
            #expect(asOfIncident?["version"] as? Int == lastAtTime, "as of \(time)")
            let atPosition =
                try await team.json("e2e_audrey", ["audit", "replay", id, "--at-position", String(position)])
                as? [String: Any]
            let atIncident = atPosition?["incident"] as? [String: Any]
            #expect(atIncident?["version"] as? Int == version, "at position \(position)")
            #expect(atPosition?["lastPosition"] as? Int == position)
            if lastAtTime == version {
                #expect(
                    (asOfIncident?["state"] as? NSDictionary) == (atIncident?["state"] as? NSDictionary),
                    "as of \(time) and at position \(position) fold the same events")
            }
        }
        let whole = try await team.json("e2e_audrey", ["audit", "replay", id]) as? [String: Any]
        let show = try await team.json("e2e_alice", ["incident", "show", id]) as? [String: Any]
        #expect((whole?["incident"] as? [String: Any])?["state"] as? NSDictionary == show?["state"] as? NSDictionary)
        let before = await team.run(
            "e2e_audrey", ["audit", "replay", id, "--as-of", "2001-01-01T00:00:00Z"], expecting: 2)
        #expect(before.errors.contains("had no events"))
    }

    @Test("the timeline gives UTC and local times, roles, and the exact message text")
    func timelineText() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        let text = await team.run("e2e_audrey", ["audit", "timeline", id]).output
        #expect(text.contains("Thank you <b>for</b> reaching out. Please call 1-800-555-0100."))
        #expect(text.contains("e2e_pat (privacy-officer)"))
        let entries = try await team.json("e2e_audrey", ["audit", "timeline", id]) as? [[String: Any]] ?? []
        #expect(entries.allSatisfy { ($0["recordedAtUTC"] as? String)?.hasSuffix("Z") == true })
        #expect(entries.allSatisfy { ($0["hash"] as? String)?.count == 64 })
    }

    @Test("every replay, timeline and export is recorded in the access log with who looked")
    func accessLog() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        await team.run("e2e_audrey", ["audit", "replay", id])
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "csv", "--out", Self.scratch("a.csv")])
        // Position 1 is the roster's first event, before the incident: refused, yet still recorded as a look.
        await team.run("e2e_alice", ["audit", "replay", id, "--at-position", "1"], expecting: 2)
        let connection = try await DatabaseConnector.connect(try Self.superuser(team))
        var seen: [String] = []
        for try await (actor, action) in try await connection.query(
            "SELECT actor, data->>'action' FROM crisis.events WHERE stream_id = 'access-log' ORDER BY stream_version",
            logger: DatabaseConnector.quietLogger
        ).decode((String, String).self) {
            seen.append("\(actor):\(action)")
        }
        try await connection.close()
        #expect(seen == ["e2e_audrey:replay", "e2e_audrey:export", "e2e_alice:replay"])

        // The auditor may record a look, but not append anything else, not even to the access log.
        var asAuditor = try Self.superuser(team)
        asAuditor.role = "e2e_audrey"
        let auditor = try await DatabaseConnector.connect(asAuditor)
        await #expect(throws: (any Error).self) {
            _ = try await auditor.query(
                """
                SELECT * FROM crisis.append_events('access-log', NULL, gen_random_uuid(),
                    '[{"event_type": "AccessRecorded", "data": {"action": "nothing"}}]')
                """, logger: DatabaseConnector.quietLogger
            ).collect()
        }
        try await auditor.close()
        #expect(await team.run("e2e_audrey", ["audit", "verify"]).status == 0)
    }

    @Test("a JSONL export is re-verified by the independent Python script; CSV has a row per event; HTML escapes")
    func exports() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        let jsonl = Self.scratch("export.jsonl")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "jsonl", "--out", jsonl])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/verify-export.py").path
        let checked = await ChildProcessRunner.capture(
            "/usr/bin/env", ["python3", script, jsonl], environment: ProcessInfo.processInfo.environment)
        #expect(checked.status == 0, "\(checked.output) \(checked.errors)")
        #expect(checked.output.contains("OK:"))
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        // A forged line fails the independent check.
        let forged = Self.scratch("forged.jsonl")
        try lines.enumerated().map { index, line in
            index == 2 ? line.replacingOccurrences(of: "no-phi-found", with: "phi-found") : String(line)
        }.joined(separator: "\n").write(toFile: forged, atomically: true, encoding: .utf8)
        let refused = await ChildProcessRunner.capture(
            "/usr/bin/env", ["python3", script, forged], environment: ProcessInfo.processInfo.environment)
        #expect(refused.status == 1, "\(refused.output)")

        let csv = Self.scratch("export.csv")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "csv", "--out", csv])
        let rows = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n").filter {
            !$0.isEmpty
        }
        // The JSONL's last line is the derived breach-notification answers, not an event.
        #expect(lines.last?.contains(#""record":"breach-notification-protocol""#) == true)
        #expect(rows.count == lines.count)
        #expect(rows.first?.hasPrefix("global_position,stream_id") == true)

        let html = Self.scratch("report.html")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "html", "--out", html])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("Thank you &lt;b&gt;for&lt;/b&gt; reaching out."))
        #expect(page.contains("ER &lt;wait&gt; &amp; &quot;thread&quot;"))
        #expect(!page.contains("<b>for</b>"))
        #expect(page.contains("VERIFIED"))
        if let rendered = await HeadlessChromium.dom(of: html) {
            // The DOM Chromium built holds the text escaped once, exactly as written.
            #expect(rendered.contains("Thank you &lt;b&gt;for&lt;/b&gt; reaching out."))
            #expect(rendered.contains("id=\"verdict\""))
        }
    }

    @Test(
        "verify through the binary names altered data, a swapped order and a deleted middle event",
        arguments: ["data", "order", "delete"])
    func tampering(kind: String) async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        let stream = "incident-\(id)"
        let change: [PostgresQuery] =
            switch kind {
            case "data":
                [
                    "UPDATE crisis.events SET data = data || '{\"forged\": true}' WHERE stream_id = \(stream) AND stream_version = 3"
                ]
            case "order":
                [
                    "UPDATE crisis.events SET stream_version = 1000 WHERE stream_id = \(stream) AND stream_version = 3",
                    "UPDATE crisis.events SET stream_version = 3 WHERE stream_id = \(stream) AND stream_version = 4",
                    "UPDATE crisis.events SET stream_version = 4 WHERE stream_id = \(stream) AND stream_version = 1000",
                ]
            default:
                ["DELETE FROM crisis.events WHERE stream_id = \(stream) AND stream_version = 3"]
            }
        try await EndToEndDatabase.execute(
            try Self.superuser(team),
            ["ALTER TABLE crisis.events DISABLE TRIGGER USER"] + change + [
                "ALTER TABLE crisis.events ENABLE TRIGGER USER"
            ])
        let verify = await team.run("e2e_audrey", ["audit", "verify", id], expecting: 1)
        #expect(verify.output.contains("TAMPERED"))
        #expect(verify.output.contains("stream \(stream), version \(kind == "delete" ? 4 : 3)"))
    }

    @Test("audit rules passes a history crisis wrote and names an event a writer appended by hand")
    func rulesFindForgedEvents() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        let clean = await team.run("e2e_audrey", ["audit", "rules"])
        #expect(clean.output.contains("audit rules: OK, 1 incidents replayed"))
        // A message published that was never drafted nor approved, through the append function rather than crisis.
        let stream = "incident-\(id)"
        let forged =
            #"[{"event_type": "MessagePublished", "data": {"messageId": "m2", "url": "https://x.example/forged", "revision": 1, "textSHA256": "00"}}]"#
        try await EndToEndDatabase.execute(
            try Self.superuser(team),
            ["SELECT * FROM crisis.append_events(\(stream), NULL, \(UUID()), \(forged)::jsonb)"])
        #expect(await team.run("e2e_audrey", ["audit", "verify", id]).status == 0, "the chain itself is intact")
        let flagged = await team.run("e2e_audrey", ["audit", "rules", String(id.prefix(8))], expecting: 1)
        #expect(flagged.output.contains("MessagePublished"))
        #expect(flagged.output.contains("[message.unknown]"))
        #expect(flagged.output.contains("1 events break their workflow's rules"))
    }

    @Test("a rewritten chain passes plain verify but fails against an older seal")
    func rewrittenChain() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.incident(team)
        let stream = "incident-\(id)"
        let key = Self.scratch("seal.key")
        let seal = Self.scratch("seal.json")
        #expect(await team.crisis.run("audit", "keygen", "--out", key).status == 0)
        #expect(
            await team.crisis.run("audit", "keygen", "--out", key).status == 2, "an existing key is never overwritten")
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await team.run("e2e_audrey", ["audit", "seal", "--key", key, "--out", seal])
        let before = await team.run(
            "e2e_audrey", ["audit", "verify", id, "--seal", seal, "--public-key", key + ".pub"])
        #expect(before.output.contains("still hold"))

        // What a superuser could do: change an event and recompute every later hash.
        try await EndToEndDatabase.execute(
            try Self.superuser(team),
            [
                "ALTER TABLE crisis.events DISABLE TRIGGER USER",
                "UPDATE crisis.events SET data = data || '{\"forged\": true}' WHERE stream_id = \(stream) AND stream_version = 3",
                """
                DO $$
                DECLARE r record; v_prev bytea; v_hash bytea;
                BEGIN
                    SELECT hash INTO v_prev FROM crisis.events WHERE stream_id = '\(unescaped: stream)' AND stream_version = 2;
                    FOR r IN SELECT * FROM crisis.events WHERE stream_id = '\(unescaped: stream)' AND stream_version >= 3
                             ORDER BY stream_version LOOP
                        v_hash := crisis.event_hash(v_prev, r.stream_id, r.stream_version, r.event_id, r.event_type,
                                                    r.schema_version, r.data, r.metadata, r.actor, r.recorded_at);
                        UPDATE crisis.events SET prev_hash = v_prev, hash = v_hash WHERE global_position = r.global_position;
                        v_prev := v_hash;
                    END LOOP;
                    UPDATE crisis.streams SET head_hash = v_prev WHERE stream_id = '\(unescaped: stream)';
                END
                $$
                """,
                "ALTER TABLE crisis.events ENABLE TRIGGER USER",
            ])
        #expect(await team.run("e2e_audrey", ["audit", "verify"]).output.contains("OK"))
        let after = await team.run(
            "e2e_audrey", ["audit", "verify", "--seal", seal, "--public-key", key + ".pub"], expecting: 1)
        #expect(after.output.contains("REWRITTEN"))
        #expect(after.output.contains(stream))
        let report = Self.scratch("rewritten.html")
        await team.run(
            "e2e_audrey",
            ["audit", "export", id, "--format", "html", "--out", report, "--seal", seal, "--public-key", key + ".pub"])
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("NOT VERIFIED"))
        #expect(page.contains("rewritten after the seal"))
        #expect(page.contains("Checked against the seal"))

        // A seal whose stream list was edited no longer verifies.
        let edited = Self.scratch("edited.json")
        let original = try String(contentsOfFile: seal, encoding: .utf8)
        try original.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2").write(
            toFile: edited, atomically: true, encoding: .utf8)
        if original.contains("\"version\" : 1") {
            await team.run("e2e_audrey", ["audit", "verify", "--seal", edited], expecting: 1)
        }
    }
}
