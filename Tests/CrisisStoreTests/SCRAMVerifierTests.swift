import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("Passwords reach the database only as SCRAM-SHA-256 verifiers")
struct SCRAMVerifierTests {
    @Test("the verifier is PostgreSQL's format, computed as RFC 5802 says (checked against Python's hashlib)")
    func knownVector() {
        let verifier = SCRAMVerifier(password: "correct horse battery", salt: Array(0..<16))
        #expect(
            verifier.text
                == "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$DSORcG4dNUxAHTEo5BL20ymSoLgt8C8jLZ09S+VUVlM=:9hLrfnf7zvCtDB9drkVXkMgUsd4vpHfg5YQJDrbaZ30="
        )
    }

    @Test("two verifiers of one password differ: each has a salt of its own")
    func salted() {
        #expect(
            SCRAMVerifier(password: "correct horse battery").text
                != SCRAMVerifier(password: "correct horse battery").text)
    }
}

@Suite("crisis.set_person_password (migration 0009)")
struct PersonPasswordTests {
    @Test("the database stores a verifier; a plain-text password is refused and nothing changes")
    func onlyVerifiers() async throws {
        let settings = try await TestDatabase.create()
        try await TestDatabase.withConnection(settings) { owner in
            let database = CrisisDatabase(settings: settings, connection: owner)
            let person = "pw_" + UUID().uuidString.prefix(8).lowercased()
            _ = try await RosterAdministration(database: database).add(person: person, roles: ["legal"])
            let plain = "correct horse battery"
            await #expect(throws: (any Error).self) {
                _ = try await owner.query(
                    "SELECT crisis.set_person_password(\(person), \(plain))", logger: DatabaseConnector.quietLogger
                ).collect()
            }
            try await RosterAdministration(database: database).setPassword(person: person, password: plain)
            var stored = ""
            for try await text in try await owner.query(
                "SELECT coalesce(rolpassword, '') FROM pg_authid WHERE rolname = \(person)",
                logger: DatabaseConnector.quietLogger
            ).decode(String.self) {
                stored = text
            }
            #expect(stored.hasPrefix("SCRAM-SHA-256$4096:"), "\(stored)")
            #expect(!stored.contains(plain))
        }
    }

    @Test("a password shorter than 12 characters is bad input; an unknown person is named")
    func badInput() async throws {
        let settings = try await TestDatabase.create()
        try await TestDatabase.withConnection(settings) { owner in
            let desk = RosterAdministration(database: CrisisDatabase(settings: settings, connection: owner))
            await #expect(throws: CommandError.self) {
                try await desk.setPassword(person: "nobody_x", password: "short")
            }
            do {
                try await desk.setPassword(person: "nobody_here_at_all", password: "long enough password")
                Issue.record("an unknown person was given a password")
            } catch {
                #expect("\(error)".contains("no person nobody_here_at_all"), "\(error)")
            }
        }
    }
}
