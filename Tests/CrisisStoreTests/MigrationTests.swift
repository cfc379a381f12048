import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    @Test("applying the migrations twice changes nothing")
    func idempotent() async throws {
        try await TestDatabase.withDatabase(migrated: false) { _, connection in
            let runner = MigrationRunner(connection: connection, migrations: try Migration.bundled())
            let first = try await runner.migrate()
            #expect(!first.isEmpty)
            let objects = try await connection.scalar(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'crisis'::regnamespace")
            let second = try await runner.migrate()
            #expect(second.isEmpty)
            #expect(
                try await connection.scalar(
                    "SELECT count(*) FROM pg_class WHERE relnamespace = 'crisis'::regnamespace") == objects)
            #expect(try await runner.status().allSatisfy { $0.state == .applied })
        }
    }

    @Test("a migration that fails halfway leaves nothing behind")
    func failedMigrationRollsBack() async throws {
        try await TestDatabase.withDatabase(migrated: false) { _, connection in
            let broken = Migration(
                version: 99, name: "0099_broken.sql",
                sql:
                    "CREATE TABLE crisis.half_done (x int); INSERT INTO crisis.half_done VALUES (1); SELECT 1/0;"
            )
            let runner = MigrationRunner(
                connection: connection, migrations: try Migration.bundled() + [broken])
            await #expect(throws: EventStoreError.self) { try await runner.migrate() }
            #expect(
                try await connection.scalar("SELECT count(*) FROM pg_class WHERE relname = 'half_done'")
                    == 0)
            #expect(
                try await connection.scalar(
                    "SELECT count(*) FROM crisis.schema_migrations WHERE version = 99") == 0)
            let status = try await runner.status()
            #expect(status.last?.state == .pending)
            #expect(status.dropLast().allSatisfy { $0.state == .applied })
        }
    }

    @Test("a schema newer than the binary is refused with a sentence")
    func newerSchemaRefused() async throws {
        try await TestDatabase.withDatabase { _, connection in
            _ = try await connection.query(
                "INSERT INTO crisis.schema_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')",
                logger: DatabaseConnector.quietLogger)
            let runner = MigrationRunner(connection: connection, migrations: try Migration.bundled())
            do {
                try await runner.requireCurrent()
                Issue.record("a newer schema was accepted")
            } catch let error as EventStoreError {
                #expect(error.message.contains("newer than this crisis binary"))
            }
        }
    }
}
