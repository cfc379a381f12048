import CrisisApp
import CrisisDomain
import CrisisStore
import CrisisTestSupport
import Foundation
import PostgresNIO
import Testing

/// The people who act in the projection tests, each a login role of their own.
private let cast: [(person: String, roles: [String])] = [
    ("proj_alice", ["commander"]), ("proj_sam", ["social-media"]), ("proj_lee", ["legal"]),
    ("proj_pat", ["privacy-officer"]), ("proj_cora", ["communications"]),
]

@Suite("Projections: equal to a fresh fold, idempotent, resumable")
struct ProjectionTests {
    /// A fresh database with the cast on the roster; returns a handler per person.
    func team(_ settings: DatabaseSettings) async throws -> [String: IncidentHandler] {
        let library = try WorkflowLibrary.fromEnvironment()
        try await TestDatabase.withConnection(settings) { owner in
            let database = CrisisDatabase(settings: settings, connection: owner)
            for member in cast {
                _ = try await RosterAdministration(database: database).add(person: member.person, roles: member.roles)
            }
        }
        var handlers: [String: IncidentHandler] = [:]
        for member in cast {
            var mine = settings
            mine.role = member.person
            mine.password = nil
            let connection = try await DatabaseConnector.connect(mine)
            handlers[member.person] = IncidentHandler(
                database: CrisisDatabase(settings: mine, connection: connection), library: library)
        }
        return handlers
    }

    func close(_ handlers: [String: IncidentHandler]) async {
        for handler in handlers.values { await handler.database.close() }
    }

    /// A random command for `person` on an incident: most are accepted, some refused (also recorded).
    func randomCommand(_ person: String, _ rng: inout SeededGenerator) -> IncidentCommand {
        let message = "m\(Int.random(in: 1...3, using: &rng))"
        switch (person, Int.random(in: 0..<6, using: &rng)) {
        case ("proj_alice", 0): return .postMortem(.start)
        case ("proj_alice", 1):
            return .postMortem(.addEntry(.rootCause, text: "cause \(Int.random(in: 1...3, using: &rng))"))
        case ("proj_alice", 2): return .postMortem(.addEntry(.whatHappened, text: "a post"))
        case ("proj_alice", 3): return .postMortem(.publish)
        case ("proj_sam", 0), ("proj_cora", 0):
            return .message(
                .draft(
                    channel: "public", body: .text("We are looking into it. \(Int.random(in: 1...99, using: &rng))")))
        case ("proj_sam", 1), ("proj_cora", 1): return .message(.submit(messageId: message))
        case ("proj_sam", 2):
            return .removal(.request(platform: "x", url: "https://x.example/\(Int.random(in: 1...3, using: &rng))"))
        case ("proj_sam", 3):
            return .removal(.confirm(removalId: "r\(Int.random(in: 1...2, using: &rng))", evidence: nil))
        case ("proj_sam", 4), ("proj_cora", 4):
            return .message(.publish(messageId: message, url: "https://x.example/reply", text: ""))
        case ("proj_lee", _), ("proj_pat", _):
            return Bool.random(using: &rng)
                ? .message(.approve(messageId: message, role: nil, note: nil))
                : .message(.reject(messageId: message, role: nil, reason: "not yet"))
        default: return .note("note by \(person)")
        }
    }

    /// Every incident stream, folded afresh.
    func freshIncidents(_ handler: IncidentHandler) async throws -> [LoadedIncident] {
        try await IncidentDirectory(handler: handler).all()
    }

    /// Waits (at most two minutes) until the gap-safe "all" reader reaches `count`
    /// events: once it has, every later transaction has a higher id, so it stays there.
    func waitUntilReadable(_ count: Int, _ connection: PostgresConnection) async throws {
        let store = PostgresEventStore(session: connection)
        try await waitUntil(
            "the all reader to reach \(count) incident and workflow events", within: .seconds(120),
            every: .milliseconds(50)
        ) {
            let readable = try await store.readAll(after: .start, limit: 10_000).filter {
                $0.streamID.hasPrefix("incident-") || $0.streamID.hasPrefix("workflow-")
            }.count
            return readable >= count ? .done(()) : .notYet("\(readable) of \(count) readable")
        }
    }

    /// Checks every read model against a fresh fold of the record.
    func expectProjectionsMatchFold(_ handler: IncidentHandler, sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        let connection = handler.database.connection
        let incidents = try await freshIncidents(handler)
        #expect(!incidents.isEmpty, sourceLocation: sourceLocation)
        for incident in incidents {
            let id = try #require(incident.state.id)
            var stored: (Int64, String)?
            for try await row in try await connection.query(
                "SELECT version, state::text FROM crisis.projected_incidents WHERE incident_id = \(id)",
                logger: DatabaseConnector.quietLogger
            ).decode((Int64, String).self) { stored = row }
            let (version, text) = try #require(
                stored, "incident \(id) is not projected", sourceLocation: sourceLocation)
            #expect(version == incident.version, sourceLocation: sourceLocation)
            // The projections keep the words sealed (issue 13); the reader opens them.
            let stream = StreamID.incident(id).rawValue
            let opened = try await handler.database.keys.openJSON(text, of: stream)
            #expect(!text.contains(incident.state.title), "the title is stored sealed", sourceLocation: sourceLocation)
            let projected = try JSONDecoder().decode(IncidentState.self, from: Data(opened.utf8))
            #expect(projected == incident.state, "incident \(id) differs from its fold", sourceLocation: sourceLocation)

            var metricsText = ""
            for try await text in try await connection.query(
                "SELECT metrics::text FROM crisis.projected_incident_metrics WHERE incident_id = \(id)",
                logger: DatabaseConnector.quietLogger
            ).decode(String.self) { metricsText = text }
            let metrics = try JSONDecoder().decode(
                IncidentMetrics.self, from: Data(try await handler.database.keys.openJSON(metricsText, of: stream).utf8)
            )
            #expect(metrics == IncidentMetrics(incident.state), sourceLocation: sourceLocation)

            let definition = try #require(incident.definition)
            var queued: [String] = []
            for try await message in try await connection.query(
                "SELECT message_id FROM crisis.projected_legal_queue WHERE incident_id = \(id) ORDER BY message_id",
                logger: DatabaseConnector.quietLogger
            ).decode(String.self) { queued.append(message) }
            #expect(
                queued == pendingApprovals(incident.state, definition).map(\.messageId).sorted(),
                sourceLocation: sourceLocation)

            var open: [String] = []
            for try await deadline in try await connection.query(
                "SELECT deadline_id FROM crisis.projected_open_deadlines WHERE incident_id = \(id) ORDER BY deadline_id",
                logger: DatabaseConnector.quietLogger
            ).decode(String.self) { open.append(deadline) }
            let expected =
                incident.state.isOpen
                ? deadlines(incident.state, definition, now: Date()).filter { $0.status != .met }.map(\.id).sorted()
                : []
            #expect(open == expected, sourceLocation: sourceLocation)
        }
        // Each event of an incident, proposal or workflow stream folded in exactly once.
        let foldable = try await connection.scalar(
            """
            SELECT count(*) FROM crisis.events
            WHERE stream_id LIKE 'incident-%' OR stream_id LIKE 'policy-%' OR stream_id LIKE 'workflow-%'
            """)
        let applied = try await connection.scalar(
            "SELECT events_applied FROM crisis.projection_checkpoints WHERE projection = \(Projector.name)")
        #expect(applied == foldable, "folded \(applied) events of \(foldable)", sourceLocation: sourceLocation)
    }

    @Test("after concurrent writers and a projector running beside them, every read model equals a fresh fold")
    func concurrentAppends() async throws {
        let settings = try await TestDatabase.create()
        let people = try await team(settings)
        defer { Task { await close(people) } }
        let alice = try #require(people["proj_alice"])
        var incidents: [StreamID] = []
        for index in 0..<4 {
            let opened = try await alice.open(
                kind: index.isMultiple(of: 2) ? "phi-leak" : "viral-complaint",
                OpenIncident(
                    id: UUID(), title: "Incident \(index)",
                    posts: [PostReference(platform: "x", url: "https://x.example/\(index)")]))
            incidents.append(opened.stream)
            _ = try await alice.execute(.assign(role: "commander", to: "proj_alice"), on: opened.stream)
        }
        let streams = incidents
        let writersDone = ManagedAtomicFlag()
        try await waiting(for: "\(cast.count) writers and a projector catching up beside them", within: .seconds(300)) {
            _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, member) in cast.enumerated() {
                    let handler = try #require(people[member.person])
                    group.addTask {
                        var rng = SeededGenerator(seed: UInt64(index + 1) * 7919)
                        for _ in 0..<30 {
                            let stream = streams[Int.random(in: 0..<streams.count, using: &rng)]
                            let command = randomCommand(member.person, &rng)
                            _ = try? await handler.execute(command, on: stream)
                        }
                    }
                }
                // A projector reading beside the writers, in small batches.
                var projectorSettings = settings
                projectorSettings.role = "proj_alice"
                let connection = try await DatabaseConnector.connect(projectorSettings)
                let projectorHandler = IncidentHandler(
                    database: CrisisDatabase(settings: projectorSettings, connection: connection),
                    library: alice.library)
                group.addTask {
                    var projector = Projector(handler: projectorHandler)
                    projector.batchSize = 7
                    while !writersDone.isSet {
                        try await projector.catchUp()
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    try await projector.catchUp()
                    try? await connection.close()
                }
                // The writers are the first five tasks: wait for them, then let the projector finish.
                for _ in 0..<cast.count { try await group.next() }
                writersDone.set()
                try await group.waitForAll()
            }
        }
        let kinds = try await alice.database.connection.scalar(
            "SELECT count(DISTINCT event_type) FROM crisis.events WHERE stream_id LIKE 'incident-%'")
        #expect(kinds >= 8, "the random commands exercised only \(kinds) event types")
        let desk = PolicyDesk(handler: alice)
        _ = try await desk.propose(kind: "phi-leak", change: "Phone-free chart areas", from: [incidents[0].rawValue])
        try await Projector(handler: alice).catchUp()
        try await expectProjectionsMatchFold(alice)

        // Rebuilt from zero, the read models are the same.
        try await Projector(handler: alice).rebuild()
        try await expectProjectionsMatchFold(alice)
    }

    @Test("a projector killed mid-batch resumes after the last committed batch without counting anything twice")
    func resumesAfterInterruption() async throws {
        let settings = try await TestDatabase.create()
        let people = try await team(settings)
        defer { Task { await close(people) } }
        let alice = try #require(people["proj_alice"])
        let sam = try #require(people["proj_sam"])
        for index in 0..<3 {
            let opened = try await alice.open(
                kind: "phi-leak", OpenIncident(id: UUID(), title: "Leak \(index)", posts: []))
            for note in 0..<15 { _ = try await sam.execute(.note("note \(note)"), on: opened.stream) }
        }
        // Other tests' transactions on this server hold the "all" reader back
        // (its horizon is cluster-wide); the batches below must see all 49 events.
        try await waitUntilReadable(49, alice.database.connection)
        var interrupted = Projector(handler: alice)
        interrupted.batchSize = 20
        let read = Counter()
        interrupted.interruption = { _ in
            // Killed half way through its second batch.
            read.increment()
            if read.value == 30 { throw ProjectionInterrupted() }
        }
        await #expect(throws: CommandError.self) { try await interrupted.catchUp() }
        let connection = alice.database.connection
        let committed = try await connection.scalar(
            "SELECT events_applied FROM crisis.projection_checkpoints WHERE projection = \(Projector.name)")
        let projectedVersions = try await connection.scalar(
            "SELECT coalesce(sum(version), 0)::bigint FROM crisis.projected_incidents")
        let projectedWorkflows = try await connection.scalar("SELECT count(*) FROM crisis.projected_workflow_versions")
        #expect(committed > 0 && committed < 49, "only the first batch committed")
        #expect(projectedVersions + projectedWorkflows == committed, "the abandoned half batch left nothing behind")

        // Resumed by another process (another connection).
        var mine = settings
        mine.role = "proj_pat"
        let other = try await DatabaseConnector.connect(mine)
        let resumed = IncidentHandler(
            database: CrisisDatabase(settings: mine, connection: other), library: alice.library)
        let applied = try await Projector(handler: resumed).catchUp()
        #expect(applied == 3 * 16 + 1 - committed)
        try await expectProjectionsMatchFold(alice)

        // Every event seen a second time changes nothing.
        _ = try await connection.query(
            "UPDATE crisis.projection_checkpoints SET transaction_id = 0, global_position = 0",
            logger: DatabaseConnector.quietLogger)
        #expect(try await Projector(handler: resumed).catchUp() == 0)
        try await expectProjectionsMatchFold(alice)
        try? await other.close()
    }

    @Test("a transaction held open elsewhere on the server does not keep a command's own events out of the read models")
    func heldTransactionElsewhere() async throws {
        let settings = try await TestDatabase.create()
        let people = try await team(settings)
        defer { Task { await close(people) } }
        let alice = try #require(people["proj_alice"])
        // Someone else's transaction, begun before the incident opens, holds the "all" reader's horizon.
        let holder = try await DatabaseConnector.connect(settings)
        _ = try await holder.query("BEGIN", logger: DatabaseConnector.quietLogger)
        _ = try await holder.query("SELECT pg_current_xact_id()", logger: DatabaseConnector.quietLogger)
        let opened = try await alice.open(kind: "phi-leak", OpenIncident(id: UUID(), title: "Leak", posts: []))
        _ = try await alice.execute(.note("first call made"), on: opened.stream)

        try await Projector(handler: alice).catchUp()
        #expect(try await Projector(handler: alice).status().isCurrent)
        try await expectProjectionsMatchFold(alice)
        let versions = try await alice.database.connection.scalar(
            "SELECT count(*) FROM crisis.projected_workflow_versions WHERE kind = 'phi-leak'")
        #expect(versions == 1, "the workflow version the incident opened under is listed")

        // When the reader reaches those events later, nothing is counted twice.
        _ = try await holder.query("COMMIT", logger: DatabaseConnector.quietLogger)
        try await holder.close()
        try await waitUntilReadable(3, alice.database.connection)
        #expect(try await Projector(handler: alice).catchUp() == 0)
        try await expectProjectionsMatchFold(alice)
    }

    @Test("an auditor reads the projections but cannot write them; the status says how far behind they are")
    func auditorReadsOnly() async throws {
        let settings = try await TestDatabase.create()
        let people = try await team(settings)
        defer { Task { await close(people) } }
        let alice = try #require(people["proj_alice"])
        _ = try await alice.open(kind: "phi-leak", OpenIncident(id: UUID(), title: "Leak", posts: []))
        try await TestDatabase.withConnection(settings) { owner in
            _ = try await owner.query(
                """
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'proj_audrey') THEN
                    CREATE ROLE proj_audrey LOGIN IN ROLE crisis_reader;
                  END IF;
                END $$
                """, logger: DatabaseConnector.quietLogger)
        }
        var mine = settings
        mine.role = "proj_audrey"
        let connection = try await DatabaseConnector.connect(mine)
        let auditor = IncidentHandler(
            database: CrisisDatabase(settings: mine, connection: connection), library: alice.library)
        let status = try await Projector(handler: auditor).refreshIfAllowed()
        #expect(!status.canUpdate)
        #expect(status.eventsBehind == 2)  // the opening of the incident and the first use of its workflow version
        await #expect(throws: CommandError.self) { try await Projector(handler: auditor).catchUp() }
        try await Projector(handler: alice).catchUp()
        #expect(try await Projector(handler: auditor).status().isCurrent)
        #expect(try await ReadModels(handler: auditor).incidents().count == 1)
        try? await connection.close()
    }
}

/// A deterministic random number generator (SplitMix64) for repeatable interleavings.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A flag set once, read from other tasks.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var isSet: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}

/// A counter shared with a `@Sendable` hook.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
