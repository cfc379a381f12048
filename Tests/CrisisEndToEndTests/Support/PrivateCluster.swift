import CrisisStore
import Foundation
import Testing

/// A PostgreSQL cluster of one test's own, which it may crash and restart without
/// disturbing the shared test server. Started with the same shell library as
/// `scripts/test` (`scripts/lib/postgres.sh`), so it runs as `postgres` when the
/// tests run as root.
struct PrivateCluster {
    let directory: String
    /// The server options it runs with (kept for a restart).
    var options: [String] = serverOptions
    /// Durability as in production where a crash test needs it: a commit is
    /// acknowledged only once its WAL is written, so an immediate stop loses nothing
    /// acknowledged. `fsync=off` is safe here: the machine itself does not crash.
    static let serverOptions = ["-c", "fsync=off", "-c", "synchronous_commit=on", "-c", "max_connections=100"]

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// initdb and start a cluster under the test run's work directory.
    static func start(_ name: String, options extra: [String] = []) async throws -> PrivateCluster {
        let cluster = PrivateCluster(directory: newDirectory(name), options: serverOptions + extra)
        try await cluster.shell("pg_start", arguments: [cluster.directory] + cluster.options)
        return cluster
    }

    private static func newDirectory(_ name: String) -> String {
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        return "\(work)/\(name)-\(UUID().uuidString.prefix(8))"
    }

    /// The superuser's URL for `database` (the binary takes it as DATABASE_URL).
    func url(role: String = "crisis", password: String? = nil, database: String = "postgres") -> String {
        let login = password.map { "\(role):\($0)" } ?? role
        return "postgres://\(login)@/\(database)?host=\(directory)/run"
    }

    var settings: DatabaseSettings {
        get throws { try DatabaseSettings.parse(url: url()) }
    }

    /// `pg_ctl stop -m immediate`: every server process killed at once, as in a crash.
    func crash() async throws { try await shell("pg_stop", arguments: ["\(directory)/data"]) }

    /// Starts the crashed cluster again; it recovers from its WAL first.
    func restart() async throws { try await shell("pg_run", arguments: [directory] + options) }

    func reload() async throws { try await shell("pg_reload", arguments: [directory]) }

    /// Stops the cluster and removes its files.
    func remove() async {
        _ = try? await shell("pg_stop", arguments: ["\(directory)/data"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs one function of scripts/lib/postgres.sh.
    private func shell(_ function: String, arguments: [String]) async throws {
        let script = "source \"$0\" && \(function) \"$@\""
        let result = await ChildProcessRunner.capture(
            "/bin/bash", ["-c", script, "\(Self.repositoryRoot)/scripts/lib/postgres.sh"] + arguments,
            environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else {
            throw TestSetupError(
                "\(function) \(arguments.joined(separator: " ")) failed: \(result.output)\(result.errors)")
        }
    }
}

extension PrivateCluster {
    /// The private socket directory (libpq's `host=`).
    var socketDirectory: String { "\(directory)/run" }

    /// A primary whose every commit waits for a standby (`synchronous_standby_names = '*'`,
    /// `synchronous_commit = on`); start one with ``standby(_:)``.
    static func synchronousPrimary(_ name: String) async throws -> PrivateCluster {
        try await start(name, options: ["-c", "synchronous_standby_names='*'"])
    }

    /// A hot standby of this running cluster (pg_basebackup -R, streaming
    /// replication), on a socket of its own. It is started without
    /// `synchronous_standby_names`, so once promoted it waits for no one.
    func standby(_ name: String) async throws -> PrivateCluster {
        let standby = PrivateCluster(directory: Self.newDirectory(name), options: Self.serverOptions)
        try await shell("pg_standby", arguments: [standby.directory, directory] + standby.options)
        return standby
    }

    /// `pg_ctl promote`: the standby ends recovery and takes writes.
    func promote() async throws { try await shell("pg_promote", arguments: [directory]) }

    /// A libpq URL listing several clusters' sockets, tried in order.
    static func url(
        _ clusters: [PrivateCluster], role: String = "crisis", database: String = "postgres",
        target: String? = nil
    ) -> String {
        let hosts = clusters.map(\.socketDirectory).joined(separator: ",")
        return "postgres://\(role)@/\(database)?host=\(hosts)" + (target.map { "&target_session_attrs=\($0)" } ?? "")
    }

    /// Runs `body` with a started cluster, removing it whatever happens.
    static func with<Result>(_ name: String, _ body: (PrivateCluster) async throws -> Result) async throws -> Result {
        let cluster = try await start(name)
        do {
            let result = try await body(cluster)
            await cluster.remove()
            return result
        } catch {
            await cluster.remove()
            throw error
        }
    }
}
