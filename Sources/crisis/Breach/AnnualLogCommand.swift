import ArgumentParser
import CrisisApp
import Foundation

/// `crisis breach ...`: reports a breach owes beyond its incident.
struct BreachReportCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breach",
        abstract:
            "Reports breaches owe to HHS beyond their incident (the annual log of breaches under 500), and business associates' notices.",
        subcommands: [AnnualLogCommand.self, BusinessAssociateCommand.self]
    )
}

/// `crisis breach annual-log`: the breaches of fewer than 500 discovered in a year, for the HHS portal.
struct AnnualLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual-log",
        abstract: "Every breach of fewer than 500 discovered in a year, and which are still to submit to HHS.",
        discussion: """
            45 CFR 164.408(c): a breach affecting fewer than 500 individuals is reported to
            HHS no later than 60 days after the end of the calendar year of its discovery
            (1 March; 29 February in a leap year), each breach its own entry. Once entered
            in the HHS portal, record it:
              crisis notification record ID --to hhs --at TIME --count N
            Example:
              crisis breach annual-log --year 2026
              crisis breach annual-log --year 2026 --csv > hhs-2026.csv
            Without --year: last year through 1 March, this year after.
            """)

    @Option(help: "The calendar year of discovery.") var year: Int?
    @Flag(help: "Print one JSON document.") var json = false
    @Flag(help: "Print CSV, one breach a row, for a spreadsheet.") var csv = false
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if json && csv { throw ValidationError("give --json or --csv, not both") }
        if let year, !(1996...9999).contains(year) {
            throw ValidationError("--year must be a calendar year such as 2026, not \(year)")
        }
    }

    func run() async throws {
        let now = Date()
        let calendar = Calendar(identifier: .gregorian)
        let thisYear = calendar.component(.year, from: now)
        // Last year's log stays the default through its last day (1 March, 29 February in a leap year).
        let month = calendar.component(.month, from: now)
        let chosen =
            year ?? (month <= 2 || (month == 3 && calendar.component(.day, from: now) == 1) ? thisYear - 1 : thisYear)
        let entries = try await IncidentSession.run(connection) { session in
            let incidents = try await IncidentDirectory(handler: session.handler).all()
            return annualLog(
                incidents.compactMap { incident in incident.definition.map { (incident.state, $0) } }, year: chosen,
                now: now)
        }
        if json {
            try Terminal.printJSON(entries)
        } else if csv {
            print(Self.csv(entries))
        } else {
            print(Self.text(entries, year: chosen))
        }
    }

    static func day(_ date: Date?) -> String { date.map { $0.formatted(.iso8601.year().month().day()) } ?? "" }

    static func csv(_ entries: [AnnualLogEntry]) -> String {
        let header = [
            "incident", "kind", "discovered", "affected", "residents_by_state", "unreachable", "platforms",
            "individuals_first_notified", "individuals_notified", "substitute_notice", "media_notice", "hhs_submitted",
            "hhs_log_entry",
            "last_day", "status",
        ]
        let rows = entries.map { entry in
            [
                entry.incidentId.uuidString.lowercased(), entry.kind, day(entry.discoveredAt),
                entry.affected.map(String.init) ?? "unknown",
                entry.residentsByState.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                    separator: " "),
                entry.unreachable.map(String.init) ?? "", entry.platforms.joined(separator: " "),
                day(entry.individualsFirstNotifiedAt), String(entry.individualsNotified), day(entry.substituteNoticeAt),
                day(entry.mediaNoticeAt), day(entry.submittedAt), entry.hhsLogEntry ?? "", entry.lastDay,
                entry.status.rawValue,
            ]
        }
        return ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n")
    }

    static func csvField(_ text: String) -> String {
        // A spreadsheet runs a cell that starts with = + - or @ as a formula: keep it text.
        let text = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func text(_ entries: [AnnualLogEntry], year: Int) -> String {
        guard !entries.isEmpty else { return "No breach of fewer than 500 was discovered in \(year)." }
        let table = Terminal.table(
            ["INCIDENT", "DISCOVERED", "AFFECTED", "INDIVIDUALS NOTIFIED", "HHS", "LAST DAY"],
            entries.map { entry in
                [
                    String(entry.incidentId.uuidString.lowercased().prefix(8)), day(entry.discoveredAt),
                    entry.affected.map(String.init) ?? "unknown",
                    entry.individualsFirstNotifiedAt.map { "\(day($0)) (\(entry.individualsNotified))" } ?? "not yet",
                    entry.submittedAt.map { "submitted \(day($0))" } ?? entry.status.rawValue, entry.lastDay,
                ]
            })
        let open = entries.filter { $0.status != .submitted }
        let summary =
            open.isEmpty
            ? "Every breach of \(year) is submitted to HHS."
            : "\(open.count) of \(entries.count) still to submit to HHS, the first by the end of \(open.map(\.lastDay).min() ?? "")."
        return table + "\n" + summary
    }
}
