/// What the writer believes about a stream before appending to it.
///
/// Versions count events: the first event of a stream has version 1, so a
/// stream at version `n` holds `n` events and version 0 means "no stream".
public enum ExpectedVersion: Sendable, Equatable, CustomStringConvertible {
    /// Append whatever the stream holds.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream must hold exactly this many events.
    case exactly(Int64)

    /// The value the append function takes: NULL for any, 0 for no stream.
    var databaseValue: Int64? {
        switch self {
        case .any: nil
        case .noStream: 0
        case .exactly(let version): version
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .exactly(let version): "\(version)"
        }
    }
}
