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
    /// `--tls-cert` / `--tls-key`: PEM files; the server then speaks only HTTPS.
    public var tls: TLSFiles?
    /// Called once the server listens, with the address it listens on.
    public var listening: @Sendable (String) -> Void

    public init(
        host: String, port: Int, baseURL: String?, database: DatabaseSettings, library: WorkflowLibrary,
        idleTimeout: Duration = .seconds(15 * 60), tls: TLSFiles? = nil,
        listening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.database = database
        self.library = library
        self.idleTimeout = idleTimeout
        self.tls = tls
        self.listening = listening
    }

    /// Cookies are Secure when people reach the server over TLS: its own, or a proxy's in front.
    var secureCookies: Bool { tls != nil || (baseURL?.lowercased().hasPrefix("https://") ?? false) }
}

/// The certificate chain and private key the server presents, as PEM files.
public struct TLSFiles: Sendable {
    public var certificate: String
    public var key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }
}
