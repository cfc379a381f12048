import Foundation

/// Which PostgreSQL crisis talks to, and as whom: a server named by
/// `DATABASE_URL` or the usual `PG*` variables, or, when none is set, the
/// private embedded cluster under `$CRISIS_HOME`.
public struct DatabaseSettings: Sendable, Equatable {
    /// Where the server is.
    public enum Server: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// A unix socket *directory*, as libpq's `host=/path` names it.
        case socket(directory: String, port: Int)
        /// The private cluster crisis creates and starts itself.
        case embedded(home: URL)
    }

    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var server: Server
    public var database: String
    /// The role to log in as: `--as`, else `PGUSER`, else the URL's user, else the OS user.
    public var role: String
    public var password: String?
    public var tls: TLSMode

    /// The server variables that mean "not the embedded cluster". `PGUSER` alone
    /// only picks a role, so `PGUSER=alice crisis ...` still uses the embedded cluster.
    public static let serverVariables = [
        "DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGPASSWORD",
    ]

    public init(
        server: Server, database: String, role: String, password: String? = nil, tls: TLSMode = .disable
    ) {
        self.server = server
        self.database = database
        self.role = role
        self.password = password
        self.tls = tls
    }

    /// Reads the environment the way libpq users expect.
    public static func from(
        environment: [String: String], role explicitRole: String? = nil
    ) throws(EventStoreError) -> DatabaseSettings {
        let environment = environment.filter { !$0.value.isEmpty }
        var settings: DatabaseSettings
        if let url = environment["DATABASE_URL"] {
            settings = try parse(url: url)
        } else if serverVariables.contains(where: { environment[$0] != nil }) {
            let host = environment["PGHOST"] ?? "/var/run/postgresql"
            let port = try port(environment["PGPORT"] ?? "5432")
            settings = DatabaseSettings(
                server: host.hasPrefix("/")
                    ? .socket(directory: host, port: port) : .tcp(host: host, port: port),
                database: environment["PGDATABASE"] ?? environment["PGUSER"] ?? "crisis",
                role: environment["PGUSER"] ?? currentUserName(),
                password: environment["PGPASSWORD"],
                tls: host.hasPrefix("/") ? .disable : .prefer)
        } else {
            settings = DatabaseSettings(
                server: .embedded(home: EmbeddedCluster.home(environment: environment)),
                database: EmbeddedCluster.databaseName, role: EmbeddedCluster.superuser)
        }
        if let sslMode = environment["PGSSLMODE"] {
            settings.tls = try tlsMode(sslMode)
        }
        if let user = environment["PGUSER"], environment["DATABASE_URL"] == nil || explicitRole == nil {
            settings.role = user
        }
        if let explicitRole {
            settings.role = explicitRole
        }
        if settings.role.isEmpty {
            throw .invalidInput("the database role name is empty; pass --as NAME")
        }
        return settings
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=require&host=/socket/dir`.
    public static func parse(url text: String) throws(EventStoreError) -> DatabaseSettings {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else {
            throw .invalidInput(
                "DATABASE_URL is not a postgres:// URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
            )
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let port: Int
        if let explicit = components.port {
            guard (1...65535).contains(explicit) else {
                throw .invalidInput("the port \(explicit) in DATABASE_URL is not between 1 and 65535")
            }
            port = explicit
        } else {
            port = try Self.port(query["port"] ?? "5432")
        }
        let host =
            query["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        let server: Server =
            host.isEmpty
            ? .socket(directory: "/var/run/postgresql", port: port)
            : host.hasPrefix("/") ? .socket(directory: host, port: port) : .tcp(host: host, port: port)
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        let role = components.user ?? query["user"] ?? currentUserName()
        var tls: TLSMode = if case .tcp = server { .prefer } else { .disable }
        if let mode = query["sslmode"] {
            tls = try tlsMode(mode)
        }
        return DatabaseSettings(
            server: server,
            database: database.isEmpty ? role : database,
            role: role,
            password: components.password ?? query["password"],
            tls: tls)
    }

    private static func port(_ text: String) throws(EventStoreError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw .invalidInput("the port \"\(text)\" is not a number between 1 and 65535")
        }
        return port
    }

    private static func tlsMode(_ text: String) throws(EventStoreError) -> TLSMode {
        switch text {
        case "disable", "allow": return .disable
        case "prefer": return .prefer
        case "require", "verify-ca", "verify-full": return .require
        default:
            throw .invalidInput("sslmode \"\(text)\" is not one of disable, prefer, require, verify-full")
        }
    }

    static func currentUserName() -> String {
        ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
    }
}
