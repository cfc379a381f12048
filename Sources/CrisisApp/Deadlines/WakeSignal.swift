import CrisisStore
import PostgresNIO

/// Wakes a waiting watcher when the store announces new events
/// (`pg_notify('crisis_events', ...)` in the append function), or when its
/// interval runs out, whichever comes first.
public actor WakeSignal {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    public init() {}

    public func signal() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    /// Returns at the next signal (or at once if one came since the last wait), or after `timeout`.
    public func wait(upTo timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        await withCheckedContinuation { continuation in
            waiter = continuation
            Task {
                try? await Task.sleep(for: timeout)
                self.signal()
            }
        }
        pending = false
    }

    /// Listens for new events on `database` and signals on each, until cancelled.
    public func listen(on database: CrisisDatabase) async throws {
        try await database.connection.listen(on: "crisis_events") { notifications in
            for try await _ in notifications {
                self.signal()
            }
        }
    }
}
