import ArgumentParser
import CrisisDomain
import CrisisStore
import Foundation

/// The event every append case writes: a note as `crisis incident note` records it.
enum NotePayload {
    static let text =
        "Reporter from WXYZ called the switchboard asking about the ER wait-time thread; referred to communications."
    /// Metadata shaped like the handler's (command id, command, workflow).
    static let metadata =
        #"{"command": "note", "commandId": "6f1c2e0a-1d0b-4c55-9a8e-2f3b7d9c0e11", "workflow": "viral-complaint"}"#

    static func data() throws -> Data {
        try IncidentEvent.noteAdded(NoteAdded(text: text)).encodedData()
    }

    static func event() throws -> NewEvent {
        let note = IncidentEvent.noteAdded(NoteAdded(text: text))
        return NewEvent(
            type: note.eventType, schemaVersion: note.schemaVersion, data: try data(), metadata: Data(metadata.utf8))
    }

    /// `count` notes, each with its own event id.
    static func batch(_ count: Int, like event: NewEvent) -> [NewEvent] {
        (0..<count).map { _ in
            NewEvent(type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata)
        }
    }
}

/// `crisis-bench payload`: prints the data and metadata JSON, one per line,
/// so pgbench's scripts send the same bytes as the Swift store.
struct PayloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payload", abstract: "Print the benchmark event's data and metadata JSON.")

    func run() throws {
        print(String(decoding: try NotePayload.data(), as: UTF8.self))
        print(NotePayload.metadata)
    }
}
