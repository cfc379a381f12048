import CrisisApp
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// `crisis serve`: the web face of crisis. Every page and API call runs the same handlers as the
/// CLI, on a database connection opened as the signed-in person.
public struct WebServer: Sendable {
    public let configuration: WebConfiguration

    public init(configuration: WebConfiguration) {
        self.configuration = configuration
    }

    /// Serves until SIGINT or SIGTERM; then every person's connection is closed.
    public func run() async throws {
        let server = try serverBuilder()
        if let problem = await SignInDesk.checkPasswordsAreRequired(configuration.database) {
            throw WebStartupError("crisis serve will not start: \(problem)")
        }
        let templates = try await Templates.load()
        let desk = SignInDesk(
            database: configuration.database, library: configuration.library,
            idleTimeout: configuration.idleTimeout)
        let site = Site(
            desk: desk, templates: templates, configuration: configuration, openAPI: try OpenAPIDocument.load())
        let router = Router(context: WebContext.self)
        router.middlewares.add(SecurityHeaders())
        router.get("/static/crisis.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: templates.stylesheet)))
        }
        SignInRoutes(site: site).register(on: router)
        BoardRoutes(site: site).register(on: router)
        ApprovalRoutes(site: site).register(on: router)
        PageRoutes(site: site).register(on: router)
        IncidentRoutes(site: site).register(on: router)
        IncidentCommandRoutes(site: site).register(on: router)
        AuditRoutes(site: site).register(on: router)
        ReviewRoutes(site: site).register(on: router)
        APIRoutes(site: site).register(on: router)
        IntakeRoutes(site: site).register(on: router)

        // Nothing a person types is logged: Hummingbird logs no bodies, and only warnings pass.
        var logger = Logger(label: "crisis.serve")
        logger.logLevel = .warning
        let listening = configuration.listening
        let host = configuration.host
        let scheme = configuration.tls == nil ? "http" : "https"
        let app = Application(
            router: router, server: server,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "crisis"),
            onServerRunning: { channel in
                listening("\(scheme)://\(host):\(channel.localAddress?.port ?? 0)")
            },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            await desk.closeAll()
            throw error
        }
        await desk.closeAll()
    }

    /// Plain HTTP/1.1, or HTTPS with the certificate and key given (read once, at start).
    private func serverBuilder() throws -> HTTPServerBuilder {
        guard let tls = configuration.tls else { return .http1() }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
            guard !chain.isEmpty else {
                throw WebStartupError("crisis serve will not start: \(tls.certificate) holds no PEM certificate")
            }
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            let settings = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            return try .tls(.http1(), tlsConfiguration: settings)
        } catch let error as WebStartupError {
            throw error
        } catch {
            throw WebStartupError(
                "crisis serve will not start: could not read the TLS certificate \(tls.certificate) and key \(tls.key) as PEM (\(error)); give the files openssl wrote, e.g. openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem"
            )
        }
    }
}
