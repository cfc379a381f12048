import ArgumentParser
import CrisisApp
import Foundation

/// `crisis oncall add`: puts a person on call for a role over a period.
struct AddShift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Put a person on call for a role from one time until another.",
        discussion: """
            Example:
              crisis oncall add --role legal --person lee --from 2026-12-05T18:00:00-05:00 --until 2026-12-06T08:00:00-05:00
              crisis oncall add --role legal --person dana --from ... --until ... --level 2
            """)

    @Option(help: "The organisational role (commander, legal, privacy-officer, ...).") var role: String
    @Option(help: "The person on call (their roster name).") var person: String
    @Option(help: ArgumentHelp("When the shift starts. \(Timestamp.helpNote)", valueName: "TIME")) var from: Timestamp
    @Option(help: ArgumentHelp("When the shift ends.", valueName: "TIME")) var until: Timestamp
    @Option(help: "1 is paged first, 2 is the backup.") var level = 1
    @Flag(help: "Print the new shift's id as JSON.") var json = false
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let schedule = try await onCallRun(connection) { desk in
            try await desk.execute(
                .addShift(role: role, person: person, from: from.date, until: until.date, level: level))
        }
        // The shift this command added (a retried --command-id answers with today's schedule).
        let id =
            schedule.shifts.last {
                $0.role == role && $0.person == person && $0.from == from.date && $0.until == until.date
                    && $0.level == level
            }?.id ?? ""
        try printCreated(id: id, json: json, message: "\(person) is on call for \(role) at level \(level):")
    }
}
