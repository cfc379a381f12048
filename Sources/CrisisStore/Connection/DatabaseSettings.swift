import Foundation

/// Which PostgreSQL crisis talks to, and as whom: one or several servers named
/// by `DATABASE_URL` or the usual `PG*` variables (as libpq reads them), or,
/// when none is set, the private embedded cluster under `$CRISIS_HOME`.
public struct DatabaseSettings: Sendable, Equatable {
    /// Where a server is.
    public enum Server: Sendable, Equatable, CustomStringConvertible {
        case tcp(host: String, port: Int)
        /// A unix socket *directory*, as libpq's `host=/path` names it.
        case socket(directory: String, port: Int)
        /// The private cluster crisis creates and starts itself.
        case embedded(home: URL)

        /// The server as a person would name it in a sentence.
        public var description: String {
            switch self {
            case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            case .socket(let directory, let port): "the socket \(directory)/.s.PGSQL.\(port)"
            case .embedded(let home): "the embedded cluster in \(home.path)"
            }
        }
    }

    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    /// libpq's `target_session_attrs`: which of the listed servers will do.
    /// Servers are tried in the order listed; the first that fits is kept.
    public enum TargetSessionAttributes: String, Sendable, Equatable, CaseIterable {
        /// The first server that accepts the connection.
        case any
        /// One where a transaction may write (`SHOW transaction_read_only` is off).
        case readWrite = "read-write"
        /// One where transactions are read-only by default (a standby, or a primary set so).
        case readOnly = "read-only"
        /// One not in recovery (`pg_is_in_recovery()` is false).
        case primary
        /// One in recovery: a hot standby.
        case standby
        /// A standby when one answers, else any server.
        case preferStandby = "prefer-standby"
    }

    /// The first server listed (the only one, usually).
    public var server: Server
    /// The servers listed after the first, tried in order.
    public var otherServers: [Server]
    public var database: String
    /// The role to log in as: `--as`, else `PGUSER`, else the URL's user, else the OS user.
    public var role: String
    public var password: String?
    public var tls: TLSMode
    /// `target_session_attrs` from the URL or `PGTARGETSESSIONATTRS`.
    public var targetSessionAttributes: TargetSessionAttributes
    /// How long to wait for each server to accept a connection (`connect_timeout`, `PGCONNECT_TIMEOUT`).
    public var connectTimeout: Duration

    /// Every server listed, in the order they are tried.
    public var servers: [Server] { [server] + otherServers }

    /// The server variables that mean "not the embedded cluster". `PGUSER` alone
    /// only picks a role, so `PGUSER=alice crisis ...` still uses the embedded cluster.
    public static let serverVariables = [
        "DATABASE_URL", "PGHOST", "PGPORT", "PGDATABASE", "PGPASSWORD",
    ]

    public init(
        server: Server, otherServers: [Server] = [], database: String, role: String, password: String? = nil,
        tls: TLSMode = .disable, targetSessionAttributes: TargetSessionAttributes = .any,
        connectTimeout: Duration = .seconds(10)
    ) {
        self.server = server
        self.otherServers = otherServers
        self.database = database
        self.role = role
        self.password = password
        self.tls = tls
        self.targetSessionAttributes = targetSessionAttributes
        self.connectTimeout = connectTimeout
    }

    /// Reads the environment the way libpq users expect.
    public static func from(
        environment: [String: String], role explicitRole: String? = nil
    ) throws(EventStoreError) -> DatabaseSettings {
        let environment = environment.filter { !$0.value.isEmpty }
        var settings: DatabaseSettings
        if let url = environment["DATABASE_URL"] {
            settings = try parse(url: url)
            // libpq: a variable supplies what the connection string leaves out.
            if let target = environment["PGTARGETSESSIONATTRS"], !url.contains("target_session_attrs=") {
                settings.targetSessionAttributes = try targetSessionAttributes(target)
            }
        } else if serverVariables.contains(where: { environment[$0] != nil }) {
            let servers = try Self.servers(
                hosts: list(environment["PGHOST"] ?? ""), hostPorts: [],
                ports: environment["PGPORT"].map(list) ?? [], source: "PGHOST and PGPORT")
            settings = DatabaseSettings(
                server: servers.first, otherServers: servers.others,
                database: environment["PGDATABASE"] ?? environment["PGUSER"] ?? "crisis",
                role: environment["PGUSER"] ?? currentUserName(),
                password: environment["PGPASSWORD"],
                tls: servers.all.contains(where: \.isTCP) ? .prefer : .disable)
            if let target = environment["PGTARGETSESSIONATTRS"] {
                settings.targetSessionAttributes = try targetSessionAttributes(target)
            }
        } else {
            settings = DatabaseSettings(
                server: .embedded(home: EmbeddedCluster.home(environment: environment)),
                database: EmbeddedCluster.databaseName, role: EmbeddedCluster.superuser)
        }
        if let timeout = environment["PGCONNECT_TIMEOUT"],
            environment["DATABASE_URL"].map({
                !$0.contains("connect_timeout=")
            }) ?? true
        {
            settings.connectTimeout = try connectTimeout(timeout)
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

    /// Parses a libpq connection URI:
    /// `postgres://user:password@db1:5432,db2:5433/database?sslmode=require&target_session_attrs=read-write`,
    /// with socket directories as `host=/dir1,/dir2` (or percent-encoded in place of a host).
    public static func parse(url text: String) throws(EventStoreError) -> DatabaseSettings {
        let uri = try ConnectionURI(text)
        let query = uri.parameters
        let servers: (first: Server, others: [Server], all: [Server])
        if let hosts = query["host"] {
            servers = try Self.servers(
                hosts: list(hosts), hostPorts: [], ports: query["port"].map(list) ?? [], source: "DATABASE_URL")
        } else {
            servers = try Self.servers(
                hosts: uri.hosts.map { $0.host }, hostPorts: uri.hosts.map { $0.port },
                ports: query["port"].map(list) ?? [],
                source: "DATABASE_URL")
        }
        let role = uri.user ?? query["user"] ?? currentUserName()
        let database = uri.database ?? query["dbname"] ?? ""
        var settings = DatabaseSettings(
            server: servers.first, otherServers: servers.others,
            database: database.isEmpty ? role : database,
            role: role,
            password: uri.password ?? query["password"],
            tls: servers.all.contains(where: \.isTCP) ? .prefer : .disable)
        if let mode = query["sslmode"] {
            settings.tls = try tlsMode(mode)
        }
        if let target = query["target_session_attrs"] {
            settings.targetSessionAttributes = try targetSessionAttributes(target)
        }
        if let timeout = query["connect_timeout"] {
            settings.connectTimeout = try connectTimeout(timeout)
        }
        return settings
    }

    /// Pairs hosts with ports as libpq does: a port written beside its host wins;
    /// else one port for all, or one per host; else 5432. An empty host is the
    /// default socket directory; one starting with `/` is a socket directory.
    private static func servers(hosts: [String], hostPorts: [String?], ports: [String], source: String)
        throws(EventStoreError) -> (first: Server, others: [Server], all: [Server])
    {
        let hosts = hosts.isEmpty ? [""] : hosts
        if ports.count > 1 && ports.count != hosts.count {
            throw .invalidInput(
                "\(source) lists \(hosts.count) hosts but \(ports.count) ports; give one port for all, or one per host")
        }
        var servers: [Server] = []
        for (index, host) in hosts.enumerated() {
            let written = index < hostPorts.count ? hostPorts[index] : nil
            let portText = written ?? (ports.count == 1 ? ports[0] : index < ports.count ? ports[index] : "")
            let port = try Self.port(portText.isEmpty ? "5432" : portText)
            if host.isEmpty {
                servers.append(.socket(directory: "/var/run/postgresql", port: port))
            } else if host.hasPrefix("/") {
                servers.append(.socket(directory: host, port: port))
            } else {
                servers.append(.tcp(host: host, port: port))
            }
        }
        guard let first = servers.first else {
            throw .invalidInput("\(source) names no server")
        }
        return (first, Array(servers.dropFirst()), servers)
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
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

    private static func targetSessionAttributes(_ text: String) throws(EventStoreError) -> TargetSessionAttributes {
        guard let value = TargetSessionAttributes(rawValue: text) else {
            let names = TargetSessionAttributes.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidInput("target_session_attrs \"\(text)\" is not one of \(names)")
        }
        return value
    }

    private static func connectTimeout(_ text: String) throws(EventStoreError) -> Duration {
        guard let seconds = Int(text), seconds >= 0 else {
            throw .invalidInput("connect_timeout \"\(text)\" is not a whole number of seconds")
        }
        // libpq: 0 waits as long as it takes; under 2 s is taken as 2 s.
        return seconds == 0 ? .seconds(86_400) : .seconds(max(2, seconds))
    }

    static func currentUserName() -> String {
        ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
    }
}

extension DatabaseSettings.Server {
    var isTCP: Bool {
        if case .tcp = self { return true }
        return false
    }
}

/// The parts of a `postgres://` URI, split as libpq splits them (several
/// `host:port` pairs separated by commas, which Foundation's URL parser refuses).
struct ConnectionURI {
    var user: String?
    var password: String?
    var hosts: [(host: String, port: String?)] = []
    var database: String?
    var parameters: [String: String] = [:]

    init(_ text: String) throws(EventStoreError) {
        let usage =
            "DATABASE_URL is not a postgres:// URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE, "
            + "or several hosts as HOST1:PORT1,HOST2:PORT2)"
        guard let scheme = ["postgres://", "postgresql://"].first(where: { text.hasPrefix($0) }) else {
            throw .invalidInput(usage)
        }
        var rest = Substring(text.dropFirst(scheme.count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = try Self.decoded(parts[0], usage)
                parameters[name] = parts.count > 1 ? try Self.decoded(parts[1], usage) : ""
            }
            rest = rest[..<question]
        }
        if let slash = rest.firstIndex(of: "/") {
            let path = try Self.decoded(rest[rest.index(after: slash)...], usage)
            database = path.isEmpty ? nil : path
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decoded(userInfo[..<colon], usage)
                password = try Self.decoded(userInfo[userInfo.index(after: colon)...], usage)
            } else {
                user = try Self.decoded(userInfo, usage)
            }
            if user?.isEmpty == true { user = nil }
            rest = rest[rest.index(after: at)...]
        }
        for spec in rest.split(separator: ",", omittingEmptySubsequences: false) {
            hosts.append(try Self.hostAndPort(spec, usage))
        }
    }

    /// `host`, `host:port`, `[v6]:port`, `:port` or nothing.
    private static func hostAndPort(_ spec: Substring, _ usage: String) throws(EventStoreError)
        -> (host: String, port: String?)
    {
        var hostPart = spec
        var portPart: Substring?
        if spec.hasPrefix("[") {
            guard let close = spec.firstIndex(of: "]") else { throw .invalidInput(usage) }
            hostPart = spec[spec.index(after: spec.startIndex)..<close]
            let after = spec[spec.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidInput(usage) }
                portPart = after.dropFirst()
            }
        } else if let colon = spec.firstIndex(of: ":") {
            hostPart = spec[..<colon]
            portPart = spec[spec.index(after: colon)...]
        }
        let port = portPart.map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        return (try decoded(hostPart, usage), port)
    }

    private static func decoded(_ text: Substring, _ usage: String) throws(EventStoreError) -> String {
        guard let value = String(text).removingPercentEncoding else { throw .invalidInput(usage) }
        return value
    }
}
