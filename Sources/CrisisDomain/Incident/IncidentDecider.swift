import Foundation

/// The incident aggregate as a ``Decider``: the rules of the workflow the incident opened under,
/// applied for one person at one moment.
public struct IncidentDecider: Decider {
    public typealias Command = IncidentCommand
    public typealias Event = IncidentEvent
    public typealias State = IncidentState

    /// The definition the incident opened under (or opens under, for `open`).
    public var definition: WorkflowDefinition
    public var actor: Actor
    public var now: Date
    /// The roster read with the actor: whom access may be given to (nil: not checked).
    public var roster: Roster?

    public init(definition: WorkflowDefinition, actor: Actor, now: Date, roster: Roster? = nil) {
        self.definition = definition
        self.actor = actor
        self.now = now
        self.roster = roster
    }

    public static var initial: IncidentState { .initial }

    public static func evolve(_ state: consuming IncidentState, _ recorded: Recorded<IncidentEvent>) -> IncidentState {
        CrisisDomain.evolve(state, recorded)
    }

    public func decide(_ command: IncidentCommand, _ state: IncidentState) throws(Refusal) -> [IncidentEvent] {
        try CrisisDomain.decide(command, state, definition, actor: actor, now: now, roster: roster)
    }
}
