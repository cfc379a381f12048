import CrisisStore
import Foundation
import Testing

/// Need to know (issue 13), through the real binary and through plain `psql`: a restricted
/// incident does not exist for a role that was not given it, in any table; PostgreSQL enforces
/// it with row-level security (migration 0007), so psql sees what crisis sees.
@Suite("Need to know: restricted incidents, end to end")
struct NeedToKnowTests {
    /// Every table that holds rows of an incident, with how a row names it.
    static let tables: [(table: String, column: String)] = [
        ("crisis.events", "stream_id = 'incident-' || :'id'"),
        ("crisis.streams", "stream_id = 'incident-' || :'id'"),
        ("crisis.commands", "stream_id = 'incident-' || :'id'"),
        ("crisis.projected_incidents", "incident_id = :'id'::uuid"),
        ("crisis.projected_legal_queue", "incident_id = :'id'::uuid"),
        ("crisis.projected_open_deadlines", "incident_id = :'id'::uuid"),
        ("crisis.projected_incident_metrics", "incident_id = :'id'::uuid"),
    ]

    /// A restricted PHI leak opened by e2e_alice with a message waiting for legal (so every
    /// projection has a row of it), and the projections brought up to date; returns its id.
    static func restrictedLeak(_ team: Team) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a staff selfie", "--platform", "x",
                "--url", "https://x.example/staff", "--restricted", "--restriction-reason", "the patient is staff",
            ])
        await team.run("e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"])
        await team.run(
            "e2e_alice", ["message", "draft", id, "--channel", "public-reply", "--body", "We are looking into it."])
        await team.run("e2e_alice", ["message", "submit", id, "m1"])
        await team.run("e2e_alice", ["incident", "list"])
        return id
    }

    /// Runs `sql` (one statement per line) with psql as `person` (`:'id'` is the incident's id) and
    /// returns one value per line of output.
    static func psql(_ team: Team, as person: String, _ sql: String, id: String) async throws -> [String] {
        guard case .socket(let directory, _) = team.settings.server else {
            throw TestSetupError("the test server is expected on a unix socket")
        }
        let candidates =
            ["/usr/bin/psql", "/usr/local/bin/psql"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).map {
                "/usr/lib/postgresql/\($0)/bin/psql"
            }
        guard let psql = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestSetupError("psql is not installed (apt-get install postgresql-client)")
        }
        // The id is a UUID crisis printed: safe to put in the statement as a literal.
        guard UUID(uuidString: id) != nil else { throw TestSetupError("\(id) is not an incident id") }
        let statements = sql.replacingOccurrences(of: ":'id'", with: "'\(id)'").split(separator: "\n")
            .flatMap { ["-c", String($0)] }
        let run = await ChildProcessRunner.capture(
            psql,
            ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-U", person, "-d", team.settings.database]
                + statements, environment: ["PGCONNECT_TIMEOUT": "10"])
        guard run.status == 0 else { throw TestSetupError("psql as \(person) failed: \(run.errors)") }
        return run.output.split(separator: "\n").map(String.init)
    }

    /// How many rows of the incident `person` sees in each table, with plain psql.
    static func rowCounts(_ team: Team, as person: String, id: String) async throws -> [String: Int] {
        let sql = Self.tables.map { "SELECT '\($0.table)=' || count(*) FROM \($0.table) WHERE \($0.column);" }
            .joined(separator: "\n")
        var counts: [String: Int] = [:]
        for line in try await psql(team, as: person, sql, id: id) {
            let parts = line.split(separator: "=")
            if parts.count == 2 { counts[String(parts[0])] = Int(parts[1]) }
        }
        return counts
    }

    @Test("an ungranted writer and an ungranted auditor see no row of a restricted incident in any table, with psql")
    func ungrantedSeeNothing() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        let granted = try await Self.rowCounts(team, as: "e2e_alice", id: id)
        for (table, _) in Self.tables {
            #expect((granted[table] ?? 0) > 0, "e2e_alice (assigned) sees \(table)")
        }
        for person in ["e2e_sam", "e2e_lee", "e2e_audrey"] {
            let counts = try await Self.rowCounts(team, as: person, id: id)
            #expect(counts.count == Self.tables.count)
            for (table, _) in Self.tables {
                #expect(counts[table] == 0, "\(person) sees \(counts[table] ?? -1) rows of \(table)")
            }
        }
        // The privacy officer sees it (they administer access).
        #expect(try await Self.rowCounts(team, as: "e2e_pat", id: id)["crisis.events"] ?? 0 > 0)
    }

    @Test("a granted writer sees the incident in psql and crisis; a revoked one no longer does")
    func grantAndRevoke() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        let before = await team.run("e2e_lee", ["legal", "queue", "--json"])
        #expect(!before.output.lowercased().contains(id))
        await team.run("e2e_alice", ["incident", "grant", id, "--to", "e2e_lee"])
        let counts = try await Self.rowCounts(team, as: "e2e_lee", id: id)
        for (table, _) in Self.tables {
            #expect((counts[table] ?? 0) > 0, "e2e_lee (granted) sees \(table)")
        }
        let queue = await team.run("e2e_lee", ["legal", "queue", "--json"])
        #expect(queue.output.lowercased().contains(id))
        await team.run("e2e_lee", ["incident", "show", id])
        await team.run("e2e_alice", ["incident", "revoke", id, "--to", "e2e_lee"])
        #expect(try await Self.rowCounts(team, as: "e2e_lee", id: id)["crisis.events"] == 0)
        await team.run("e2e_lee", ["incident", "show", id], expecting: 2)
    }

    @Test("lists show a restricted incident only to those who may see it")
    func listsHideIt() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        let open = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Ordinary", "--platform", "x", "--url",
                "https://x.example/o",
            ])
        for person in ["e2e_sam", "e2e_audrey"] {
            let listed = try await team.json(person, ["incident", "list"]) as? [[String: Any]] ?? []
            let ids = listed.compactMap { ($0["id"] as? String)?.lowercased() }
            #expect(ids.contains(open))
            #expect(!ids.contains(id), "\(person) lists the restricted incident")
            let deadlines = await team.run(person, ["deadlines", "--json"])
            #expect(!deadlines.output.contains(id))
        }
        let alice = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(alice.contains { ($0["id"] as? String)?.lowercased() == id })
        let shown = await team.run("e2e_alice", ["incident", "show", id])
        #expect(shown.output.contains("access:    restricted (the patient is staff)"))
    }

    @Test(
        "the policy review counts a restricted incident in its figures for everyone, naming it only to those who see it"
    )
    func reviewCountsWithoutNaming() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        func phiLeaks(_ person: String) async throws -> Int? {
            let review = try await team.json(person, ["policy", "review"]) as? [String: Any]
            let kinds = review?["kinds"] as? [[String: Any]] ?? []
            return kinds.first { $0["kind"] as? String == "phi-leak" }?["incidents"] as? Int
        }
        #expect(try await phiLeaks("e2e_alice") == 1)
        #expect(try await phiLeaks("e2e_sam") == 1)
        #expect(try await phiLeaks("e2e_audrey") == 1)
        let text = await team.run("e2e_sam", ["policy", "review", "--json"])
        #expect(!text.output.contains(id))
        #expect(!text.output.contains("Chart in a staff selfie"))
    }

    @Test("reading a restricted incident without access is answered as no such incident and recorded in its access log")
    func deniedReadIsLogged() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        let hidden = await team.run("e2e_sam", ["incident", "show", id], expecting: 2)
        let missing = UUID().uuidString.lowercased()
        let absent = await team.run("e2e_sam", ["incident", "show", missing], expecting: 2)
        #expect(
            hidden.errors.replacingOccurrences(of: id, with: "ID")
                == absent.errors.replacingOccurrences(of: missing, with: "ID"),
            "a hidden incident and a missing one get the same answer")
        await team.run("e2e_sam", ["incident", "timeline", String(id.prefix(8))], expecting: 2)
        await team.run("e2e_audrey", ["audit", "replay", id], expecting: 2)
        await team.run("e2e_sam", ["incident", "note", id, "peeking"], expecting: 2)
        let attempts = try await Self.psql(
            team, as: "e2e_pat",
            "SELECT actor || ' ' || (data->>'action') FROM crisis.events WHERE stream_id = 'access-log-' || :'id' ORDER BY stream_version;",
            id: id)
        #expect(attempts.filter { $0 == "e2e_sam denied-read" }.count == 3)
        #expect(attempts.contains("e2e_audrey denied-read"))
        // The access log of a restricted incident is hidden with it.
        #expect(
            try await Self.psql(
                team, as: "e2e_sam", "SELECT count(*) FROM crisis.events WHERE stream_id LIKE 'access-log-%';", id: id)
                == ["0"])
        // Appending by hand is refused by the database too.
        let appended = try? await Self.psql(
            team, as: "e2e_sam",
            "SELECT crisis.append_events('incident-' || :'id', NULL, gen_random_uuid(), '[{\"event_type\": \"NoteAdded\", \"data\": {\"text\": \"x\"}}]');",
            id: id)
        #expect(appended == nil)
    }

    @Test("an auditor granted until a time replays the incident, and the read is in its access log")
    func auditorGrantedUntil() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3_600))
        await team.run("e2e_sam", ["audit", "grant", id, "--to", "e2e_audrey", "--until", until], expecting: 2)
        await team.run("e2e_alice", ["audit", "grant", id, "--to", "e2e_audrey", "--until", until])
        await team.run("e2e_audrey", ["audit", "replay", id])
        #expect(try await Self.rowCounts(team, as: "e2e_audrey", id: id)["crisis.events"] ?? 0 > 0)
        let reads = try await Self.psql(
            team, as: "e2e_audrey",
            "SELECT data->>'action' FROM crisis.events WHERE stream_id = 'access-log-' || :'id';", id: id)
        #expect(reads.contains("replay"))
        // An access that has ended hides the incident again (the end is set in the past by hand,
        // as time passing would).
        try await EndToEndDatabase.execute(
            team.settings,
            ["UPDATE crisis.incident_access SET until = now() - interval '1 second' WHERE person = 'e2e_audrey'"])
        #expect(try await Self.rowCounts(team, as: "e2e_audrey", id: id)["crisis.events"] == 0)
    }

    @Test("grants to people off the roster, and revoking the last commander, are refused with their rule")
    func refusals() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await Self.restrictedLeak(team)
        let offRoster = await team.run("e2e_alice", ["incident", "grant", id, "--to", "nobody_here"], expecting: 2)
        #expect(offRoster.errors.contains("not on the roster"))
        // alice is assigned: she keeps access.
        let assigned = await team.run("e2e_pat", ["incident", "revoke", id, "--to", "e2e_alice"], expecting: 1)
        #expect(assigned.errors.contains("assigned"))
        await team.run("e2e_sam", ["incident", "restrict", id, "--reason", "x"], expecting: 2)
        // By hand, the database refuses access events from anyone but a commander or privacy officer.
        let open = await team.created(
            "e2e_sam",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Ordinary", "--platform", "x", "--url",
                "https://x.example/o",
            ])
        await team.run("e2e_sam", ["incident", "restrict", open, "--reason", "x"], expecting: 1)
        let forged = try? await Self.psql(
            team, as: "e2e_sam",
            "SELECT crisis.append_events('incident-' || :'id', NULL, gen_random_uuid(), '[{\"event_type\": \"AccessGranted\", \"data\": {\"person\": \"e2e_sam\"}}]');",
            id: open)
        #expect(forged == nil)
    }

    @Test(
        "verify by a role that cannot see everything counts what it could not see; crisis_sealer verifies and seals all"
    )
    func verifyAndSeal() async throws {
        let team = try await Team.assemble(Team.cast)
        _ = await Self.restrictedLeak(team)
        let partial = await team.run("e2e_audrey", ["audit", "verify"])
        #expect(partial.output.contains("NOT CHECKED: 1 streams"))
        #expect(!partial.output.contains("every hash chain verifies"))
        let partialJSON = try await team.json("e2e_audrey", ["audit", "verify"]) as? [String: Any]
        #expect(partialJSON?["complete"] as? Bool == false)
        #expect(partialJSON?["streamsNotVisible"] as? Int == 1)

        try await EndToEndDatabase.execute(
            team.settings,
            [
                """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'e2e_sealer') THEN
                    CREATE ROLE e2e_sealer LOGIN IN ROLE crisis_sealer;
                  END IF;
                END $$
                """
            ])
        let whole = await team.run("e2e_sealer", ["audit", "verify"])
        #expect(whole.output.contains("every hash chain verifies"))

        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        let key = "\(work)/ntk-\(UUID().uuidString).key"
        await team.run("e2e_sealer", ["audit", "keygen", "--out", key])
        let refused = await team.run(
            "e2e_audrey", ["audit", "seal", "--key", key, "--out", key + ".audrey.json"], expecting: 1)
        #expect(refused.errors.contains("crisis_sealer"))
        await team.run("e2e_sealer", ["audit", "seal", "--key", key, "--out", key + ".seal.json"])
        let sealed = await team.run("e2e_sealer", ["audit", "verify", "--seal", key + ".seal.json"])
        #expect(sealed.output.contains("every hash chain verifies"))
        // An auditor checking that seal is told what it could not compare, not that it was deleted.
        let partialSeal = await team.run("e2e_audrey", ["audit", "verify", "--seal", key + ".seal.json"])
        #expect(partialSeal.output.contains("NOT CHECKED"))
    }

    @Test("the deadline scanner records a restricted incident's misses only when run by a login in crisis_sealer")
    func scannerNeedsSealer() async throws {
        let team = try await Team.assemble(Team.cast)
        let longAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-90 * 86_400))
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Old staff leak", "--platform", "x", "--url",
                "https://x.example/old", "--discovered-at", longAgo, "--detected-at", longAgo, "--restricted",
            ])
        func misses() async throws -> Int {
            try await team.eventTypes(id).filter { $0 == "DeadlineMissed" }.count
        }
        await team.run("e2e_sam", ["deadlines", "scan"])
        #expect(try await misses() == 0, "a scanner that cannot see the incident records nothing on it")
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
        await team.run("e2e_watcher", ["deadlines", "scan"])
        #expect(try await misses() > 0)
    }
}
