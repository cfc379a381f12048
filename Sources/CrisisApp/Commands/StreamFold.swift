import CrisisDomain
import CrisisStore
import Foundation

/// A stream folded with its decider: the state, the version the next append expects, and the
/// history when it was kept.
public struct Folded<D: Decider>: Sendable {
    public var stream: StreamID
    public var state: D.State
    /// The stream's version (0: no events).
    public var version: Int64
    public var history: [Recorded<D.Event>]
}

/// The one way crisis reads an aggregate back: every stored event of the stream decoded with the
/// aggregate's codec and folded with its `evolve`, page by page.
struct StreamFold<D: Decider> where D.Event: StoredEvent {
    let store: PostgresEventStore
    /// Opens an incident's sealed fields; nil: they are folded as stored (the projector, which
    /// keeps ciphertext in its tables).
    var keys: IncidentKeys?
    /// A command about to decide: an incident whose key the key file cannot open is refused (bad
    /// input) rather than folded with `[encrypted]` in place of its words.
    var needsWords = false

    init(store: PostgresEventStore, keys: IncidentKeys? = nil, needsWords: Bool = false) {
        self.store = store
        self.keys = keys
        self.needsWords = needsWords
    }

    /// Folds `stream`. `including` stops the fold at the first event it rejects (a replay as of a
    /// moment); `evolve` replaces the decider's own (a report that streams the notes elsewhere).
    func fold(
        _ stream: StreamID, keepHistory: Bool = true,
        including: (RecordedEvent) -> Bool = { _ in true },
        evolve: (consuming D.State, Recorded<D.Event>) -> D.State = D.evolve,
        eachEvent: (RecordedEvent) -> Void = { _ in }
    ) async throws(CommandError) -> Folded<D> {
        var state = D.initial
        var history: [Recorded<D.Event>] = []
        var version: Int64 = 0
        let reading = try await keys?.reading(stream.rawValue)
        if needsWords, case .unreadable(let problem) = reading {
            throw .badInput("\(problem.description). Nothing was recorded.")
        }
        do {
            for try await stored in store.events(in: stream) {
                guard including(stored) else { break }
                let recorded = try Self.decode(stored, reading)
                state = evolve(consume state, recorded)
                if keepHistory { history.append(recorded) }
                version = stored.streamVersion
                eachEvent(stored)
            }
        } catch {
            throw .whileReading(error)
        }
        return Folded(stream: stream, state: state, version: version, history: history)
    }

    /// One stored event as the aggregate's event, its sealed fields opened as `reading` allows
    /// (nil: left sealed); a row that does not decode is a corrupt record.
    static func decode(_ stored: RecordedEvent, _ reading: SealedFields.Reading? = nil) throws(CommandError)
        -> Recorded<D.Event>
    {
        var data = stored.data
        if let reading {
            do {
                data = try SealedFields.open(data, reading)
            } catch {
                throw .corrupt(
                    "event \(stored.streamVersion) of \(stored.streamID) (\(stored.type)) cannot be read: \(error.description)"
                )
            }
        }
        do {
            return Recorded(
                event: try D.Event.decode(eventType: stored.type, data: data), actor: stored.actor,
                recordedAt: stored.recordedAt, version: stored.streamVersion)
        } catch {
            throw .corrupt(
                "event \(stored.streamVersion) of \(stored.streamID) (\(stored.type)) cannot be read: \(error.description)"
            )
        }
    }
}
