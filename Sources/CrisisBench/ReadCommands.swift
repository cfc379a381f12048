import ArgumentParser
import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation

/// `crisis-bench read-stream`: opens an incident through the handler, adds
/// notes until the stream holds `--events`, then loads (reads and folds) it
/// `--repeat` times; prints the stream id and the median load time.
struct ReadStreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-stream", abstract: "Read one long incident stream and fold it into incident state.")

    @Option(help: "Events in the stream.") var events = 10_000
    @Option(help: "How many times to load it.") var `repeat` = 5

    func run() async throws {
        let settings = try BenchDatabase.settings()
        let connection = try await DatabaseConnector.connect(settings)
        let database = CrisisDatabase(settings: settings, connection: connection)
        let handler = IncidentHandler(database: database, library: try WorkflowLibrary.fromEnvironment())
        let id = UUID()
        let opened = try await handler.open(
            kind: "viral-complaint", OpenIncident(id: id, title: "Benchmark: ER wait-time thread"))
        let stream = StreamID.incident(id)
        let event = try NotePayload.event()
        var version = opened.version
        while version < Int64(events) {
            let count = min(NewEvent.maximumPerAppend, events - Int(version))
            let result = try await database.store.append(
                NotePayload.batch(count, like: event), to: stream, expecting: .exactly(version), commandID: UUID())
            version = result.events.last?.streamVersion ?? version
        }
        let clock = ContinuousClock()
        var times: [Double] = []
        var loaded: Int64 = 0
        for _ in 0..<max(1, `repeat`) {
            let start = clock.now
            let incident = try await handler.load(stream)
            times.append((clock.now - start).seconds)
            loaded = incident.version
        }
        await database.close()
        times.sort()
        let median = times[times.count / 2]
        var figures = Figures()
        figures.add("stream", stream.rawValue)
        figures.add("events", Int(loaded))
        figures.add("seconds", median)
        figures.add("rate", Double(loaded) / median)
        figures.print()
    }
}

/// `crisis-bench read-all`: reads every event from checkpoint 0 in gap-safe
/// pages into a projection that counts events by type.
struct ReadAllCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-all", abstract: "Read all events, gap-safe, into a counting projection.")

    @Option(help: "Events per page.") var page = 1_000

    func run() async throws {
        let settings = try BenchDatabase.settings()
        let connection = try await DatabaseConnector.connect(settings)
        let store = PostgresEventStore(session: connection)
        var counts: [String: Int] = [:]
        var total = 0
        var checkpoint = Checkpoint.start
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            let events = try await store.readAll(after: checkpoint, limit: page)
            for event in events {
                counts[event.type, default: 0] += 1
            }
            total += events.count
            guard let last = events.last, events.count == page else { break }
            checkpoint = last.checkpoint
        }
        let elapsed = (clock.now - start).seconds
        try? await connection.close()
        var figures = Figures()
        figures.add("events", total)
        figures.add("types", counts.count)
        figures.add("seconds", elapsed)
        figures.add("rate", Double(total) / elapsed)
        figures.print()
    }
}
