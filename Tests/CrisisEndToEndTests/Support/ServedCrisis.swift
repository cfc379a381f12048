import CrisisStore
import CrisisTestSupport
import Foundation
import Testing

/// `crisis serve` running as a user would run it: a private PostgreSQL that asks for passwords
/// over loopback TCP (scram-sha-256) and trusts only its private socket, a team on its roster
/// with passwords set by `crisis roster password`, and the real binary serving on a free port.
struct ServedCrisis {
    let cluster: PrivateCluster
    let team: Team
    let server: Process
    let serverLog: URL
    /// Where the server listens, e.g. http://127.0.0.1:40123.
    let baseURL: String
    /// The TCP URL people's connections use (as the server's DATABASE_URL).
    let tcpURL: String

    static let password = "pass-phrase-for-tests"
    static let database = "crisis_web"

    /// Starts everything; `extra` goes to `crisis serve` (e.g. a short idle timeout).
    static func start(
        people: [String: [String]] = Team.cast, serveArguments extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ServedCrisis {
        let port = try await freePort()
        let cluster = try await PrivateCluster.start(
            "serve", options: ["-c", "listen_addresses='127.0.0.1'", "-c", "port=\(port)"])
        do {
            // Written in place, so the file keeps the owner the server runs as.
            try "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n".write(
                toFile: "\(cluster.directory)/data/pg_hba.conf", atomically: false, encoding: .utf8)
            try await cluster.reload()
            let socketURL = "postgres://crisis@/\(database)?host=\(cluster.directory)/run&port=\(port)"
            var admin = try DatabaseSettings.parse(
                url: "postgres://crisis@/postgres?host=\(cluster.directory)/run&port=\(port)")
            try await EndToEndDatabase.execute(admin, ["CREATE DATABASE \(unescaped: database)"])
            admin.database = database
            let crisis = CrisisBinary(environment: ["DATABASE_URL": socketURL])
            let team = Team(crisis: crisis, url: socketURL, settings: admin)
            let migrate = await crisis.run("db", "migrate")
            guard migrate.status == 0 else { throw TestSetupError("migrate failed: \(migrate.errors)") }
            let passwordFile = URL(fileURLWithPath: cluster.directory).appendingPathComponent("password")
            try (password + "\n").write(to: passwordFile, atomically: true, encoding: .utf8)
            for (person, roles) in people.sorted(by: { $0.key < $1.key }) {
                let added = await crisis.run(["roster", "add", person] + roles.flatMap { ["--role", $0] })
                guard added.status == 0 else { throw TestSetupError("roster add \(person): \(added.errors)") }
                let set = await crisis.run("roster", "password", person, "--password-file", passwordFile.path)
                guard set.status == 0 else { throw TestSetupError("roster password \(person): \(set.errors)") }
            }
            let tcpURL = "postgres://crisis@127.0.0.1:\(port)/\(database)"
            let (server, log, base) = try await serve(environment: ["DATABASE_URL": tcpURL], extra)
            return ServedCrisis(
                cluster: cluster, team: team, server: server, serverLog: log, baseURL: base, tcpURL: tcpURL)
        } catch {
            await cluster.remove()
            throw error
        }
    }

    /// Starts `crisis serve --listen 127.0.0.1:0` and waits for the address it prints.
    static func serve(environment: [String: String], _ extra: [String]) async throws -> (Process, URL, String) {
        let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("serve-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CrisisBinary.path)
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + extra
        process.environment = CrisisBinary(environment: environment).environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let base = try await waitUntil("crisis serve to say where it listens", within: .seconds(60)) {
            () async throws -> WaitCheck<String> in
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on ") {
                let address = text[range.upperBound...].prefix { !$0.isWhitespace }
                return .done(String(address))
            }
            return .notYet(process.isRunning ? "it printed: \(text)" : "it exited: \(text)")
        }
        return (process, log, base)
    }

    /// A free TCP port on the loopback address, as the kernel hands one out.
    static func freePort() async throws -> Int {
        let run = await ChildProcessRunner.capture(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
            ], environment: ProcessInfo.processInfo.environment)
        guard let port = Int(run.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestSetupError("no free port: \(run.errors)")
        }
        return port
    }

    /// What the server wrote to its log so far.
    var log: String { (try? String(contentsOf: serverLog, encoding: .utf8)) ?? "" }

    func stop() async {
        await Self.stop(server)
        await cluster.remove()
    }

    /// SIGTERM (the server closes every person's connection), then SIGKILL if it has not gone
    /// within a bound. Never `waitUntilExit`, which can block a concurrency thread for good.
    static func stop(_ process: Process) async {
        guard process.isRunning else { return }
        process.terminate()
        let gone: Bool? = try? await waitUntil("crisis serve to exit after SIGTERM", within: .seconds(20)) {
            () async throws -> WaitCheck<Bool> in
            process.isRunning ? .notYet("still running") : .done(true)
        }
        if gone == nil && process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Runs `body` with a served crisis, stopping it whatever happens. At most
    /// ``ServedCrisisSlots/limit`` run at once: each brings a PostgreSQL cluster, a dozen crisis
    /// processes to set it up and often a browser, and every suite runs at once on two cores
    /// (twenty of them together starved the shared test cluster into connect timeouts).
    static func with<Result>(
        serveArguments: [String] = [], _ body: (ServedCrisis) async throws -> Result
    ) async throws -> Result {
        await ServedCrisisSlots.shared.acquire()
        do {
            let served = try await start(serveArguments: serveArguments)
            do {
                let result = try await body(served)
                await served.stop()
                await ServedCrisisSlots.shared.release()
                return result
            } catch {
                await served.stop()
                throw error
            }
        } catch {
            await ServedCrisisSlots.shared.release()
            throw error
        }
    }
}

/// How many served crises may run at once in this test process; the others wait their turn
/// (waiting costs no CPU).
actor ServedCrisisSlots {
    static let shared = ServedCrisisSlots()
    static let limit = 3
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if inUse < Self.limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the next in line, or frees it.
    func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
