import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The private PostgreSQL cluster crisis creates and starts by itself when no
/// server is configured: data, socket and log under `$CRISIS_HOME`, no TCP
/// listener, a socket directory only its owner can enter.
public struct EmbeddedCluster: Sendable {
    public static let databaseName = "crisis"
    /// The cluster's superuser; trust authentication over the private socket.
    public static let superuser = "crisis"
    static let port = 5432

    public let home: URL

    public init(home: URL) {
        self.home = home
    }

    /// `$CRISIS_HOME`, else `~/.local/share/crisis`; for root, `/var/lib/crisis`,
    /// since PostgreSQL runs as an unprivileged user who cannot enter `/root`.
    public static func home(environment: [String: String]) -> URL {
        if let home = environment["CRISIS_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home)
        }
        if geteuid() == 0 {
            return URL(fileURLWithPath: "/var/lib/crisis")
        }
        let base =
            environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        return base.appendingPathComponent("crisis")
    }

    var dataDirectory: URL { home.appendingPathComponent("data") }
    var socketDirectory: URL { home.appendingPathComponent("run") }
    var logFile: URL { home.appendingPathComponent("postgres.log") }
    var lockFile: URL { home.appendingPathComponent("cluster.lock") }
    public var socketPath: String {
        socketDirectory.appendingPathComponent(".s.PGSQL.\(loopbackPort ?? Self.port)").path
    }

    /// Written by `crisis serve`: the cluster then also listens on 127.0.0.1 at this port.
    var loopbackPortFile: URL { home.appendingPathComponent("loopback-port") }

    /// The loopback TCP port `crisis serve` opened, or nil: the private socket only.
    /// (PostgreSQL has one port for both, so the socket's name follows it.)
    public var loopbackPort: Int? {
        (try? String(contentsOf: loopbackPortFile, encoding: .utf8)).flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// For `crisis serve`: the cluster also listens on 127.0.0.1:`port`, where it asks for
    /// SCRAM passwords (`crisis roster password`); the private socket keeps trusting the
    /// machine's owner. Restarts the server when it must (commands running then fail once,
    /// with exit 4, and may be run again).
    public func serveOverLoopback(port: Int) throws(EventStoreError) {
        let rules = "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
        let hba = dataDirectory.appendingPathComponent("pg_hba.conf")
        let current = try? String(contentsOf: hba, encoding: .utf8)
        guard current != rules || loopbackPort != port else { return }
        try stop()
        do {
            // Written in place, so the file keeps the owner the server runs as.
            try rules.write(to: hba, atomically: false, encoding: .utf8)
            try "\(port)\n".write(to: loopbackPortFile, atomically: true, encoding: .utf8)
        } catch {
            throw .unavailable("cannot set up the embedded cluster for crisis serve: \(error.localizedDescription)")
        }
        try start()
    }

    /// True when the server's socket is there (the server may still be starting).
    public var looksRunning: Bool {
        FileManager.default.fileExists(atPath: socketPath)
    }

    /// Creates the cluster on first use and starts it when it is not running.
    /// Returns true when it started the server. Safe to call from several
    /// processes at once: they queue on a file lock.
    @discardableResult
    public func start() throws(EventStoreError) -> Bool {
        try createDirectory(home, mode: 0o700)
        let lock = try FileLock(path: lockFile.path)
        defer { lock.unlock() }
        let binaries = try PostgresBinaries.locate()
        let runner = try ServerUser.current()
        if !FileManager.default.fileExists(
            atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
        {
            try initialise(binaries: binaries, as: runner)
        }
        if try isRunning(binaries: binaries, as: runner) {
            return false
        }
        try prepareSocketDirectory(for: runner)
        let result = runner.run(
            binaries.pgCtl,
            [
                "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60",
                "-o",
                "-c listen_addresses='\(loopbackPort == nil ? "" : "127.0.0.1")' -c unix_socket_directories='\(socketDirectory.path)' -c port=\(loopbackPort ?? Self.port)",
                "start",
            ])
        guard result.status == 0 else {
            throw .unavailable(
                "the embedded PostgreSQL did not start: \(result.output.trimmed); see \(logFile.path)")
        }
        return true
    }

    /// Stops the server if it runs; true when it was running.
    @discardableResult
    public func stop() throws(EventStoreError) -> Bool {
        guard
            FileManager.default.fileExists(
                atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
        else {
            return false
        }
        let binaries = try PostgresBinaries.locate()
        let runner = try ServerUser.current()
        guard try isRunning(binaries: binaries, as: runner) else { return false }
        let result = runner.run(binaries.pgCtl, ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"])
        guard result.status == 0 else {
            throw .unavailable("the embedded PostgreSQL did not stop: \(result.output.trimmed)")
        }
        return true
    }

    private func isRunning(binaries: PostgresBinaries, as runner: ServerUser) throws(EventStoreError)
        -> Bool
    {
        runner.run(binaries.pgCtl, ["-D", dataDirectory.path, "status"]).status == 0
    }

    private func initialise(binaries: PostgresBinaries, as runner: ServerUser) throws(EventStoreError) {
        try? FileManager.default.removeItem(at: dataDirectory)
        try createDirectory(dataDirectory, mode: 0o700)
        try runner.takeOwnership(of: [home, dataDirectory])
        let result = runner.run(
            binaries.initdb,
            [
                "-D", dataDirectory.path, "-U", Self.superuser, "--auth=trust", "-E", "UTF8", "--locale=C",
            ])
        guard result.status == 0 else {
            throw .unavailable(
                "initdb could not create the embedded cluster in \(dataDirectory.path): \(result.output.trimmed)"
            )
        }
        let settings = """

            # crisis: the embedded cluster
            idle_in_transaction_session_timeout = '60s'
            log_min_messages = warning
            max_connections = 100
            """
        do {
            let handle = try FileHandle(
                forWritingTo: dataDirectory.appendingPathComponent("postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(settings.utf8))
            try handle.close()
        } catch {
            throw .unavailable(
                "cannot write the embedded cluster's settings: \(error.localizedDescription)")
        }
    }

    private func prepareSocketDirectory(for runner: ServerUser) throws(EventStoreError) {
        try createDirectory(socketDirectory, mode: 0o700)
        try runner.takeOwnership(of: [socketDirectory])
        if FileManager.default.fileExists(atPath: logFile.path) == false {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        try runner.takeOwnership(of: [logFile])
    }

    private func createDirectory(_ url: URL, mode: Int) throws(EventStoreError) {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
        } catch {
            throw .unavailable(
                "cannot create \(url.path) for the embedded cluster: \(error.localizedDescription)")
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
