/// Why the store refused or failed, in sentences for the person at the terminal.
public enum EventStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Someone else appended first: the stream is not at the version the writer read.
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: Int64)
    /// The input was malformed (empty id, bad JSON, empty batch ...).
    case invalidInput(String)
    /// An event or batch is over the documented size limit.
    case payloadTooLarge(String)
    /// A command id was reused for a different stream.
    case commandReused(String)
    /// The database refused the role (not allowed to append, read, or log in).
    case permissionDenied(String)
    /// The database holds no crisis schema, or an older or newer one than this binary.
    case schemaMismatch(String)
    /// The server could not be reached or went away.
    case unavailable(String)
    /// Anything else the server said.
    case database(sqlState: String, message: String)

    public var message: String {
        switch self {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            "stream \(stream) is at version \(actual), not the expected version \(expected): someone else acted first"
        case .invalidInput(let text), .payloadTooLarge(let text), .commandReused(let text),
            .permissionDenied(let text), .schemaMismatch(let text), .unavailable(let text):
            text
        case .database(let sqlState, let message):
            "the database refused: \(message) (SQLSTATE \(sqlState))"
        }
    }

    public var description: String { message }
}
