import ArgumentParser
import CrisisApp
import CrisisDomain
import Foundation

/// `crisis assessment ...`: the four-factor risk assessment of 45 CFR 164.402(2).
struct AssessmentCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assessment",
        abstract: "Record the breach risk assessment, factor by factor, and its conclusion.",
        discussion: """
            Factors (45 CFR 164.402(2)): 1 nature and extent of the PHI and likelihood of
            re-identification; 2 the unauthorised person who used or received it; 3 whether
            it was actually acquired or viewed; 4 the extent of mitigation. A breach is
            presumed until the privacy officer concludes otherwise.
            """,
        subcommands: [Record.self, Exclusion.self, Affected.self, Conclude.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the finding for one factor (1-4).",
            discussion:
                "Example:\n  crisis assessment record 3f2a9c1e --factor 1 --finding \"Name and diagnosis legible on the chart\""
        )

        @Argument(help: "The incident id.") var id: String
        @Option(help: "The factor, 1 to 4.") var factor: Int
        @Option(help: "What was found.") var finding: String
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard (1...4).contains(factor) else { throw ValidationError("--factor must be 1, 2, 3 or 4") }
        }

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.recordAssessmentFactor(factor: factor, finding: finding), on: id)
            }
            print("Factor \(factor) recorded.")
        }
    }

    struct Conclude: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Privacy officer: conclude breach or low probability of compromise.",
            discussion:
                "Example:\n  crisis assessment conclude 3f2a9c1e --breach --reason \"PHI viewed by ~2,000 followers\"")

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "It is a breach: notifications are owed.") var breach = false
        @Flag(help: "Low probability that the PHI was compromised.") var lowProbability = false
        @Option(help: "The reasoning.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard breach != lowProbability else {
                throw ValidationError("give exactly one of --breach or --low-probability")
            }
        }

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .concludeAssessment(breach ? .breach : .lowProbability, reason: reason), on: id)
            }
            print("Assessment concluded: \(breach ? "breach" : "low probability of compromise").")
        }
    }
}

/// `crisis notification record`: notices sent under 45 CFR 164.404-408.
struct NotificationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notification",
        abstract: "Record breach notifications against their deadlines.",
        subcommands: [Record.self, NotOwed.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a notice went out.",
            discussion:
                """
                Example:
                  crisis notification record 3f2a9c1e --to individuals --at 2026-11-30T10:00:00-05:00 --count 1
                  crisis notification record 3f2a9c1e --to hhs --at 2027-02-10T10:00:00-05:00 --count 1 --log-entry HHS-8841
                """
        )

        @Argument(help: "The incident id.") var id: String
        @Option(help: "individuals, hhs, media, state or substitute.") var to: String
        @Option(help: "When it was sent (\(Timestamp.helpNote)).") var at: Timestamp
        @Option(help: "How many were notified.") var count: Int?
        @Option(help: "The state, for media and state notices (e.g. CA).") var state: String?
        @Option(help: "For HHS: the confirmation the HHS breach portal gave for the entry.") var logEntry: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let recipient = NotificationRecipient(rawValue: to) else {
                throw CommandFailure(
                    "crisis: --to must be one of \(NotificationRecipient.allCases.map(\.rawValue).joined(separator: ", "))",
                    exitCode: .badInput)
            }
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .recordNotification(recipient, at: at.date, count: count, stateCode: state, logEntry: logEntry),
                    on: id)
            }
            print("Notification to \(to) recorded.")
        }
    }
}
