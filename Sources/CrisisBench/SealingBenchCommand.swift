import ArgumentParser
import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation

/// `crisis-bench sealing` (issue 13): the cost of sealing the PHI fields, as a ratio to the same
/// work in plaintext. Append: one writer appends notes for `--seconds`, first as stored before
/// encryption, then as a command does now (look up the incident's key, as each CLI process does
/// once, seal the note, append). Replay: two incidents of `--events` notes, one sealed and one
/// plaintext, each loaded (read, opened, folded) `--repeat` times.
struct SealingBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealing", abstract: "Append and replay with sealed PHI fields, against plaintext.")

    @Option(help: "Events in each replayed stream.") var events = 5_000
    @Option(help: "How many times to load each stream.") var `repeat` = 5
    @Option(help: "How long each append case runs, in seconds.") var seconds = 5.0

    func run() async throws {
        let settings = try BenchDatabase.settings()
        let connection = try await DatabaseConnector.connect(settings)
        let database = CrisisDatabase(settings: settings, connection: connection)
        let handler = IncidentHandler(database: database, library: try WorkflowLibrary.fromEnvironment())
        let note = try NotePayload.event()
        let paths = IncidentEvent.phiFields[note.type] ?? []

        let plainAppend = try await appendRate(handler, note, sealing: nil)
        let sealedAppend = try await appendRate(handler, note, sealing: paths)

        let plainStream = try await stream(handler, note, sealing: nil)
        let sealedStream = try await stream(handler, note, sealing: paths)
        let plainReplay = try await replayRate(handler, plainStream)
        let sealedReplay = try await replayRate(handler, sealedStream)
        await database.close()

        var figures = Figures()
        figures.add("append_plain", plainAppend)
        figures.add("append_sealed", sealedAppend)
        figures.add("append_ratio", sealedAppend / plainAppend)
        figures.add("replay_events", events)
        figures.add("replay_plain", plainReplay)
        figures.add("replay_sealed", sealedReplay)
        figures.add("replay_ratio", sealedReplay / plainReplay)
        figures.print()
    }

    /// A new incident (which gets its data key on opening).
    private func opened(_ handler: IncidentHandler) async throws -> (StreamID, Int64) {
        let id = UUID()
        let opened = try await handler.open(
            kind: "viral-complaint", OpenIncident(id: id, title: "Benchmark: sealed fields"))
        return (.incident(id), opened.version)
    }

    /// `note` as one append of a command: sealed with the incident's key looked up afresh (one
    /// lookup per command, as each CLI process makes), or as it is.
    private func batch(
        _ handler: IncidentHandler, _ note: NewEvent, _ stream: StreamID, _ version: Int64, sealing paths: [String]?,
        count: Int = 1
    ) async throws -> [NewEvent] {
        guard let paths else { return NotePayload.batch(count, like: note) }
        let keys = IncidentKeys(session: handler.database.connection, keyEncryptionKey: .success(.ephemeral))
        let writing = try await keys.writing(stream, version: version)
        return try (0..<count).map { _ in
            NewEvent(
                type: note.type, schemaVersion: note.schemaVersion,
                data: try SealedFields.seal(note.data, paths: paths, writing), metadata: note.metadata)
        }
    }

    private func appendRate(_ handler: IncidentHandler, _ note: NewEvent, sealing paths: [String]?) async throws
        -> Double
    {
        var (stream, version) = try await opened(handler)
        let first = version
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .seconds(seconds)
        while clock.now < deadline {
            let events = try await batch(handler, note, stream, version, sealing: paths)
            let result = try await handler.database.store.append(
                events, to: stream, expecting: .exactly(version), commandID: UUID())
            version = result.events.last?.streamVersion ?? version
        }
        return Double(version - first) / (clock.now - start).seconds
    }

    private func stream(_ handler: IncidentHandler, _ note: NewEvent, sealing paths: [String]?) async throws
        -> StreamID
    {
        var (stream, version) = try await opened(handler)
        while version < Int64(events) {
            let count = min(NewEvent.maximumPerAppend, events - Int(version))
            let batch = try await batch(handler, note, stream, version, sealing: paths, count: count)
            let result = try await handler.database.store.append(
                batch, to: stream, expecting: .exactly(version), commandID: UUID())
            version = result.events.last?.streamVersion ?? version
        }
        return stream
    }

    /// Events per second of the median load (read, open, fold) of `stream`.
    private func replayRate(_ handler: IncidentHandler, _ stream: StreamID) async throws -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        var loaded: Int64 = 0
        for _ in 0..<max(1, `repeat`) {
            // A fresh lookup of the key each time, as a new command makes.
            let database = CrisisDatabase(settings: handler.database.settings, connection: handler.database.connection)
            let fresh = IncidentHandler(database: database, library: handler.library)
            let start = clock.now
            let incident = try await fresh.load(stream)
            times.append((clock.now - start).seconds)
            loaded = incident.version
        }
        times.sort()
        return Double(loaded) / times[times.count / 2]
    }
}
