import CrisisStore
import Foundation
import Testing

@Suite("Choosing the database from the environment")
struct SettingsTests {
    @Test("no DATABASE_URL and no PG* variables means the embedded cluster under CRISIS_HOME")
    func embeddedDefault() throws {
        let settings = try DatabaseSettings.from(environment: ["CRISIS_HOME": "/tmp/x"])
        #expect(settings.server == .embedded(home: URL(fileURLWithPath: "/tmp/x")))
        #expect(settings.role == "crisis")
    }

    @Test("--as picks the role on the embedded cluster too")
    func roleOnEmbedded() throws {
        let settings = try DatabaseSettings.from(environment: ["CRISIS_HOME": "/tmp/x"], role: "alice")
        #expect(settings.role == "alice")
        let fromPGUSER = try DatabaseSettings.from(environment: [
            "CRISIS_HOME": "/tmp/x", "PGUSER": "bob",
        ])
        #expect(fromPGUSER.role == "bob")
        guard case .embedded = fromPGUSER.server else {
            Issue.record("PGUSER alone should not leave the embedded cluster")
            return
        }
    }

    @Test("DATABASE_URL names host, port, database, user, password and TLS")
    func url() throws {
        let settings = try DatabaseSettings.parse(
            url: "postgres://app:s%40cret@db.example.org:6543/crisis?sslmode=require")
        #expect(settings.server == .tcp(host: "db.example.org", port: 6543))
        #expect(settings.database == "crisis")
        #expect(settings.role == "app")
        #expect(settings.password == "s@cret")
        #expect(settings.tls == .require)
    }

    @Test("a socket directory can be given as host=")
    func socketURL() throws {
        let settings = try DatabaseSettings.parse(url: "postgresql://crisis@/postgres?host=/tmp/sock")
        #expect(settings.server == .socket(directory: "/tmp/sock", port: 5432))
    }

    @Test("PGHOST and PGPORT name a server")
    func pgVariables() throws {
        let settings = try DatabaseSettings.from(environment: [
            "PGHOST": "db", "PGPORT": "5433", "PGUSER": "u",
        ])
        #expect(settings.server == .tcp(host: "db", port: 5433))
        #expect(settings.role == "u")
    }

    @Test(
        "a malformed URL or port is refused with a sentence",
        arguments: ["mysql://x", "postgres://h:99999/db"])
    func badURL(_ url: String) {
        #expect(throws: EventStoreError.self) { try DatabaseSettings.parse(url: url) }
    }
}
