import CrisisDomain
import CrisisStore
import Foundation

/// `crisis oncall|contact|channel`: the on-call schedule, where people are paged and the
/// channels pages go out on, kept in the `oncall` stream and changed through the one command
/// handler like every other aggregate.
public struct OnCallDesk: Sendable {
    /// The name of the stream that holds the schedule.
    public static let stream = "oncall"

    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// The schedule as recorded now, or as it had been recorded by `recordedBy` (who was on call
    /// at 02:10 as the team knew it then, before any later correction).
    public func schedule(asRecordedBy recordedBy: Date? = nil) async throws(CommandError) -> OnCallSchedule {
        try await StreamFold<OnCallDecider>(store: handler.database.store).fold(
            Self.streamID(), keepHistory: false,
            including: { event in recordedBy.map { event.recordedAt <= $0 } ?? true }
        ).state
    }

    /// Decides and records one change; returns the schedule after it.
    @discardableResult
    public func execute(_ command: OnCallCommand) async throws(CommandError) -> OnCallSchedule {
        let (actor, roster) = try await handler.actorAndRoster()
        let administers = try await handler.database.sessionMayCreateRoles()
        var schedules = CommandHandler<OnCallDecider>(store: handler.database.store)
        schedules.attempts = handler.attempts
        let run = CommandHandler<OnCallDecider>.Run(
            command: command, stream: try Self.streamID(), commandID: handler.commandID, actor: actor.databaseRole,
            metadata: { _ in EventMetadata(command: command.name) },
            decider: { _ in
                OnCallDecider(
                    actor: actor, administersRoster: administers, roster: roster,
                    roles: RoleDefinition.standardIdentifiers)
            },
            conflict: { _ in
                "the on-call schedule kept changing while this change was decided; look at it again and retry"
            })
        return try await schedules.execute(run).folded.state
    }

    static func streamID() throws(CommandError) -> StreamID {
        do {
            return try StreamID(stream)
        } catch {
            throw .corrupt("\(stream) cannot name the on-call stream: \(error)")
        }
    }
}

extension OnCallCommand {
    /// The command's name in its events' metadata.
    var name: String {
        switch self {
        case .addShift: "add-shift"
        case .removeShift: "remove-shift"
        case .setContact: "set-contact"
        case .addChannel: "add-channel"
        }
    }
}
