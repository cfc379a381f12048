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
        var streams: [StreamID] = []
        do {
            let rows = try await handler.database.connection.query(
                "SELECT stream_id FROM crisis.streams WHERE stream_id LIKE 'incident-%' ORDER BY created_at, stream_id",
                logger: DatabaseConnector.quietLogger)
            for try await id in rows.decode(String.self) {
                streams.append(try StreamID(id))
            }
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .store(ServerError.translateError(error))
        }
        return streams
    }

    public func all() async throws(CommandError) -> [LoadedIncident] {
        var incidents: [LoadedIncident] = []
        for stream in try await streams() {
            incidents.append(try await handler.load(stream))
        }
        return incidents
    }
}
