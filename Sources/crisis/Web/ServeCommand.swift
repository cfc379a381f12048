import ArgumentParser
import CrisisApp
import CrisisWeb
import Foundation

/// `crisis serve`: the web pages for approvers, the commander and auditors, and the JSON API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve crisis in a browser and as a JSON API (sign in with your database role and password).",
        discussion: """
            People sign in with their database role name and the password set by
            `crisis roster password NAME`; the server opens a PostgreSQL connection as that
            person, so every event still names who acted. The database must ask for a
            password on the way the server connects (scram-sha-256 over TCP), or the server
            refuses to start. Pages sent by `crisis page run` link to BASE-URL/pages/ID.
            See docs/web.md for the security model.

            Examples:
              DATABASE_URL=postgres://crisis@127.0.0.1:5432/crisis crisis serve
              crisis serve --listen 0.0.0.0:8443 --base-url https://crisis.example.org \\
                --tls-cert /etc/crisis/cert.pem --tls-key /etc/crisis/key.pem
            """)

    @Option(help: ArgumentHelp("The address and port to listen on (port 0: any free port).", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"
    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "The address people open (default: CRISIS_BASE_URL); https marks cookies Secure.", valueName: "URL"))
    var baseURL: String?
    @Option(
        name: .customLong("tls-cert"),
        help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "FILE"))
    var tlsCert: String?
    @Option(
        name: .customLong("tls-key"), help: ArgumentHelp("The certificate's PEM private key.", valueName: "FILE"))
    var tlsKey: String?
    @Option(name: .customLong("idle-minutes"), help: "Sign a person out after this many idle minutes.")
    var idleMinutes = 15
    /// `--as NAME`: the role the server checks the database with at start (a wrong password
    /// must be refused); it never acts as it. People act as themselves.
    @OptionGroup var connection: ConnectionOptions
    /// For tests: a session timeout in seconds, overriding --idle-minutes.
    @Option(name: .customLong("idle-seconds"), help: .hidden) var idleSeconds: Int?

    func validate() throws {
        guard Self.address(listen) != nil else {
            throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8080")
        }
        guard idleMinutes >= 1, idleMinutes <= 24 * 60 else {
            throw ValidationError("--idle-minutes takes 1 to 1440")
        }
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("give --tls-cert and --tls-key together (the certificate and its private key)")
        }
        for file in [tlsCert, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read \(file); give a PEM file this user may read")
        }
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--base-url takes an http:// or https:// address, e.g. https://crisis.example.org")
        }
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }

    /// The embedded default: created, migrated and started as usual, then also listening on
    /// 127.0.0.1 (`CRISIS_EMBEDDED_PORT`, default 54320) where it asks for SCRAM passwords;
    /// people's connections go there.
    static func embeddedOverLoopback(_ settings: DatabaseSettings, home: URL, environment: [String: String])
        async throws -> DatabaseSettings
    {
        let text = environment["CRISIS_EMBEDDED_PORT"] ?? ""
        guard let port = text.isEmpty ? 54320 : Int(text), (1...65535).contains(port) else {
            throw CommandFailure(
                "crisis: CRISIS_EMBEDDED_PORT is \"\(text)\"; set it to a TCP port such as 54320", exitCode: .badInput)
        }
        do {
            let database = try await CrisisDatabase.open(settings)
            await database.close()
            try EmbeddedCluster(home: home).serveOverLoopback(port: port)
        } catch {
            throw CommandFailure(error)
        }
        // People's connections go over TCP, which is no longer "the embedded default" to the key
        // lookup: point it at the embedded home's key file, as every CLI command there uses.
        if (environment[KeyEncryptionKey.variable] ?? "").isEmpty {
            let keyFile = home.appendingPathComponent("key").path
            if case .failure(let problem) = KeyEncryptionKey.fromEnvironment([:], embeddedHome: home) {
                throw CommandFailure("crisis: \(problem)", exitCode: .badInput)
            }
            setenv(KeyEncryptionKey.variable, keyFile, 0)
        }
        var people = settings
        people.server = .tcp(host: "127.0.0.1", port: port)
        people.otherServers = []
        people.tls = .disable
        people.database = EmbeddedCluster.databaseName
        return people
    }

    func run() async throws {
        guard let (host, port) = Self.address(listen) else { throw ExitCode(ExitCode.badInput.rawValue) }
        let environment = ProcessInfo.processInfo.environment
        var settings: DatabaseSettings
        let library: WorkflowLibrary
        do {
            settings = try DatabaseSettings.from(environment: environment, role: connection.role)
        } catch {
            throw CommandFailure(error)
        }
        do {
            library = try WorkflowLibrary.fromEnvironment()
        } catch {
            throw CommandFailure(error)
        }
        if case .embedded(let home) = settings.server {
            settings = try await Self.embeddedOverLoopback(settings, home: home, environment: environment)
        }
        let base = baseURL ?? environment["CRISIS_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let configuration = WebConfiguration(
            host: host, port: port, baseURL: base, database: settings, library: library,
            idleTimeout: .seconds(idleSeconds ?? idleMinutes * 60),
            tls: tlsCert.flatMap { certificate in tlsKey.map { TLSFiles(certificate: certificate, key: $0) } },
            listening: { address in
                Terminal.standardError("crisis serve: listening on \(address)")
            })
        do {
            try await WebServer(configuration: configuration).run()
        } catch let error as WebStartupError {
            throw CommandFailure("crisis: \(error.description)", exitCode: .unreachable)
        }
    }
}
