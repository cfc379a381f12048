import Foundation

/// One running clock of an incident: when it is due and whether it was met.
public struct DeadlineStatus: Sendable, Equatable, Codable {
    /// Whether a clock is still running, was met in time, or was missed (including met late).
    public enum Status: String, Sendable, Equatable, Codable {
        case pending
        case met
        case missed
    }

    /// Stable within the incident: the deadline's name, with `:STATE` for per-state clocks.
    public var id: String
    public var name: String
    public var title: String
    public var citation: String
    public var source: String
    public var stateCode: String?
    public var startedAt: Date
    public var dueAt: Date
    public var status: Status
    public var metAt: Date?
    /// The role a miss is escalated to now (on-call outside business hours when the workflow says so).
    public var escalateTo: String
    public var recordedMissed: Bool
    public var escalated: Bool
    /// Seconds added by law-enforcement delays (164.412).
    public var pausedSeconds: Double
    /// Set when the clock runs only because a number it depends on is not known yet (issue 18):
    /// what is unknown. It stays open (no "not owed" meets it) until the number is recorded.
    public var openUntilKnown: String? = nil
    /// From when the clock is "due soon" (its own `warn-before`); nil when it has none.
    public var warnFrom: Date? = nil
    /// True for a clock that was missed when the conclusion was revised (or an exclusion recorded
    /// after it) and stays missed whatever the revision says (issue 18).
    public var keptAfterRevision: Bool? = nil

    /// Whether the clock is still running and within its warning time at `now`.
    public func isDueSoon(at now: Date) -> Bool {
        status == .pending && dueAt > now && (warnFrom.map { $0 <= now } ?? false)
    }
}
