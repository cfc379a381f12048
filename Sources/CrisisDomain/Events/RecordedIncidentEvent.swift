import Foundation

/// An event as read back from the store, with what the database recorded about it.
public struct RecordedIncidentEvent: Sendable, Equatable {
    public var event: IncidentEvent
    /// The PostgreSQL role that appended it.
    public var actor: String
    public var recordedAt: Date
    /// The event's position in its stream, starting at 1.
    public var version: Int64

    public init(event: IncidentEvent, actor: String, recordedAt: Date, version: Int64) {
        self.event = event
        self.actor = actor
        self.recordedAt = recordedAt
        self.version = version
    }
}
