import CrisisDomain
import CrisisStore
import Foundation

/// The one command handler: load an aggregate's stream, decide, append with the expected
/// version; when someone else acted first, decide again on the new state after a short random
/// pause; a command retried with the same id after an outage is applied once. Incidents,
/// policy proposals and the roster run through it, each with its own ``Decider``.
struct CommandHandler<D: Decider> where D.Event: StoredEvent {
    let store: PostgresEventStore
    /// The incidents' data keys: the fold opens the words, the append seals them. Nil for
    /// aggregates that hold no incident's words.
    var keys: IncidentKeys?
    /// How many times a command is re-decided after someone else acted first.
    var attempts = 16
    /// Runs after each decision, before its append (with the attempt number, from 0): tests use
    /// it to let someone else act first.
    var beforeAppend: (@Sendable (Int) async -> Void)?

    /// What one command needs besides the handler: its id, the metadata its events carry, and
    /// the aggregate's answers to what the handler cannot know.
    struct Run {
        var command: D.Command
        var stream: StreamID
        /// The caller's idempotency key, or nil for a fresh one.
        var commandID: UUID?
        /// The database role the session runs as, which the store records as each event's actor;
        /// nil: the stream is read back after the append instead.
        var actor: String?
        /// What each event of the decision carries beside its payload.
        var metadata: (D) -> EventMetadata
        /// Where a command id already recorded elsewhere may be answered from (a proposal retried
        /// after an outage was recorded under a stream of its own); nil: refused as reused.
        var recordedElsewhere: (String) -> StreamID? = { _ in nil }
        /// The decider for the stream as loaded: the incident's workflow, the person, the time.
        var decider: (Folded<D>) async throws(CommandError) -> D
        /// A rule's refusal (bad input is answered as such before this): what to say and record,
        /// given the version first read. Returns the refusal to throw.
        var refused: (Refusal, Folded<D>, _ firstSeenVersion: Int64) async throws(CommandError) -> Refusal = {
            refusal, _, _ in refusal
        }
        /// Said when others kept acting first on every attempt, given the version they reached.
        var conflict: (Int64) -> String = { version in
            "others kept acting on this record first (it moved to version \(version)); look at it again and retry"
        }
    }

    /// The stream after the command, and the decider that decided it (nil when the command id
    /// was already recorded and nothing was decided again).
    struct Outcome {
        var folded: Folded<D>
        var decider: D?
    }

    var reader: StreamFold<D> { StreamFold(store: store, keys: keys, needsWords: true) }

    /// Runs one command; returns the stream as it stands after the command's events (unchanged
    /// when the decision was that nothing happens).
    func execute(_ run: Run) async throws(CommandError) -> Outcome {
        if let commandID = run.commandID, let earlier = try await recorded(commandID, run) {
            return Outcome(folded: try await reader.fold(earlier), decider: nil)
        }
        // One id for every attempt: a refused expected version writes nothing, and a retry of the
        // whole command after an outage must find this one.
        let commandID = run.commandID ?? UUID()
        var firstSeenVersion: Int64?
        var lastSeenVersion: Int64 = 0
        for attempt in 0..<attempts {
            var folded = try await reader.fold(run.stream)
            if firstSeenVersion == nil { firstSeenVersion = folded.version }
            let decider = try await run.decider(folded)
            let events: [D.Event]
            do {
                events = try decider.decide(run.command, folded.state)
            } catch {
                if error.isBadInput { throw .badInput(error.message) }
                throw .refused(try await run.refused(error, folded, firstSeenVersion ?? folded.version))
            }
            if events.isEmpty { return Outcome(folded: folded, decider: decider) }
            let metadata = run.metadata(decider)
            let fields = try await keys?.writing(run.stream, version: folded.version) ?? .plaintext
            let batch = try events.map { event throws(CommandError) in
                try metadata.newEvent(event, commandID: commandID, fields: fields)
            }
            await beforeAppend?(attempt)
            let written: AppendResult
            do {
                let expected: ExpectedVersion = folded.version == 0 ? .noStream : .exactly(folded.version)
                written = try await store.append(batch, to: run.stream, expecting: expected, commandID: commandID)
            } catch .wrongExpectedVersion(_, _, let actual) {
                // Someone else acted first: decide again on what they did, after a short random
                // pause so a crowd of writers does not collide in step.
                lastSeenVersion = actual
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 << min(attempt + 1, 6)))))
                continue
            } catch {
                throw .store(error)
            }
            guard let actor = run.actor else {
                return Outcome(folded: try await reader.fold(run.stream), decider: decider)
            }
            // The store answered with each event's place and time: fold them in without reading back.
            for (event, row) in zip(events, written.events) {
                let recorded = Recorded(
                    event: event, actor: actor,
                    recordedAt: Date(timeIntervalSince1970: Double(row.recordedAtMicroseconds) / 1_000_000),
                    version: row.streamVersion)
                folded.state = D.evolve(folded.state, recorded)
                folded.history.append(recorded)
                folded.version = row.streamVersion
            }
            return Outcome(folded: folded, decider: decider)
        }
        throw .conflict(run.conflict(lastSeenVersion))
    }

    /// The stream that already holds this command id's events, if any.
    private func recorded(_ commandID: UUID, _ run: Run) async throws(CommandError) -> StreamID? {
        let recorded: String?
        do {
            recorded = try await store.streamOfRecordedCommand(commandID)
        } catch {
            throw .store(error)
        }
        guard let recorded else { return nil }
        if recorded == run.stream.rawValue { return run.stream }
        guard let elsewhere = run.recordedElsewhere(recorded) else {
            throw .badInput("command id \(commandID) was already used for \(recorded); use a new one")
        }
        return elsewhere
    }
}
