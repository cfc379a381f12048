import CrisisApp
import CrisisStore
import Foundation

/// How `crisis serve` runs: where it listens, the address people reach it at, and the database
/// people sign in to (its role and password are replaced by each person's own).
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address people open (`CRISIS_BASE_URL`); `https://` marks cookies Secure.
    public var baseURL: String?
    public var database: DatabaseSettings
    public var library: WorkflowLibrary
    public var idleTimeout: Duration
    /// Called once the server listens, with the address it listens on.
    public var listening: @Sendable (String) -> Void

    public init(
        host: String, port: Int, baseURL: String?, database: DatabaseSettings, library: WorkflowLibrary,
        idleTimeout: Duration = .seconds(15 * 60), listening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.database = database
        self.library = library
        self.idleTimeout = idleTimeout
        self.listening = listening
    }

    /// Cookies are Secure when people reach the server over TLS.
    var secureCookies: Bool { baseURL?.lowercased().hasPrefix("https://") ?? false }
}
