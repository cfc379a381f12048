import ArgumentParser
import CrisisApp
import Foundation

/// Need to know (issue 13): `crisis incident restrict|grant|revoke` and `crisis audit grant`.
/// PostgreSQL enforces who sees a restricted incident (row-level security, docs/access.md);
/// these commands record who may.
extension IncidentCommands {
    struct Restrict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restrict",
            abstract: "Restrict an incident to the people working it.",
            discussion: """
                From now on only the people who opened, restricted or are assigned to the
                incident, those given access with `crisis incident grant`, privacy officers and
                crisis_sealer see any of it, in crisis and in plain SQL: to anyone else it does
                not exist. By the commander or the privacy officer; it cannot be undone.

                Example:
                  crisis incident restrict 3f2a9c1e --reason "The patient is a member of staff"
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "Why only the people working it may see it.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.restrict(reason: reason), on: id)
            }
            print("Restricted: only the people working the incident see it.")
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Let a person see a restricted incident.",
            discussion: """
                By the commander or the privacy officer; the person must be on the roster.
                For an auditor, give the access an end: `crisis audit grant ID --to NAME --until TIME`.

                Example:
                  crisis incident grant 3f2a9c1e --to lee
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "The person (their database role name).") var to: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.grantAccess(to: to), on: id)
            }
            print("\(to) may see the incident.")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "End a person's access to a restricted incident.",
            discussion: """
                Ends every access the person was given (by opening, restricting, a grant or an
                audit grant). The people assigned to the incident keep theirs, and the last
                commander who may see it cannot lose it.

                Example:
                  crisis incident revoke 3f2a9c1e --to lee
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "The person (their database role name).") var to: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.revokeAccess(from: to), on: id)
            }
            print("\(to) no longer sees the incident (unless privacy officer or crisis_sealer).")
        }
    }
}

extension AuditCommands {
    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Let an auditor see a restricted incident until a time.",
            discussion: """
                Recorded on the incident, by the commander or the privacy officer. Until TIME
                the auditor may replay, export and verify it; afterwards the database hides it
                from them again. Their reads are recorded in the incident's own access log.

                Example:
                  crisis audit grant 3f2a9c1e --to audrey --until 2026-12-31T23:59:59Z
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "The auditor (their database role name).") var to: String
        @Option(help: "When the access ends (\(Timestamp.helpNote)).") var until: Timestamp
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.grantAuditAccess(to: to, until: until.date), on: id)
            }
            print("\(to) may see the incident until \(Timestamps.utc(until.date)).")
        }
    }
}
