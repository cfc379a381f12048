import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

/// A fresh, migrated database per test on the throwaway PostgreSQL that
/// `scripts/test` starts (named by `CRISIS_TEST_DATABASE_URL`).
enum TestDatabase {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "CRISIS_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL"
        }
    }

    /// The cluster's superuser settings, pointing at the maintenance database.
    static func administrator() throws -> DatabaseSettings {
        guard let url = ProcessInfo.processInfo.environment["CRISIS_TEST_DATABASE_URL"] else {
            throw Missing()
        }
        return try DatabaseSettings.parse(url: url)
    }

    /// Creates an empty database with the crisis schema; returns settings for it as the superuser.
    static func create(migrated: Bool = true) async throws -> DatabaseSettings {
        let admin = try administrator()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await withConnection(admin) { connection in
            _ = try await connection.query(
                "CREATE DATABASE \(unescaped: name)", logger: DatabaseConnector.quietLogger)
        }
        var settings = admin
        settings.database = name
        if migrated {
            _ = try await withConnection(settings) { owner in
                try await MigrationRunner(connection: owner, migrations: try Migration.bundled()).migrate()
            }
        }
        return settings
    }

    /// Runs `body` with a connection that is closed whatever happens.
    static func withConnection<Result>(
        _ settings: DatabaseSettings, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await DatabaseConnector.connect(settings)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Runs `body` with a connection to a fresh migrated database.
    static func withDatabase<Result>(
        migrated: Bool = true, _ body: (DatabaseSettings, PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let settings = try await create(migrated: migrated)
        return try await withConnection(settings) { connection in try await body(settings, connection) }
    }

    /// Creates a login role that may only append and read (what `crisis roster add` will do).
    static func createWriter(_ name: String, on connection: PostgresConnection) async throws {
        _ = try await connection.query(
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(unescaped: name)') THEN
                CREATE ROLE \(unescaped: name) LOGIN IN ROLE crisis_writer;
              END IF;
            END $$
            """, logger: DatabaseConnector.quietLogger)
    }
}

/// Small builders for test events.
enum Sample {
    static func event(_ type: String = "NoteAdded", _ text: String = "a note") -> NewEvent {
        NewEvent(type: type, data: Data("{\"text\": \(JSONString(text))}".utf8))
    }

    static func JSONString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    static func stream() -> StreamID { .incident(UUID()) }
}

extension PostgresConnection {
    /// Runs a statement and returns the single Int64 it selects.
    func scalar(_ query: PostgresQuery) async throws -> Int64 {
        for try await value in try await self.query(query, logger: DatabaseConnector.quietLogger)
            .decode(Int64.self)
        {
            return value
        }
        return -1
    }
}
