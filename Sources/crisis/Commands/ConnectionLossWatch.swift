import CrisisApp
import ArgumentParser
import Foundation
import Synchronization

/// Ends the command with exit code 4 when the server drops the connection and
/// the command does not end by itself soon after.
///
/// PostgresNIO 1.33 writes a query to the channel without listening for the
/// write's failure: a query sent after the server closed the connection (a
/// crash, `pg_ctl stop -m immediate`) is never answered, and the command would
/// wait forever (found by the server-crash suite). Every other failure still
/// ends the command with its own sentence within the grace period.
final class ConnectionLossWatch: Sendable {
    private let finished = Mutex(false)

    private let grace: Duration

    init(grace: Duration = .seconds(2)) {
        self.grace = grace
    }

    /// Starts watching the command's connection.
    func observe(_ database: CrisisDatabase) {
        database.whenConnectionCloses { [self] in
            guard !self.finished.withLock({ $0 }) else { return }
            DispatchQueue.global().asyncAfter(deadline: .now() + self.grace.seconds) {
                guard !self.finished.withLock({ $0 }) else { return }
                Terminal.standardError(
                    "crisis: the database closed the connection while the command ran; once the server is back, "
                        + "run the command again (with the same --command-id it is applied at most once)")
                exit(ExitCode.unreachable.rawValue)
            }
        }
    }

    /// The command is closing the connection itself: nothing to watch any more.
    func disarm() { finished.withLock { $0 = true } }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
