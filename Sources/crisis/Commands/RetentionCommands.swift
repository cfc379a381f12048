import ArgumentParser
import CrisisApp
import Foundation

/// `crisis retention ...` and `crisis incident hold|release` (issue 13): how long the record is
/// kept, legal holds, and the destruction of an incident's PHI after its retention.
struct RetentionCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "How long each closed incident is kept, and destroying its PHI afterwards.",
        subcommands: [Status.self, Shred.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Every closed incident: when it closed, when its retention ends, hold, storage.",
            discussion: """
                Retention ends six years after the close (45 CFR 164.316(b)(2), 164.530(j)).
                STORAGE is encrypted (its PHI fields can be shredded), plaintext (recorded
                before encryption: shredding cannot destroy its words) or shredded.

                Example:
                  crisis retention status --json
                """)

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let lines = try await IncidentSession.run(connection) { session in
                try await RetentionDesk(handler: session.handler).status()
            }
            if json {
                try Terminal.printJSON(lines)
                return
            }
            if lines.isEmpty {
                print("No closed incidents.")
                return
            }
            print(
                Terminal.table(
                    ["ID", "KIND", "CLOSED", "RETAIN UNTIL", "HOLD", "STORAGE"],
                    lines.map {
                        [
                            String($0.id.prefix(8)), $0.kind, Timestamps.utc($0.closedAt),
                            Timestamps.utc($0.retentionEndsAt), $0.onHold ? "on hold" : "-", $0.storage,
                        ]
                    }))
        }
    }

    struct Shred: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shred",
            abstract: "Destroy a closed incident's PHI by destroying its data key.",
            discussion: """
                By the privacy officer, once the retention has ended and no legal hold is on.
                Records KeyShredded, then the database destroys the incident's data key: its
                encrypted fields can never be read again, while every event, actor and time
                stays and every hash chain still verifies. An incident recorded in plaintext
                (before encryption) is refused: see docs/crypto-shredding.md.

                Example:
                  crisis retention shred 3f2a9c1e --reason "Retention schedule R-12: six years after close"
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "Why (the retention schedule's rule).") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await RetentionDesk(handler: session.handler).shred(try await session.resolve(id), reason: reason)
            }
            print("Shredded: the incident's encrypted words are destroyed; its events remain.")
        }
    }
}

extension IncidentCommands {
    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Place a legal hold: nothing of the incident may be destroyed while it is on.",
            discussion:
                "Example:\n  crisis incident hold 3f2a9c1e --reason \"Roe v. General Hospital, preservation letter\"")

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "The matter the hold is for.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.placeLegalHold(reason: reason), on: id)
            }
            print("On legal hold.")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release",
            abstract: "Release the legal hold.",
            discussion: "Example:\n  crisis incident release 3f2a9c1e --reason \"Matter settled\"")

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "Why the hold ends.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.releaseLegalHold(reason: reason), on: id)
            }
            print("Legal hold released.")
        }
    }
}
