import ArgumentParser
import CrisisApp
import Foundation

/// An audit time on the command line: ISO 8601 with an offset and up to six fractional digits.
struct AuditTimestamp: ExpressibleByArgument {
    var microseconds: Int64

    init?(argument: String) {
        guard let micros = AuditTime.parseMicroseconds(argument) else { return nil }
        microseconds = micros
    }

    static var defaultValueDescription: String { "ISO 8601 with an offset, e.g. 2026-11-23T09:30:00.250000-05:00" }
}

extension AuditCommands {
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Rebuild an incident as it stood at a moment, under the workflow it opened with.",
            discussion: """
                Folds the incident's events recorded at or before --as-of (or at or below
                global position --at-position) and prints the state, roles, messages with
                their approvals, removals, risk assessment and deadlines (met, missed or
                pending as of that moment). Without either option, replays everything.
                Every replay is recorded in the access-log stream.

                Examples:
                  crisis audit replay 3f2a9c1e --as-of 2026-11-23T09:30:00-05:00
                  crisis audit replay 3f2a9c1e --at-position 1204 --json
                """)

        @Argument(help: "The incident id (or its first 8+ characters).") var id: String
        @Option(help: "Replay events recorded at or before this time (ISO 8601 with an offset).")
        var asOf: AuditTimestamp?
        @Option(help: "Replay events at or below this global position.") var atPosition: Int64?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var reading: ReadFromOption

        func validate() throws {
            if asOf != nil && atPosition != nil {
                throw ValidationError("give --as-of or --at-position, not both")
            }
            if let atPosition, atPosition < 1 {
                throw ValidationError("--at-position must be 1 or more")
            }
        }

        var moment: ReplayMoment {
            if let asOf { return .asOf(microseconds: asOf.microseconds) }
            if let atPosition { return .atPosition(atPosition) }
            return .now
        }

        func run() async throws {
            let moment = moment
            let result = try await IncidentSession.run(connection, readFrom: reading) { session in
                let stream = try await session.resolve(id)
                try await AccessLog(database: session.database).record(
                    "replay", subject: stream.rawValue, detail: ["moment": "\(moment)"])
                return try await AuditReplay(handler: session.handler).replay(stream, at: moment, keepHistory: false)
            }
            if json {
                try Terminal.printJSON(ReplayOutput(result))
            } else {
                print(
                    Terminal.bold(
                        "Replay as of \(Timestamps.utc(result.asOf)) (through global position \(result.lastPosition), version \(result.incident.version))"
                    ))
                print(result.report.text)
            }
        }
    }
}

/// The JSON shape of a replay: the moment, and the incident as `incident show --json` prints it.
struct ReplayOutput: Encodable {
    var asOf: Date
    var lastPosition: Int64
    var incident: IncidentReport

    init(_ result: AuditReplay.Result) {
        asOf = result.asOf
        lastPosition = result.lastPosition
        incident = result.report
    }
}
