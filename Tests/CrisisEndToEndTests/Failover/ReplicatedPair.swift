import CrisisStore
import Foundation
import PostgresNIO
import Synchronization
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

/// Waits with a bound that fail with a sentence naming what they waited for.
enum Bounded {
    /// Calls `check` every `interval` until it returns nil (done), for at most
    /// `bound`; what it returned last (or the error it threw) goes into the failure.
    static func poll(
        _ what: String, within bound: Duration, every interval: Duration = .milliseconds(100),
        _ check: () async throws -> String?
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + bound
        var lastSeen = "nothing yet"
        while true {
            do {
                guard let seen = try await check() else { return }
                lastSeen = seen
            } catch {
                lastSeen = "\(error)"
            }
            if clock.now >= deadline {
                throw TestSetupError("gave up after \(bound) waiting for \(what); last seen: \(lastSeen)")
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Runs `body` and answers within `bound` either way: its value, or nil if it
    /// has not finished (it is then cancelled and left behind: a query on a
    /// connection the server dropped may never be answered, see ConnectionLossWatch).
    static func value<Value: Sendable>(within bound: Duration, _ body: @escaping @Sendable () async throws -> Value)
        async throws -> Value?
    {
        let answered = Mutex(false)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value?, Error>) in
            let resume: @Sendable (Result<Value?, Error>) -> Bool = { result in
                let first = answered.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
                return first
            }
            let work = Task {
                do { _ = resume(.success(try await body())) } catch { _ = resume(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: bound)
                if resume(.success(nil)) { work.cancel() }
            }
        }
    }

    /// Runs the binary, killing it (exit 137) if it has not finished within `bound`.
    static func run(_ crisis: CrisisBinary, _ arguments: [String], within bound: Duration = .seconds(90)) async
        -> CrisisBinary.Run
    {
        await ChildProcessRunner.capture(
            CrisisBinary.path, arguments, environment: crisis.environment, signal: SIGKILL, after: bound)
    }
}

extension CrisisBinary.Run {
    /// True when the binary had to be killed by ``Bounded/run(_:_:within:)``.
    var wasKilled: Bool { status == 128 + SIGKILL }
}
