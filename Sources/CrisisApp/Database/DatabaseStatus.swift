import CrisisStore
import Foundation
import PostgresNIO

/// What `crisis db status` reports.
public struct DatabaseStatus: Sendable, Encodable {
    public struct MigrationLine: Sendable, Encodable {
        public var name: String
        public var state: String
        public var appliedAt: Date?
        public var appliedBy: String?
    }

    public var server: String
    public var role: String
    public var streams: Int64
    public var events: Int64
    /// Seconds the oldest open transaction in the cluster has been open: it holds back gap-safe readers.
    public var oldestOpenTransactionSeconds: Double?
    public var migrations: [MigrationLine]

    public static func read(_ database: CrisisDatabase) async throws(EventStoreError)
        -> DatabaseStatus
    {
        let migrations = try await database.migrations.status()
        let schemaReady = migrations.contains { $0.state == .applied }
        var streams: Int64 = 0
        var events: Int64 = 0
        var oldest: Double?
        var role = database.settings.role
        do {
            let who = try await database.connection.query(
                """
                SELECT session_user::text,
                       (SELECT extract(epoch FROM now() - min(xact_start))::float8
                          FROM pg_stat_activity
                         WHERE backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)
                """, logger: DatabaseConnector.quietLogger)
            for try await (name, age) in who.decode((String, Double?).self) {
                role = name
                oldest = age
            }
            if schemaReady {
                let counts = try await database.connection.query(
                    "SELECT (SELECT count(*) FROM crisis.streams), (SELECT count(*) FROM crisis.events)",
                    logger: DatabaseConnector.quietLogger)
                for try await (streamCount, eventCount) in counts.decode((Int64, Int64).self) {
                    streams = streamCount
                    events = eventCount
                }
            }
        } catch {
            throw ServerError.translateError(error)
        }
        return DatabaseStatus(
            server: describe(database.settings.server), role: role, streams: streams, events: events,
            oldestOpenTransactionSeconds: oldest,
            migrations: migrations.map {
                MigrationLine(
                    name: $0.name, state: $0.state.rawValue, appliedAt: $0.appliedAt, appliedBy: $0.appliedBy)
            })
    }

    static func describe(_ server: DatabaseSettings.Server) -> String {
        switch server {
        case .tcp(let host, let port): "\(host):\(port)"
        case .socket(let directory, let port): "\(directory)/.s.PGSQL.\(port)"
        case .embedded(let home): "embedded cluster in \(home.path)"
        }
    }
}
