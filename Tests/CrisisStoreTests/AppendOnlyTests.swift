import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("The record is append-only and tamper-evident")
struct AppendOnlyTests {
    @Test(
        "UPDATE, DELETE and TRUNCATE on events are refused, also for the table's owner",
        arguments: [
            "UPDATE crisis.events SET actor = 'mallory'",
            "DELETE FROM crisis.events",
            "TRUNCATE crisis.events CASCADE",
            "UPDATE crisis.commands SET last_version = 9",
            "DELETE FROM crisis.streams",
        ] as [String])
    func changesRefused(_ statement: String) async throws {
        try await TestDatabase.withDatabase { _, connection in
            let store = PostgresEventStore(session: connection)
            _ = try await store.append(
                [Sample.event()], to: Sample.stream(), expecting: .noStream, commandID: UUID())
            do {
                _ = try await connection.query(
                    PostgresQuery(unsafeSQL: statement), logger: DatabaseConnector.quietLogger)
                Issue.record("\(statement) was allowed")
            } catch {
                #expect(ServerError.sqlStateOf(error) == "CR403")
            }
            #expect(try await connection.scalar("SELECT count(*) FROM crisis.events") == 1)
        }
    }

    @Test("an application role can append and read but not write the tables directly")
    func applicationRoleHasLeastPrivilege() async throws {
        try await TestDatabase.withDatabase { settings, connection in
            try await TestDatabase.createWriter("store_test_app", on: connection)
            var asApp = settings
            asApp.role = "store_test_app"
            try await TestDatabase.withConnection(asApp) { app in
                _ = try await PostgresEventStore(session: app).append(
                    [Sample.event()], to: Sample.stream(), expecting: .noStream, commandID: UUID())
                let forbidden: [PostgresQuery] = [
                    "INSERT INTO crisis.streams (stream_id, version, head_hash, last_recorded_at) VALUES ('x', 0, '', now())",
                    "UPDATE crisis.streams SET version = 0",
                    """
                    INSERT INTO crisis.events (stream_id, stream_version, event_id, event_type, schema_version, data,
                        metadata, command_id, actor, recorded_at, prev_hash, hash)
                    VALUES ('x', 1, gen_random_uuid(), 't', 1, '{}', '{}', gen_random_uuid(), 'someone else', now(), '', '')
                    """,
                ]
                for statement in forbidden {
                    do {
                        _ = try await app.query(statement, logger: DatabaseConnector.quietLogger).collect()
                        Issue.record("allowed: \(statement.sql)")
                    } catch {
                        #expect(ServerError.sqlStateOf(error) == "42501", "\(statement.sql)")
                    }
                }
            }
        }
    }

    /// Appends three events, lets `tamper` change the table with triggers off
    /// (as a superuser could), and returns what verification says.
    func verifyAfter(_ tamper: (PostgresConnection, StreamID) async throws -> Void) async throws
        -> ChainVerifier.Report
    {
        try await TestDatabase.withDatabase { settings, connection in
            let store = PostgresEventStore(session: connection)
            let stream = Sample.stream()
            for text in ["first", "second", "third"] {
                _ = try await store.append(
                    [Sample.event("NoteAdded", text)], to: stream, expecting: .any, commandID: UUID())
            }
            _ = try await store.append(
                [Sample.event()], to: Sample.stream(), expecting: .noStream, commandID: UUID())
            _ = try await connection.query(
                "ALTER TABLE crisis.events DISABLE TRIGGER USER", logger: DatabaseConnector.quietLogger)
            try await tamper(connection, stream)
            _ = try await connection.query(
                "ALTER TABLE crisis.events ENABLE TRIGGER USER", logger: DatabaseConnector.quietLogger)
            let database = CrisisDatabase(settings: settings, connection: connection)
            return try await ChainVerification(database: database).run()
        }
    }

    @Test("verify names the event whose data was altered")
    func alteredData() async throws {
        let report = try await verifyAfter { connection, stream in
            _ = try await connection.query(
                "UPDATE crisis.events SET data = '{\"text\": \"forged\"}' WHERE stream_id = \(stream.rawValue) AND stream_version = 2",
                logger: DatabaseConnector.quietLogger)
        }
        #expect(report.firstProblem?.streamVersion == 2)
        #expect(report.firstProblem?.reason.contains("altered") == true)
    }

    @Test("verify names the event after a deleted middle event")
    func deletedEvent() async throws {
        let report = try await verifyAfter { connection, stream in
            _ = try await connection.query(
                "DELETE FROM crisis.events WHERE stream_id = \(stream.rawValue) AND stream_version = 2",
                logger: DatabaseConnector.quietLogger)
        }
        #expect(report.firstProblem?.streamVersion == 3)
    }

    @Test("verify notices two events swapped in order")
    func reorderedEvents() async throws {
        let report = try await verifyAfter { connection, stream in
            // (stream, version) is unique, so the swap goes through a spare number.
            for (from, to) in [(1, 1000), (2, 1), (1000, 2)] {
                _ = try await connection.query(
                    """
                    UPDATE crisis.events SET stream_version = \(to)
                    WHERE stream_id = \(stream.rawValue) AND stream_version = \(from)
                    """, logger: DatabaseConnector.quietLogger)
            }
        }
        #expect(report.firstProblem?.streamVersion == 1)
    }

    @Test("verify notices a removed last event through the stream head")
    func removedLastEvent() async throws {
        let report = try await verifyAfter { connection, stream in
            _ = try await connection.query(
                "DELETE FROM crisis.events WHERE stream_id = \(stream.rawValue) AND stream_version = 3",
                logger: DatabaseConnector.quietLogger)
        }
        #expect(report.firstProblem?.streamID == report.firstProblem?.streamID)
        #expect(report.firstProblem?.reason.contains("stream head") == true)
    }
}
