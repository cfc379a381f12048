import CrisisApp
import CrisisDomain
import CrisisStore
import CrisisTestSupport
import Foundation
import PostgresNIO
import Testing

/// Crypto-shredding through the binary and plain SQL (issue 13): the PHI fields are stored
/// sealed with the incident's key; once the key is shredded the words are gone from every table,
/// every chain still verifies, and reads show `[shredded]` in their place.
@Suite("Crypto-shredding, end to end")
struct CryptoShreddingTests {
    /// A closed viral complaint whose title, note and message carry `word`.
    static func closedIncident(_ team: Team, word: String) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Complaint by \(word)", "--platform", "x",
                "--url", "https://x.example/\(word)",
            ])
        await walkAndClose(team, id, word: word)
        return id
    }

    /// Takes a viral complaint from its opening to closed, with `word` in its notes and messages.
    static func walkAndClose(_ team: Team, _ id: String, word: String) async {
        await team.run("e2e_alice", ["incident", "act", id, "no-phi-found", "--note", "\(word) called the ER"])
        for (message, channel, action) in [("m1", "holding", "holding-posted"), ("m2", "public-reply", "reply-posted")]
        {
            await team.run("e2e_sam", ["message", "draft", id, "--channel", channel, "--body", "Dear \(word), sorry"])
            await team.run("e2e_sam", ["message", "submit", id, message])
            await team.run("e2e_pat", ["legal", "approve", id, message])
            await team.run("e2e_cora", ["legal", "approve", id, message])
            await team.run("e2e_cora", ["message", "publish", id, message, "--url", "https://x.example/r-\(message)"])
            await team.run("e2e_alice", ["incident", "act", id, action])
        }
        await team.run("e2e_alice", ["incident", "act", id, "private-outreach-done", "--note", "\(word) answered"])
        await team.run("e2e_alice", ["incident", "note", id, "The patient \(word) asked for a call"])
        await team.run("e2e_alice", ["incident", "close", id])
    }

    /// How many rows of each table of the schema hold `word` anywhere in their text, by table.
    static func rowsHolding(_ word: String, _ team: Team) async throws -> [String: Int] {
        let superuser = try DatabaseSettings.parse(url: team.url)
        let tables = try await EndToEndDatabase.texts(
            superuser,
            "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'crisis' ORDER BY 1")
        #expect(tables.count > 10, "the schema's tables were listed")
        var found: [String: Int] = [:]
        for table in tables {
            let count = try await EndToEndDatabase.texts(
                superuser, "SELECT count(*)::text FROM \(unescaped: table) t WHERE t::text LIKE \("%" + word + "%")")
            if let count = count.first.flatMap(Int.init), count > 0 { found[table] = count }
        }
        return found
    }

    static func word() -> String {
        "Zq" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
    }

    /// The binary's environment as `person` sees it, for the in-process shred seven years on.
    static func shredSevenYearsLater(_ team: Team, _ id: String) async throws -> LoadedIncident {
        var environment = team.crisis.environment
        environment["DATABASE_URL"] = team.url
        let database = try await CrisisDatabase.open(environment: environment, role: "e2e_pat")
        let handler = IncidentHandler(database: database, library: try WorkflowLibrary.fromEnvironment(environment))
        let later = Date().addingTimeInterval(7 * 366 * 86_400)
        do {
            let shredded = try await RetentionDesk(handler: handler).shred(
                .incident(try #require(UUID(uuidString: id))), reason: "retention schedule 4.2", now: { later })
            await database.close()
            return shredded
        } catch {
            await database.close()
            throw error
        }
    }

    @Test(
        "the words are stored sealed; shredding is refused before the retention end and destroys them after; every chain verifies and every read shows [shredded]",
        .timeLimit(.minutes(8)))
    func shredAfterRetention() async throws {
        let team = try await Team.assemble(Team.cast)
        let word = Self.word()
        let id = await Self.closedIncident(team, word: word)
        // Sealed at rest: no table holds the word, the projections included, even before the shred.
        #expect(try await Self.rowsHolding(word, team) == [:])
        let shown = await team.run("e2e_alice", ["incident", "show", id])
        #expect(shown.output.contains("Complaint by \(word)"), "the key opens the words: \(shown.output)")
        let listed = await team.run("e2e_alice", ["incident", "list"])
        #expect(listed.output.contains(word), "the list opens the projected title")
        let status = try await team.json("e2e_pat", ["retention", "status"]) as? [[String: Any]] ?? []
        #expect(status.first { ($0["id"] as? String) == id }?["storage"] as? String == "encrypted")

        let early = await team.run("e2e_pat", ["retention", "shred", id, "--reason", "schedule"], expecting: 1)
        #expect(early.errors.contains("must be kept until"))

        let shredded = try await Self.shredSevenYearsLater(team, id)
        #expect(shredded.state.retention.isShredded)
        let keys = try await EndToEndDatabase.texts(
            try DatabaseSettings.parse(url: team.url),
            "SELECT count(*)::text FROM crisis.incident_keys WHERE incident_id = \(try #require(UUID(uuidString: id)))")
        #expect(keys == ["0"], "the data key is destroyed")

        #expect(await team.run("e2e_audrey", ["audit", "verify"]).status == 0, "every chain still verifies")
        let verify = await team.crisis.run("audit", "verify")
        #expect(verify.status == 0 && verify.output.contains("every hash chain verifies"), "\(verify.output)")
        let after = await team.run("e2e_alice", ["incident", "show", id])
        #expect(!after.output.contains(word))
        #expect(after.output.contains("[shredded]"), "\(after.output)")
        let timeline = await team.run("e2e_audrey", ["audit", "timeline", id])
        #expect(!timeline.output.contains(word))
        #expect(timeline.output.contains("[shredded]") && timeline.output.contains("e2e_alice"))
        let replay = await team.run("e2e_audrey", ["audit", "replay", id])
        #expect(!replay.output.contains(word))
        let statusAfter = try await team.json("e2e_pat", ["retention", "status"]) as? [[String: Any]] ?? []
        #expect(statusAfter.first { ($0["id"] as? String) == id }?["storage"] as? String == "shredded")
        #expect(try await Self.rowsHolding(word, team) == [:])

        let jsonl = AuditTests.scratch("shredded.jsonl")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "jsonl", "--out", jsonl])
        let html = AuditTests.scratch("shredded.html")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "html", "--out", html])
        for file in [jsonl, html] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(!text.contains(word), "\(file) holds none of the words")
        }
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("[shredded]"))
        #expect(
            try String(contentsOfFile: jsonl, encoding: .utf8).contains(#""data_opened":"#),
            "the readable view is beside the stored data")
        #expect(try String(contentsOfFile: jsonl, encoding: .utf8).contains("[shredded]"))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/verify-export.py").path
        let checked = await ChildProcessRunner.capture(
            "/usr/bin/env", ["python3", script, jsonl], environment: ProcessInfo.processInfo.environment)
        #expect(checked.status == 0, "the offline verifier accepts an export made after the shred: \(checked.output)")

        // The data files and the WAL after a checkpoint: the words never reached the server in
        // plaintext, so they are in neither (readable only where the tests run as root).
        try await EndToEndDatabase.execute(try DatabaseSettings.parse(url: team.url), ["CHECKPOINT"])
        let directory = try await EndToEndDatabase.texts(
            try DatabaseSettings.parse(url: team.url), "SHOW data_directory")
        if let directory = directory.first, FileManager.default.isReadableFile(atPath: directory + "/pg_wal") {
            let found = await ChildProcessRunner.capture(
                "/usr/bin/env",
                ["grep", "-rl", word, directory + "/base", directory + "/global", directory + "/pg_wal"],
                environment: ProcessInfo.processInfo.environment)
            #expect(found.status == 1, "no data or WAL file holds the word: \(found.output)")
        }
    }

    @Test(
        "without the key file a command that writes words exits 2 naming CRISIS_KEY_FILE and writes nothing; a read shows what it can"
    )
    func missingKeyFile() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.commandedComplaint()
        let before = try await team.eventTypes(id)
        let superuser = try DatabaseSettings.parse(url: team.url)
        let everything = try await EndToEndDatabase.texts(superuser, "SELECT count(*)::text FROM crisis.events")
        for keyFile in ["", "/nonexistent/crisis.key"] {
            var keyless = team
            keyless.crisis = CrisisBinary(environment: ["DATABASE_URL": team.url, "CRISIS_KEY_FILE": keyFile])
            let note = await keyless.run("e2e_alice", ["incident", "note", id, "words"], expecting: 2)
            #expect(note.errors.contains("CRISIS_KEY_FILE"), "\(note.errors)")
            let open = await keyless.run(
                "e2e_alice",
                ["incident", "open", "--kind", "viral-complaint", "--title", "T", "--platform", "x", "--url", "u"],
                expecting: 2)
            #expect(open.errors.contains("CRISIS_KEY_FILE"), "\(open.errors)")
            let shown = await keyless.run("e2e_alice", ["incident", "show", id])
            #expect(shown.output.contains("[encrypted]") && shown.output.contains("e2e_alice"), "\(shown.output)")
        }
        // Another key file: the wrapped key names the key that was used.
        let other = AuditTests.scratch("other.key")
        _ = try KeyEncryptionKey.loadOrCreate(other)
        var wrong = team
        wrong.crisis = CrisisBinary(environment: ["DATABASE_URL": team.url, "CRISIS_KEY_FILE": other])
        let note = await wrong.run("e2e_alice", ["incident", "note", id, "words"], expecting: 2)
        #expect(note.errors.contains("CRISIS_KEY_FILE"))
        #expect(try await team.eventTypes(id) == before, "nothing was written")
        #expect(
            try await EndToEndDatabase.texts(superuser, "SELECT count(*)::text FROM crisis.events") == everything,
            "no event anywhere: no refusal, no workflow publication")
        let incidents = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(incidents.count == 1)
    }

    @Test("a superuser who copies one incident's sealed title into another is caught by verify and by the key")
    func copiedCiphertext() async throws {
        let team = try await Team.assemble(Team.cast)
        let first = await team.commandedComplaint()
        let second = await team.commandedComplaint()
        try await EndToEndDatabase.execute(
            try DatabaseSettings.parse(url: team.url),
            [
                "ALTER TABLE crisis.events DISABLE TRIGGER USER",
                """
                UPDATE crisis.events SET data = (SELECT data FROM crisis.events
                                                 WHERE stream_id = \("incident-" + first) AND stream_version = 1)
                WHERE stream_id = \("incident-" + second) AND stream_version = 1
                """,
                "ALTER TABLE crisis.events ENABLE TRIGGER USER",
            ])
        let verify = await team.run("e2e_audrey", ["audit", "verify", second], expecting: 1)
        #expect(verify.output.contains("TAMPERED") && verify.output.contains("incident-\(second), version 1"))
        let shown = await team.run("e2e_alice", ["incident", "show", second], expecting: 1)
        #expect(shown.errors.contains("copied from another incident"), "\(shown.errors)")
    }

    @Test(
        "an incident recorded before encryption keeps its plaintext, stays plaintext, works, and is listed as plaintext",
        .timeLimit(.minutes(8)))
    func plaintextStore() async throws {
        let team = try await Team.assemble(Team.cast)
        let model = await team.commandedComplaint()
        // An opening as crisis wrote it before encryption: the same event, its fields in plaintext.
        var environment = team.crisis.environment
        environment["DATABASE_URL"] = team.url
        let modelID = try #require(UUID(uuidString: model), "the model incident opened: \(model)")
        let database = try await CrisisDatabase.open(environment: environment, role: "e2e_alice")
        // Closed on every path: a connection dropped unclosed stops the whole test process.
        let loaded: LoadedIncident
        do {
            let handler = IncidentHandler(
                database: database, library: try WorkflowLibrary.fromEnvironment(environment))
            loaded = try await handler.load(.incident(modelID))
        } catch {
            await database.close()
            throw error
        }
        guard case .incidentOpened(var opened) = loaded.history.first?.event else {
            await database.close()
            Issue.record("the model incident has no opening")
            return
        }
        let word = Self.word()
        let id = UUID()
        opened.incidentId = id
        opened.title = "Old complaint by \(word)"
        let metadata =
            #"{"command": "open", "commandId": "\#(UUID().uuidString.lowercased())", "workflow": "viral-complaint@1"}"#
        do {
            _ = try await database.store.append(
                [
                    NewEvent(
                        type: "IncidentOpened", data: try IncidentEvent.incidentOpened(opened).encodedData(),
                        metadata: Data(metadata.utf8))
                ],
                to: .incident(id), expecting: .noStream, commandID: UUID())
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        let old = id.uuidString.lowercased()
        await team.run("e2e_alice", ["incident", "assign", old, "--role", "commander", "--to", "e2e_alice"])
        await Self.walkAndClose(team, old, word: word)
        let shown = await team.run("e2e_alice", ["incident", "show", old])
        #expect(shown.output.contains("Old complaint by \(word)"))
        let timeline = await team.run("e2e_audrey", ["audit", "timeline", old])
        #expect(timeline.output.contains("The patient \(word) asked for a call"), "\(timeline.output)")
        let settings = try DatabaseSettings.parse(url: team.url)
        let keys = try await EndToEndDatabase.texts(
            settings, "SELECT count(*)::text FROM crisis.incident_keys WHERE incident_id = \(id)")
        #expect(keys == ["0"], "no key is made for an incident recorded before encryption")
        let notes = try await EndToEndDatabase.texts(
            settings,
            "SELECT data->>'text' FROM crisis.events WHERE stream_id = \("incident-" + old) AND event_type = 'NoteAdded'"
        )
        #expect(notes == ["The patient \(word) asked for a call"], "its new events stay plaintext: \(notes)")
        #expect(await team.run("e2e_audrey", ["audit", "verify"]).status == 0)
        let status = try await team.json("e2e_pat", ["retention", "status"]) as? [[String: Any]] ?? []
        #expect(status.first { ($0["id"] as? String) == old }?["storage"] as? String == "plaintext")
        let refused = await team.run("e2e_pat", ["retention", "shred", old, "--reason", "schedule"], expecting: 1)
        #expect(refused.errors.contains("plaintext") || refused.errors.contains("must be kept until"))
    }

    @Test(
        "the deadlines read from the projections judge the opened words: a removal requested for every post meets its clock"
    )
    func projectedDeadlinesOpenTheWords() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a selfie", "--platform", "x", "--url",
                "https://x.example/selfie",
            ])
        func removalClock() async throws -> [[String: Any]] {
            let lines = try await team.json("e2e_alice", ["deadlines"]) as? [[String: Any]] ?? []
            return lines.filter { (($0["deadline"] as? [String: Any])?["id"] as? String) == "removal-requests" }
        }
        #expect(try await removalClock().count == 1, "the clock runs until a removal is requested")
        await team.run(
            "e2e_sam", ["removal", "request", id, "--platform", "x", "--url", "https://x.example/selfie"])
        // The projector folds sealed URLs, whose nonces differ: compared as stored they never match.
        #expect(try await removalClock().isEmpty, "met, as a fresh fold of the opened record says")
    }
}
