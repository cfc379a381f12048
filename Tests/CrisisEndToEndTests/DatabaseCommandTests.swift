import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("crisis db and audit verify, run as a user would")
struct DatabaseCommandTests {
    @Test("on the embedded default, with no database configured, crisis starts its own PostgreSQL")
    func embeddedDefault() async throws {
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        let home = "\(work)/home-\(UUID().uuidString.prefix(8))"
        let crisis = CrisisBinary(environment: ["CRISIS_HOME": home])
        defer { crisis.runBlocking("db", "stop") }

        let status = await crisis.run("db", "status")
        #expect(status.status == 0, "\(status.errors)")
        #expect(status.output.contains("embedded cluster in \(home)"))
        let migrations = status.output.split(separator: "\n").filter { $0.contains(".sql") }
        #expect(migrations.first?.hasPrefix("0001_event_store.sql") == true)
        #expect(!migrations.isEmpty && migrations.allSatisfy { $0.contains(" applied ") })

        let verify = await crisis.run("audit", "verify")
        #expect(verify.status == 0, "\(verify.errors)")
        #expect(verify.output.contains("every hash chain verifies"))

        let stop = await crisis.run("db", "stop")
        #expect(stop.status == 0)
        #expect(stop.output.contains("Stopped"))
        // It starts again by itself.
        #expect(await crisis.run("audit", "verify").status == 0)
    }

    @Test("db migrate applies the schema once; running it again changes nothing")
    func migrateTwice() async throws {
        let (url, _) = try await EndToEndDatabase.create()
        let crisis = CrisisBinary(environment: ["DATABASE_URL": url])
        let unmigrated = await crisis.run("audit", "verify")
        #expect(unmigrated.status == 2)
        #expect(unmigrated.errors.contains("crisis db migrate"))

        let first = await crisis.run("db", "migrate")
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("applied 0001_event_store.sql"))
        let second = await crisis.run("db", "migrate")
        #expect(second.status == 0)
        #expect(second.output.contains("up to date"))

        let status = await crisis.run("db", "status", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
        let migrations = json?["migrations"] as? [[String: Any]]
        #expect(migrations?.first?["state"] as? String == "applied")
    }

    @Test("audit verify exits 0 on an untouched store and 1 naming the event on a tampered one")
    func verifyDetectsTampering() async throws {
        let (url, settings) = try await EndToEndDatabase.create()
        let crisis = CrisisBinary(environment: ["DATABASE_URL": url])
        #expect(await crisis.run("db", "migrate").status == 0)

        let incident = UUID()
        let stream = StreamID.incident(incident)
        let connection = try await DatabaseConnector.connect(settings)
        do {
            let store = PostgresEventStore(session: connection)
            for text in ["discovered", "contained", "notified"] {
                _ = try await store.append(
                    [NewEvent(type: "NoteAdded", data: Data("{\"text\": \"\(text)\"}".utf8))], to: stream,
                    expecting: .any, commandID: UUID())
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()

        let clean = await crisis.run("audit", "verify")
        #expect(clean.status == 0, "\(clean.errors)")
        #expect(clean.output.contains("3 events in 1 streams"))
        let byPrefix = await crisis.run("audit", "verify", String(incident.uuidString.lowercased().prefix(8)))
        #expect(byPrefix.status == 0, "\(byPrefix.errors)")

        try await EndToEndDatabase.execute(
            settings,
            [
                "ALTER TABLE crisis.events DISABLE TRIGGER USER",
                "UPDATE crisis.events SET data = '{\"text\": \"never notified\"}' WHERE stream_version = 3",
                "ALTER TABLE crisis.events ENABLE TRIGGER USER",
            ])
        let tampered = await crisis.run("audit", "verify")
        #expect(tampered.status == 1)
        #expect(tampered.output.contains("stream \(stream.rawValue), version 3"))
        let json = await crisis.run("audit", "verify", "--json")
        #expect(json.status == 1)
        #expect(json.output.contains("\"intact\" : false"))
    }

    @Test("an unreachable database is one sentence and exit code 4")
    func unreachable() async {
        let crisis = CrisisBinary(environment: ["DATABASE_URL": "postgres://nobody@/crisis?host=/nonexistent"])
        let run = await crisis.run("audit", "verify")
        #expect(run.status == 4)
        #expect(run.errors.contains("could not be reached"))
        #expect(run.errors.split(separator: "\n").count == 1)
    }

    @Test("a bad incident id or option is bad input: exit code 2 with what to do")
    func badInput() async throws {
        let (url, _) = try await EndToEndDatabase.create()
        let crisis = CrisisBinary(environment: ["DATABASE_URL": url])
        #expect(await crisis.run("db", "migrate").status == 0)
        let short = await crisis.run("audit", "verify", "abc")
        #expect(short.status == 2)
        #expect(short.errors.contains("at least its first 8 characters"))
        let unknown = await crisis.run("audit", "verify", "deadbeefdead")
        #expect(unknown.status == 2)
        #expect(await crisis.run("db", "status", "--no-such-flag").status == 2)
    }
}
