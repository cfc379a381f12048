import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// Opens one connection for one command: it starts fast and, on a bad
/// password or socket, fails at once with the server's own sentence.
public enum DatabaseConnector {
    public static func connect(_ settings: DatabaseSettings, logger: Logger = quietLogger)
        async throws(EventStoreError) -> PostgresConnection
    {
        var configuration: PostgresConnection.Configuration
        switch settings.server {
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
        configuration.options.connectTimeout = .seconds(10)
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
            throw describe(error, settings: settings)
        }
    }

    /// A logger that stays silent: the CLI reports errors itself.
    public static let quietLogger: Logger = {
        var logger = Logger(label: "crisis.database")
        logger.logLevel = .critical
        return logger
    }()

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

    private static func describe(_ error: any Error, settings: DatabaseSettings) -> EventStoreError {
        let translated = ServerError.translate(error)
        guard case .unavailable(let message) = translated else { return translated }
        let place: String
        switch settings.server {
        case .tcp(let host, let port): place = "\(host):\(port)"
        case .socket(let directory, let port): place = "the socket \(directory)/.s.PGSQL.\(port)"
        case .embedded(let home): place = "the embedded cluster in \(home.path)"
        }
        return .unavailable(
            "\(message) (connecting to \(place) as \(settings.role)); check that the server is running and DATABASE_URL or PGHOST/PGPORT point at it"
        )
    }
}
