import CrisisDomain
import Foundation

/// One line of `crisis incident list`.
public struct IncidentSummary: Sendable, Encodable {
    public var id: String
    public var kind: String
    public var title: String
    public var state: String
    public var lifecycle: String
    public var openedAt: Date?
    public var closedAt: Date?
    public var version: Int64
    /// A drill (issue 16): marked on every read.
    public var drill: Bool

    public init(
        id: String, kind: String, title: String, state: String, lifecycle: String, openedAt: Date?, closedAt: Date?,
        version: Int64, drill: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.state = state
        self.lifecycle = lifecycle
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.version = version
        self.drill = drill
    }

    public init(_ incident: LoadedIncident) {
        id = incident.id
        kind = incident.state.kind
        title = incident.state.title
        state = incident.state.currentState
        lifecycle = incident.state.lifecycle.rawValue
        openedAt = incident.state.openedAt
        closedAt = incident.state.closedAt
        version = incident.version
        drill = incident.state.isDrill
    }

    /// The title as a list shows it: a drill's starts with DRILL.
    public var titleLine: String { (drill ? "DRILL: " : "") + title }
}

/// One event of an incident's timeline: when, who, what, in a sentence.
public struct TimelineEntry: Sendable, Encodable {
    public var version: Int64
    public var recordedAt: Date
    public var actor: String
    public var type: String
    public var what: String

    public init(_ recorded: RecordedIncidentEvent) {
        version = recorded.version
        recordedAt = recorded.recordedAt
        actor = recorded.actor
        type = recorded.event.eventType
        what = recorded.event.sentence
    }
}
