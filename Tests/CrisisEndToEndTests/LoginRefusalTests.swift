import CrisisStore
import Foundation
import Testing

@Suite("A refused login or a missing schema is one sentence")
struct LoginRefusalTests {
    /// No stack trace, no library's internals: one line for the person at the terminal.
    func expectOneSentence(_ run: CrisisBinary.Run, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = run.errors.split(separator: "\n")
        #expect(lines.count == 1, "\(run.errors)", sourceLocation: sourceLocation)
        for leak in ["Fatal error", "PSQLError", "Stack", "0x", "PostgresNIO"] {
            #expect(!run.errors.contains(leak), "\(run.errors)", sourceLocation: sourceLocation)
        }
    }

    @Test("a wrong or missing password on a server that asks for one: exit 2, one sentence; the right one works")
    func wrongPassword() async throws {
        try await PrivateCluster.with("password") { cluster in
            try await EndToEndDatabase.execute(try cluster.settings, ["ALTER ROLE crisis PASSWORD 'right-horse'"])
            let hba = "\(cluster.directory)/data/pg_hba.conf"
            // Written in place, so the file keeps the owner the server runs as.
            try "local all all scram-sha-256\n".write(toFile: hba, atomically: false, encoding: .utf8)
            try await cluster.reload()

            let wrong = await CrisisBinary(environment: ["DATABASE_URL": cluster.url(password: "wrong")])
                .run("db", "status")
            #expect(wrong.status == 2, "exit \(wrong.status): \(wrong.errors)")
            #expect(wrong.errors.contains("password"), "\(wrong.errors)")
            expectOneSentence(wrong)

            let missing = await CrisisBinary(environment: ["DATABASE_URL": cluster.url()]).run("db", "status")
            #expect(missing.status == 2, "exit \(missing.status): \(missing.errors)")
            #expect(missing.errors.contains("password"), "\(missing.errors)")
            expectOneSentence(missing)

            let right = await CrisisBinary(environment: ["DATABASE_URL": cluster.url(password: "right-horse")])
                .run("db", "migrate")
            #expect(right.status == 0, "\(right.errors)")
        }
    }

    @Test("a database without the crisis schema: exit 2 and one sentence saying to run crisis db migrate")
    func noSchema() async throws {
        let (url, _) = try await EndToEndDatabase.create()
        let crisis = CrisisBinary(environment: ["DATABASE_URL": url])
        for command in [["incident", "list"], ["audit", "verify"], ["incident", "note", "0000000000", "x"]] {
            let run = await crisis.run(command)
            #expect(run.status == 2, "\(command): exit \(run.status): \(run.errors)")
            #expect(run.errors.contains("crisis db migrate"), "\(command): \(run.errors)")
            expectOneSentence(run)
        }
    }
}
