import ArgumentParser
import CrisisApp
import Foundation

extension AuditCommands {
    /// `crisis audit rules [ID]`: replays incidents and flags events the workflow would have refused.
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Replay incidents under their workflows and flag every event the rules would have refused.",
            discussion: """
                The hash chain proves the record was not changed; this checks that what was
                recorded obeys the workflow an incident opened under: approvals of the exact
                submitted text by someone who wrote none of it, publication only with every
                required approval, actions only from their state with their guards met, nothing
                but notes and the post-mortem after close. It finds events a writer appended
                outside crisis. It also flags, as clocks.judged-differently, incidents recorded
                under an earlier version of their workflow whose clocks the version in force now
                judges differently (for example an inappropriate-video before version 6 that
                nobody found identifiable or not: no breach clock ran; version 6 presumes a
                breach until the privacy officer signs that no patient is identifiable). Nothing
                recorded changes: each incident stays judged by the rules it opened under.
                Exits 0 when nothing is flagged, 1 otherwise.

                Examples:
                  crisis audit rules
                  crisis audit rules 3f2a9c1e --json
                """)

        @Argument(help: "An incident id (or its first 8+ characters); every incident when omitted.")
        var incident: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        struct Line: Encodable {
            var incident: String
            var finding: RuleFinding
        }

        func run() async throws {
            let (checked, lines) = try await IncidentSession.run(connection, readFrom: reading) { session in
                let incidents =
                    if let incident {
                        [try await session.load(incident)]
                    } else {
                        try await IncidentDirectory(handler: session.handler).all()
                    }
                try await AccessLog(database: session.database).record(
                    "rules", subject: incident.map { "incident \($0)" } ?? "all incidents")
                // The versions in force now, to say which older incidents they would judge otherwise.
                let current: WorkflowCatalog?
                do {
                    current = try session.handler.library.catalog()
                } catch {
                    current = nil
                    Terminal.standardError(
                        "crisis: note: the workflows in force now do not load (\(error)); older incidents were not re-judged against them"
                    )
                }
                let now = Date()
                let lines = incidents.flatMap { loaded -> [Line] in
                    guard let definition = loaded.definition else { return [] }
                    var found = ruleFindings(loaded.history, definition: definition)
                    if let today = current?.definition(kind: definition.kind),
                        let rejudged = clocksJudgedDifferently(
                            loaded.state, version: loaded.version, pinned: definition, current: today, now: now)
                    {
                        found.append(rejudged)
                    }
                    return found.map { Line(incident: loaded.id, finding: $0) }
                }
                return (incidents.count, lines)
            }
            if json {
                try Terminal.printJSON(lines)
            } else if lines.isEmpty {
                print("audit rules: OK, \(checked) incidents replayed; every event is one their workflow allows")
            } else {
                for line in lines {
                    let finding = line.finding
                    print(
                        "\(line.incident.prefix(8)) #\(finding.version) \(finding.eventType) by \(finding.actor) [\(finding.rule)]: \(finding.explanation)"
                    )
                }
                let rejudged = lines.filter { $0.finding.rule == clocksJudgedDifferentlyRule }.count
                let broken = lines.count - rejudged
                var parts: [String] = []
                if broken > 0 { parts.append("\(broken) events break their workflow's rules") }
                if rejudged > 0 {
                    parts.append(
                        "\(rejudged) incidents' clocks are judged differently by the workflow version in force now (flagged for review; each stays judged by the version it opened under)"
                    )
                }
                print("audit rules: " + parts.joined(separator: "; "))
            }
            if !lines.isEmpty { throw ExitCode(1) }
        }
    }
}
