import ArgumentParser
import CrisisApp
import Foundation

/// `crisis drill ...`: rehearsals scheduled in advance and started, unannounced, by `crisis watch`.
struct DrillCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Schedule drills: rehearsals that `crisis watch` starts, unannounced, at their time.",
        discussion: """
            A drill is an incident opened with `crisis incident open --drill`: it runs the whole
            workflow and pages the people on call as a real one would (every page says DRILL
            first), is marked DRILL on every read, is never counted in the policy review's real
            figures, and is kept for good as evidence of training (45 CFR 164.530(b)).
            The commander or the privacy officer schedules one; `crisis watch` opens it when its
            time comes.
            """,
        subcommands: [Schedule.self, List.self]
    )

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Schedule a drill of one incident kind at a time still to come.",
            discussion: """
                Example:
                  crisis drill schedule --kind phi-leak --at 2026-12-10T02:00:00-05:00
                """)

        @Option(help: "The incident kind (its workflow) to rehearse.") var kind: String
        @Option(help: "When `crisis watch` starts it (\(Timestamp.helpNote)); not in the past.") var at: Timestamp
        @Flag(help: "Print {\"id\": ...}.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let schedule = try await IncidentSession.run(connection) { session in
                try await DrillDesk(handler: session.handler).execute(.schedule(kind: kind, at: at.date))
            }
            let id = schedule.drills.last?.id ?? "-"
            if json {
                try Terminal.printJSON(["id": id])
            } else {
                print("Scheduled \(kind) drill \(id) at \(Timestamps.utc(at.date)); `crisis watch` starts it then.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The drills scheduled, and the incident each one opened.",
            discussion: "Example:\n  crisis drill list --json")

        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let schedule = try await IncidentSession.run(connection) { session in
                try await DrillDesk(handler: session.handler).schedule()
            }
            if json {
                try Terminal.printJSON(schedule.drills)
                return
            }
            if schedule.drills.isEmpty {
                print("No drills scheduled.")
                return
            }
            print(
                Terminal.table(
                    ["ID", "KIND", "AT (UTC)", "BY", "INCIDENT"],
                    schedule.drills.map {
                        [
                            $0.id, $0.kind, Timestamps.utc($0.at), $0.scheduledBy,
                            $0.incident.map { String($0.uuidString.lowercased().prefix(8)) } ?? "not started",
                        ]
                    }))
        }
    }
}
