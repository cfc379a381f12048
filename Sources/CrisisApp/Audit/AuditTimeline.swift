import CrisisDomain
import CrisisStore
import Foundation

/// `crisis audit timeline`: the human record of an incident. Every event with
/// its time in UTC and in the organisation's zone, who did it and which
/// organisational roles they held then, what happened, and for messages the
/// exact text as it stood after the event.
public struct AuditTimeline: Sendable {
    /// One event of the record.
    public struct Entry: Sendable, Encodable {
        public var version: Int64
        public var globalPosition: Int64
        public var recordedAtUTC: String
        public var recordedAtLocal: String
        public var actor: String
        /// The actor's organisational roles on the roster when the event was recorded.
        public var actorRoles: [String]
        public var type: String
        public var what: String
        public var messageId: String?
        public var messageText: String?
        public var hash: String
    }

    public let handler: IncidentHandler
    public let environment: [String: String]

    public init(handler: IncidentHandler, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.handler = handler
        self.environment = environment
    }

    /// The organisation's zone: `CRISIS_TIMEZONE` when set, else the business-hours
    /// zone of the workflow the incident opened under, else UTC.
    public func zone(for definition: WorkflowDefinition?) throws(CommandError) -> TimeZone {
        if let name = environment["CRISIS_TIMEZONE"], !name.isEmpty {
            guard let zone = TimeZone(identifier: name) else {
                throw .badInput("CRISIS_TIMEZONE=\(name) is not a time zone; use an IANA name such as America/New_York")
            }
            return zone
        }
        return definition.flatMap { TimeZone(identifier: $0.businessHours.timeZone) } ?? .gmt
    }

    /// Walks the stream page by page and hands each entry to `body`, so a long
    /// stream never sits in memory.
    public func walk(
        _ stream: StreamID, zone: TimeZone, _ body: (Entry) throws -> Void
    ) async throws(CommandError) {
        let roster = try await RosterHistory.load(from: handler.store)
        var state = IncidentState.initial
        let reading = try await handler.database.keys.reading(stream.rawValue)
        do {
            for try await stored in handler.store.events(in: stream) {
                let recorded = try StreamFold<IncidentDecider>.decode(stored, reading)
                // Only the messages are needed here; the notes are the entries themselves.
                state = AuditReplay.evolveWithoutNotes(consume state, recorded)
                let messageId = Self.messageId(of: recorded.event)
                try body(
                    Entry(
                        version: stored.streamVersion, globalPosition: stored.globalPosition,
                        recordedAtUTC: AuditTime.iso(stored.recordedAtMicroseconds),
                        recordedAtLocal: AuditTime.iso(stored.recordedAtMicroseconds, in: zone),
                        actor: stored.actor,
                        actorRoles: roster.roles(of: stored.actor, at: stored.recordedAtMicroseconds).sorted(),
                        type: stored.type, what: recorded.event.sentence, messageId: messageId,
                        messageText: messageId.flatMap { state.message($0)?.text },
                        hash: stored.hash.hexString))
            }
        } catch let error as CommandError {
            throw error
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .badInput("\(error)")
        }
    }

    /// The message an event is about, if it is about one.
    static func messageId(of event: IncidentEvent) -> String? {
        switch event {
        case .message(let e): e.messageId
        default: nil
        }
    }
}

/// The roster's grants and revocations with their times, so a role can be
/// read as it stood when an event was recorded.
struct RosterHistory: Sendable {
    var changes: [(micros: Int64, recorded: Recorded<RosterEvent>)] = []

    static func load(from store: PostgresEventStore) async throws(CommandError) -> RosterHistory {
        var history = RosterHistory()
        do {
            for try await stored in store.events(in: try Roster.streamID()) {
                history.changes.append((stored.recordedAtMicroseconds, try StreamFold<RosterDecider>.decode(stored)))
            }
        } catch {
            throw .whileReading(error)
        }
        return history
    }

    func roles(of person: String, at micros: Int64) -> Set<String> {
        RosterDecider.fold(changes.lazy.filter { $0.micros <= micros }.map(\.recorded)).roles(of: person)
    }
}
