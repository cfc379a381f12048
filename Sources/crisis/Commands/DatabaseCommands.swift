import ArgumentParser
import CrisisApp
import Foundation

/// `crisis db ...`: the database under crisis.
struct DatabaseCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Set up, inspect and stop the database crisis keeps its record in.",
        subcommands: [Migrate.self, Status.self, Stop.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply the schema migrations this binary ships (safe to run again).",
            discussion: """
                Each migration runs in its own transaction and is recorded in
                crisis.schema_migrations; running it twice changes nothing.

                Example:
                  DATABASE_URL=postgres://crisis_owner@db.example.org/crisis crisis db migrate
                """)

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await withDatabase(connection, requireSchema: false) { database in
                let applied = try await database.migrations.migrate()
                if applied.isEmpty {
                    print("The schema is up to date; nothing to apply.")
                } else {
                    for migration in applied { print("applied \(migration.name)") }
                }
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract:
                "Show where the database is, which migrations are applied, and what holds readers back.",
            discussion: """
                The oldest open transaction matters: readers that must see every event
                wait for it. An old one is usually a forgotten psql session.
                On a primary it lists the standbys streaming from it (sync or async, and
                how far behind); with --read-from standby it shows the standby's own lag.

                Example:
                  crisis db status --json
                  crisis db status --read-from standby
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption
        @Flag(help: "Print one JSON document.") var json = false

        func run() async throws {
            try await withDatabase(connection, requireSchema: false, readFrom: reading) { database in
                let report = try await DatabaseStatus.read(database)
                if json {
                    try Terminal.printJSON(report)
                    return
                }
                print("server:     \(report.server) (\(report.serverRole))")
                for standby in report.standbys {
                    let behind =
                        standby.replayBytesBehind.map { "\($0) bytes of WAL behind" } ?? "lag not visible to this role"
                    let lag = standby.replayLagSeconds.map { String(format: ", replay lag %.3f s", $0) } ?? ""
                    print("standby:    \(standby.name) \(standby.state), \(standby.syncState); \(behind)\(lag)")
                }
                if let lag = report.lag {
                    let behind =
                        lag.bytesBehind.map { "\($0) bytes of received WAL not yet replayed" } ?? "not streaming"
                    let since =
                        lag.secondsSinceLastReplayedCommit.map {
                            String(format: "; last replayed commit made %.1f s ago on the primary", $0)
                        } ?? ""
                    print("lag:        \(behind)\(since)")
                }
                print("role:       \(report.role)")
                print("streams:    \(report.streams)")
                print("events:     \(report.events)")
                let age = report.oldestOpenTransactionSeconds.map { String(format: "%.1f s", $0) } ?? "none"
                print("oldest open transaction: \(age)")
                print("")
                print(
                    Terminal.table(
                        ["MIGRATION", "STATE", "APPLIED AT", "BY"],
                        report.migrations.map {
                            [$0.name, $0.state, $0.appliedAt.map(Timestamps.utc) ?? "-", $0.appliedBy ?? "-"]
                        }))
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Stop the embedded PostgreSQL (it starts again with the next command).",
            discussion:
                "Only the private cluster under $CRISIS_HOME; a server named by DATABASE_URL is never touched."
        )

        @OptionGroup var identity: IdentityOption

        func run() async throws {
            let settings: DatabaseSettings
            do {
                settings = try DatabaseSettings.from(environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure(error)
            }
            guard case .embedded(let home) = settings.server else {
                throw CommandFailure(
                    "crisis: DATABASE_URL or PG* variables name a server; crisis only stops its own embedded cluster",
                    exitCode: .badInput)
            }
            do {
                let stopped = try EmbeddedCluster(home: home).stop()
                print(
                    stopped
                        ? "Stopped the embedded PostgreSQL in \(home.path)."
                        : "The embedded PostgreSQL is not running.")
            } catch {
                throw CommandFailure(error)
            }
        }
    }
}
