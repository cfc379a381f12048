import Foundation
import Logging
import PostgresNIO

/// Applies numbered migrations in order, each inside its own transaction and
/// recorded in `crisis.schema_migrations`, so applying twice is a no-op and a
/// migration that fails halfway leaves nothing behind.
public struct MigrationRunner: Sendable {
    /// Where a migration stands in one database.
    public struct Status: Sendable, Equatable {
        public enum State: String, Sendable, Equatable {
            case applied, pending
            /// Applied, but the file has changed since: someone edited history.
            case changed
            /// Applied by a newer crisis: this binary does not know it.
            case unknown
        }
        public var version: Int
        public var name: String
        public var state: State
        public var appliedAt: Date?
        public var appliedBy: String?
    }

    /// Serialises concurrent migrators on one database ("crisis" in ASCII).
    static let lockKey: Int64 = 0x6372_6973_6973

    public let connection: PostgresConnection
    public let migrations: [Migration]

    public init(connection: PostgresConnection, migrations: [Migration]) {
        self.connection = connection
        self.migrations = migrations
    }

    /// Applies every pending migration; returns those it applied.
    @discardableResult
    public func migrate() async throws(EventStoreError) -> [Migration] {
        var applied: [Migration] = []
        for migration in migrations {
            if try await apply(migration) {
                applied.append(migration)
            }
        }
        return applied
    }

    public func status() async throws(EventStoreError) -> [Status] {
        let recorded = try await recordedMigrations()
        var statuses: [Status] = []
        for migration in migrations {
            if let row = recorded[migration.version] {
                statuses.append(
                    Status(
                        version: migration.version, name: migration.name,
                        state: row.checksum == migration.checksum ? .applied : .changed,
                        appliedAt: row.appliedAt, appliedBy: row.appliedBy))
            } else {
                statuses.append(Status(version: migration.version, name: migration.name, state: .pending))
            }
        }
        let known = Set(migrations.map(\.version))
        for (version, row) in recorded.sorted(by: { $0.key < $1.key }) where !known.contains(version) {
            statuses.append(
                Status(
                    version: version, name: row.name, state: .unknown, appliedAt: row.appliedAt,
                    appliedBy: row.appliedBy))
        }
        return statuses
    }

    /// Refuses to run against a schema this binary does not match.
    public func requireCurrent() async throws(EventStoreError) {
        let statuses = try await status()
        if let newer = statuses.first(where: { $0.state == .unknown }) {
            throw .schemaMismatch(
                "the database schema has migration \(newer.name), newer than this crisis binary knows; upgrade crisis before using this database"
            )
        }
        if let changed = statuses.first(where: { $0.state == .changed }) {
            throw .schemaMismatch(
                "migration \(changed.name) was applied with different contents than this binary ships; the schema cannot be trusted until that is resolved"
            )
        }
        if let pending = statuses.first(where: { $0.state == .pending }) {
            throw .schemaMismatch(
                "the database schema is not up to date (\(pending.name) is pending); run `crisis db migrate`"
            )
        }
    }

    private struct Recorded {
        var name: String
        var checksum: String
        var appliedAt: Date
        var appliedBy: String
    }

    private func recordedMigrations() async throws(EventStoreError) -> [Int: Recorded] {
        do {
            let exists = try await connection.query(
                "SELECT to_regclass('crisis.schema_migrations') IS NOT NULL", logger: connection.logger)
            for try await present in exists.decode(Bool.self) where !present {
                return [:]
            }
            var recorded: [Int: Recorded] = [:]
            let rows = try await connection.query(
                "SELECT version, name, checksum, applied_at, applied_by FROM crisis.schema_migrations",
                logger: connection.logger)
            for try await (version, name, checksum, at, by) in rows.decode(
                (Int, String, String, Date, String).self)
            {
                recorded[version] = Recorded(name: name, checksum: checksum, appliedAt: at, appliedBy: by)
            }
            return recorded
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Applies one migration unless it is already recorded; true when applied.
    private func apply(_ migration: Migration) async throws(EventStoreError) -> Bool {
        let tag = "crisis_migration_\(migration.version)_\(UUID().uuidString.prefix(8))"
        guard !migration.sql.contains("$\(tag)$") else {
            throw .schemaMismatch("migration \(migration.name) contains the reserved quote tag \(tag)")
        }
        // Extended-protocol queries take one statement; a DO block runs the
        // whole file as one, inside this transaction.
        let wrapped = "DO $\(tag)$ BEGIN EXECUTE $\(tag)_sql$\(migration.sql)$\(tag)_sql$; END $\(tag)$"
        do {
            return try await connection.withTransaction(logger: connection.logger) { connection in
                _ = try await connection.query(
                    "SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: connection.logger)
                _ = try await connection.query(
                    "CREATE SCHEMA IF NOT EXISTS crisis", logger: connection.logger)
                _ = try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS crisis.schema_migrations (
                        version    integer     PRIMARY KEY,
                        name       text        NOT NULL,
                        checksum   text        NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(),
                        applied_by text        NOT NULL DEFAULT session_user
                    )
                    """, logger: connection.logger)
                let existing = try await connection.query(
                    "SELECT checksum FROM crisis.schema_migrations WHERE version = \(migration.version)",
                    logger: connection.logger)
                for try await checksum in existing.decode(String.self) {
                    if checksum != migration.checksum {
                        throw EventStoreError.schemaMismatch(
                            "migration \(migration.name) was applied with different contents than this binary ships; applied migrations must never change: add a new migration instead"
                        )
                    }
                    return false
                }
                _ = try await connection.query(PostgresQuery(unsafeSQL: wrapped), logger: connection.logger)
                _ = try await connection.query(
                    """
                    INSERT INTO crisis.schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: connection.logger)
                return true
            }
        } catch {
            if let storeError = error as? EventStoreError { throw storeError }
            let translated = ServerError.translate(error)
            switch translated {
            case .database(let state, let message):
                throw .schemaMismatch(
                    "migration \(migration.name) failed and was rolled back: \(message) (SQLSTATE \(state))")
            default:
                throw translated
            }
        }
    }
}
