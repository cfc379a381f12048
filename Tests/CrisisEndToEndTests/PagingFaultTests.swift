import CrisisStore
import CrisisTestSupport
import Foundation
import Testing

/// Paging when the world misbehaves (issue 11): a receiver that stalls or hangs up, a secret file
/// gone, no sendmail, a PagerDuty alert to be acknowledged; and a runner that works only on what
/// changed or came due. Every fault is recorded as `PageFailed` with its reason, retried or
/// escalated, never a crash and never a lost page.
@Suite("Pages survive faults, reach PagerDuty's acknowledgement, and work only on what changed, through the binary")
struct PagingFaultTests {
    let scenario = PagingTests()

    func time(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Every `event_type attempt reason retryAt` of one page, oldest first.
    func attempts(_ team: Team, _ page: String) async throws -> [(
        type: String, attempt: Int, reason: String, retry: Bool
    )] {
        let rows = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT event_type || '|' || coalesce(data->>'attempt', '0') || '|' || coalesce(data->>'reason', '')
                || '|' || (data ? 'retryAt')::text
            FROM crisis.events WHERE data->>'pageId' = \(page) AND event_type IN ('PageFailed', 'PageDelivered')
            ORDER BY global_position
            """)
        return rows.map { row in
            let parts = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return (parts[0], Int(parts[1]) ?? 0, parts[2], parts[3] == "true")
        }
    }

    /// Shifts for the week around now.
    func onCall(_ team: Team, _ shifts: [(role: String, person: String, level: Int)]) async {
        for shift in shifts {
            await team.run(
                "e2e_alice",
                [
                    "oncall", "add", "--role", shift.role, "--person", shift.person, "--level", String(shift.level),
                    "--from", time(Date().addingTimeInterval(-86_400)), "--until",
                    time(Date().addingTimeInterval(7 * 86_400)),
                ])
        }
    }

    func pageId(_ team: Team, role: String, level: Int = 1, cause: String) async throws -> String {
        let ids = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT data->>'pageId' FROM crisis.events WHERE event_type = 'PageRequested'
            AND data->>'role' = \(role) AND (data->>'level')::int = \(level) AND data->'cause'->>'kind' = \(cause)
            """)
        return try #require(ids.first, "a \(cause) page to \(role) level \(level)")
    }

    @Test(
        "a receiver that stalls past the timeout, or hangs up without answering: the attempt is recorded as failed, with why, and retried"
    )
    func stalledAndClosedReceivers() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let team = try await Team.assemble(PagingTests.people)
        let secret = ["--secret-file", receiver.secretFile.path]
        for (name, path) in [("ok", "/ok"), ("slow", "/stall"), ("broken", "/close")] {
            await team.run("e2e_alice", ["channel", "add", name, "--webhook", receiver.url(path)] + secret)
        }
        for (person, channel) in [("e2e_alice", "ok"), ("e2e_lee", "slow"), ("e2e_pat", "broken")] {
            await team.run("e2e_alice", ["contact", "set", person, "--channel", channel])
        }
        await onCall(team, [("commander", "e2e_alice", 1), ("legal", "e2e_lee", 1), ("privacy-officer", "e2e_pat", 1)])
        _ = await scenario.leakWithSubmittedMessage(team)
        await scenario.pageRun(team, at: Date().addingTimeInterval(5))

        let stalled = try await attempts(team, try await pageId(team, role: "legal", cause: "approval-needed"))
        #expect(stalled.count == 1 && stalled[0].type == "PageFailed" && stalled[0].retry, "\(stalled)")
        #expect(stalled.first?.reason.contains("no answer within the timeout") == true, "\(stalled)")
        let closed = try await attempts(team, try await pageId(team, role: "privacy-officer", cause: "incident-opened"))
        #expect(closed.count == 1 && closed[0].type == "PageFailed" && closed[0].retry, "\(closed)")
        #expect(closed.first?.reason.contains("broken did not answer") == true, "\(closed)")
        let commander = try await attempts(team, try await pageId(team, role: "commander", cause: "incident-opened"))
        #expect(commander.map(\.type) == ["PageDelivered"], "one receiver's fault does not hold up another's page")
        #expect(receiver.requests().contains { $0.path == "/close" })
    }

    @Test(
        "a secret file that went missing fails the attempt with a sentence naming it; restored, the page is delivered")
    func missingSecretFile() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let team = try await Team.assemble(PagingTests.people)
        let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("pager-secret-\(UUID())")
        try FileManager.default.copyItem(at: receiver.secretFile, to: secretFile)
        await scenario.schedule(
            team, channel: "pager", webhook: receiver.url("/ok"), secretFile: secretFile, leeEmail: nil)
        _ = await scenario.leakWithSubmittedMessage(team)
        try FileManager.default.removeItem(at: secretFile)
        let start = Date().addingTimeInterval(5)
        await scenario.pageRun(team, at: start)
        let legal = try await pageId(team, role: "legal", cause: "approval-needed")
        let failed = try await attempts(team, legal)
        #expect(failed.count == 1 && failed[0].retry, "\(failed)")
        #expect(failed.first?.reason.contains("the secret file \(secretFile.path)") == true, "\(failed)")
        #expect(receiver.requests().isEmpty, "nothing unsigned left crisis")

        try FileManager.default.copyItem(at: receiver.secretFile, to: secretFile)
        await scenario.pageRun(team, at: start.addingTimeInterval(60))
        let after = try await attempts(team, legal)
        #expect(after.map(\.type) == ["PageFailed", "PageDelivered"] && after.last?.attempt == 2, "\(after)")
        #expect(receiver.requests().allSatisfy { $0.signatureValid })
    }

    @Test(
        "without sendmail an email page fails five times with a sentence, is given up, and escalates to level 2 at once"
    )
    func noSendmailGivesUpAndEscalates() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        var team = try await Team.assemble(PagingTests.people)
        team.crisis.environment["CRISIS_SENDMAIL"] = "/nonexistent/sendmail"
        let secret = ["--secret-file", receiver.secretFile.path]
        await team.run("e2e_alice", ["channel", "add", "pager", "--webhook", receiver.url("/ok")] + secret)
        for person in ["e2e_alice", "e2e_pat", "e2e_dana"] {
            await team.run("e2e_alice", ["contact", "set", person, "--channel", "pager"])
        }
        await team.run("e2e_alice", ["contact", "set", "e2e_lee", "--email", "lee@hospital.example"])
        await onCall(
            team,
            [
                ("commander", "e2e_alice", 1), ("privacy-officer", "e2e_pat", 1), ("legal", "e2e_lee", 1),
                ("legal", "e2e_dana", 2),
            ])
        _ = await scenario.leakWithSubmittedMessage(team)
        let start = Date().addingTimeInterval(5)
        // Retries fall due about 30 s, 1, 2 and 4 minutes apart (±20%); all five before ack-within's 15 minutes.
        for minutes in [0.0, 1, 2.5, 5, 10] {
            await scenario.pageRun(team, at: start.addingTimeInterval(minutes * 60))
        }
        let legal = try await pageId(team, role: "legal", cause: "approval-needed")
        let tries = try await attempts(team, legal)
        #expect(tries.map(\.attempt) == [1, 2, 3, 4, 5] && tries.allSatisfy { $0.type == "PageFailed" }, "\(tries)")
        #expect(tries.allSatisfy { $0.reason.contains("/nonexistent/sendmail is not there") }, "\(tries)")
        #expect(tries.map(\.retry) == [true, true, true, true, false], "the fifth attempt gives up")
        let escalation = try await EndToEndDatabase.texts(
            team.settings,
            "SELECT data->>'reason' FROM crisis.events WHERE event_type = 'PageEscalated' AND data->>'pageId' = \(legal)"
        )
        #expect(escalation == ["delivery-failed"], "escalated without waiting for ack-within")
        let toDana = receiver.requests().filter { $0.json["role"]?.string == "legal" && $0.json["level"]?.int == 2 }
        #expect(toDana.count == 1, "dana (legal, level 2) is paged in the same pass")
    }

    @Test("a page acknowledged is passed on to PagerDuty: trigger, then acknowledge, under the same dedup_key")
    func pagerDutyAcknowledged() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let team = try await Team.assemble(PagingTests.people)
        await team.run(
            "e2e_alice",
            [
                "channel", "add", "pd", "--webhook", receiver.url("/unsigned/enqueue"), "--format", "pagerduty",
                "--secret-file", receiver.secretFile.path,
            ])
        for person in ["e2e_alice", "e2e_pat"] {
            await team.run("e2e_alice", ["contact", "set", person, "--channel", "pd"])
        }
        await onCall(team, [("commander", "e2e_alice", 1), ("privacy-officer", "e2e_pat", 1)])
        _ = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a photo", "--platform", "x", "--url",
                "https://x.example/pd",
            ])
        let start = Date().addingTimeInterval(5)
        await scenario.pageRun(team, at: start)
        let page = try await pageId(team, role: "privacy-officer", cause: "incident-opened")
        let trigger = try #require(receiver.requests().first { $0.json["dedup_key"]?.string == page })
        #expect(trigger.json["event_action"]?.string == "trigger")
        #expect(trigger.json["routing_key"]?.string == WebhookReceiver.secret)

        await team.run("e2e_pat", ["page", "ack", page])
        await scenario.pageRun(team, at: start.addingTimeInterval(30))
        let acknowledge = receiver.requests().filter {
            $0.json["dedup_key"]?.string == page && $0.json["event_action"]?.string == "acknowledge"
        }
        #expect(acknowledge.count == 1, "\(receiver.requests().map(\.body))")
        #expect(acknowledge.first?.body.contains("payload") == false, "an acknowledge carries no payload")
        let recorded = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT data->>'attempt' FROM crisis.events
            WHERE event_type = 'PageDelivered' AND data->>'pageId' = \(page) AND (data->>'acknowledgement')::boolean
            """)
        #expect(recorded == ["1"])
        await scenario.pageRun(team, at: start.addingTimeInterval(60))
        #expect(
            receiver.requests().filter { $0.json["event_action"]?.string == "acknowledge" }.count == 1,
            "passed on once")
    }

    /// How many incidents one `page run --once` worked on.
    func scanned(_ team: Team, at date: Date) async throws -> Int {
        let pass = try await team.json("e2e_alice", ["page", "run", "--once", "--at", time(date)])
        return (pass as? [String: Any])?["incidentsScanned"] as? Int ?? -1
    }

    @Test(
        "page run works on the incidents written since it last worked on them and on those come due, not on every incident"
    )
    func followsItsCheckpoint() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let team = try await Team.assemble(PagingTests.people)
        await scenario.schedule(
            team, channel: "pager", webhook: receiver.url("/ok"), secretFile: receiver.secretFile, leeEmail: nil)
        let first = await scenario.leakWithSubmittedMessage(team)
        _ = await scenario.leakWithSubmittedMessage(team)
        let start = Date().addingTimeInterval(5)
        let firstPass = try await scanned(team, at: start)
        #expect(firstPass == 2, "a login's first pass works on every incident")
        // The first pass recorded the versions it worked up to (its own pages included): the next
        // finds nothing new. Bounded passes, in case a slow command of this test lands meanwhile.
        var quiet: [Int] = []
        for _ in 0..<20 where quiet.last != 0 {
            quiet.append(try await scanned(team, at: start))
            if quiet.last != 0 { try await Task.sleep(for: .milliseconds(500)) }
        }
        try #require(quiet.last == 0, "a pass with nothing new works on no incident; passes worked on \(quiet)")
        await team.run("e2e_alice", ["incident", "note", first, "Called the platform"])
        var seen: [Int] = []
        for _ in 0..<20 where seen.last != 1 {
            seen.append(try await scanned(team, at: start))
            if seen.last != 1 { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(seen.last == 1, "a pass works on the incident just written; passes worked on \(seen)")
        #expect(seen.allSatisfy { $0 <= 1 }, "only the incident written: \(seen)")
        let due = try await scanned(team, at: start.addingTimeInterval(16 * 60))
        #expect(due == 2, "both come due when their pages go unacknowledged")
        #expect(
            receiver.requests().contains { $0.json["level"]?.int == 2 && $0.json["role"]?.string == "legal" },
            "the escalation came from the agenda, with no new event")
    }

    @Test("a restricted incident is paged by a runner in crisis_sealer, never by one that may not see it")
    func restrictedIncidentNeedsASealerRunner() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let team = try await Team.assemble(PagingTests.people)
        await scenario.schedule(
            team, channel: "pager", webhook: receiver.url("/ok"), secretFile: receiver.secretFile, leeEmail: nil)
        _ = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Staff member's chart", "--platform", "x",
                "--url", "https://x.example/staff", "--restricted",
            ])
        await team.run("e2e_sam", ["page", "run", "--once"])
        #expect(receiver.requests().isEmpty, "a runner that cannot see the incident pages nobody for it")
        try await EndToEndDatabase.execute(
            team.settings,
            [
                """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'e2e_watcher') THEN
                    CREATE ROLE e2e_watcher LOGIN IN ROLE crisis_writer, crisis_sealer;
                  END IF;
                END $$
                """
            ])
        await team.run("e2e_watcher", ["page", "run", "--once"])
        let roles = Set(receiver.requests().compactMap { $0.json["role"]?.string })
        #expect(roles == ["commander", "privacy-officer"], "\(receiver.requests().map(\.body))")
        #expect(receiver.requests().allSatisfy { !$0.body.contains("Staff member") })
    }
}
