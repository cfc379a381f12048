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

    /// `event` on its way into the store, carrying this metadata and `commandID`, its PHI fields
    /// (`IncidentEvent.phiFields`) written as `fields` says: sealed with the incident's key.
    func newEvent(_ event: some StoredEvent, commandID: UUID, fields: SealedFields.Writing = .plaintext)
        throws(CommandError) -> NewEvent
    {
        var metadata = self
        metadata.commandId = commandID.uuidString.lowercased()
        let data: Data
        let encodedMetadata: Data
        do {
            data = try event.encodedData()
            encodedMetadata = try JSONEncoder().encode(metadata)
        } catch {
            throw .badInput("cannot encode a \(event.eventType) event: \(error)")
        }
        let sealed: Data
        do {
            sealed = try SealedFields.seal(data, paths: IncidentEvent.phiFields[event.eventType] ?? [], fields)
        } catch {
            throw .badInput("\(error.description). Nothing was recorded.")
        }
        return NewEvent(
            type: event.eventType, schemaVersion: event.schemaVersion, data: sealed, metadata: encodedMetadata)
    }
}
