import CrisisApp
import CrisisStore
import Foundation

/// One signed-in person: their own database connection, opened as their role, on which every
/// command of theirs runs, so the database records them as the actor (`session_user`), as
/// with the CLI. Requests of one person run one at a time on it.
public actor PersonSession {
    public nonisolated let id: String
    public nonisolated let person: String
    /// The token every form and every cookie-authenticated API call must carry.
    public nonisolated let csrfToken: String
    private let database: CrisisDatabase
    private let library: WorkflowLibrary
    private var lastSeen: ContinuousClock.Instant
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    init(person: String, database: CrisisDatabase, library: WorkflowLibrary) {
        self.id = SecretToken.make()
        self.csrfToken = SecretToken.make()
        self.person = person
        self.database = database
        self.library = library
        self.lastSeen = .now
    }

    /// True when the person has done nothing for `limit`; the caller signs them out.
    func isIdle(longerThan limit: Duration, now: ContinuousClock.Instant) -> Bool {
        closed || now - lastSeen > limit
    }

    func touch(now: ContinuousClock.Instant) { lastSeen = now }

    /// Runs `body` with a handler on this person's connection; `commandID` is the request's
    /// idempotency key (the CLI's `--command-id`).
    public func run<Result: Sendable>(
        commandID: UUID? = nil, _ body: @Sendable (IncidentHandler) async throws -> Result
    ) async throws -> Result {
        await acquire()
        defer { release() }
        guard !closed else { throw CommandError.store(.unavailable("this session was signed out")) }
        var handler = IncidentHandler(database: database, library: library)
        handler.commandID = commandID
        return try await body(handler)
    }

    /// Closes the person's connection; later requests are refused.
    func close() async {
        guard !closed else { return }
        closed = true
        await database.close()
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Random tokens for session ids and CSRF tokens: 256 bits, URL-safe base64.
enum SecretToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares in time independent of where the strings differ.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
