import CrisisApp
import CrisisStore
import CrisisTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Concurrent writers and readers")
struct ConcurrencyTests {
    @Test(
        "8 writers on one stream, 200 appends each with retry: 1,600 events, contiguous, no duplicates")
    func contendedStream() async throws {
        let settings = try await TestDatabase.create()
        let stream = Sample.stream()
        let writers = 8
        let appendsEach = 200
        let conflicts = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    try await TestDatabase.withConnection(settings) { connection in
                        let store = PostgresEventStore(session: connection)
                        var conflicts = 0
                        for index in 0..<appendsEach {
                            let command = UUID()
                            var expected = try await store.version(of: stream)
                            while true {
                                do {
                                    _ = try await store.append(
                                        [Sample.event("NoteAdded", "writer \(writer) note \(index)")], to: stream,
                                        expecting: expected == 0 ? .noStream : .exactly(expected), commandID: command)
                                    break
                                } catch let error as EventStoreError {
                                    guard case .wrongExpectedVersion(_, _, let actual) = error else { throw error }
                                    conflicts += 1
                                    expected = actual
                                }
                            }
                        }
                        return conflicts
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let connection = try await DatabaseConnector.connect(settings)
        let store = PostgresEventStore(session: connection)
        let events = try await Array(store.events(in: stream))
        #expect(events.count == writers * appendsEach)
        #expect(events.map(\.streamVersion) == Array(1...Int64(writers * appendsEach)))
        #expect(Set(events.map(\.eventID)).count == events.count)
        let texts = Set(events.map { String(decoding: $0.data, as: UTF8.self) })
        #expect(texts.count == writers * appendsEach)
        let database = CrisisDatabase(settings: settings, connection: connection)
        #expect(try await ChainVerification(database: database).run().isIntact)
        print("contended stream: \(conflicts) conflicts retried for \(writers * appendsEach) appends")
        try await connection.close()
    }

    @Test("a reader following all sees every event exactly once, waiting for a transaction held open")
    func gapSafeReader() async throws {
        let settings = try await TestDatabase.create()
        let writers = 8
        let appendsEach = 150

        // Hold one append's transaction open: it takes its global position
        // early and commits late, the case a naive reader would skip. Its
        // session switches crisis's idle-in-transaction timeout off: on a busy
        // machine the writers below take longer than the 60 s the server would
        // otherwise allow, and the held event would be rolled back (issue 20).
        let holder = try await DatabaseConnector.connect(settings)
        _ = try await holder.query("SET idle_in_transaction_session_timeout = 0", logger: DatabaseConnector.quietLogger)
        _ = try await holder.query("BEGIN", logger: DatabaseConnector.quietLogger)
        let heldStream = Sample.stream()
        _ = try await holder.query(
            "SELECT * FROM crisis.append_events(\(heldStream.rawValue), 0, \(UUID()), '[{\"event_type\":\"Held\",\"data\":{}}]')",
            logger: DatabaseConnector.quietLogger
        ).collect()

        let readerConnection = try await DatabaseConnector.connect(settings)
        let reader = PostgresEventStore(session: readerConnection)
        let total = writers * appendsEach + 1

        // The reader never ends by itself: it stops at `total` or fails at its bound, naming what it saw.
        let readTask = Task {
            try await waiting(for: "the reader following all to see \(total) events", within: .seconds(300)) {
                progress in
                var seen: [RecordedEvent] = []
                for try await event in reader.subscribe(after: .start, pageSize: 64, idle: .milliseconds(20)) {
                    seen.append(event)
                    progress.report("\(seen.count) of \(total) events, the last at \(event.checkpoint)")
                    if seen.count == total { break }
                }
                return seen
            }
        }

        try await waiting(for: "\(writers) writers to append \(writers * appendsEach) events", within: .seconds(300)) {
            _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await TestDatabase.withConnection(settings) { connection in
                            let store = PostgresEventStore(session: connection)
                            let stream = Sample.stream()
                            for index in 0..<appendsEach {
                                _ = try await store.append(
                                    [Sample.event("NoteAdded", "\(writer)-\(index)")], to: stream, expecting: .any,
                                    commandID: UUID())
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }

        // Everything else is committed, yet the reader must not have passed
        // the held transaction: nothing written after it began is visible yet.
        try await Task.sleep(for: .milliseconds(300))
        let checker = try await DatabaseConnector.connect(settings)
        let visibleNow = try await PostgresEventStore(session: checker).readAll(
            after: .start, limit: 10_000)
        let heldTransaction = try await holder.scalar("SELECT pg_current_xact_id()::text::bigint")
        #expect(visibleNow.allSatisfy { $0.transactionID < heldTransaction })
        #expect(visibleNow.count < total - 1)

        // The held transaction is still the one that began before the writers, and it commits.
        #expect(try await holder.scalar("SELECT count(*) FROM crisis.events WHERE event_type = 'Held'") == 1)
        _ = try await holder.query("COMMIT", logger: DatabaseConnector.quietLogger)
        let seen = try await readTask.value
        #expect(seen.count == total)
        #expect(Set(seen.map(\.eventID)).count == total)
        #expect(seen.contains { $0.streamID == heldStream.rawValue })
        let ordered = zip(seen, seen.dropFirst()).allSatisfy { $0.checkpoint < $1.checkpoint }
        #expect(ordered)
        try await holder.close()
        try await checker.close()
        try await readerConnection.close()
    }
}
