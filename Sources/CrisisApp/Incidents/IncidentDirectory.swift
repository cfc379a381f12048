import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// Every incident in the record, loaded by folding its stream.
public struct IncidentDirectory: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// The streams of every incident, oldest first.
    public func streams() async throws(CommandError) -> [StreamID] {
        do {
            return try await StreamCategory.incidents.streams(in: handler.database)
        } catch {
            throw .store(error)
        }
    }

    public func all() async throws(CommandError) -> [LoadedIncident] {
        var incidents: [LoadedIncident] = []
        for stream in try await streams() {
            incidents.append(try await handler.load(stream))
        }
        return incidents
    }
}
