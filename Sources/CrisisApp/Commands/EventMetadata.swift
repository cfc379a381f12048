import CrisisDomain
import CrisisStore
import Foundation

/// What every event carries beside its payload: the command that wrote it and, for incidents,
/// the workflow version it was decided under. Stored in `events.metadata`.
struct EventMetadata: Codable {
    var commandId: String = ""
    var command: String
    var workflow: String?

    init(command: String, workflow: String? = nil) {
        self.command = command
        self.workflow = workflow
    }

    /// `event` on its way into the store, carrying this metadata and `commandID`.
    func newEvent(_ event: some StoredEvent, commandID: UUID) throws(CommandError) -> NewEvent {
        var metadata = self
        metadata.commandId = commandID.uuidString.lowercased()
        do {
            return NewEvent(
                type: event.eventType, schemaVersion: event.schemaVersion, data: try event.encodedData(),
                metadata: try JSONEncoder().encode(metadata))
        } catch {
            throw .badInput("cannot encode a \(event.eventType) event: \(error)")
        }
    }
}
