import CrisisStore
import Foundation
import PostgresNIO
import Synchronization

/// A reader of "all" that must see every event once, as projections and
/// exports read: gap-safe, from its own checkpoint, reconnecting through the
/// multi-host settings whenever its server goes away, so it follows the old
/// primary and then resumes on the new one from where it got to.
final class GapSafeFollower: Sendable {
    private struct State {
        var checkpoint = Checkpoint.start
        var seen: [UUID: Int] = [:]
        var connections = 0
        var stopped = false
    }

    private let state = Mutex(State())
    let settings: DatabaseSettings

    init(settings: DatabaseSettings) {
        self.settings = settings
    }

    var checkpoint: Checkpoint { state.withLock { $0.checkpoint } }
    var seen: [UUID: Int] { state.withLock { $0.seen } }
    /// How many connections it opened (more than one: it moved servers).
    var connections: Int { state.withLock { $0.connections } }

    func stop() { state.withLock { $0.stopped = true } }
    private var isStopped: Bool { state.withLock { $0.stopped } }

    /// Reads until stopped. Every read is bounded: a query on a connection the
    /// server dropped may never be answered (PostgresNIO 1.33), so a read that
    /// takes over 5 s is abandoned with its connection.
    func run() async {
        while !isStopped {
            guard
                let opened = await Bounded.value(
                    within: .seconds(10), { [settings] in try await DatabaseConnector.open(settings) })
            else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            state.withLock { $0.connections += 1 }
            let connection = opened.connection
            while !isStopped && !connection.isClosed {
                let after = checkpoint
                let page = await Bounded.value(within: .seconds(5)) {
                    try await PostgresEventStore(session: connection).readAll(after: after, limit: 500)
                }
                guard let events = page else { break }
                state.withLock { state in
                    for event in events {
                        state.seen[event.eventID, default: 0] += 1
                        state.checkpoint = event.checkpoint
                    }
                }
                if events.isEmpty { try? await Task.sleep(for: .milliseconds(50)) }
            }
            try? await connection.close()
        }
    }
}
