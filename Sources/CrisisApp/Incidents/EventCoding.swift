import CrisisDomain
import CrisisStore
import Foundation

/// Turns domain events into store events and back.
enum EventCoding {
    /// Metadata every event carries: which command wrote it and under which workflow.
    struct Metadata: Codable {
        var commandId: String
        var command: String
        var workflow: String?
    }

    static func newEvent(_ event: IncidentEvent, metadata: Metadata) throws(CommandError) -> NewEvent {
        do {
            return NewEvent(
                type: event.eventType, schemaVersion: event.schemaVersion, data: try event.encodedData(),
                metadata: try JSONEncoder().encode(metadata))
        } catch {
            throw .badInput("cannot encode a \(event.eventType) event: \(error)")
        }
    }

    static func recorded(_ event: RecordedEvent) throws(CommandError) -> RecordedIncidentEvent {
        do {
            return RecordedIncidentEvent(
                event: try IncidentEvent.decode(eventType: event.type, data: event.data), actor: event.actor,
                recordedAt: event.recordedAt, version: event.streamVersion)
        } catch {
            throw .corrupt(
                "event \(event.streamVersion) of \(event.streamID) (\(event.type)) cannot be read: \(error.description)"
            )
        }
    }
}
