import CrisisApp
import CrisisStore
import CrisisTestSupport
import Foundation
import PostgresNIO
import Testing

/// Intake from social listening through `crisis serve` (issue 12): signed batches recorded as
/// `crisis_intake`, refused whole when unsigned, stale, oversize or malformed; watches, signals
/// and promotion on the CLI and on `/intake`.
@Suite("crisis serve: intake from social listening")
struct IntakeHTTPTests {
    static let secret = "sprout-shared-secret-for-tests"

    /// A served crisis with a second server that takes intake (the secrets file and the
    /// crisis_intake password set), and a watch for parking complaints (3 within 30 minutes).
    struct Intake {
        let served: ServedCrisis
        let server: Process
        let base: String

        func stop() {
            server.terminate()
            server.waitUntilExit()
        }

        /// POSTs `body` as source `source`, signed at `at` with `secret` (nil: unsigned).
        func push(
            _ body: Data, source: String = "sprout", secret: String? = IntakeHTTPTests.secret, at: Date = Date()
        ) async throws -> WebClient.Answer {
            let web = WebClient(base: base)
            defer { Task { await web.shutdown() } }
            var headers = [("content-type", "application/json"), ("x-crisis-source", source)]
            if let secret {
                headers.append(("x-crisis-signature", PageCourier.signature(body, secret: secret, at: at)))
            }
            return try await web.send(
                "/api/v1/intake/mentions", method: .POST, body: String(decoding: body, as: UTF8.self), headers: headers)
        }

        /// The intake stream's events, as `type actor` lines.
        func events() async throws -> [String] {
            try await EndToEndDatabase.texts(
                served.team.settings,
                "SELECT event_type || ' ' || actor FROM crisis.events WHERE stream_id = 'intake' ORDER BY stream_version"
            )
        }
    }

    static func with(_ body: (Intake) async throws -> Void) async throws {
        try await ServedCrisis.with { served in
            let directory = URL(fileURLWithPath: served.cluster.directory)
            let secrets = directory.appendingPathComponent("intake-secrets")
            try "# source=secret\nsprout=\(secret)\nbrandwatch=another-secret\n".write(
                to: secrets, atomically: true, encoding: .utf8)
            let password = directory.appendingPathComponent("intake-password")
            try "intake-pass-phrase-for-tests\n".write(to: password, atomically: true, encoding: .utf8)
            let set = await served.team.crisis.run(
                "roster", "password", "crisis_intake", "--password-file", password.path)
            #expect(set.status == 0, "\(set.errors)")
            await served.team.run(
                "e2e_sam",
                [
                    "intake", "watch", "add", "parking", "--match", "parking garage", "towed", "--threshold", "3",
                    "--within", "30m",
                ])
            let (server, _, base) = try await ServedCrisis.serve(
                environment: [
                    "DATABASE_URL": served.tcpURL, "CRISIS_INTAKE_SECRETS": secrets.path,
                    "CRISIS_INTAKE_PASSWORD_FILE": password.path,
                ], [])
            let intake = Intake(served: served, server: server, base: base)
            do {
                try await body(intake)
                intake.stop()
            } catch {
                intake.stop()
                throw error
            }
        }
    }

    static func batch(
        _ numbers: ClosedRange<Int>, source: String = "sprout", text: String = "The parking garage towed me",
        url: (Int) -> String = { "https://x.example/post/\($0)" }
    ) -> Data {
        let mentions = numbers.map { n in
            [
                "source": source, "platform": "x", "url": url(n), "author": "@user\(n)",
                "text": "\(text) (\(n))", "posted_at": Date().addingTimeInterval(-Double(n) * 60).formatted(.iso8601),
                "reach": n * 10,
            ] as [String: Any]
        }
        return (try? JSONSerialization.data(withJSONObject: mentions, options: [.sortedKeys])) ?? Data()
    }

    @Test("a signed batch is recorded as crisis_intake and opens a signal; the same batch again records nothing")
    func signedBatchOpensSignal() async throws {
        try await Self.with { intake in
            let first = try await intake.push(Self.batch(1...3))
            #expect(first.status == 201, "\(first.body)")
            #expect(first.body.contains("\"s1\""), "the answer names the signal raised: \(first.body)")
            let recorded = try await intake.events()
            #expect(
                recorded == [
                    "WatchAdded e2e_sam", "MentionRecorded crisis_intake", "MentionRecorded crisis_intake",
                    "MentionRecorded crisis_intake", "SignalRaised crisis_intake",
                ])
            let replay = try await intake.push(Self.batch(1...3))
            #expect(replay.status == 200, "\(replay.body)")
            #expect(replay.body.contains("\"recorded\" : 0"), "\(replay.body)")
            #expect(try await intake.events() == recorded, "a replayed batch records nothing new")

            let listed = try await intake.served.team.json("e2e_alice", ["intake", "list"]) as? [[String: Any]] ?? []
            #expect(listed.count == 1)
            #expect(listed.first?["id"] as? String == "s1")
            #expect((listed.first?["mentions"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test(
        "an unsigned, wrongly signed, stale, unknown-source, oversize or malformed batch is refused with 4xx and nothing is recorded"
    )
    func badBatchesRefused() async throws {
        try await Self.with { intake in
            let before = try await intake.events()
            let body = Self.batch(1...3)
            let answers: [(String, WebClient.Answer, Int)] = [
                ("unsigned", try await intake.push(body, secret: nil), 401),
                ("wrong secret", try await intake.push(body, secret: "not-the-secret"), 401),
                ("stale", try await intake.push(body, at: Date().addingTimeInterval(-6 * 60)), 401),
                ("unknown source", try await intake.push(body, source: "hootsuite"), 401),
                ("another source's mentions", try await intake.push(Self.batch(1...3, source: "brandwatch")), 400),
                ("oversize", try await intake.push(Data(repeating: UInt8(ascii: " "), count: (1 << 20) + 10)), 413),
                ("malformed", try await intake.push(Data("{\"mentions\": [".utf8)), 400),
                (
                    "a bad address",
                    try await intake.push(Self.batch(1...3) { $0 == 2 ? "not a url" : "https://x.example/post/\($0)" }),
                    400
                ),
            ]
            for (what, answer, status) in answers {
                #expect(answer.status == status, "\(what): \(answer.status) \(answer.body)")
                #expect(answer.body.contains("\"message\""), "\(what) is answered with a sentence: \(answer.body)")
            }
            #expect(try await intake.events() == before, "nothing was recorded")
        }
    }

    @Test("crisis_intake may append only mentions and signals to the intake stream, and reads nothing else")
    func intakeRoleIsConfined() async throws {
        try await Self.with { intake in
            var role = intake.served.team.settings
            role.role = "crisis_intake"
            let seen = try await EndToEndDatabase.texts(
                role, "SELECT count(*)::text FROM crisis.events WHERE stream_id <> 'intake'")
            #expect(seen == ["0"], "crisis_intake sees no event outside the intake stream")
            for (stream, type) in [("intake", "WatchAdded"), ("oncall", "MentionRecorded")] {
                let append: PostgresQuery = """
                    SELECT 1 FROM crisis.append_events(\(stream), NULL, gen_random_uuid(),
                      jsonb_build_array(jsonb_build_object('event_id', gen_random_uuid(), 'event_type', \(type),
                        'schema_version', 1, 'data', '{"name": "x"}'::jsonb, 'metadata', '{}'::jsonb)))
                    """
                await #expect(throws: (any Error).self, "\(type) on \(stream) as crisis_intake") {
                    try await EndToEndDatabase.execute(role, [append])
                }
            }
        }
    }

    @Test(
        "promoting a signal opens an incident with the mentions' addresses as its posts, from the CLI or the Promote button"
    )
    func promoteOpensIncident() async throws {
        try await Self.with { intake in
            let first = try await intake.push(Self.batch(1...3))
            #expect(first.status == 201, "\(first.body)")
            let social = WebClient(base: intake.base)
            defer { Task { await social.shutdown() } }
            try await social.signIn("e2e_sam")
            let page = try await social.get("/intake")
            #expect(page.status == 200)
            #expect(page.body.contains("Signal s1"), "\(page.body)")
            #expect(page.body.contains("https://x.example/post/2"))
            let missing = try await social.post("/intake/signals/s1/promote", form: [("kind", "viral-complaint")])
            #expect(missing.status == 403, "no CSRF token, nothing done")
            let promoted = try await social.post(
                "/intake/signals/s1/promote", form: [("csrf", page.input("csrf") ?? ""), ("kind", "viral-complaint")])
            #expect(promoted.status == 200, "\(promoted.body)")
            let listed = try await intake.served.team.json("e2e_alice", ["intake", "list"]) as? [[String: Any]] ?? []
            let incident = try #require(listed.first?["incident"] as? String, "the signal records its incident")
            let shown =
                try await intake.served.team.json("e2e_alice", ["incident", "show", incident]) as? [String: Any]
            let urls = "\(shown ?? [:])"
            #expect(urls.contains("viral-complaint"))
            for n in 1...3 { #expect(urls.contains("https://x.example/post/\(n)"), "\(urls)") }

            // A second spike, promoted on the CLI; promoting it again answers with the same incident.
            _ = try await intake.push(Self.batch(4...6))
            let id = await intake.served.team.created(
                "e2e_alice", ["intake", "promote", "s2", "--kind", "viral-complaint"])
            let again = await intake.served.team.created(
                "e2e_alice", ["intake", "promote", "s2", "--kind", "viral-complaint"])
            #expect(id == again)
            _ = try await intake.push(Self.batch(7...9))
            await intake.served.team.run(
                "e2e_lee", ["intake", "promote", "s3", "--kind", "viral-complaint"], expecting: 1)
        }
    }
}
