import ArgumentParser
import CrisisApp
import Foundation

/// `crisis legal ...`: what legal and the privacy officer use.
struct LegalCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "legal",
        abstract: "Approve or reject the exact words of a message (legal, privacy officer, communications).",
        subcommands: [Queue.self, Approve.self, Reject.self, OverridePHI.self]
    )

    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queue",
            abstract: "Messages waiting for your approval, oldest first, with the exact text.",
            discussion: "Example:\n  crisis legal queue --as dana")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let now = Date()
            let items = ApprovalQueueItem.queue(
                try await IncidentSession.run(connection) { session in
                    let actor = try await session.handler.actor()
                    return try await session.readModels.approvals(for: actor)
                }, now: now)
            if json {
                try Terminal.printJSON(items)
                return
            }
            if items.isEmpty {
                print("Nothing waits for your approval.")
                return
            }
            for item in items {
                let age = item.waitingSeconds.map { "\(Int($0 / 60)) min" } ?? "-"
                print(
                    "\(Terminal.bold("\(item.incident.prefix(8)) \(item.message.messageId)")) on \(item.message.channel), waiting \(age), needs \(item.message.outstandingRoles.joined(separator: ", ")) — \(item.drill ? "DRILL: " : "")\(item.title)"
                )
                print("  \"\(item.message.text)\"")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve a message's exact current text.",
            discussion: """
                You cannot approve a message you wrote. --role picks the role you approve in
                when you hold several (default: the first outstanding one you hold).

                Example:
                  crisis legal approve 3f2a9c1e m2 --note "No patient detail; no admission of care"
                """)

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The message id.") var message: String
        @Option(help: "The organisational role you approve in.") var role: String?
        @Option(help: "What you checked.") var note: String?
        @Option(
            name: .customLong("text-sha256"),
            help: "The SHA-256 of the words you read (from `crisis legal queue --json`): refused if they changed since."
        )
        var textSHA256: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .message(.approve(messageId: message, role: role, note: note, textSHA256: textSHA256)), on: id)
            }
            print("Approved \(message).")
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject",
            abstract: "Reject a message, with the reason the author will read.",
            discussion: "Example:\n  crisis legal reject 3f2a9c1e m1 --reason \"Confirms the poster was our patient\"")

        @Argument(help: "The incident id.") var id: String
        @Argument(help: "The message id.") var message: String
        @Option(help: "Why.") var reason: String
        @Option(help: "The organisational role you reject in.") var role: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.message(.reject(messageId: message, role: role, reason: reason)), on: id)
            }
            print("Rejected \(message).")
        }
    }

    struct OverridePHI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "override-phi",
            abstract: "Privacy officer: allow a text the PHI scanner flagged, with a recorded reason.",
            discussion:
                "Example:\n  crisis legal override-phi 3f2a9c1e --text \"Room 4 of our ER is reopened\" --reason \"Room of a facility, not a patient\""
        )

        @Argument(help: "The incident id.") var id: String
        @Option(help: "The exact text to allow.") var text: String
        @Option(help: "Why it holds no patient detail.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.message(.overridePHIFinding(text: text, reason: reason)), on: id)
            }
            print("Override recorded; the text can now be drafted.")
        }
    }
}
