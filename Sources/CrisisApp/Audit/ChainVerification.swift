import CrisisStore
import PostgresNIO

/// `crisis audit verify`: recomputes the hash chain of one stream or of every stream.
public struct ChainVerification: Sendable {
    public let database: CrisisDatabase

    public init(database: CrisisDatabase) {
        self.database = database
    }

    /// A member of `crisis_sealer` verifies every stream; anyone else the streams they may see,
    /// and the report counts the others.
    /// Reads the stream heads and the events in one repeatable-read snapshot,
    /// so appends that land meanwhile are neither half-seen nor mistaken for tampering.
    public func run(stream: StreamID? = nil) async throws(EventStoreError) -> ChainVerifier.Report {
        let store = database.store
        do {
            return try await database.connection.withTransaction(logger: DatabaseConnector.quietLogger) {
                connection in
                _ = try await connection.query(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                    logger: DatabaseConnector.quietLogger)
                let view = try await RecordView.enter(on: connection)
                let heads = try await store.streamHeads(only: stream)
                let events = try await store.allEventsByStream(from: stream)
                var report = try await ChainVerifier().verify(events: events, heads: heads)
                report.streamsNotVisible = stream == nil ? view.unseenStreams : 0
                return report
            }
        } catch {
            throw ServerError.translateError(error)
        }
    }
}
