import CrisisApp
import CrisisStore
import Foundation
import HTTPTypes

/// Who is signed in. Signing in opens a PostgreSQL connection as the person's own role with the
/// password they typed (the database checks it; the server keeps no password), so the
/// database, not the server, decides who they are.
public actor SignInDesk {
    /// Why a sign-in did not succeed, in a sentence for the person.
    public enum Failure: Error, Sendable, Equatable {
        case notAccepted
        case throttled(seconds: Int)
        case unavailable(String)

        /// The HTTP status the failure is answered with.
        public var status: HTTPResponse.Status {
            switch self {
            case .notAccepted: .unauthorized
            case .throttled: .tooManyRequests
            case .unavailable: .serviceUnavailable
            }
        }

        public var message: String {
            switch self {
            case .notAccepted:
                "That name and password were not accepted. Check both; after 5 failures sign-in waits 15 minutes."
            case .throttled(let seconds):
                "Too many failed sign-ins for this name or from this address; try again in \(max(1, seconds / 60 + 1)) minutes."
            case .unavailable(let sentence):
                "The database cannot be reached: \(sentence)"
            }
        }
    }

    private let database: DatabaseSettings
    private let library: WorkflowLibrary
    let idleTimeout: Duration
    private var sessions: [String: PersonSession] = [:]
    private var throttle = LoginThrottle()

    public init(database: DatabaseSettings, library: WorkflowLibrary, idleTimeout: Duration) {
        self.database = database
        self.library = library
        self.idleTimeout = idleTimeout
    }

    /// Opens the person's connection; the password is used once, for that, and not kept.
    public func signIn(name: String, password: String, from address: String) async throws(Failure) -> PersonSession {
        let now = ContinuousClock.now
        if let wait = throttle.wait(name: name, address: address, now: now) {
            throw .throttled(seconds: Int(wait.components.seconds))
        }
        do {
            try RosterAdministration.checkName(name)
        } catch {
            throttle.recordFailure(name: name, address: address, now: now)
            throw .notAccepted
        }
        var settings = database
        settings.role = name
        settings.password = password
        let opened: CrisisDatabase
        do {
            opened = try await CrisisDatabase.open(settings)
        } catch {
            if case .unavailable(let sentence) = error { throw .unavailable(sentence) }
            // A wrong password, an unknown role, a role that may not log in: one answer for all,
            // so the page does not tell a stranger which names exist.
            throttle.recordFailure(name: name, address: address, now: ContinuousClock.now)
            throw .notAccepted
        }
        let session = PersonSession(person: name, database: opened, library: library)
        sessions[session.id] = session
        return session
    }

    /// The live session with this id; an idle one is closed and forgotten.
    public func session(_ id: String?) async -> PersonSession? {
        await closeIdle()
        guard let id, let session = sessions[id] else { return nil }
        await session.touch(now: .now)
        return session
    }

    /// Signs out: the person's connection closes.
    public func signOut(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.close()
    }

    /// Closes every session idle longer than the timeout.
    public func closeIdle() async {
        let now = ContinuousClock.now
        for (id, session) in sessions where await session.isIdle(longerThan: idleTimeout, now: now) {
            sessions[id] = nil
            await session.close()
        }
    }

    public func closeAll() async {
        for session in sessions.values { await session.close() }
        sessions = [:]
    }

    /// Checks that the database asks for a password on the way the server connects: a login
    /// with a wrong one must fail, or anyone could sign in as anyone.
    public static func checkPasswordsAreRequired(_ database: DatabaseSettings) async -> String? {
        var probe = database
        probe.password = "not-" + SecretToken.make()
        if case .embedded = probe.server {
            return
                "the embedded cluster is reached over its private socket, where no password is asked; set DATABASE_URL to a server reached over TCP that asks for passwords (pg_hba.conf method scram-sha-256)"
        }
        do {
            let opened = try await CrisisDatabase.open(probe, requireSchema: false)
            await opened.close()
            return
                "the database let \(probe.role) in with a wrong password, so it does not check passwords on the way the server connects (pg_hba.conf method trust?); use a connection that asks for one (scram-sha-256 over TCP)"
        } catch {
            if case .unavailable(let sentence) = error { return sentence }
            return nil
        }
    }
}
