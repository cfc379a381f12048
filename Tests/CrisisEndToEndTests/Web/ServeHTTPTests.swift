import CrisisTestSupport
import Foundation
import Testing

/// `crisis serve` over HTTP: sign-in, sessions, CSRF, and the same rules as the CLI.
@Suite("crisis serve over HTTP")
struct ServeHTTPTests {
    @Test("a form posted without its CSRF token is refused with 403 and nothing is recorded")
    func csrfMissing() async throws {
        try await ServedCrisis.with { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            let web = WebClient(base: served.baseURL)
            defer { Task { await web.shutdown() } }
            let signedIn = try await web.signIn("e2e_lee")
            #expect(signedIn.status == 303, "\(signedIn.body)")
            let cookie = signedIn.headers("set-cookie").first { $0.hasPrefix("crisis_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
            let page = try await web.get("/approvals")
            let digest = try #require(page.input("textSHA256"))
            let fields = [("incident", incident), ("message", message), ("textSHA256", digest)]
            let missing = try await web.post("/approvals/approve", form: fields)
            #expect(missing.status == 403)
            #expect(missing.body.contains("CSRF"))
            let wrong = try await web.post("/approvals/approve", form: [("csrf", "not-the-token")] + fields)
            #expect(wrong.status == 403)
            #expect(try await served.approvers(incident, message).isEmpty, "nothing was done")
            let right = try await web.post("/approvals/approve", form: [("csrf", page.input("csrf") ?? "")] + fields)
            #expect(right.status == 200, "\(right.body)")
            #expect(try await served.approvers(incident, message) == ["e2e_lee"])
        }
    }

    @Test(
        "a session idle past its timeout goes back to sign-in and the form it posts does nothing; signing out ends it")
    func sessionExpired() async throws {
        try await ServedCrisis.with(serveArguments: ["--idle-seconds", "2"]) { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            let web = WebClient(base: served.baseURL)
            defer { Task { await web.shutdown() } }
            try await web.signIn("e2e_lee")
            let page = try await web.get("/approvals")
            #expect(page.status == 200)
            let form = [
                ("csrf", page.input("csrf") ?? ""), ("incident", incident), ("message", message),
                ("textSHA256", page.input("textSHA256") ?? ""),
            ]
            // Idle past the timeout (2 s here; 15 minutes by default).
            try await Task.sleep(for: .seconds(3))
            let late = try await web.post("/approvals/approve", form: form)
            #expect(late.status == 303)
            #expect(late.location == "/login")
            #expect(try await served.approvers(incident, message).isEmpty, "nothing was done")

            try await web.signIn("e2e_lee")
            let again = try await web.get("/approvals")
            #expect(again.status == 200)
            let out = try await web.post("/logout", form: [("csrf", again.input("csrf") ?? "")])
            #expect(out.location == "/login")
            let after = try await web.get("/approvals")
            #expect(after.status == 302)
            #expect(after.location?.hasPrefix("/login") == true)
        }
    }

    @Test("approving words that changed since the page showed them is refused (message.text-changed), as on the CLI")
    func changedWordsRefused() async throws {
        try await ServedCrisis.with { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            let web = WebClient(base: served.baseURL)
            defer { Task { await web.shutdown() } }
            try await web.signIn("e2e_lee")
            let page = try await web.get("/approvals")
            let shownDigest = try #require(page.input("textSHA256"))
            await served.team.run("e2e_sam", ["message", "edit", incident, message, "--body", "Other words entirely."])
            await served.team.run("e2e_sam", ["message", "submit", incident, message])
            let answer = try await web.post(
                "/approvals/approve",
                form: [
                    ("csrf", page.input("csrf") ?? ""), ("incident", incident), ("message", message),
                    ("textSHA256", shownDigest),
                ])
            #expect(answer.status == 409)
            #expect(answer.body.contains("[message.text-changed]"))
            #expect(try await served.approvers(incident, message).isEmpty)
            // The CLI gives the same answer for the same digest.
            let cli = await served.team.run(
                "e2e_lee", ["legal", "approve", incident, message, "--text-sha256", shownDigest], expecting: 1)
            #expect(cli.errors.contains("changed since they were read"), "\(cli.errors)")
        }
    }

    @Test("a wrong password is not accepted; after five failures even the right one waits (429)")
    func signInThrottled() async throws {
        try await ServedCrisis.with { served in
            let web = WebClient(base: served.baseURL)
            defer { Task { await web.shutdown() } }
            for _ in 0..<5 {
                let wrong = try await web.signIn("e2e_lee", password: "not-her-password")
                #expect(wrong.status == 401)
                #expect(wrong.body.contains("were not accepted"))
            }
            let right = try await web.signIn("e2e_lee")
            #expect(right.status == 429, "\(right.body)")
            #expect(!web.cookieNames.contains("crisis_session"))
            let unknown = try await web.signIn("nobody_here", password: "whatever-it-is")
            #expect(unknown.status == 429, "the address is throttled too")
            #expect(!served.log.contains("not-her-password"), "no password in the server's log")
        }
    }

    @Test(
        "the JSON API: the legal queue in the CLI's shape, approve with an Idempotency-Key applied once, refusals with their rule"
    )
    func jsonAPI() async throws {
        try await ServedCrisis.with { served in
            let (incident, message) = await served.leakWithSubmittedMessage()
            let api = WebClient(base: served.baseURL)
            defer { Task { await api.shutdown() } }
            let unauthorized = try await api.get("/api/v1/approvals")
            #expect(unauthorized.status == 401)
            let session = try await api.postJSON(
                "/api/v1/session", ["name": "e2e_lee", "password": ServedCrisis.password])
            #expect(session.status == 201)
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(session.body.utf8)) as? [String: Any])?["token"] as? String
            )
            let bearer = [("authorization", "Bearer \(token)")]
            let queue = try await api.get("/api/v1/approvals", headers: bearer)
            let web = try JSONSerialization.jsonObject(with: Data(queue.body.utf8)) as? [[String: Any]] ?? []
            let cli = try await served.team.json("e2e_lee", ["legal", "queue"]) as? [[String: Any]] ?? []
            #expect(web.count == 1 && cli.count == 1)
            #expect(Set(web.first?.keys.map { $0 } ?? []) == Set(cli.first?.keys.map { $0 } ?? []))
            #expect((web.first?["message"] as? NSDictionary) == (cli.first?["message"] as? NSDictionary))

            let key = UUID().uuidString
            let path = "/api/v1/incidents/\(incident)/messages/\(message)/approve"
            let first = try await api.postJSON(path, [:], headers: bearer + [("idempotency-key", key)])
            #expect(first.status == 200, "\(first.body)")
            let retried = try await api.postJSON(path, [:], headers: bearer + [("idempotency-key", key)])
            #expect(retried.status == 200, "a retry with the same key is the same command: \(retried.body)")
            #expect(try await served.approvers(incident, message) == ["e2e_lee"])

            let samSession = try await api.postJSON(
                "/api/v1/session", ["name": "e2e_sam", "password": ServedCrisis.password])
            let samToken =
                (try JSONSerialization.jsonObject(with: Data(samSession.body.utf8)) as? [String: Any])?["token"]
                as? String ?? ""
            let own = try await api.postJSON(path, [:], headers: [("authorization", "Bearer \(samToken)")])
            #expect(own.status == 403)
            let problem = (try JSONSerialization.jsonObject(with: Data(own.body.utf8)) as? [String: Any])?["error"]
            #expect((problem as? [String: Any])?["rule"] as? String == "message.author-cannot-approve", "\(own.body)")
            let bad = try await api.postJSON(
                "/api/v1/incidents/\(incident)/messages/m99/approve", [:], headers: bearer)
            #expect(bad.status == 400, "\(bad.body)")
        }
    }

    @Test(
        "GET /api/v1/freeze answers as freeze check does: frozen while a freeze is in force, free after, 400 for a bad account"
    )
    func freezeForPublishingTools() async throws {
        try await ServedCrisis.with { served in
            let (incident, _) = await served.leakWithSubmittedMessage()
            let api = WebClient(base: served.baseURL)
            defer { Task { await api.shutdown() } }
            let session = try await api.postJSON(
                "/api/v1/session", ["name": "e2e_alice", "password": ServedCrisis.password])
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(session.body.utf8)) as? [String: Any])?["token"] as? String
            )
            let bearer = [("authorization", "Bearer \(token)")]
            func frozen() async throws -> Bool? {
                let answer = try await api.get("/api/v1/freeze?account=instagram:stmaryshospital", headers: bearer)
                #expect(answer.status == 200, "\(answer.body)")
                return (try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["frozen"]
                    as? Bool
            }
            #expect(try await frozen() == false)
            await served.team.run(
                "e2e_alice",
                ["freeze", "start", incident, "--account", "instagram:stmaryshospital", "--reason", "Crisis under way"])
            #expect(try await frozen() == true)
            let cli = await served.team.run(
                "e2e_alice", ["freeze", "check", "instagram:stmaryshospital", "--json"], expecting: 1)
            let said = try JSONSerialization.jsonObject(with: Data(cli.output.utf8)) as? [String: Any]
            #expect(said?["frozen"] as? Bool == true, "the CLI agrees: \(cli.output)")
            let bad = try await api.get("/api/v1/freeze?account=not-an-account", headers: bearer)
            #expect(bad.status == 400, "\(bad.body)")
            #expect(try await api.get("/api/v1/freeze?account=x:y").status == 401, "tools sign in too")
        }
    }

    @Test(
        "on the embedded default one command serves: the cluster asks for SCRAM passwords on loopback, and a person signs in"
    )
    func embeddedDefault() async throws {
        let work =
            (ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory())
            + "/serve-embedded-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let port = try await ServedCrisis.freePort()
        // No CRISIS_KEY_FILE: the embedded default's own key, under CRISIS_HOME, for the CLI and the server alike.
        let environment = [
            "CRISIS_HOME": "\(work)/home", "CRISIS_EMBEDDED_PORT": String(port), "CRISIS_KEY_FILE": "",
        ]
        let crisis = CrisisBinary(environment: environment)
        defer { crisis.runBlocking("db", "stop") }
        await crisis.run(["roster", "add", "lee", "--role", "legal"])
        await crisis.run(["roster", "add", "alice", "--role", "commander"])
        let opened = await crisis.run([
            "incident", "open", "--kind", "viral-complaint", "--title", "Marigold ward thread", "--platform", "x",
            "--url", "https://x.example/marigold", "--as", "alice",
        ])
        #expect(opened.status == 0, "\(opened.errors)")
        try (ServedCrisis.password + "\n").write(toFile: "\(work)/password", atomically: true, encoding: .utf8)
        let set = await crisis.run(["roster", "password", "lee", "--password-file", "\(work)/password"])
        #expect(set.status == 0, "\(set.errors)")
        let (server, _, base) = try await ServedCrisis.serve(environment: environment, [])
        let web = WebClient(base: base)
        defer { Task { await web.shutdown() } }
        do {
            try await signInOnEmbedded(web, crisis)
        } catch {
            await ServedCrisis.stop(server)
            throw error
        }
        await ServedCrisis.stop(server)
    }

    func signInOnEmbedded(_ web: WebClient, _ crisis: CrisisBinary) async throws {
        let wrong = try await web.signIn("lee", password: "not-lees-password")
        #expect(wrong.status == 401, "the loopback port asks for the password")
        let right = try await web.signIn("lee")
        #expect(right.status == 303, "\(right.body)")
        let board = try await web.get("/")
        #expect(board.status == 200)
        #expect(board.body.contains("Sign out lee"))
        #expect(board.body.contains("Marigold ward thread"), "the server opens the words with the embedded key")
        // The CLI keeps working on the private socket meanwhile.
        #expect(await crisis.run(["roster", "list"]).status == 0)
    }

    @Test("crisis serve refuses to start on a database that lets people in without a password")
    func refusesTrust() async throws {
        try await PrivateCluster.with("serve-trust") { cluster in
            let crisis = CrisisBinary(environment: ["DATABASE_URL": cluster.url()])
            let run = await crisis.run(["serve", "--listen", "127.0.0.1:0"])
            #expect(run.status == 4, "\(run.errors)")
            #expect(run.errors.contains("wrong password"), "\(run.errors)")
        }
    }
}
