import Synchronization

/// A wait in a test that ran out: what it waited for, how long, and the last thing it saw.
///
/// Every wait in crisis's tests has a bound. On a shared, noisy machine a
/// timing assumption that fails must fail the test with a sentence, never hang
/// the suite (issue 20: a reader that waited for an event which a server
/// timeout had rolled back polled for ever).
public struct WaitTimedOut: Error, CustomStringConvertible {
    /// What the test was waiting for, in words ("the reader to see all 1,201 events").
    public var what: String
    public var bound: Duration
    /// The last progress the waiting code reported, or what the last check saw.
    public var lastSeen: String

    public init(what: String, bound: Duration, lastSeen: String) {
        self.what = what
        self.bound = bound
        self.lastSeen = lastSeen
    }

    public var description: String {
        let seen = lastSeen.isEmpty ? "nothing was reported" : "last seen: \(lastSeen)"
        return "gave up after \(bound.formattedSeconds) waiting for \(what); \(seen)"
    }
}

/// Where code that is waiting says how far it got, so a timeout can tell.
public final class WaitProgress: Sendable {
    private let latest = Mutex("")

    public init() {}

    /// Replaces what the wait has seen so far.
    public func report(_ seen: String) { latest.withLock { $0 = seen } }

    public var lastSeen: String { latest.withLock { $0 } }
}

/// What one check of a polled condition found.
public enum WaitCheck<Value> {
    /// The condition holds; the wait ends with this value.
    case done(Value)
    /// Not yet; the words say what the check saw instead.
    case notYet(String)
}

/// Runs `body`, and throws ``WaitTimedOut`` if it has not finished within `bound`.
///
/// The body runs in a task of its own that is cancelled when the bound runs
/// out; the caller is answered at once either way, even if the body ignores
/// cancellation (a query stuck on a dead connection), so a test can never hang
/// here. `body` reports its progress on the ``WaitProgress`` it is given.
public func waiting<Value: Sendable>(
    for what: String, within bound: Duration,
    _ body: @escaping @Sendable (WaitProgress) async throws -> Value
) async throws -> Value {
    let progress = WaitProgress()
    let race = Race<Value>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, Error>) in
            race.start(continuation)
            let work = Task {
                do { race.finish(.success(try await body(progress))) } catch { race.finish(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(for: bound)
                if race.finish(.failure(WaitTimedOut(what: what, bound: bound, lastSeen: progress.lastSeen))) {
                    work.cancel()
                }
            }
            // Whoever wins (body, timer or the caller's cancellation), nothing keeps running.
            race.onFinish {
                timer.cancel()
                work.cancel()
            }
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// Checks `condition` every `interval` until it is done, for at most `bound`;
/// throws ``WaitTimedOut`` naming what the last check saw.
public func waitUntil<Value: Sendable>(
    _ what: String, within bound: Duration, every interval: Duration = .milliseconds(20),
    _ condition: @escaping @Sendable () async throws -> WaitCheck<Value>
) async throws -> Value {
    try await waiting(for: what, within: bound) { progress in
        while true {
            switch try await condition() {
            case .done(let value): return value
            case .notYet(let seen): progress.report(seen)
            }
            try await Task.sleep(for: interval)
        }
    }
}

/// The first of the body's result, the timer and cancellation answers the caller; the others are ignored.
private final class Race<Value: Sendable>: Sendable {
    private struct Slot {
        var continuation: CheckedContinuation<Value, Error>?
        var early: Result<Value, Error>?
        var finished = false
        var onFinish: (@Sendable () -> Void)?
    }
    private let slot = Mutex(Slot())

    func start(_ continuation: CheckedContinuation<Value, Error>) {
        let early = slot.withLock { slot -> Result<Value, Error>? in
            if let early = slot.early { return early }
            slot.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let alreadyFinished = slot.withLock { slot -> Bool in
            if slot.finished { return true }
            slot.onFinish = action
            return false
        }
        if alreadyFinished { action() }
    }

    /// True when this result was the first.
    @discardableResult
    func finish(_ result: Result<Value, Error>) -> Bool {
        let (first, continuation, action) = slot.withLock {
            slot -> (Bool, CheckedContinuation<Value, Error>?, (@Sendable () -> Void)?) in
            guard !slot.finished else { return (false, nil, nil) }
            slot.finished = true
            defer { slot.continuation = nil }
            if slot.continuation == nil { slot.early = result }
            return (true, slot.continuation, slot.onFinish)
        }
        continuation?.resume(with: result)
        action?()
        return first
    }
}

extension Duration {
    /// "12.5 s".
    public var formattedSeconds: String {
        let (seconds, attoseconds) = components
        let tenths = attoseconds / 100_000_000_000_000_000
        return "\(seconds).\(tenths) s"
    }
}
