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

    /// A standby streaming from this primary, as `pg_stat_replication` shows it.
    public struct StandbyLine: Sendable, Encodable {
        public var name: String
        public var state: String
        /// `sync`: a commit waits for it; `async`: it may lag, and a failover to it can lose acknowledged commits.
        public var syncState: String
        /// WAL bytes the primary has written that the standby has not yet replayed (nil when this role may not see it).
        public var replayBytesBehind: Int64?
        /// Seconds between a commit on the primary and its replay on the standby, as last measured.
        public var replayLagSeconds: Double?
    }

    /// What a standby knows of its own lag.
    public struct StandbyLag: Sendable, Encodable {
        /// WAL bytes received but not yet replayed.
        public var bytesBehind: Int64?
        /// Seconds since the last replayed commit was made on the primary (grows while the primary is idle too).
        public var secondsSinceLastReplayedCommit: Double?
    }

    public var server: String
    /// `primary` or `standby`.
    public var serverRole: String
    /// On a primary: its standbys.
    public var standbys: [StandbyLine]
    /// On a standby: how far behind the primary it is.
    public var lag: StandbyLag?
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
        var inRecovery = false
        var standbys: [StandbyLine] = []
        var lag: StandbyLag?
        do {
            for try await recovery in try await database.connection.query(
                "SELECT pg_is_in_recovery()", logger: DatabaseConnector.quietLogger
            ).decode(Bool.self) {
                inRecovery = recovery
            }
            if inRecovery {
                let rows = try await database.connection.query(
                    """
                    SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::int8,
                           extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8
                    """, logger: DatabaseConnector.quietLogger)
                for try await (bytes, seconds) in rows.decode((Int64?, Double?).self) {
                    lag = StandbyLag(bytesBehind: bytes, secondsSinceLastReplayedCommit: seconds)
                }
            } else {
                let rows = try await database.connection.query(
                    """
                    SELECT coalesce(application_name, ''), coalesce(state, ''), coalesce(sync_state, ''),
                           pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::int8,
                           extract(epoch FROM replay_lag)::float8
                    FROM pg_stat_replication ORDER BY application_name
                    """, logger: DatabaseConnector.quietLogger)
                for try await (name, state, sync, bytes, seconds) in rows.decode(
                    (String, String, String, Int64?, Double?).self)
                {
                    standbys.append(
                        StandbyLine(
                            name: name, state: state, syncState: sync, replayBytesBehind: bytes,
                            replayLagSeconds: seconds))
                }
            }
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
            server: describe(database.server), serverRole: inRecovery ? "standby" : "primary",
            standbys: standbys, lag: lag, role: role, streams: streams, events: events,
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
