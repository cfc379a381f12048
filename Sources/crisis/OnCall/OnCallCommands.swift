import ArgumentParser
import CrisisApp
import Foundation

/// `crisis oncall ...`: who is on call for each organisational role, at levels 1 and 2.
struct OnCallCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oncall",
        abstract: "The on-call schedule: who is paged for each role, and the backup.",
        discussion: """
            Level 1 is paged first; level 2 is the backup, paged when level 1 does not
            acknowledge. Overlapping shifts are allowed: everyone on call is paged.
            The commander or a roster administrator changes the schedule; every change
            is recorded, so who was on call at any moment has one answer.
            """,
        subcommands: [AddShift.self, RemoveShift.self, ShowOnCall.self]
    )
}

/// Runs `body` on the on-call desk of the open database, turning failures into exit codes.
@discardableResult
func onCallRun<Result>(_ options: ConnectionOptions, _ body: (OnCallDesk) async throws -> Result) async throws
    -> Result
{
    try await IncidentSession.run(options) { session in
        try await body(OnCallDesk(handler: session.handler))
    }
}
