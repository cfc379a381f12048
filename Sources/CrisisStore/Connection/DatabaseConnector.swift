import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// Opens one connection for one command: it starts fast and, on a bad
/// password or socket, fails at once with the server's own sentence. With
/// several servers listed it tries them in order, as libpq does, and keeps the
/// first that fits `target_session_attrs`.
public enum DatabaseConnector {
    /// What kind of server a connection reached.
    public enum ServerRole: String, Sendable, Equatable, Codable {
        /// Not in recovery: it takes writes.
        case primary
        /// A hot standby replaying the primary's WAL: read only.
        case standby
    }

    /// A connection, the server it reached, and what that server is (nil when nobody asked:
    /// one server listed and any role acceptable).
    public struct Opened: Sendable {
        public let connection: PostgresConnection
        public let server: DatabaseSettings.Server
        public let role: ServerRole?
    }

    public static func connect(_ settings: DatabaseSettings, logger: Logger = quietLogger)
        async throws(EventStoreError) -> PostgresConnection
    {
        try await open(settings, logger: logger).connection
    }

    /// Connects to the first listed server that fits `target` (default: the
    /// settings' `target_session_attrs`), checking `pg_is_in_recovery()` and
    /// `transaction_read_only` after connecting whenever the choice matters.
    public static func open(
        _ settings: DatabaseSettings, target: DatabaseSettings.TargetSessionAttributes? = nil,
        logger: Logger = quietLogger
    ) async throws(EventStoreError) -> Opened {
        let target = target ?? settings.targetSessionAttributes
        let servers = settings.servers
        if servers.count == 1 && target == .any {
            do {
                let connection = try await connect(settings, to: settings.server, logger: logger)
                return Opened(connection: connection, server: settings.server, role: nil)
            } catch {
                throw describe(error, settings: settings, server: settings.server)
            }
        }
        var passedOver: [String] = []
        // prefer-standby: a primary that answered is kept in reserve, in case no standby does.
        var reserve: Opened?
        for server in servers {
            let connection: PostgresConnection
            do {
                connection = try await connect(settings, to: server, logger: logger)
            } catch {
                guard case .unavailable(let message) = error else {
                    await reserve.close()
                    throw describe(error, settings: settings, server: server)
                }
                passedOver.append("\(server): \(message)")
                continue
            }
            let state: ServerState
            do {
                state = try await ServerState.read(connection, logger: logger)
            } catch {
                try? await connection.close()
                passedOver.append("\(server): the connection failed while checking what kind of server it is")
                continue
            }
            let opened = Opened(connection: connection, server: server, role: state.inRecovery ? .standby : .primary)
            if state.fits(target) {
                await reserve.close()
                return opened
            }
            if target == .preferStandby && reserve == nil {
                reserve = opened
                continue
            }
            try? await connection.close()
            passedOver.append("\(server): \(state.description)")
        }
        if let reserve { return reserve }
        let wanted = target.wanted
        throw .unavailable(
            "no \(wanted) server among the \(servers.count) listed, connecting as \(settings.role) "
                + "(\(passedOver.joined(separator: "; "))); "
                + "check that the servers are running and DATABASE_URL or PGHOST/PGPORT list them")
    }

    /// A logger that stays silent: the CLI reports errors itself.
    public static let quietLogger: Logger = {
        var logger = Logger(label: "crisis.database")
        logger.logLevel = .critical
        return logger
    }()

    private static func connect(_ settings: DatabaseSettings, to server: DatabaseSettings.Server, logger: Logger)
        async throws(EventStoreError) -> PostgresConnection
    {
        var configuration: PostgresConnection.Configuration
        switch server {
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: settings.role, password: settings.password,
                database: settings.database, tls: try tls(settings.tls))
        case .socket(let directory, let port):
            configuration = .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: settings.role,
                password: settings.password, database: settings.database)
        case .embedded(let home):
            let cluster = EmbeddedCluster(home: home)
            configuration = .init(
                unixSocketPath: cluster.socketPath, username: settings.role, password: nil,
                database: settings.database)
        }
        configuration.options.connectTimeout = .seconds(max(1, settings.connectTimeout.components.seconds))
        // A forgotten open transaction holds back every gap-safe reader
        // (the snapshot xmin is cluster-wide), so crisis's sessions never idle in one.
        configuration.options.additionalStartupParameters = [
            ("application_name", "crisis"),
            ("idle_in_transaction_session_timeout", "60s"),
        ]
        do {
            return try await PostgresConnection.connect(
                configuration: configuration, id: 1, logger: logger)
        } catch {
            throw ServerError.translate(error)
        }
    }

    private static func tls(_ mode: DatabaseSettings.TLSMode) throws(EventStoreError)
        -> PostgresConnection.Configuration.TLS
    {
        do {
            switch mode {
            case .disable:
                return .disable
            case .prefer:
                return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require:
                return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw .unavailable("TLS could not be set up: \(error)")
        }
    }

    /// One server's failure in a sentence that says where and as whom, and what to check.
    private static func describe(
        _ error: EventStoreError, settings: DatabaseSettings, server: DatabaseSettings.Server
    ) -> EventStoreError {
        guard case .unavailable(let message) = error else { return error }
        return .unavailable(
            "\(message) (connecting to \(server) as \(settings.role)); "
                + "check that the server is running and DATABASE_URL or PGHOST/PGPORT point at it")
    }
}

/// What a server said about itself right after the connection opened.
struct ServerState {
    var inRecovery: Bool
    var readOnly: Bool

    static func read(_ connection: PostgresConnection, logger: Logger) async throws -> ServerState {
        var state = ServerState(inRecovery: false, readOnly: false)
        let rows = try await connection.query(
            "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'", logger: logger)
        for try await (recovery, readOnly) in rows.decode((Bool, Bool).self) {
            state = ServerState(inRecovery: recovery, readOnly: readOnly)
        }
        return state
    }

    func fits(_ target: DatabaseSettings.TargetSessionAttributes) -> Bool {
        switch target {
        case .any: true
        case .readWrite: !readOnly
        case .readOnly: readOnly
        case .primary: !inRecovery
        case .standby, .preferStandby: inRecovery
        }
    }

    var description: String {
        switch (inRecovery, readOnly) {
        case (true, _): "a standby (in recovery, read-only)"
        case (false, true): "a primary whose transactions are read-only by default"
        case (false, false): "a primary (read-write)"
        }
    }
}

extension DatabaseSettings.TargetSessionAttributes {
    /// The kind of server wanted, in a sentence.
    var wanted: String {
        switch self {
        case .any: "reachable"
        case .readWrite: "read-write"
        case .readOnly: "read-only"
        case .primary: "primary"
        case .standby: "standby"
        case .preferStandby: "reachable"
        }
    }
}

extension Optional where Wrapped == DatabaseConnector.Opened {
    fileprivate func close() async {
        if let self { try? await self.connection.close() }
    }
}
