import ArgumentParser
import CrisisApp
import Foundation

/// `crisis oncall show`: who is on call for every role at a moment, and the roles nobody covers.
struct ShowOnCall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Who is on call for every role at levels 1 and 2, and which roles nobody covers.",
        discussion: """
            Example:
              crisis oncall show --at 2026-11-23T02:10:00-05:00
              crisis oncall show --at 2026-11-23T02:10:00-05:00 --as-recorded 2026-11-23T02:10:00-05:00
            A role with nobody on call at any time in the 7 days after the moment is named as a gap.
            --as-recorded answers "who was on call then, as the schedule stood then": shifts
            added or removed later do not count.
            """)

    @Option(help: ArgumentHelp("The moment to look at (default: now). \(Timestamp.helpNote)", valueName: "TIME"))
    var at: Timestamp?
    @Option(
        name: .customLong("as-recorded"),
        help: ArgumentHelp(
            "Read the schedule as it had been recorded at that time, before any later change.", valueName: "TIME"))
    var asRecorded: Timestamp?
    @Flag(help: "Print one JSON document.") var json = false
    @OptionGroup var connection: ConnectionOptions

    /// The JSON form of the schedule at one moment.
    struct Report: Encodable {
        struct RoleOnCall: Encodable {
            var role: String
            var level1: [String]
            var level2: [String]
        }
        var at: Date
        var roles: [RoleOnCall]
        var gaps: [String]
        var shifts: [OnCallSchedule.Shift]
    }

    func run() async throws {
        let moment = at?.date ?? Date()
        let schedule = try await onCallRun(connection) { try await $0.schedule(asRecordedBy: asRecorded?.date) }
        let roles = RoleDefinition.standardIdentifiers.filter { $0 != "auditor" }
        let report = Report(
            at: moment,
            roles: roles.map {
                .init(
                    role: $0, level1: schedule.onCall($0, level: 1, at: moment),
                    level2: schedule.onCall($0, level: 2, at: moment))
            },
            gaps: schedule.gaps(in: roles, from: moment), shifts: schedule.shifts)
        if json {
            try Terminal.printJSON(report)
            return
        }
        print("On call at \(moment.formatted(.iso8601)):")
        print(
            Terminal.table(
                ["ROLE", "LEVEL 1", "LEVEL 2 (BACKUP)"],
                report.roles.map { role in
                    [role.role, Self.names(role.level1), Self.names(role.level2)]
                }))
        if !report.gaps.isEmpty {
            print("Nobody on call in the next 7 days for: \(report.gaps.joined(separator: ", ")).")
        }
        if !schedule.shifts.isEmpty {
            print("")
            print(
                Terminal.table(
                    ["SHIFT", "ROLE", "PERSON", "LEVEL", "FROM", "UNTIL"],
                    schedule.shifts.map {
                        [
                            $0.id, $0.role, $0.person, String($0.level), $0.from.formatted(.iso8601),
                            $0.until.formatted(.iso8601),
                        ]
                    }))
        }
    }

    static func names(_ people: [String]) -> String { people.isEmpty ? "nobody" : people.joined(separator: ", ") }
}
