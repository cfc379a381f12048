import ArgumentParser
import CrisisApp
import Foundation

/// `crisis policy what-if`: the recorded incidents replayed under a proposed workflow file.
struct WhatIfCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "Replay recorded incidents under a proposed workflow file, before it is published.",
        discussion: """
            For each recorded (not drill) incident of the file's kind: the recorded events the
            proposed rules would have refused (with the rule id, as `crisis audit rules` names
            them), the deadlines that would have been met or missed under the proposed durations,
            and in total how the review's deadline figures would move. Nothing is written but the
            access-log record of the read. Attach the --json output to a proposal with
            `crisis policy propose ... --what-if FILE`.

            Example:
              crisis policy what-if --workflow proposed/viral-complaint.yaml --since 2025-01-01
            """)

    @Option(help: "The proposed workflow file (KIND.yaml), validated as `crisis workflow validate` does.")
    var workflow: String
    @Option(help: "Only incidents opened at or after this time (\(Timestamp.helpNote)).") var since: Timestamp?
    @Option(help: "The kind (must be the file's; defaults to it).") var kind: String?
    @Flag(help: "Print one JSON document (what --what-if attaches).") var json = false
    @Option(help: "Write the replay as one HTML page to this file.") var html: String?
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if json && html != nil { throw ValidationError("give --json or --html, not both") }
    }

    func run() async throws {
        let proposed: WorkflowDefinition
        do {
            proposed = try WhatIfDesk.proposedDefinition(at: workflow, kind: kind)
        } catch {
            throw CommandFailure(error)
        }
        let whatIf = try await IncidentSession.run(connection) { session in
            try await WhatIfDesk(handler: session.handler).replay(proposed, since: since?.date, now: Date())
        }
        do {
            if json {
                FileHandle.standardOutput.write(try WhatIfDesk.json(whatIf) + Data("\n".utf8))
                return
            }
            let evidence = try WhatIfDesk.evidence(whatIf)
            if let html {
                do {
                    try Data(WhatIfHTML.render(whatIf, digest: evidence.digest).utf8).write(
                        to: URL(fileURLWithPath: html))
                } catch {
                    throw CommandFailure(
                        "crisis: cannot write \(html): \(error.localizedDescription)", exitCode: .badInput)
                }
                print("Wrote the what-if to \(html).")
                return
            }
            print(WhatIfText.render(whatIf))
            print("digest: \(evidence.digest)")
        } catch let error as CommandError {
            throw CommandFailure(error)
        }
    }

    /// The evidence a proposal keeps of a saved `what-if --json`: bad input when it is not one.
    static func evidence(from path: String) throws -> WhatIfEvidence {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(
                "crisis: cannot read the what-if \(path); save one with `crisis policy what-if --json > FILE`",
                exitCode: .badInput)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let whatIf = try? decoder.decode(WhatIf.self, from: data) else {
            throw CommandFailure(
                "crisis: \(path) is not a what-if replay; save one with `crisis policy what-if --json > FILE`",
                exitCode: .badInput)
        }
        do {
            return try WhatIfDesk.evidence(whatIf)
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// The replay as text for a terminal.
enum WhatIfText {
    static func render(_ whatIf: WhatIf) -> String {
        var lines = [
            "What-if: \(whatIf.kind) workflow v\(whatIf.workflow.version) (\(whatIf.workflow.contentHash.prefix(12))), "
                + "\(whatIf.totals.incidents) recorded incident(s)"
                + (whatIf.since.map { " opened since \(Timestamps.utc($0))" } ?? "")
        ]
        for incident in whatIf.incidents {
            let id = String(incident.incidentId.uuidString.lowercased().prefix(8))
            lines.append("\n\(id) \(incident.title) (recorded under v\(incident.recordedUnder.version))")
            for finding in incident.refused {
                lines.append(
                    "  would refuse #\(finding.version) \(finding.eventType) by \(finding.actor) [\(finding.rule)]: \(finding.explanation)"
                )
            }
            for change in incident.deadlines where change.recorded != change.proposed || change.proposed == .missed {
                let was = change.recorded?.rawValue ?? "absent"
                let would = change.proposed?.rawValue ?? "absent"
                let mark =
                    change.wouldHaveBeenMissed ? "WOULD HAVE MISSED " : change.wouldHaveBeenMet ? "would have met " : ""
                lines.append(
                    "  \(mark)\(change.deadline): \(was) → \(would)"
                        + (change.proposedDueAt.map { ", due \(Timestamps.utc($0))" } ?? ""))
            }
            if incident.refused.isEmpty && !incident.deadlines.contains(where: { $0.recorded != $0.proposed }) {
                lines.append("  no change")
            }
        }
        lines.append("\nIn total: \(whatIf.summary)")
        for deadline in whatIf.totals.deadlines {
            lines.append(
                "  \(deadline.deadline): missed \(deadline.missedRecorded) → \(deadline.missedProposed), met \(deadline.metRecorded) → \(deadline.metProposed)"
            )
        }
        return lines.joined(separator: "\n")
    }
}
