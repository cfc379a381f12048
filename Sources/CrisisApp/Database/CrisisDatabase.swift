import CrisisStore
import Foundation
import PostgresNIO

/// One open connection to crisis's database for one command, with the store
/// on top of it. On the embedded default it starts the private cluster,
/// creates the database and applies migrations as needed. With several
/// servers listed it reaches the primary, or a standby for `--read-from standby`.
public struct CrisisDatabase: Sendable {
    public let settings: DatabaseSettings
    public let connection: PostgresConnection
    public let store: PostgresEventStore
    /// The server the connection reached.
    public let server: DatabaseSettings.Server
    /// Primary or standby, when it was asked (always when several servers are listed).
    public let serverRole: DatabaseConnector.ServerRole?
    /// Called once an audit read's access record is written: from then on the
    /// command only reads (the CLI lifts its write timeout there).
    public var accessRecorded: @Sendable () -> Void = {}
    /// The incidents' data keys for this command (docs/crypto-shredding.md).
    public let keys: IncidentKeys

    /// Wraps a connection opened elsewhere (tests, tools); without a key-encryption key given,
    /// one that lives only as long as this process.
    public init(
        settings: DatabaseSettings, connection: PostgresConnection,
        keyEncryptionKey: Result<KeyEncryptionKey, KeyFileError> = .success(.ephemeral)
    ) {
        self.init(
            settings: settings, connection: connection, server: settings.server, serverRole: nil,
            keyEncryptionKey: keyEncryptionKey)
    }

    /// The same, as crisis worked before incident words were encrypted: nothing is sealed,
    /// looked up or opened. Only for measuring what encryption costs (`crisis-bench sealing`);
    /// never a way to run crisis.
    @_spi(Measuring)
    public init(unsealedSettings settings: DatabaseSettings, connection: PostgresConnection) {
        self.init(
            settings: settings, connection: connection, server: settings.server, serverRole: nil,
            keyEncryptionKey: .success(.ephemeral), sealing: false)
    }

    init(
        settings: DatabaseSettings, connection: PostgresConnection, server: DatabaseSettings.Server,
        serverRole: DatabaseConnector.ServerRole?, keyEncryptionKey: Result<KeyEncryptionKey, KeyFileError>,
        sealing: Bool = true
    ) {
        self.settings = settings
        self.connection = connection
        self.store = PostgresEventStore(session: connection)
        self.server = server
        self.serverRole = serverRole
        self.keys = IncidentKeys(session: connection, keyEncryptionKey: keyEncryptionKey, sealing: sealing)
    }

    /// Opens the database the environment names (or the embedded cluster)
    /// as `role` (nil: PGUSER, the URL's user, or the embedded superuser).
    /// With `requireSchema` it refuses a database whose schema does not match
    /// this binary; on the embedded cluster it migrates instead. `connected`
    /// sees the database as soon as the connection is up, before any query.
    public static func open(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        role: String? = nil,
        requireSchema: Bool = true,
        readFrom: ReadPreference = .primary,
        connected: @Sendable (CrisisDatabase) -> Void = { _ in }
    ) async throws(EventStoreError) -> CrisisDatabase {
        let settings = try DatabaseSettings.from(environment: environment, role: role)
        return try await open(
            settings, requireSchema: requireSchema, readFrom: readFrom, environment: environment, connected: connected)
    }

    /// Opens the database `settings` name; the key-encryption key is the one `environment`
    /// names (`CRISIS_KEY_FILE`, or the embedded default's own under `$CRISIS_HOME`).
    public static func open(
        _ settings: DatabaseSettings, requireSchema: Bool = true, readFrom: ReadPreference = .primary,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        connected: @Sendable (CrisisDatabase) -> Void = { _ in }
    ) async throws(EventStoreError) -> CrisisDatabase {
        var connection: PostgresConnection
        var server = settings.server
        var serverRole: DatabaseConnector.ServerRole?
        if case .embedded(let home) = settings.server {
            let cluster = EmbeddedCluster(home: home)
            if !cluster.looksRunning {
                try cluster.start()
                try await bootstrapEmbedded(settings)
            }
            do {
                connection = try await DatabaseConnector.connect(settings)
            } catch .unavailable {
                // The socket may be stale (a crash), or the database not created yet;
                // anything else (an unknown role, say) is the person's to fix.
                try cluster.start()
                try await bootstrapEmbedded(settings)
                connection = try await DatabaseConnector.connect(settings)
            }
        } else {
            let opened = try await DatabaseConnector.open(settings, target: settings.target(readingFrom: readFrom))
            connection = opened.connection
            server = opened.server
            serverRole = opened.role
        }
        var embeddedHome: URL?
        if case .embedded(let home) = settings.server { embeddedHome = home }
        let database = CrisisDatabase(
            settings: settings, connection: connection, server: server, serverRole: serverRole,
            keyEncryptionKey: KeyEncryptionKey.fromEnvironment(environment, embeddedHome: embeddedHome))
        connected(database)
        if requireSchema {
            do {
                try await database.migrations.requireCurrent()
            } catch {
                guard case .embedded = settings.server, case .schemaMismatch = error else {
                    try? await connection.close()
                    throw error
                }
                try await bootstrapEmbedded(settings)
            }
        }
        return database
    }

    public var migrations: MigrationRunner {
        get throws(EventStoreError) {
            MigrationRunner(connection: connection, migrations: try Migration.bundled())
        }
    }

    /// A connection of its own to a read-write server (the primary), for the
    /// one write a read on a standby makes: its access-log record.
    public func openPrimary() async throws(EventStoreError) -> PostgresConnection {
        let target: DatabaseSettings.TargetSessionAttributes =
            settings.targetSessionAttributes == .primary ? .primary : .readWrite
        return try await DatabaseConnector.open(settings, target: target).connection
    }

    public func close() async {
        try? await connection.close()
    }

    /// Calls `body` once when the connection closes, whoever closed it.
    public func whenConnectionCloses(_ body: @escaping @Sendable () -> Void) {
        connection.closeFuture.whenComplete { _ in body() }
    }

    /// Creates the `crisis` database in the embedded cluster and migrates it,
    /// as the cluster's superuser.
    static func bootstrapEmbedded(_ settings: DatabaseSettings) async throws(EventStoreError) {
        var administrator = settings
        administrator.role = EmbeddedCluster.superuser
        administrator.database = "postgres"
        let maintenance = try await DatabaseConnector.connect(administrator)
        do {
            let rows = try await maintenance.query(
                "SELECT count(*) FROM pg_database WHERE datname = \(EmbeddedCluster.databaseName)",
                logger: DatabaseConnector.quietLogger)
            var exists = false
            for try await count in rows.decode(Int.self) { exists = count > 0 }
            if !exists {
                _ = try await maintenance.query(
                    "CREATE DATABASE \(unescaped: EmbeddedCluster.databaseName)",
                    logger: DatabaseConnector.quietLogger)
            }
        } catch {
            try? await maintenance.close()
            // Two processes may race to create it; the loser finds it there.
            if ServerError.sqlStateOf(error) != "42P04" {
                throw ServerError.translateError(error)
            }
        }
        try? await maintenance.close()
        administrator.database = EmbeddedCluster.databaseName
        let owner = try await DatabaseConnector.connect(administrator)
        do {
            try await MigrationRunner(connection: owner, migrations: try Migration.bundled()).migrate()
        } catch {
            try? await owner.close()
            throw error
        }
        try? await owner.close()
    }
}
