import ArgumentParser
import CrisisApp
import Foundation

extension PolicyCommands {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "What the incidents say about the workflows: response times, removals, misses, root causes.",
            discussion: """
                Per incident kind: counts; median and 90th percentile of the time to the first
                approved public response, legal approval turnaround and removal per platform;
                deadlines missed and to whom they were escalated; recurring root causes;
                overdue post-mortem actions; proposals; workflow versions in force.
                """)

        @Option(help: "Only incidents opened on or after this day (YYYY-MM-DD) or time (\(Timestamp.helpNote)).")
        var since: String?
        @Option(help: "Only this incident kind.") var kind: String?
        @Flag(help: "Print one JSON document.") var json = false
        @Option(help: "Write the review as an HTML page with charts to this path.") var html: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        var sinceDate: Date? {
            guard let since else { return nil }
            return PostMortemDay.start(of: since) ?? Timestamp.parse(since)
        }

        func validate() throws {
            if since != nil && sinceDate == nil {
                throw ValidationError("--since takes a day YYYY-MM-DD or \(Timestamp.helpNote)")
            }
            if json && html != nil { throw ValidationError("give --json or --html, not both") }
        }

        func run() async throws {
            let (review, projections) = try await IncidentSession.run(connection, readFrom: reading) { session in
                try await PolicyReviewSource(handler: session.handler).review(since: sinceDate, kind: kind)
            }
            if !projections.isCurrent {
                Terminal.standardError(
                    "crisis: note: the projections are \(projections.eventsBehind) events behind the record (this role may not update them); a writer's command or `crisis projections update` brings them up to date."
                )
            }
            if let html {
                do {
                    try PolicyReviewHTML.render(review, projections: projections)
                        .write(toFile: html, atomically: true, encoding: .utf8)
                } catch {
                    throw CommandFailure(
                        "crisis: cannot write \(html): \(error.localizedDescription)", exitCode: .badInput)
                }
                print("Wrote the policy review to \(html).")
                return
            }
            if json {
                try Terminal.printJSON(review)
                return
            }
            PolicyReviewText.print(review)
        }
    }
}

/// The review as text for a terminal.
enum PolicyReviewText {
    static func minutes(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        let minutes = seconds / 60
        return minutes >= 120 ? String(format: "%.1f h", minutes / 60) : String(format: "%.0f min", minutes)
    }

    static func print(_ review: PolicyReview) {
        if review.kinds.isEmpty { Swift.print("No incidents in this period.") }
        for kind in review.kinds {
            Swift.print(
                Terminal.bold("\(kind.kind): \(kind.incidents) incidents (\(kind.open) open, \(kind.closed) closed)"))
            var rows: [[String]] = [
                row("first approved public response", kind.firstApprovedResponse),
                row("legal approval turnaround", kind.legalTurnaround),
            ]
            rows += kind.removalByPlatform.map { row("removal on \($0.platform)", $0.removal) }
            rows += kind.pages.map { row("page to \($0.role) acknowledged", $0.acknowledged) }
            Swift.print(Terminal.table(["MEASURE", "N", "MEDIAN", "P90"], rows))
            for missed in kind.missedDeadlines {
                let to = missed.escalatedTo.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
                    .joined(separator: ", ")
                Swift.print(
                    "  missed \(missed.deadlineId) ×\(missed.missed); escalated to \(to.isEmpty ? "nobody" : to)")
            }
            for role in kind.pages where role.reachedNobody > 0 {
                Swift.print("  pages to \(role.role) that reached nobody: \(role.reachedNobody) of \(role.pages)")
            }
            if !kind.phiOverridesByRule.isEmpty {
                let rules = kind.phiOverridesByRule.map { "\($0.rule) ×\($0.overrides) (\($0.incidents) incidents)" }
                Swift.print("  PHI scanner overrides by rule: \(rules.joined(separator: ", "))")
            }
            let versions = kind.workflowVersions.map { "v\($0.version) (\($0.incidents))" }.joined(separator: ", ")
            Swift.print("  workflow versions in force: \(versions)\n")
        }
        printDrills(review.drills)
        let recurring = review.rootCauses.filter(\.recurring)
        if !recurring.isEmpty {
            Swift.print(Terminal.bold("Recurring root causes"))
            for cause in recurring { Swift.print("  \(cause.incidents.count) incidents: \(cause.text)") }
        }
        if !review.overdueActions.isEmpty {
            Swift.print(Terminal.bold("Overdue post-mortem actions"))
            for action in review.overdueActions {
                Swift.print(
                    "  \(action.incidentId.uuidString.lowercased().prefix(8)) \(action.actionId) \(action.owner), due \(action.due) (\(action.daysOverdue) days): \(action.text)"
                )
            }
        }
        if !review.proposals.isEmpty {
            Swift.print(Terminal.bold("Proposals"))
            for proposal in review.proposals {
                let status = proposal.adoptedInVersion.map { "adopted in v\($0)" } ?? proposal.status.rawValue
                Swift.print(
                    "  \(proposal.id.uuidString.lowercased().prefix(8)) \(proposal.workflowKind) [\(status)]: \(proposal.change)"
                )
            }
        }
    }

    /// Drills apart from the real figures, per kind and quarter (issue 16).
    static func printDrills(_ drills: [DrillReview]) {
        guard !drills.isEmpty else { return }
        Swift.print(Terminal.bold("Drills (not counted above)"))
        for drill in drills {
            Swift.print("DRILL \(drill.kind) \(drill.quarter): \(drill.drills.count) drills")
            var rows: [[String]] = [
                row("first page acknowledged", drill.firstPageAcknowledged),
                row("first approved holding statement", drill.firstApprovedStatement),
                row("legal approval turnaround", drill.legalTurnaround),
            ]
            rows += drill.pages.map { row("page to \($0.role) acknowledged", $0.acknowledged) }
            Swift.print(Terminal.table(["MEASURE", "N", "MEDIAN", "P90"], rows))
            for missed in drill.missedDeadlines {
                Swift.print("  missed \(missed.deadlineId) ×\(missed.missed)")
            }
            if drill.missedDeadlines.isEmpty { Swift.print("  no deadline of the workflow was missed") }
            Swift.print("")
        }
    }

    static func row(_ label: String, _ distribution: Distribution) -> [String] {
        [label, String(distribution.count), minutes(distribution.median), minutes(distribution.p90)]
    }
}
