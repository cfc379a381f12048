import CrisisTestSupport
import Foundation
import Synchronization
import Testing

/// The helper every waiting test uses: a wait that runs out fails with a
/// sentence naming what it waited for and what it saw, and never hangs.
@Suite("Bounded waits in tests")
struct BoundedWaitTests {
    @Test("a wait that runs out fails naming what it waited for and the last progress it saw")
    func boundedWaitFailsWithItsMessage() async throws {
        do {
            _ = try await waiting(for: "the reader to see all 1,201 events", within: .milliseconds(200)) { progress in
                progress.report("1,200 of 1,201 events")
                // A reader that never ends, as `subscribe` does when its event never comes.
                while true { try await Task.sleep(for: .milliseconds(10)) }
            }
            Issue.record("the wait ended without its event")
        } catch let timedOut as WaitTimedOut {
            #expect(
                timedOut.description
                    == "gave up after 0.2 s waiting for the reader to see all 1,201 events; last seen: 1,200 of 1,201 events"
            )
        }
    }

    @Test("a body that ignores cancellation still lets the wait answer at its bound")
    func uncooperativeBodyCannotHang() async throws {
        let finished = Flag()
        await #expect(throws: WaitTimedOut.self) {
            try await waiting(for: "a stuck query", within: .milliseconds(100)) { _ in
                // Not cancellable, as a query on a connection the server dropped: only a
                // thread outside Swift concurrency's pool answers it, 20 s later.
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    Thread.detachNewThread {
                        Thread.sleep(forTimeInterval: 20)
                        finished.set()
                        continuation.resume()
                    }
                }
            }
        }
        #expect(!finished.isSet, "the wait waited for the body instead of answering at its bound")
    }

    @Test("a polled condition that comes true ends the wait with its value")
    func pollEndsWhenDone() async throws {
        let counter = Counter()
        let value = try await waitUntil("the counter to reach 3", within: .seconds(30), every: .milliseconds(1)) {
            let now = counter.next()
            return now >= 3 ? .done(now) : .notYet("\(now)")
        }
        #expect(value == 3)
    }

    @Test("a polled condition that never comes true reports what the last check saw")
    func pollReportsLastCheck() async throws {
        let error = await #expect(throws: WaitTimedOut.self) {
            try await waitUntil("the projection to catch up", within: .milliseconds(100), every: .milliseconds(5)) {
                () -> WaitCheck<Int> in .notYet("checkpoint 41 of 42")
            }
        }
        #expect(error?.lastSeen == "checkpoint 41 of 42")
        #expect(error?.what == "the projection to catch up")
    }

    @Test("an error thrown by the body reaches the caller unchanged")
    func bodyErrorsPassThrough() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await waiting(for: "nothing", within: .seconds(30)) { _ in throw Refused() }
        }
    }
}

private final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

private final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}
