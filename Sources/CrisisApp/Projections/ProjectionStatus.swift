import CrisisStore
import Foundation

/// Where the projections stand against the record.
public struct ProjectionStatus: Sendable, Encodable {
    public var checkpoint: Checkpoint
    public var eventsApplied: Int64
    public var updatedAt: Date?
    /// Events of incidents and proposals the read models do not reflect yet.
    public var eventsBehind: Int64
    /// Whether this role may bring them up to date (auditors may not).
    public var canUpdate: Bool

    public var isCurrent: Bool { eventsBehind == 0 }
}
