/// The moment an audit replay stops: everything, a time, or a global position.
public enum ReplayMoment: Sendable, Equatable, CustomStringConvertible {
    /// Every event recorded so far.
    case now
    /// Events recorded at or before this time (microseconds since 1970 UTC).
    case asOf(microseconds: Int64)
    /// Events at or below this global position.
    case atPosition(Int64)

    /// Whether an event recorded at `micros` with `position` happened by this moment.
    func includes(recordedAt micros: Int64, position: Int64) -> Bool {
        switch self {
        case .now: true
        case .asOf(let limit): micros <= limit
        case .atPosition(let limit): position <= limit
        }
    }

    /// The moment as the access log records it.
    public var description: String {
        switch self {
        case .now: "now"
        case .asOf(let micros): "as of \(AuditTime.iso(micros))"
        case .atPosition(let position): "at position \(position)"
        }
    }
}
