import CrisisStore
import PostgresNIO

/// `crisis audit verify`: recomputes the hash chain of one stream or of every stream.
public struct ChainVerification: Sendable {
    public let database: CrisisDatabase

    public init(database: CrisisDatabase) {
        self.database = database
    }

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
                let heads = try await store.streamHeads(only: stream)
                let events = try await store.allEventsByStream(from: stream)
                return try await ChainVerifier().verify(events: events, heads: heads)
            }
        } catch {
            throw ServerError.translateError(error)
        }
    }
}
