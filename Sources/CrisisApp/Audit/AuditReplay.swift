import CrisisDomain
import CrisisStore
import Foundation

/// `crisis audit replay`: an incident rebuilt from its events up to a moment,
/// with the workflow definition it opened under.
public struct AuditReplay: Sendable {
    /// The incident as it stood at the moment, and the moment its deadlines are judged at.
    public struct Result: Sendable {
        public var incident: LoadedIncident
        /// Deadlines are met, missed or pending as of this time.
        public var asOf: Date
        /// The global position of the last event folded in (0 when none).
        public var lastPosition: Int64

        /// State, roles, messages, removals, assessment and deadlines as of the moment.
        public var report: IncidentReport { IncidentReport(incident, now: asOf) }
    }

    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// `evolve`, but a note is not kept in the state: for readers that stream
    /// the notes as events and need the state only for the rest, so memory
    /// stays flat however many notes an incident has.
    static func evolveWithoutNotes(_ state: consuming IncidentState, _ recorded: RecordedIncidentEvent)
        -> IncidentState
    {
        var next = evolve(consume state, recorded)
        if case .noteAdded = recorded.event { next.notes.removeLast() }
        return next
    }

    /// Folds the stream's events that happened by `moment`, page by page.
    /// With `keepHistory` false only the state is kept, so memory stays flat;
    /// `keepNotes: false` also leaves the free-text notes out of the state (a
    /// report that streams them in its timeline needs no second copy: the
    /// notes are what grows with a long incident).
    public func replay(_ stream: StreamID, at moment: ReplayMoment, keepHistory: Bool = true, keepNotes: Bool = true)
        async throws(CommandError) -> Result
    {
        var lastMicros: Int64 = 0
        var lastPosition: Int64 = 0
        // Per-stream time never runs backwards and positions rise with versions,
        // so the first event past the moment ends the replay.
        let folded = try await StreamFold<IncidentDecider>(store: handler.store, keys: handler.database.keys).fold(
            stream, keepHistory: keepHistory,
            including: { moment.includes(recordedAt: $0.recordedAtMicroseconds, position: $0.globalPosition) },
            evolve: keepNotes ? IncidentDecider.evolve : Self.evolveWithoutNotes,
            eachEvent: {
                lastMicros = $0.recordedAtMicroseconds
                lastPosition = $0.globalPosition
            })
        let version = folded.version
        guard version > 0 else {
            throw .badInput(
                "incident \(stream.rawValue.replacingOccurrences(of: "incident-", with: "")) had no events \(moment.description); pick a later moment (`crisis audit timeline` lists every event's time and position)"
            )
        }
        let asOf: Date =
            switch moment {
            case .now: Date()
            case .asOf(let micros): AuditTime.date(micros)
            case .atPosition: AuditTime.date(lastMicros)
            }
        return Result(incident: try await handler.loaded(folded), asOf: asOf, lastPosition: lastPosition)
    }
}
