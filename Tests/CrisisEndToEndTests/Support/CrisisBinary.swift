import CrisisApp
import CrisisStore
import CrisisTestSupport
import Foundation
import PostgresNIO
import Testing

/// The built `crisis` binary, run as a person would run it.
struct CrisisBinary {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
        /// True when the run outlived its bound (or a crash test's delay) and was killed.
        var signalled = false
    }

    /// Environment for every run: this process's, minus anything naming a database.
    var environment: [String: String]

    init(environment extra: [String: String]) {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("PG") && key != "DATABASE_URL" && key != "CRISIS_HOME"
        }
        environment["NO_COLOR"] = "1"
        // One key-encryption key for the whole run (issue 13): a test that means another passes
        // its own CRISIS_KEY_FILE, or "" for none.
        environment[KeyEncryptionKey.variable] = Self.keyFile
        environment.merge(extra) { $1 }
        if environment[KeyEncryptionKey.variable] == "" { environment[KeyEncryptionKey.variable] = nil }
        self.environment = environment
    }

    /// The key file every run uses unless told otherwise: created once per test process, mode 0600.
    static let keyFile: String = {
        let path = NSTemporaryDirectory() + "crisis-e2e-key-\(getpid())"
        _ = try? KeyEncryptionKey.loadOrCreate(path)
        return path
    }()

    static var path: String {
        if let path = ProcessInfo.processInfo.environment["CRISIS_BINARY"] { return path }
        // .build/<triple>/debug/crisis next to the test bundle.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/crisis").path
    }

    @discardableResult
    func run(_ arguments: String...) async -> Run {
        await run(arguments)
    }

    /// For `defer`, where nothing can be awaited.
    func runBlocking(_ arguments: String...) {
        _ = ChildProcess.capture(
            Self.path, arguments, environment: environment, signal: SIGKILL, after: ChildProcessRunner.bound)
    }
}

/// Runs a program to completion with the store's spawn-and-wait helper.
/// Waiting for a child blocks a thread, so it happens on a thread of its own,
/// never on one of the few threads Swift concurrency runs every test on.
enum ChildProcessRunner {
    /// How long a program may run before the test kills it and fails naming it (issue 20: no test
    /// waits without a bound). A crisis command takes well under a second; the longest in the
    /// suites (an export of thousands of events on a loaded machine) a few seconds.
    static let bound: Duration = .seconds(180)

    /// Runs `program` to completion, or kills it at `bound` and records an issue that names it.
    static func capture(
        _ program: String, _ arguments: [String], environment: [String: String], within bound: Duration = bound,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> CrisisBinary.Run {
        let run = await capture(program, arguments, environment: environment, signal: SIGKILL, after: bound)
        if run.signalled {
            Issue.record(
                """
                \(program) \(arguments.joined(separator: " ")) did not finish within \(bound.formattedSeconds) \
                and was killed; it printed: \(run.output.suffix(2_000))\(run.errors.suffix(2_000))
                """, sourceLocation: sourceLocation)
        }
        return run
    }

    /// Runs a program and sends it `signal` after `delay` if it is still running
    /// (status 128 + the signal's number then), as a crash would end it.
    static func capture(
        _ program: String, _ arguments: [String], environment: [String: String], signal: Int32,
        after delay: Duration
    ) async -> CrisisBinary.Run {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let result = ChildProcess.capture(
                    program, arguments, environment: environment, signal: signal, after: delay)
                continuation.resume(
                    returning: CrisisBinary.Run(
                        status: result.status, output: result.standardOutput, errors: result.standardError,
                        signalled: result.signalled))
            }
            thread.start()
        }
    }
}

/// A fresh database on the test server, named by DATABASE_URL for the binary.
enum EndToEndDatabase {
    static func create() async throws -> (url: String, settings: DatabaseSettings) {
        guard let admin = ProcessInfo.processInfo.environment["CRISIS_TEST_DATABASE_URL"] else {
            throw TestSetupError("CRISIS_TEST_DATABASE_URL is not set: run the tests with scripts/test")
        }
        var settings = try DatabaseSettings.parse(url: admin)
        let name = "e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let connection = try await DatabaseConnector.connect(settings)
        do {
            _ = try await connection.query("CREATE DATABASE \(unescaped: name)", logger: DatabaseConnector.quietLogger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        settings.database = name
        guard case .socket(let directory, _) = settings.server else {
            throw TestSetupError("the test server is expected on a unix socket")
        }
        return ("postgres://\(settings.role)@/\(name)?host=\(directory)", settings)
    }

    /// Runs SQL as the superuser, closing the connection whatever happens.
    static func execute(_ settings: DatabaseSettings, _ statements: [PostgresQuery]) async throws {
        let connection = try await DatabaseConnector.connect(settings)
        do {
            for statement in statements {
                _ = try await connection.query(statement, logger: DatabaseConnector.quietLogger).collect()
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension EndToEndDatabase {
    /// Runs one query as the superuser and returns its single text column, row by row.
    static func texts(_ settings: DatabaseSettings, _ query: PostgresQuery) async throws -> [String] {
        let connection = try await DatabaseConnector.connect(settings)
        do {
            var rows: [String] = []
            for try await text in try await connection.query(query, logger: DatabaseConnector.quietLogger)
                .decode(String.self)
            {
                rows.append(text)
            }
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// A small, seeded generator (SplitMix64): the same seed gives the same delays and choices.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
