import ArgumentParser
import CrisisStore
import Foundation
import PostgresNIO

/// `crisis-bench append`: writers each on their own incident stream, each
/// append checked against the version the writer last wrote.
struct AppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append", abstract: "Append notes, each writer on its own stream, for a while.")

    @Option(help: "Concurrent writers, each with its own connection and stream.") var writers = 1
    @Option(help: "Events per append.") var batch = 1
    @Option(help: "How long to append, in seconds.") var seconds = 5.0

    func run() async throws {
        let settings = try BenchDatabase.settings()
        let event = try NotePayload.event()
        let connections = try await Writers.connect(writers, settings)
        let batch = self.batch
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(seconds)
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for connection in connections {
                group.addTask {
                    let store = PostgresEventStore(session: connection)
                    let stream = StreamID.incident(UUID())
                    var version: Int64 = 0
                    while clock.now < deadline {
                        let result = try await store.append(
                            NotePayload.batch(batch, like: event), to: stream, expecting: .exactly(version),
                            commandID: UUID())
                        version = result.events.last?.streamVersion ?? version
                    }
                    return Int(version)
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = (clock.now - start).seconds
        await Writers.close(connections)
        var figures = Figures()
        figures.add("events", total)
        figures.add("seconds", elapsed)
        figures.add("rate", Double(total) / elapsed)
        figures.print()
    }
}

/// `crisis-bench contended`: every writer on one stream; a writer that finds
/// the stream moved takes the version the refusal names and tries again.
struct ContendedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contended", abstract: "Append notes to one stream from several writers, retrying on conflict.")

    @Option(help: "Concurrent writers, each with its own connection.") var writers = 8
    @Option(help: "How long to append, in seconds.") var seconds = 5.0

    struct Tally: Sendable {
        var events = 0
        var attempts = 0
        var conflicts = 0
    }

    func run() async throws {
        let settings = try BenchDatabase.settings()
        let event = try NotePayload.event()
        let connections = try await Writers.connect(writers, settings)
        let stream = StreamID.incident(UUID())
        _ = try await PostgresEventStore(session: connections[0]).append(
            [event], to: stream, expecting: .noStream, commandID: UUID())
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(seconds)
        let tally = try await withThrowingTaskGroup(of: Tally.self) { group in
            for connection in connections {
                group.addTask {
                    try await Self.contend(
                        PostgresEventStore(session: connection), on: stream, with: event, until: deadline)
                }
            }
            return try await group.reduce(into: Tally()) { sum, one in
                sum.events += one.events
                sum.attempts += one.attempts
                sum.conflicts += one.conflicts
            }
        }
        let elapsed = (clock.now - start).seconds
        await Writers.close(connections)
        var figures = Figures()
        figures.add("events", tally.events)
        figures.add("attempts", tally.attempts)
        figures.add("conflicts", tally.conflicts)
        figures.add("seconds", elapsed)
        figures.add("rate", Double(tally.events) / elapsed)
        figures.add("conflict_share", tally.attempts > 0 ? Double(tally.conflicts) / Double(tally.attempts) : 0)
        figures.print()
    }
}

extension ContendedCommand {
    /// One writer: appends until the deadline, taking the version a conflict names.
    static func contend(
        _ store: PostgresEventStore, on stream: StreamID, with event: NewEvent, until deadline: ContinuousClock.Instant
    ) async throws -> Tally {
        var tally = Tally()
        var version = try await store.version(of: stream)
        while ContinuousClock.now < deadline {
            tally.attempts += 1
            do {
                let result = try await store.append(
                    NotePayload.batch(1, like: event), to: stream, expecting: .exactly(version), commandID: UUID())
                version = result.events.last?.streamVersion ?? version + 1
                tally.events += 1
            } catch {
                tally.conflicts += 1
                version = try Self.conflictVersion(error)
            }
            if version < 0 {
                version = try await store.version(of: stream)
            }
        }
        return tally
    }

    /// The version a conflict names (-1 when it names none); any other error is rethrown.
    static func conflictVersion(_ error: EventStoreError) throws(EventStoreError) -> Int64 {
        switch error {
        case .wrongExpectedVersion(_, _, let actual): return actual
        default: throw error
        }
    }
}

/// One connection per writer, opened before the clock starts.
enum Writers {
    static func connect(_ count: Int, _ settings: DatabaseSettings) async throws -> [PostgresConnection] {
        guard count > 0 else { throw ValidationError("--writers must be at least 1") }
        var connections: [PostgresConnection] = []
        for _ in 0..<count {
            connections.append(try await DatabaseConnector.connect(settings))
        }
        return connections
    }

    static func close(_ connections: [PostgresConnection]) async {
        for connection in connections {
            try? await connection.close()
        }
    }
}
