import Logging
import PostgresNIO

/// Something that runs one SQL statement: a single connection (what a CLI
/// command holds) or a pooled `PostgresClient` (what a long-running process holds).
public protocol DatabaseSession: Sendable {
    func run(_ query: PostgresQuery) async throws -> PostgresRowSequence
}

extension PostgresConnection: DatabaseSession {
    public func run(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.query(query, logger: self.logger)
    }
}

extension PostgresClient: DatabaseSession {
    public func run(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.query(query, logger: nil)
    }
}
