import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("Appending to a stream")
struct AppendTests {
    @Test("events read back in order with versions 1...n and a hash chain that verifies")
    func appendAndReadBack() async throws {
        try await TestDatabase.withDatabase { _, connection in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            let first = try await store.append(
                [Sample.event("A", "one"), Sample.event("B", "two")], to: stream, expecting: .noStream,
                commandID: UUID())
            #expect(first.events.map(\.streamVersion) == [1, 2])
            _ = try await store.append(
                [Sample.event("C", "three")], to: stream, expecting: .exactly(2), commandID: UUID())

            let events = try await store.readStream(stream, fromVersion: 1, limit: 100)
            #expect(events.map(\.streamVersion) == [1, 2, 3])
            #expect(events.map(\.type) == ["A", "B", "C"])
            #expect(events[0].previousHash.isEmpty)
            #expect(events[1].previousHash == events[0].hash)
            #expect(events[2].previousHash == events[1].hash)
            #expect(try await store.version(of: stream) == 3)

            let paged = try await Array(store.events(in: stream, pageSize: 2))
            #expect(paged.map(\.streamVersion) == [1, 2, 3])

            let database = CrisisDatabase(
                settings: try TestDatabase.administrator(), connection: connection)
            let report = try await ChainVerification(database: database).run()
            #expect(report.isIntact)
            #expect(report.eventsChecked == 3)
        }
    }

    @Test("the actor is the role that logged in, recorded by the database")
    func actorIsTheSessionRole() async throws {
        try await TestDatabase.withDatabase { settings, connection in
            try await TestDatabase.createWriter("store_test_writer", on: connection)
            var asWriter = settings
            asWriter.role = "store_test_writer"
            let stream = Sample.stream()
            try await TestDatabase.withConnection(asWriter) { writer in
                _ = try await PostgresEventStore(session: writer).append(
                    [Sample.event()], to: stream, expecting: .noStream, commandID: UUID())
            }
            let events = try await PostgresEventStore(session: connection).readStream(
                stream, fromVersion: 1, limit: 10)
            #expect(events.first?.actor == "store_test_writer")
        }
    }

    @Test("a wrong expected version is refused with both versions and writes nothing")
    func wrongExpectedVersion() async throws {
        try await TestDatabase.withDatabase { _, connection in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            _ = try await store.append(
                [Sample.event()], to: stream, expecting: .noStream, commandID: UUID())
            await #expect(
                throws: EventStoreError.wrongExpectedVersion(
                    stream: stream.rawValue, expected: .exactly(5), actual: 1)
            ) {
                try await store.append(
                    [Sample.event()], to: stream, expecting: .exactly(5), commandID: UUID())
            }
            await #expect(
                throws: EventStoreError.wrongExpectedVersion(
                    stream: stream.rawValue, expected: .noStream, actual: 1)
            ) {
                try await store.append(
                    [Sample.event()], to: stream, expecting: .noStream, commandID: UUID())
            }
            #expect(try await store.version(of: stream) == 1)
            #expect(try await connection.scalar("SELECT count(*) FROM crisis.events") == 1)
        }
    }

    @Test("any expected version appends whatever the stream holds")
    func anyVersion() async throws {
        try await TestDatabase.withDatabase { _, connection in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            _ = try await store.append([Sample.event()], to: stream, expecting: .any, commandID: UUID())
            let second = try await store.append(
                [Sample.event()], to: stream, expecting: .any, commandID: UUID())
            #expect(second.lastVersion == 2)
        }
    }

    @Test("the same command id twice writes once and returns the first result")
    func idempotentCommand() async throws {
        try await TestDatabase.withDatabase { _, connection in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            let command = UUID()
            let first = try await store.append(
                [Sample.event("A"), Sample.event("B")], to: stream, expecting: .noStream, commandID: command
            )
            let again = try await store.append(
                [Sample.event("A"), Sample.event("B")], to: stream, expecting: .noStream, commandID: command
            )
            #expect(again == first)
            #expect(try await store.version(of: stream) == 2)
            await #expect(throws: EventStoreError.self) {
                try await store.append(
                    [Sample.event()], to: Sample.stream(), expecting: .any, commandID: command)
            }
        }
    }

    @Test("a batch is written whole or not at all")
    func batchIsAtomic() async throws {
        try await TestDatabase.withDatabase { (_, connection) async throws in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            // The second event is refused by the database (its type is too long
            // for the server's rule but the client check is bypassed by the JSON batch).
            let good = Sample.event()
            var bad = Sample.event()
            bad.metadata = Data("[1]".utf8)
            await #expect(throws: EventStoreError.self) {
                try await store.append([good, bad], to: stream, expecting: .any, commandID: UUID())
            }
            #expect(try await store.version(of: stream) == 0)
            #expect(try await connection.scalar("SELECT count(*) FROM crisis.events") == 0)
        }
    }
}
