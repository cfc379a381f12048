import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

/// Need to know on a store written before migration 0007 (issue 13): incidents already recorded
/// keep their people, and restricting one afterwards hides it from everyone else, with plain SQL.
@Suite("Need to know: stores written before migration 0007")
struct NeedToKnowMigrationTests {
    static func event(_ type: String, _ json: String) -> NewEvent {
        NewEvent(type: type, data: Data(json.utf8))
    }

    func count(_ query: PostgresQuery, as role: String, _ settings: DatabaseSettings) async throws -> Int64 {
        var login = settings
        login.role = role
        return try await TestDatabase.withConnection(login) { try await $0.scalar(query) }
    }

    @Test("an incident recorded before 0007 keeps its opener and assignees when restricted; others see no row")
    func backfilledAccess() async throws {
        let settings = try await TestDatabase.create(migrated: false)
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let opener = "ntk_open_\(suffix)", assignee = "ntk_assign_\(suffix)", other = "ntk_other_\(suffix)"
        let stream = Sample.stream()
        try await TestDatabase.withConnection(settings) { owner in
            let all = try Migration.bundled()
            _ = try await MigrationRunner(connection: owner, migrations: all.filter { $0.version < 7 }).migrate()
            for role in [opener, assignee, other] { try await TestDatabase.createWriter(role, on: owner) }
            _ = try await PostgresEventStore(session: owner).append(
                [Self.event("RolesGranted", "{\"person\": \"\(opener)\", \"roles\": [\"commander\"]}")],
                to: try StreamID("roster"), expecting: .any, commandID: UUID())
        }
        var asOpener = settings
        asOpener.role = opener
        try await TestDatabase.withConnection(asOpener) { connection in
            _ = try await PostgresEventStore(session: connection).append(
                [
                    Self.event("IncidentOpened", "{\"title\": \"before 0007\"}"),
                    Self.event("RoleAssigned", "{\"role\": \"legal\", \"person\": \"\(assignee)\"}"),
                ], to: stream, expecting: .noStream, commandID: UUID())
        }
        try await TestDatabase.withConnection(settings) { owner in
            _ = try await MigrationRunner(connection: owner, migrations: try Migration.bundled()).migrate()
        }
        let events: PostgresQuery = "SELECT count(*) FROM crisis.events WHERE stream_id = \(stream.rawValue)"
        #expect(try await count(events, as: other, settings) == 2, "not restricted yet: everyone sees it")

        try await TestDatabase.withConnection(asOpener) { connection in
            _ = try await PostgresEventStore(session: connection).append(
                [Self.event("IncidentRestricted", "{\"reason\": \"the patient is staff\"}")], to: stream,
                expecting: .exactly(2), commandID: UUID())
        }
        #expect(try await count(events, as: opener, settings) == 3)
        #expect(try await count(events, as: assignee, settings) == 3)
        #expect(try await count(events, as: other, settings) == 0)
        let streams: PostgresQuery = "SELECT count(*) FROM crisis.streams WHERE stream_id = \(stream.rawValue)"
        #expect(try await count(streams, as: other, settings) == 0)
        #expect(try await count("SELECT crisis.unseen_stream_count()", as: other, settings) == 1)
    }
}
