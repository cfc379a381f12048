import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("The database enforces the roster's authority, not only the CLI")
struct RosterAuthorityTests {
    /// A database with `people` on the roster, and a store connected as `person`.
    func store(as person: String, roster people: [String: [String]], _ body: (PostgresEventStore) async throws -> Void)
        async throws
    {
        let settings = try await TestDatabase.create()
        try await TestDatabase.withConnection(settings) { owner in
            let database = CrisisDatabase(settings: settings, connection: owner)
            for (name, roles) in people.sorted(by: { $0.key < $1.key }) {
                _ = try await RosterAdministration(database: database).add(person: name, roles: roles)
            }
        }
        var mine = settings
        mine.role = person
        mine.password = nil
        try await TestDatabase.withConnection(mine) { connection in
            try await body(PostgresEventStore(session: connection))
        }
    }

    func approval(_ type: String = "MessageApproved", role: String) -> NewEvent {
        NewEvent(
            type: type,
            data: Data(
                """
                {"messageId": "m1", "role": "\(role)", "revision": 1, "textSHA256": "ab", "approvalComplete": false, "reason": "r"}
                """.utf8))
    }

    func expectRefused(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await body()
            Issue.record("the database accepted it", sourceLocation: sourceLocation)
        } catch let error as EventStoreError {
            guard case .permissionDenied(let message) = error else {
                Issue.record("refused for another reason: \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(!message.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("an approval or rejection in a role the actor does not hold is refused by the database")
    func approvalOutsideTheRoster() async throws {
        try await store(as: "auth_sam", roster: ["auth_sam": ["social-media"], "auth_lee": ["legal"]]) { store in
            let stream = Sample.stream()
            _ = try await store.append([Sample.event()], to: stream, expecting: .any, commandID: UUID())
            await expectRefused {
                _ = try await store.append([approval(role: "legal")], to: stream, expecting: .any, commandID: UUID())
            }
            await expectRefused {
                _ = try await store.append(
                    [approval("MessageRejected", role: "privacy-officer")], to: stream, expecting: .any,
                    commandID: UUID())
            }
            await expectRefused {
                // Half of a batch is never written: the permitted note goes down with the forged approval.
                _ = try await store.append(
                    [Sample.event(), approval(role: "legal")], to: stream, expecting: .any, commandID: UUID())
            }
            #expect(try await store.version(of: stream) == 1)
        }
        try await store(as: "auth_lee", roster: ["auth_lee": ["legal"]]) { store in
            let written = try await store.append(
                [approval(role: "legal")], to: Sample.stream(), expecting: .any, commandID: UUID())
            #expect(written.events.count == 1)
        }
    }

    @Test("a writer cannot grant themselves a role: only a role that may create roles changes the roster")
    func rosterOnlyByAdministrators() async throws {
        try await store(as: "auth_sam", roster: ["auth_sam": ["social-media"]]) { store in
            let grant = NewEvent(
                type: "RolesGranted",
                data: Data(#"{"change": "granted", "person": "auth_sam", "roles": ["legal"]}"#.utf8))
            await expectRefused {
                _ = try await store.append([grant], to: try StreamID("roster"), expecting: .any, commandID: UUID())
            }
            await expectRefused {
                _ = try await store.append(
                    [approval(role: "legal")], to: Sample.stream(), expecting: .any, commandID: UUID())
            }
        }
    }

    @Test("a revoked role no longer approves; policy decisions need the privacy officer or legal")
    func revocationAndPolicy() async throws {
        let settings = try await TestDatabase.create()
        try await TestDatabase.withConnection(settings) { owner in
            let database = CrisisDatabase(settings: settings, connection: owner)
            _ = try await RosterAdministration(database: database).add(person: "auth_lee", roles: ["legal", "hr"])
            _ = try await RosterAdministration(database: database).add(person: "auth_cora", roles: ["communications"])
            _ = try await RosterAdministration(database: database).remove(person: "auth_lee", roles: ["legal"])
            let held = try await owner.scalar(
                "SELECT count(*) FROM crisis.roster_roles WHERE person = 'auth_lee' AND role = 'legal'")
            #expect(held == 0)
        }
        var lee = settings
        lee.role = "auth_lee"
        try await TestDatabase.withConnection(lee) { connection in
            let store = PostgresEventStore(session: connection)
            await expectRefused {
                _ = try await store.append(
                    [approval(role: "legal")], to: Sample.stream(), expecting: .any, commandID: UUID())
            }
        }
        var cora = settings
        cora.role = "auth_cora"
        try await TestDatabase.withConnection(cora) { connection in
            let store = PostgresEventStore(session: connection)
            let decision = NewEvent(
                type: "PolicyChangeDecided", data: Data(#"{"accepted": true, "reason": "mine"}"#.utf8))
            await expectRefused {
                _ = try await store.append(
                    [decision], to: try StreamID("policy-\(UUID().uuidString.lowercased())"), expecting: .any,
                    commandID: UUID())
            }
        }
    }

    @Test("only the commander or a role administrator may append to the on-call schedule, even with plain SQL")
    func onCallScheduleAuthority() async throws {
        let shift = NewEvent(
            type: "ShiftAdded",
            data: Data(
                #"{"shiftId":"s1","role":"legal","person":"ra_lee","from":"2026-11-22T23:00:00Z","until":"2026-11-23T13:00:00Z","level":1}"#
                    .utf8))
        let people = ["ra_lee": ["legal"], "ra_alice": ["commander"]]
        try await store(as: "ra_lee", roster: people) { store in
            await expectRefused {
                _ = try await store.append([shift], to: try StreamID("oncall"), expecting: .any, commandID: UUID())
            }
        }
        try await store(as: "ra_alice", roster: people) { store in
            let written = try await store.append(
                [shift], to: try StreamID("oncall"), expecting: .any, commandID: UUID())
            #expect(written.events.count == 1)
        }
    }
}
