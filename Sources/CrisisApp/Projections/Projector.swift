import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// Keeps the read models (incident list, legal queue, open deadlines, incident
/// metrics, policy proposals, workflow versions) up to date from the gap-safe
/// "all" reader. Each batch and its checkpoint commit together; each row
/// remembers the stream version it folded up to, so an event seen twice
/// changes nothing and a projector killed mid-batch resumes where the last
/// commit left it. Projectors serialise on an advisory lock.
public struct Projector: Sendable {
    public static let name = "read-models"
    static let lockKey: Int64 = 0x6372_6973_6973_0004
    /// Every table the projector writes (migration 0004).
    static let tables = [
        "crisis.projection_checkpoints", "crisis.projected_incidents", "crisis.projected_legal_queue",
        "crisis.projected_open_deadlines", "crisis.projected_incident_metrics", "crisis.projected_policy_proposals",
        "crisis.projected_workflow_versions",
    ]

    public let handler: IncidentHandler
    public var batchSize = 500
    /// Called with the number of events folded in so far in the current batch;
    /// a throw abandons the batch (tests use it to kill a projector mid-batch).
    public var interruption: (@Sendable (Int64) throws -> Void)?

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    var connection: PostgresConnection { handler.database.connection }

    /// Folds every event not yet projected, batch by batch, then brings
    /// every incident and proposal still behind its stream up to date;
    /// returns how many events were folded in.
    @discardableResult
    public func catchUp() async throws(CommandError) -> Int64 {
        var total: Int64 = 0
        while true {
            let (read, applied) = try await projectBatch()
            total += applied
            if read < batchSize { break }
        }
        return total + (try await refreshStaleStreams())
    }

    /// The "all" reader stops below the oldest running transaction of the
    /// whole cluster (any database on the server), so a command's own events
    /// can be out of its reach for a moment, or for as long as someone else's
    /// transaction stays open. Streams whose projection is behind the stream
    /// are folded to their current version directly.
    private func refreshStaleStreams() async throws(CommandError) -> Int64 {
        try await transaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: Self.logger)
            var stale: [String] = []
            for try await stream in try await connection.query(Self.staleStreams, logger: Self.logger).decode(
                String.self)
            {
                stale.append(stream)
            }
            guard !stale.isEmpty else { return 0 }
            var batch = ProjectionBatch(
                projector: self, connection: connection, store: PostgresEventStore(session: connection))
            for stream in stale { try await batch.refresh(stream) }
            try await batch.write(now: Date())
            _ = try await connection.query(
                """
                INSERT INTO crisis.projection_checkpoints (projection, transaction_id, global_position, events_applied)
                VALUES (\(Self.name), 0, 0, \(batch.applied))
                ON CONFLICT (projection) DO UPDATE SET
                    events_applied = crisis.projection_checkpoints.events_applied + EXCLUDED.events_applied,
                    updated_at = clock_timestamp()
                """, logger: Self.logger)
            return batch.applied
        }
    }

    /// Incident, proposal and workflow streams whose projection is behind.
    static let staleStreams = PostgresQuery(
        unsafeSQL: "SELECT stream_id FROM (\(behindPerStream)) streams WHERE behind > 0 ORDER BY stream_id")

    /// How many events of each projected stream the read models have not folded
    /// in: an incident or proposal row remembers its version; a workflow stream
    /// holds one publication per projected version row.
    static let behindPerStream = """
        SELECT s.stream_id, s.version - coalesce(i.version, p.version, 0) AS behind FROM crisis.streams s
        LEFT JOIN crisis.projected_incidents i ON i.stream_id = s.stream_id
        LEFT JOIN crisis.projected_policy_proposals p ON p.stream_id = s.stream_id
        WHERE s.stream_id LIKE 'incident-%' OR s.stream_id LIKE 'policy-%'
        UNION ALL
        SELECT s.stream_id, s.version - (
            SELECT count(*) FROM crisis.projected_workflow_versions w WHERE 'workflow-' || w.kind = s.stream_id
        ) FROM crisis.streams s
        WHERE s.stream_id LIKE 'workflow-%'
        """

    /// Empties every read model and folds the whole record again.
    @discardableResult
    public func rebuild() async throws(CommandError) -> Int64 {
        try await transaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: Self.logger)
            for table in Self.tables {
                _ = try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"), logger: Self.logger)
            }
        }
        return try await catchUp()
    }

    /// Where the projections stand.
    public func status() async throws(CommandError) -> ProjectionStatus {
        do {
            let (checkpoint, applied, updatedAt) = try await readCheckpoint(on: connection)
            var behind: Int64 = 0
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT coalesce(sum(behind), 0)::bigint FROM (\(Self.behindPerStream)) streams"),
                logger: Self.logger)
            for try await count in rows.decode(Int64.self) { behind = count }
            var canUpdate = false
            for try await allowed in try await connection.query(
                "SELECT has_table_privilege('crisis.projection_checkpoints', 'UPDATE') AND NOT pg_is_in_recovery()",
                logger: Self.logger
            ).decode(Bool.self) {
                canUpdate = allowed
            }
            return ProjectionStatus(
                checkpoint: checkpoint, eventsApplied: applied, updatedAt: updatedAt, eventsBehind: behind,
                canUpdate: canUpdate)
        } catch {
            throw Self.translate(error)
        }
    }

    /// Brings the projections up to date when this role may write them;
    /// otherwise (an auditor) leaves them and returns their status.
    public func refreshIfAllowed() async throws(CommandError) -> ProjectionStatus {
        let before = try await status()
        guard before.canUpdate, !before.isCurrent else { return before }
        try await catchUp()
        return try await status()
    }

    // MARK: - One batch

    /// Reads one batch after the checkpoint and folds it in, in one transaction.
    private func projectBatch() async throws(CommandError) -> (read: Int, applied: Int64) {
        try await transaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: Self.logger)
            let (checkpoint, _, _) = try await readCheckpoint(on: connection)
            let store = PostgresEventStore(session: connection)
            let events = try await store.readAll(after: checkpoint, limit: batchSize)
            guard let last = events.last else { return (0, 0) }
            var batch = ProjectionBatch(projector: self, connection: connection, store: store)
            for event in events {
                try await batch.fold(event)
                try interruption?(batch.applied)
            }
            try await batch.write(now: Date())
            _ = try await connection.query(
                """
                INSERT INTO crisis.projection_checkpoints (projection, transaction_id, global_position, events_applied)
                VALUES (\(Self.name), \(last.transactionID), \(last.globalPosition), \(batch.applied))
                ON CONFLICT (projection) DO UPDATE SET
                    transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position,
                    events_applied = crisis.projection_checkpoints.events_applied + EXCLUDED.events_applied,
                    updated_at = clock_timestamp()
                """, logger: Self.logger)
            return (events.count, batch.applied)
        }
    }

    private func readCheckpoint(on connection: PostgresConnection) async throws -> (Checkpoint, Int64, Date?) {
        let rows = try await connection.query(
            """
            SELECT transaction_id, global_position, events_applied, updated_at
            FROM crisis.projection_checkpoints WHERE projection = \(Self.name)
            """, logger: Self.logger)
        for try await (transaction, position, applied, updated) in rows.decode((Int64, Int64, Int64, Date).self) {
            return (Checkpoint(transactionID: transaction, globalPosition: position), applied, updated)
        }
        return (.start, 0, nil)
    }

    private func transaction<Result: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws(CommandError) -> Result {
        do {
            return try await connection.withTransaction(logger: Self.logger) { connection in
                try await body(connection)
            }
        } catch {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: any Error) -> CommandError {
        switch error {
        case let error as CommandError: return error
        case let error as EventStoreError: return .store(error)
        case let error as ProjectionInterrupted: return .badInput(error.description)
        default: return .store(ServerError.translateError(error))
        }
    }

    static let logger = DatabaseConnector.quietLogger
}

/// Thrown by an ``Projector/interruption`` hook to abandon a batch.
public struct ProjectionInterrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the projector was interrupted mid-batch" }
}
