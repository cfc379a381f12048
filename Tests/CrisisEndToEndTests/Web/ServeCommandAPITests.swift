import CrisisTestSupport
import Foundation
import NIOHTTP1
import Testing

/// The incident commands of `/api/v1/incidents/ID/...`: the same commands, refusals and
/// evidence as the CLI, in the CLI's `--json` shapes.
@Suite("crisis serve: incident commands over the API")
struct ServeCommandAPITests {
    /// An API client signed in as one person.
    struct Caller {
        let api: WebClient
        let token: String

        static func signIn(_ api: WebClient, _ name: String) async throws -> Caller {
            let session = try await api.postJSON("/api/v1/session", ["name": name, "password": ServedCrisis.password])
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(session.body.utf8)) as? [String: Any])?["token"]
                    as? String,
                "\(name) signs in: \(session.body)")
            return Caller(api: api, token: token)
        }

        /// POSTs `json` (any JSON value) and returns the status and the decoded answer.
        @discardableResult
        func post(_ path: String, _ json: Any = [String: String](), key: String? = nil) async throws -> (
            status: Int, body: [String: Any]
        ) {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
            var headers = [("content-type", "application/json"), ("authorization", "Bearer \(token)")]
            if let key { headers.append(("idempotency-key", key)) }
            let answer = try await api.send(
                path, method: .POST, body: String(decoding: data, as: UTF8.self), headers: headers)
            let body = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]) ?? [:]
            return (answer.status, body)
        }
    }

    static func rule(_ body: [String: Any]) -> String? { (body["error"] as? [String: Any])?["rule"] as? String }
    static func sentence(_ body: [String: Any]) -> String {
        (body["error"] as? [String: Any])?["message"] as? String ?? ""
    }
    static func state(_ body: [String: Any]) -> [String: Any] { body["state"] as? [String: Any] ?? [:] }

    @Test(
        "a viral complaint run to close through the API: open, act, draft, submit, approve, publish, removals, note, close; each answered in the CLI's shape"
    )
    func viralComplaintToClose() async throws {
        try await ServedCrisis.with { served in
            let api = WebClient(base: served.baseURL)
            defer { Task { await api.shutdown() } }
            let alice = try await Caller.signIn(api, "e2e_alice")
            let sam = try await Caller.signIn(api, "e2e_sam")
            let pat = try await Caller.signIn(api, "e2e_pat")
            let cora = try await Caller.signIn(api, "e2e_cora")
            let rita = try await Caller.signIn(api, "e2e_rita")

            let key = UUID().uuidString
            let opening: [String: Any] = [
                "kind": "viral-complaint", "title": "ER wait-time thread", "platform": ["facebook"],
                "url": ["https://facebook.example/posts/1"],
            ]
            let opened = try await alice.post("/api/v1/incidents", opening, key: key)
            #expect(opened.status == 201, "\(opened.body)")
            let id = try #require(opened.body["id"] as? String)
            #expect(id.lowercased() == key.lowercased(), "the Idempotency-Key is the incident's id, as --command-id")
            let again = try await alice.post("/api/v1/incidents", opening, key: key)
            #expect(again.status == 201 && again.body["id"] as? String == id, "a retry opens nothing new")
            let incident = "/api/v1/incidents/\(id)"

            let early = try await alice.post("\(incident)/close")
            #expect(early.status == 409, "closing from triage is refused: \(early.body)")
            let rule = try #require(Self.rule(early.body))
            let cli = await served.team.run("e2e_alice", ["incident", "close", id], expecting: 1)
            #expect(cli.errors.contains(Self.sentence(early.body)), "the CLI refuses with the same sentence")
            let refusals = try await served.refusals(id)
            #expect(refusals.filter { $0.rule == rule }.count == 2, "both refusals are recorded: \(refusals)")

            let missingNote = try await alice.post("\(incident)/notes", ["text": "  "])
            #expect(missingNote.status == 400 && Self.sentence(missingNote.body).contains("give text"))
            let noted = try await alice.post("\(incident)/notes", ["text": "Reporter from WXYZ called"])
            #expect(noted.status == 200)
            let shown = try await served.team.json("e2e_alice", ["incident", "show", id]) as? [String: Any] ?? [:]
            #expect(Set(noted.body.keys) == Set(shown.keys), "the answer is incident show --json: \(noted.body.keys)")

            let acted = try await alice.post(
                "\(incident)/actions/no-phi-found", ["note": "no patient detail in the thread"])
            #expect(Self.state(acted.body)["currentState"] as? String == "holding", "\(acted.body)")

            let draft = try await sam.post(
                "\(incident)/messages",
                ["template": "holding-statement", "set": ["patient_relations_line": "1-800-555-0100"]])
            #expect(draft.status == 201 && draft.body["id"] as? String == "m1", "\(draft.body)")
            let submitted = try await sam.post("\(incident)/messages/m1/submit")
            #expect(submitted.body["status"] as? String == "submitted", "the message: \(submitted.body)")
            let own = try await sam.post("\(incident)/messages/m1/approve")
            #expect(own.status == 403 && Self.rule(own.body) == "message.author-cannot-approve")
            for approver in [pat, cora] {
                #expect(try await approver.post("\(incident)/messages/m1/approve").status == 200)
            }
            let published = try await sam.post(
                "\(incident)/messages/m1/publish", ["url": "https://facebook.example/reply/1"])
            #expect(published.body["status"] as? String == "published", "\(published.body)")
            #expect(try await sam.post("\(incident)/actions/holding-posted").status == 200)

            let reply = try await sam.post(
                "\(incident)/messages",
                ["channel": "public-reply", "body": "Thank you for reaching out. Please call 1-800-555-0100."])
            let replyId = try #require(reply.body["id"] as? String)
            try await sam.post("\(incident)/messages/\(replyId)/submit")
            for approver in [pat, cora] { try await approver.post("\(incident)/messages/\(replyId)/approve") }
            try await sam.post("\(incident)/messages/\(replyId)/publish", ["url": "https://facebook.example/reply/2"])
            try await sam.post("\(incident)/actions/reply-posted")

            let removal = try await alice.post(
                "\(incident)/removals", ["platform": "facebook", "url": "https://facebook.example/posts/staff"])
            #expect(removal.status == 201 && removal.body["id"] as? String == "r1", "\(removal.body)")
            let failed = try await alice.post("\(incident)/removals/r1/fail", ["reason": "no policy violation"])
            #expect(failed.body["status"] as? String == "failed", "\(failed.body)")
            let confirmed = try await alice.post("\(incident)/removals/r1/confirm", ["evidence": "URL returns 404"])
            #expect(confirmed.body["status"] as? String == "confirmed", "\(confirmed.body)")

            try await rita.post("\(incident)/actions/private-outreach-done", ["note": "called; meeting agreed"])
            let closed = try await alice.post("\(incident)/close", ["note": "quiet"])
            #expect(closed.status == 200, "\(closed.body)")
            #expect(Self.state(closed.body)["lifecycle"] as? String == "closed")
            #expect(await served.team.run("e2e_audrey", ["audit", "verify"]).status == 0)
            let actors = try await EndToEndDatabase.texts(
                served.team.settings,
                "SELECT DISTINCT actor FROM crisis.events WHERE stream_id = \("incident-" + id) ORDER BY actor")
            #expect(actors == ["e2e_alice", "e2e_cora", "e2e_pat", "e2e_rita", "e2e_sam"], "\(actors)")
        }
    }

    @Test(
        "the API refuses bad input with 400 and a sentence, an unknown route body shape, a bad Idempotency-Key and assessment entries out of range; nothing is recorded"
    )
    func badInput() async throws {
        try await ServedCrisis.with { served in
            let (incident, _) = await served.leakWithSubmittedMessage()
            let api = WebClient(base: served.baseURL)
            defer { Task { await api.shutdown() } }
            let pat = try await Caller.signIn(api, "e2e_pat")
            let before = try await served.team.eventTypes(incident)
            let path = "/api/v1/incidents/\(incident)"
            let notJSON = try await api.send(
                "\(path)/notes", method: .POST, body: "text=hello",
                headers: [("content-type", "application/json"), ("authorization", "Bearer \(pat.token)")])
            #expect(notJSON.status == 400, "\(notJSON.body)")
            let nested = try await pat.post("\(path)/notes", ["text": ["a": ["b": "c"]]])
            #expect(nested.status == 400)
            let factor = try await pat.post("\(path)/assessment/factors", ["factor": 5, "finding": "x"])
            #expect(factor.status == 400 && Self.sentence(factor.body).contains("1, 2, 3 or 4"), "\(factor.body)")
            let conclusion = try await pat.post(
                "\(path)/assessment/conclusion", ["conclusion": "maybe", "reason": "x"])
            #expect(conclusion.status == 400)
            let badKey = try await pat.post("\(path)/notes", ["text": "hello"], key: "not-a-uuid")
            #expect(badKey.status == 400 && Self.sentence(badKey.body).contains("UUID"))
            let draft = try await pat.post("\(path)/messages", ["channel": "press"])
            #expect(draft.status == 400 && Self.sentence(draft.body).contains("exactly one of body"))
            #expect(try await served.team.eventTypes(incident) == before, "nothing was recorded")

            let recorded = try await pat.post("\(path)/assessment/factors", ["factor": 1, "finding": "Name legible"])
            #expect(recorded.status == 200, "\(recorded.body)")
            let breach = Self.state(recorded.body)["breach"] as? [String: Any] ?? [:]
            #expect((breach["factors"] as? [[String: Any]])?.first?["finding"] as? String == "Name legible")
            let unsigned = try await api.postJSON("\(path)/notes", ["text": "hello"])
            #expect(unsigned.status == 401)
        }
    }
}
