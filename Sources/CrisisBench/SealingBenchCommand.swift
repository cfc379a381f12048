import ArgumentParser
@_spi(Measuring) import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// `crisis-bench sealing` (issue 13): what sealing the PHI fields costs a command, as a ratio to
/// the same work as crisis did it before encryption (nothing looked up, sealed or opened).
///
/// Append: each append does a command's work on the store, with a new set of keys each time as
/// each CLI process has: read the incident's stream (looking up and unwrapping its key, opening
/// its words), seal the note, append with the expected version. Incidents take ten notes each,
/// so the reads stay the size of a working incident's. Replay: a stream of `--events` notes,
/// loaded (read, opened, folded) `--repeat` times with a fresh key lookup each time.
struct SealingBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealing", abstract: "Append and replay with sealed PHI fields, against crisis before encryption.")

    @Option(help: "Events in each replayed stream.") var events = 5_000
    @Option(help: "How many times to load each stream.") var `repeat` = 5
    @Option(help: "How many notes each append case appends.") var appends = 1_000

    /// Notes per incident in the append case.
    static let notesPerIncident = 10

    func run() async throws {
        let settings = try BenchDatabase.settings()
        let connection = try await DatabaseConnector.connect(settings)
        let library = try WorkflowLibrary.fromEnvironment()
        let sealed = Mode(sealing: true, settings: settings, connection: connection, library: library)
        let unsealed = Mode(sealing: false, settings: settings, connection: connection, library: library)
        let note = try NotePayload.event()
        let paths = IncidentEvent.phiFields[note.type] ?? []

        // Alternated, so neither mode has the machine's quieter moment to itself.
        var plainAppend = 0.0
        var sealedAppend = 0.0
        for _ in 0..<2 {
            plainAppend += try await appendRate(unsealed, note, paths)
            sealedAppend += try await appendRate(sealed, note, paths)
        }

        let plainStream = try await stream(unsealed, note, paths)
        let sealedStream = try await stream(sealed, note, paths)
        let plainReplay = try await replayRate(unsealed, plainStream)
        let sealedReplay = try await replayRate(sealed, sealedStream)
        try await connection.close()

        var figures = Figures()
        figures.add("append_plain", plainAppend / 2)
        figures.add("append_sealed", sealedAppend / 2)
        figures.add("append_ratio", sealedAppend / plainAppend)
        figures.add("replay_events", events)
        figures.add("replay_plain", plainReplay)
        figures.add("replay_sealed", sealedReplay)
        figures.add("replay_ratio", sealedReplay / plainReplay)
        figures.print()
    }

    /// crisis as it is (sealing) or as it was before encryption, on the same connection.
    struct Mode {
        var sealing: Bool
        var settings: DatabaseSettings
        var connection: PostgresConnection
        var library: WorkflowLibrary

        /// What one new command process has: its own keys, nothing looked up yet.
        func handler() -> IncidentHandler {
            let database =
                sealing
                ? CrisisDatabase(settings: settings, connection: connection)
                : CrisisDatabase(unsealedSettings: settings, connection: connection)
            return IncidentHandler(database: database, library: library)
        }
    }

    /// A new incident (with a data key of its own when sealing).
    private func opened(_ mode: Mode) async throws -> (StreamID, Int64) {
        let id = UUID()
        let opened = try await mode.handler().open(
            kind: "viral-complaint", OpenIncident(id: id, title: "Benchmark: sealed fields"))
        return (.incident(id), opened.version)
    }

    /// `count` copies of `note` sealed as `handler`'s keys write the stream.
    private func batch(
        _ handler: IncidentHandler, _ note: NewEvent, _ paths: [String], _ stream: StreamID, _ version: Int64,
        count: Int = 1
    ) async throws -> [NewEvent] {
        let writing = try await handler.database.keys.writing(stream, version: version)
        return try (0..<count).map { _ in
            NewEvent(
                type: note.type, schemaVersion: note.schemaVersion,
                data: try SealedFields.seal(note.data, paths: paths, writing), metadata: note.metadata)
        }
    }

    /// Notes appended per second, each as a command's work on the store (see the type's comment).
    private func appendRate(_ mode: Mode, _ note: NewEvent, _ paths: [String]) async throws -> Double {
        var incidents: [StreamID] = []
        for _ in 0..<(appends + Self.notesPerIncident - 1) / Self.notesPerIncident {
            incidents.append(try await opened(mode).0)
        }
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<appends {
            let stream = incidents[index / Self.notesPerIncident]
            let handler = mode.handler()
            let version = try await readStream(handler, stream)
            let events = try await batch(handler, note, paths, stream, version)
            _ = try await handler.database.store.append(
                events, to: stream, expecting: .exactly(version), commandID: UUID())
        }
        return Double(appends) / (clock.now - start).seconds
    }

    /// Reads `stream` as a command's fold does (its key looked up and its words opened when
    /// sealing) and returns its version.
    private func readStream(_ handler: IncidentHandler, _ stream: StreamID) async throws -> Int64 {
        let reading = try await handler.database.keys.reading(stream.rawValue)
        var version: Int64 = 0
        for try await stored in handler.database.store.events(in: stream) {
            if let reading { _ = try SealedFields.open(stored.data, reading) }
            version = stored.streamVersion
        }
        return version
    }

    private func stream(_ mode: Mode, _ note: NewEvent, _ paths: [String]) async throws -> StreamID {
        var (stream, version) = try await opened(mode)
        let handler = mode.handler()
        while version < Int64(events) {
            let count = min(NewEvent.maximumPerAppend, events - Int(version))
            let batch = try await batch(handler, note, paths, stream, version, count: count)
            let result = try await handler.database.store.append(
                batch, to: stream, expecting: .exactly(version), commandID: UUID())
            version = result.events.last?.streamVersion ?? version
        }
        return stream
    }

    /// Events per second of the median load (read, open, fold) of `stream`.
    private func replayRate(_ mode: Mode, _ stream: StreamID) async throws -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        var loaded: Int64 = 0
        for _ in 0..<max(1, `repeat`) {
            // A fresh lookup of the key each time, as a new command makes.
            let handler = mode.handler()
            let start = clock.now
            let incident = try await handler.load(stream)
            times.append((clock.now - start).seconds)
            loaded = incident.version
        }
        times.sort()
        return Double(loaded) / times[times.count / 2]
    }
}
