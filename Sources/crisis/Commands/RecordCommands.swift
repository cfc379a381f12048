import ArgumentParser
import CrisisApp
import Foundation

/// Facts the record needs beyond messages and removals: evidence, discovery,
/// exclusions, affected people, notices not owed, law-enforcement delays,
/// and sanctions.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Record a preserved capture of a post (URL, capture time, SHA-256 of the capture).",
        discussion:
            "Example:\n  crisis incident evidence 3f2a9c1e --url https://instagram.com/p/abc --captured-at 2026-11-23T13:05:00Z --sha256 $(sha256sum capture.png | cut -c1-64)"
    )

    @Argument(help: "The incident id.") var id: String
    @Option(help: "The post's address.") var url: String
    @Option(help: "When the capture was taken (\(Timestamp.helpNote)).") var capturedAt: Timestamp
    @Option(help: "SHA-256 of the captured file, 64 hex characters.") var sha256: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await IncidentSession.run(connection) { session in
            try await session.execute(
                .captureEvidence(url: url, capturedAt: capturedAt.date, contentSHA256: sha256.lowercased()), on: id)
        }
        print("Evidence recorded.")
    }
}

struct DiscoveryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discovery",
        abstract: "Amend when the breach was discovered; every clock is recomputed.",
        discussion:
            """
            Example:
              crisis incident discovery 3f2a9c1e --at 2026-11-22T21:40:00-05:00 --reason "Charge nurse saw the post Sunday night"
            Moving discovery earlier is always allowed (it only shortens the clocks); moving it later than
            first recorded lengthens them, so only the privacy officer may. Every amendment stays in the record.
            """
    )

    @Argument(help: "The incident id.") var id: String
    @Option(help: "The discovery time (\(Timestamp.helpNote)).") var at: Timestamp
    @Option(help: "Why this is the discovery time.") var reason: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await IncidentSession.run(connection) { session in
            try await session.execute(.amendDiscovery(discoveredAt: at.date, reason: reason), on: id)
        }
        print("Discovery time amended; deadlines recomputed.")
    }
}

struct SanctionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sanction",
        abstract: "Record a staff sanction or retraining with its date (45 CFR 164.530(e)).",
        discussion:
            "Example:\n  crisis incident sanction 3f2a9c1e --kind training --staff \"nurse on 4 West\" --effective 2026-11-25T09:00:00Z --description \"Privacy course\""
    )

    @Argument(help: "The incident id.") var id: String
    @Option(help: "sanction or training.") var kind: String
    @Option(help: "Who (a job description is enough; no patient detail).") var staff: String
    @Option(help: "When it takes effect (\(Timestamp.helpNote)).") var effective: Timestamp
    @Option(help: "What it is.") var description: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        guard let sanction = SanctionKind(rawValue: kind) else {
            throw CommandFailure("crisis: --kind must be sanction or training", exitCode: .badInput)
        }
        try await IncidentSession.run(connection) { session in
            try await session.execute(
                .recordSanction(sanction, staffMember: staff, effectiveAt: effective.date, description: description),
                on: id)
        }
        print("Recorded.")
    }
}

extension AssessmentCommands {
    struct Exclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exclusion",
            abstract: "Record the 164.402(1) exclusion check.",
            discussion: """
                Example:
                  crisis assessment exclusion 3f2a9c1e --does-not-apply --reason "Posted publicly"
                Once a breach is concluded, only the privacy officer may record an exclusion check
                (it may end the clocks); the earlier check and the conclusion stay in the record,
                and a clock already missed stays missed.
                """
        )

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "An exclusion applies: not a breach.") var applies = false
        @Flag(help: "No exclusion applies.") var doesNotApply = false
        @Option(help: "The reasoning.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard applies != doesNotApply else {
                throw ValidationError("give exactly one of --applies or --does-not-apply")
            }
        }

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(.recordExclusionCheck(exclusionApplies: applies, reason: reason), on: id)
            }
            print("Exclusion check recorded.")
        }
    }

    struct Affected: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "affected",
            abstract: "Record how many people are affected, per state of residence, and how many cannot be reached.",
            discussion: """
                Examples:
                  crisis assessment affected 3f2a9c1e --total 12 --state CA=12 --unreachable 0
                  crisis assessment affected 3f2a9c1e --total unknown --residence-unknown --unreachable unknown
                A number not known yet is recorded as `unknown`, never guessed: every clock that
                depends on it (HHS at 500, media over 500 residents of a state, substitute notice
                at 10 unreachable) then stays open, and cannot be documented as not owed, until
                the number is recorded. People whose state is not given are of unrecorded
                residence: more than 500 of them keep a media clock open too.
                """)

        @Argument(help: "The incident id.") var id: String
        @Option(help: "How many individuals in all, or unknown.") var total: AffectedCount
        @Option(help: "Residents of one state, CODE=N (repeat).") var state: [String] = []
        @Flag(help: "Where those affected live is not known yet.") var residenceUnknown = false
        @Option(help: "How many cannot be reached (no current contact details), or unknown.")
        var unreachable: AffectedCount
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if residenceUnknown && !state.isEmpty {
                throw ValidationError("give --state CODE=N or --residence-unknown, not both")
            }
        }

        func run() async throws {
            var residents: [String: Int] = [:]
            for pair in state {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let count = Int(parts[1]) else {
                    throw CommandFailure(
                        "crisis: --state takes CODE=N, e.g. CA=12, not \"\(pair)\"", exitCode: .badInput)
                }
                residents[String(parts[0]).uppercased()] = count
            }
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .recordAffectedPopulation(
                        total: total.value, residentsByState: residenceUnknown ? nil : residents,
                        unreachable: unreachable.value),
                    on: id)
            }
            print("Affected population recorded.")
        }
    }
}

/// A number of people the privacy officer may not know yet: a whole number, or `unknown`.
struct AffectedCount: ExpressibleByArgument {
    /// nil when recorded as unknown.
    var value: Int?

    init?(argument: String) {
        if argument.lowercased() == "unknown" {
            value = nil
        } else if let count = Int(argument), count >= 0 {
            value = count
        } else {
            return nil
        }
    }

    static var defaultValueDescription: String { "N or unknown" }
}

extension NotificationCommands {
    struct NotOwed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "not-owed",
            abstract: "Record why a notification is not owed.",
            discussion: """
                Example:
                  crisis notification not-owed 3f2a9c1e --to media --state NY --reason "12 residents of New York"
                HHS is owed notice of every breach (45 CFR 164.408): with the individuals'
                notice when 500 or more are affected, otherwise in the annual log, by 60 days
                after the end of the calendar year of discovery. Record it with
                `crisis notification record --to hhs` when it is made; `crisis deadlines`
                keeps that clock open until then, after closing too.
                """)

        @Argument(help: "The incident id.") var id: String
        @Option(help: "individuals, hhs, media, state or substitute.") var to: String
        @Option(help: "The state, for media and state notices.") var state: String?
        @Option(help: "Why.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let recipient = NotificationRecipient(rawValue: to) else {
                throw CommandFailure(
                    "crisis: --to must be individuals, hhs, media, state or substitute", exitCode: .badInput)
            }
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .recordNotificationNotOwed(recipient, stateCode: state, reason: reason), on: id)
            }
            print("Recorded.")
        }
    }
}

extension NotificationCommands {
    struct Delay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delay",
            abstract: "Record a law-enforcement statement that delays the notices (45 CFR 164.412).",
            discussion: """
                Examples:
                  crisis notification delay 3f2a9c1e --written --stated-at 2026-11-25T10:00:00-05:00 \\
                      --until 2027-01-10T00:00:00-05:00 --official "Special Agent R. Diaz, FBI Newark"
                  crisis notification delay 3f2a9c1e --oral --stated-at 2026-11-25T10:00:00-05:00 \\
                      --official "Det. Ruiz, NYPD"
                A written statement delays the notices for the period it names; an oral one for at
                most 30 days from the statement unless a written one follows. Delays that overlap
                pause each clock once, not once per statement.
                """)

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "The statement is in writing and names the end of the delay.") var written = false
        @Flag(help: "The statement was oral (at most 30 days).") var oral = false
        @Option(help: "When the statement was made (\(Timestamp.helpNote)).") var statedAt: Timestamp
        @Option(help: "The end of the delay the statement names.") var until: Timestamp?
        @Option(help: "The official's name and agency.") var official: String
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard written != oral else { throw ValidationError("give exactly one of --written or --oral") }
        }

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .recordLawEnforcementDelay(
                        written ? .written : .oral, statedAt: statedAt.date, until: until?.date, official: official),
                    on: id)
            }
            print("Law-enforcement delay recorded; deadlines recomputed.")
        }
    }
}
