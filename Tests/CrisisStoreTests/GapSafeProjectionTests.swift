import CrisisApp
import CrisisDomain
import CrisisStore
import CrisisTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 8, suite 4: writers whose transactions stay open for up to a second
/// take their global positions early and commit late, the case a naive
/// "all" reader skips for ever.
extension ProjectionTests {
    @Test(
        "a reader and the projector following all under 8 writers holding transactions open up to a second see every event exactly once, as a full scan does"
    )
    func gapSafeUnderHeldTransactions() async throws {
        let settings = try await TestDatabase.create()
        let people = try await team(settings)
        defer { Task { await close(people) } }
        let alice = try #require(people["proj_alice"])
        let writers = 8
        let notesEach = 20
        var incidents: [StreamID] = []
        for index in 0..<writers {
            let opened = try await alice.open(
                kind: "viral-complaint", OpenIncident(id: UUID(), title: "Complaint \(index)", posts: []))
            incidents.append(opened.stream)
        }
        let streams = incidents
        var sam = settings
        sam.role = "proj_sam"
        let writer = sam

        let writersDone = ManagedAtomicFlag()
        let held = Counter()
        let rounds = Counter()
        // A plain reader of "all" with its own checkpoint, reconnecting now and then as a restarted process would.
        let reader = Task { () throws -> [UUID: Int] in
            try await followAll(settings, until: writersDone)
        }
        try await waiting(
            for: "\(writers) writers holding transactions open, and the projector catching up beside them",
            within: .seconds(300)
        ) { _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<writers {
                    group.addTask {
                        let connection = try await DatabaseConnector.connect(writer)
                        let handler = IncidentHandler(
                            database: CrisisDatabase(settings: writer, connection: connection), library: alice.library)
                        var rng = SeededGenerator(seed: UInt64(index + 1) * 104_729)
                        for note in 0..<notesEach {
                            let hold = Int.random(in: 0..<10, using: &rng) < 3
                            if hold { _ = try await connection.query("BEGIN", logger: DatabaseConnector.quietLogger) }
                            _ = try await handler.execute(.note("writer \(index) note \(note)"), on: streams[index])
                            if hold {
                                // The append has its transaction id; commit it up to a second later.
                                held.increment()
                                try await Task.sleep(for: .milliseconds(Int.random(in: 0...1_000, using: &rng)))
                                _ = try await connection.query("COMMIT", logger: DatabaseConnector.quietLogger)
                            }
                        }
                        try await connection.close()
                    }
                }
                // The real projector, catching up in small batches beside the writers.
                let projectorConnection = try await DatabaseConnector.connect(writer)
                let projectorHandler = IncidentHandler(
                    database: CrisisDatabase(settings: writer, connection: projectorConnection), library: alice.library)
                group.addTask {
                    var projector = Projector(handler: projectorHandler)
                    projector.batchSize = 5
                    while !writersDone.isSet {
                        try await projector.catchUp()
                        rounds.increment()
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    try await projectorConnection.close()
                }
                for _ in 0..<writers { try await group.next() }
                writersDone.set()
                try await group.waitForAll()
            }
        }
        let seen = try await reader.value
        let projectorRounds = rounds.value

        // Every event of a full scan, seen once and only once.
        let connection = alice.database.connection
        var scanned: [UUID] = []
        for try await id in try await connection.query(
            "SELECT event_id FROM crisis.events ORDER BY global_position", logger: DatabaseConnector.quietLogger
        ).decode(UUID.self) {
            scanned.append(id)
        }
        #expect(scanned.count >= writers * (notesEach + 1))
        #expect(Set(seen.keys) == Set(scanned), "the reader missed or invented events")
        #expect(seen.values.allSatisfy { $0 == 1 }, "the reader saw an event twice")
        #expect(held.value > 0 && projectorRounds > 0)

        // The projector, caught up, counted each event once.
        try await Projector(handler: alice).catchUp()
        try await expectProjectionsMatchFold(alice)
        print(
            "gap-safe: \(scanned.count) events, \(held.value) transactions held open, \(projectorRounds) projector rounds"
        )
    }

    /// Reads "all" page by page from the start, as a projection with its own
    /// checkpoint does, until the writers are done and it has every event;
    /// returns how many times it saw each event.
    func followAll(_ settings: DatabaseSettings, until writersDone: ManagedAtomicFlag) async throws -> [UUID: Int] {
        try await waiting(
            for: "the reader following all to see every event once the writers are done", within: .seconds(300)
        ) { progress in
            var seen: [UUID: Int] = [:]
            var checkpoint = Checkpoint.start
            var connection = try await DatabaseConnector.connect(settings)
            while true {
                let page = try await PostgresEventStore(session: connection).readAll(after: checkpoint, limit: 16)
                for event in page {
                    #expect(checkpoint < event.checkpoint, "the reader went backwards")
                    seen[event.eventID, default: 0] += 1
                    checkpoint = event.checkpoint
                }
                if page.isEmpty {
                    let total = try await connection.scalar("SELECT count(*) FROM crisis.events")
                    progress.report(
                        "\(seen.count) of \(total) events at \(checkpoint), writers done: \(writersDone.isSet)")
                    if writersDone.isSet, total == Int64(seen.count) { break }
                    try await Task.sleep(for: .milliseconds(10))
                } else if Int.random(in: 0..<8) == 0 {
                    try await connection.close()
                    connection = try await DatabaseConnector.connect(settings)
                }
            }
            try await connection.close()
            return seen
        }
    }
}
