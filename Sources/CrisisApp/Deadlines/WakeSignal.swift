import CrisisStore
import PostgresNIO

/// Wakes a waiting watcher when the store announces new events (crisis's
/// writers notify after each append commits), when a look once a second finds
/// that something was appended unannounced, or when its interval runs out,
/// whichever comes first.
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

    /// Listens for new events on `database` and signals on each, until cancelled. Alongside, once
    /// a second, looks for events appended since the last look and signals when there are: a writer that is
    /// not crisis (psql, a tool) announces nothing, nor does one that died between its commit and
    /// its announcement, so without the look such an event would wait for the watcher's interval.
    public func listen(on database: CrisisDatabase) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await database.connection.listen(on: StoreActivity.channel) { notifications in
                    for try await _ in notifications {
                        await self.signal()
                    }
                }
            }
            group.addTask {
                var look = try await StoreActivity.look(after: nil, on: database.connection).next
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(1))
                    let (appended, next) = try await StoreActivity.look(after: look, on: database.connection)
                    look = next
                    if appended { await self.signal() }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
