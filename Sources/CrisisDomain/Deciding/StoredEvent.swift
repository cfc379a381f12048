import Foundation

/// An aggregate's event type as the store keeps it: its name, its schema version, its JSON,
/// and the way back. One table per enum (its `eventType` and `decode` switches) names every case.
public protocol StoredEvent: Sendable {
    /// The name stored in `events.event_type`.
    var eventType: String { get }
    /// The version of the payload's schema, stored beside it.
    var schemaVersion: Int { get }
    /// The payload stored in `events.data`.
    func encodedData() throws -> Data
    /// The event a stored row holds; an unknown name or a payload that does not match is an error, never skipped.
    static func decode(eventType: String, data: Data) throws(EventDecodingError) -> Self
}
