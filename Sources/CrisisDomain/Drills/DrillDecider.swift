import Foundation

/// What is asked of the drill schedule.
public enum DrillCommand: Sendable, Equatable {
    /// `crisis drill schedule --kind K --at T`.
    case schedule(kind: String, at: Date)
    /// Recorded by `crisis watch` once it opened the drill incident.
    case recordStarted(drillId: String, incident: UUID)

    /// The command's name in its events' metadata.
    public var name: String {
        switch self {
        case .schedule: "schedule-drill"
        case .recordStarted: "start-drill"
        }
    }
}

/// The drill schedule as a ``Decider`` (issue 16): the commander or the privacy officer
/// schedules a drill; `crisis watch` starts it at its time, unannounced. A stream of its own
/// (`drills`) so that a drill's time is not in any incident, and nobody paged sees it coming.
public struct DrillDecider: Decider {
    public typealias Command = DrillCommand
    public typealias Event = DrillEvent
    public typealias State = DrillSchedule

    /// Who schedules drills.
    public static let schedulers = ["commander", "privacy-officer"]

    public var actor: Actor
    public var now: Date
    /// The incident kinds a drill may be of (the workflows there are).
    public var kinds: [String]

    public init(actor: Actor, now: Date, kinds: [String]) {
        self.actor = actor
        self.now = now
        self.kinds = kinds
    }

    public static var initial: DrillSchedule { DrillSchedule() }

    public static func evolve(_ state: consuming DrillSchedule, _ recorded: Recorded<DrillEvent>) -> DrillSchedule {
        state.applying(recorded)
    }

    public func decide(_ command: DrillCommand, _ schedule: DrillSchedule) throws(Refusal) -> [DrillEvent] {
        switch command {
        case .schedule(let kind, let at):
            guard kinds.contains(kind) else {
                throw Refusal(
                    .inputUnknownKind,
                    "There is no workflow for the kind \"\(kind)\"; use one of: \(kinds.joined(separator: ", ")).")
            }
            guard at > now else {
                throw Refusal(
                    .drillTimeInPast,
                    "A drill cannot be scheduled in the past; give a time still to come with --at.")
            }
            guard actor.holdsAny(of: Self.schedulers) else {
                throw Refusal(
                    .permissionRole,
                    "\(actor.databaseRole) may not schedule drills: that is for the commander or the privacy officer; ask one of them."
                )
            }
            return [.drillScheduled(DrillScheduled(drillId: "d\(schedule.drills.count + 1)", kind: kind, at: at))]
        case .recordStarted(let id, let incident):
            guard let drill = schedule.drill(id) else {
                throw Refusal(.inputUnknownDrill, "There is no scheduled drill \(id); `crisis drill list` shows them.")
            }
            // Started already (two watchers at once): nothing more to record.
            if drill.incident != nil { return [] }
            return [.drillStarted(DrillStarted(drillId: id, incidentId: incident))]
        }
    }
}
