import ArgumentParser
import CrisisApp
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
        subcommands: [Record.self, Exclusion.self, Affected.self, Conclude.self, Circumstances.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
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
            commandName: "conclude",
            abstract: "Privacy officer: conclude breach or low probability of compromise.",
            discussion: """
                Examples:
                  crisis assessment conclude 3f2a9c1e --breach --reason "PHI viewed by ~2,000 followers"
                  crisis assessment conclude 3f2a9c1e --low-probability --revise \\
                      --reason "Forensics: the post was seen by 3 accounts, all staff"
                A signed conclusion is changed only by a revision (--revise), by the privacy
                officer, with the reason. The original stays in the record beside it (incident
                show, timeline, exports). A revision may end clocks still running; a clock
                already missed stays missed in every read (incident show, deadlines, exports).
                """)

        @Argument(help: "The incident id.") var id: String
        @Flag(help: "It is a breach: notifications are owed.") var breach = false
        @Flag(help: "Low probability that the PHI was compromised.") var lowProbability = false
        @Flag(help: "Revise a signed conclusion (privacy officer; --reason says why).") var revise = false
        @Option(help: "The reasoning.") var reason: String
        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            guard breach != lowProbability else {
                throw ValidationError("give exactly one of --breach or --low-probability")
            }
        }

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                let conclusion: AssessmentConclusion = breach ? .breach : .lowProbability
                try await session.execute(
                    revise
                        ? .reviseAssessment(conclusion, reason: reason)
                        : .concludeAssessment(conclusion, reason: reason), on: id)
            }
            print(
                "Assessment \(revise ? "revised" : "concluded"): \(breach ? "breach" : "low probability of compromise")."
            )
        }
    }

    struct Circumstances: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circumstances",
            abstract: "Record the date of the breach and who first knew of it.",
            discussion: """
                The notice to individuals states the date of the breach (45 CFR 164.404(c)(1)(A));
                discovery is when the breach is known to a workforce member other than the person
                who committed it (164.404(a)(2)), so name who first knew, and who committed it when
                known (they cannot be the same person). The date cannot be in the future or after
                discovery. Changing what was recorded needs --reason; the earlier record stays.

                Examples:
                  crisis assessment circumstances 3f2a9c1e --breach-date 2026-11-20T14:00:00-05:00 \\
                      --first-known-by "charge nurse D. Okafor" --committed-by "agency nurse on 4W"
                  crisis assessment circumstances 3f2a9c1e --breach-date 2026-11-19T09:00:00-05:00 \\
                      --reason "The photo's metadata shows it was posted a day earlier"
                """)

        @Argument(help: "The incident id.") var id: String
        @Option(help: "When the breach itself happened (\(Timestamp.helpNote)).") var breachDate: Timestamp?
        @Option(help: "The workforce member who first knew of it.") var firstKnownBy: String?
        @Option(help: "Who committed the breach, when known.") var committedBy: String?
        @Option(help: "Why an earlier record is changed (needed to amend).") var reason: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .recordBreachCircumstances(
                        BreachCircumstancesRecorded(
                            breachOn: breachDate?.date, firstKnownBy: firstKnownBy, committedBy: committedBy,
                            reason: reason)), on: id)
            }
            print("Breach circumstances recorded.")
        }
    }
}

/// `crisis notification record`: notices sent under 45 CFR 164.404-408.
struct NotificationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notification",
        abstract: "Record breach notifications against their deadlines.",
        subcommands: [Record.self, NotOwed.self, Delay.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record that a notice went out.",
            discussion:
                """
                Examples:
                  crisis notification record 3f2a9c1e --to individuals --at 2026-11-30T10:00:00-05:00 --count 1
                  crisis notification record 3f2a9c1e --to individuals --method next-of-kin --at 2026-11-30T10:00:00-05:00 --count 1
                  crisis notification record 3f2a9c1e --to substitute --method web-posting --at 2026-12-01T09:00:00-05:00 \\
                      --posted-until 2027-03-01T09:00:00-05:00 --toll-free "1-800-555-0100" \\
                      --toll-free-from 2026-12-01T09:00:00-05:00 --toll-free-until 2027-03-01T09:00:00-05:00
                  crisis notification record 3f2a9c1e --to hhs --at 2027-02-10T10:00:00-05:00 --count 1 --log-entry HHS-8841
                The individuals' notice is met once the counts of the written notices add up to
                everyone affected, or to all but the unreachable once a substitute notice covers
                them (45 CFR 164.404(b), (d)). Methods: individuals: written (the default; mail,
                or email where agreed), next-of-kin (for one who died, (d)(1)(ii)), urgent-telephone
                (in addition to written notice, (d)(3); not counted); substitute: web-posting (90
                days) or major-media for 10 or more unreachable, each with a toll-free number live
                90 days, or alternative (written, telephone or other) for fewer than 10.
                Notices are due without unreasonable delay (164.404(b)): a notice to individuals, by
                substitute or to the media made later after discovery than the workflow's
                prompt-notice (phi-leak: 30 days) is refused without --delay-reason, which is
                recorded and shown in incident show, the timeline and exports.
                """
        )

        @Argument(help: "The incident id.") var id: String
        @Option(help: "individuals, hhs, media, state or substitute.") var to: String
        @Option(help: "When it was sent (\(Timestamp.helpNote)).") var at: Timestamp
        @Option(help: "How many were notified.") var count: Int?
        @Option(help: "The state, for media and state notices (e.g. CA).") var state: String?
        @Option(help: "For HHS: the confirmation the HHS breach portal gave for the entry.") var logEntry: String?
        @Option(
            help:
                "How: written, next-of-kin or urgent-telephone (individuals); web-posting, major-media or alternative (substitute)."
        )
        var method: String?
        @Option(help: "Substitute notice: the toll-free number it gives.") var tollFree: String?
        @Option(help: "When the toll-free number went live (\(Timestamp.helpNote)).") var tollFreeFrom: Timestamp?
        @Option(help: "When the toll-free number stops (at least 90 days later).") var tollFreeUntil: Timestamp?
        @Option(help: "Web posting: when it comes down (at least 90 days after --at).") var postedUntil: Timestamp?
        @Option(help: "Why the notice is later than the workflow's prompt-notice threshold after discovery.")
        var delayReason: String?
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            guard let recipient = NotificationRecipient(rawValue: to) else {
                throw CommandFailure(
                    "crisis: --to must be one of \(NotificationRecipient.allCases.map(\.rawValue).joined(separator: ", "))",
                    exitCode: .badInput)
            }
            var details = NoticeDetails(postedUntil: postedUntil?.date, delayReason: delayReason)
            if let method {
                guard let known = NoticeMethod(rawValue: method) else {
                    throw CommandFailure(
                        "crisis: --method must be one of \(NoticeMethod.allCases.map(\.rawValue).joined(separator: ", "))",
                        exitCode: .badInput)
                }
                details.method = known
            }
            switch (tollFree, tollFreeFrom, tollFreeUntil) {
            case (nil, nil, nil): break
            case (let number?, let from?, let until?):
                details.tollFree = TollFreeLine(number: number, from: from.date, until: until.date)
            default:
                throw CommandFailure(
                    "crisis: give --toll-free, --toll-free-from and --toll-free-until together", exitCode: .badInput)
            }
            let notice = details
            try await IncidentSession.run(connection) { session in
                try await session.execute(
                    .recordNotification(
                        recipient, at: at.date, count: count, stateCode: state, logEntry: logEntry, details: notice),
                    on: id)
            }
            print("Notification to \(to) recorded.")
        }
    }
}
