import CrisisStore
import Foundation
import PostgresNIO
import CrisisTestSupport
import Testing

/// A primary and its synchronous standby, each a private cluster on its own
/// socket: the primary's every commit waits until the standby has it.
struct ReplicatedPair {
    let primary: PrivateCluster
    let standby: PrivateCluster

    /// Both sockets, primary first, as production lists them: commands reach
    /// whichever is read-write, and a standby for `--read-from standby`.
    var url: String { PrivateCluster.url([primary, standby], target: "read-write") }

    /// The binary, pointed at both servers, with a short command timeout so a
    /// command waiting on a missing standby ends within the test's patience.
    func crisis(commandTimeout: Int = 20) -> CrisisBinary {
        CrisisBinary(environment: ["DATABASE_URL": url, "CRISIS_COMMAND_TIMEOUT": "\(commandTimeout)"])
    }

    /// Builds the pair, waits until the standby is synchronous, runs `body`, and
    /// removes both clusters whatever happens.
    static func with<Result>(_ name: String, _ body: (ReplicatedPair) async throws -> Result) async throws -> Result {
        let primary = try await PrivateCluster.synchronousPrimary("\(name)-primary")
        var standby: PrivateCluster?
        do {
            standby = try await primary.standby("\(name)-standby")
            guard let standby else { throw TestSetupError("no standby") }
            let pair = ReplicatedPair(primary: primary, standby: standby)
            try await pair.waitUntilSynchronous()
            let result = try await body(pair)
            await standby.remove()
            await primary.remove()
            return result
        } catch {
            await standby?.remove()
            await primary.remove()
            throw error
        }
    }

    /// Waits until the primary reports its standby streaming and synchronous.
    func waitUntilSynchronous(within bound: Duration = .seconds(60)) async throws {
        let settings = try primary.settings
        try await Bounded.poll("the standby to stream synchronously from the primary", within: bound) {
            let states = try await EndToEndDatabase.texts(
                settings, "SELECT state || ' ' || sync_state FROM pg_stat_replication")
            return states == ["streaming sync"] ? nil : "pg_stat_replication: \(states)"
        }
    }

    /// Waits until the standby has replayed all the WAL the primary has written.
    func waitUntilReplayed(within bound: Duration = .seconds(60)) async throws {
        let primarySettings = try primary.settings
        let standbySettings = try standby.settings
        let target = try await EndToEndDatabase.texts(primarySettings, "SELECT pg_current_wal_lsn()::text").first ?? ""
        try await Bounded.poll("the standby to replay the primary's WAL up to \(target)", within: bound) {
            let replayed = try await EndToEndDatabase.texts(
                standbySettings,
                "SELECT pg_last_wal_replay_lsn()::text || ' ' || (pg_last_wal_replay_lsn() >= \(target)::pg_lsn)::text")
            return replayed.first?.hasSuffix(" true") == true ? nil : "replayed to \(replayed)"
        }
    }
}

/// The suites' bounded waits (CrisisTestSupport), in the shapes these tests use.
enum Bounded {
    /// Calls `check` until it returns nil (done), for at most `bound`; what it
    /// returned last, or the error it threw (a server still starting), goes into the failure.
    static func poll(
        _ what: String, within bound: Duration, every interval: Duration = .milliseconds(100),
        _ check: @escaping @Sendable () async throws -> String?
    ) async throws {
        _ = try await waitUntil(what, within: bound, every: interval) { () async throws -> WaitCheck<Bool> in
            do {
                guard let seen = try await check() else { return .done(true) }
                return .notYet(seen)
            } catch {
                return .notYet("\(error)")
            }
        }
    }

    /// Runs `body` and answers within `bound` either way: its value, or nil if it
    /// failed or has not finished (a query on a connection the server dropped may
    /// never be answered, see ConnectionLossWatch).
    static func value<Value: Sendable>(within bound: Duration, _ body: @escaping @Sendable () async throws -> Value)
        async -> Value?
    {
        try? await waiting(for: "a read of the database", within: bound) { _ in try await body() }
    }

    /// Runs the binary; one that has not finished within `bound` is killed and the test fails naming it.
    static func run(
        _ crisis: CrisisBinary, _ arguments: [String], within bound: Duration = .seconds(120),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> CrisisBinary.Run {
        await ChildProcessRunner.capture(
            CrisisBinary.path, arguments, environment: crisis.environment, within: bound, sourceLocation: sourceLocation
        )
    }
}
