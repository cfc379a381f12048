import Foundation

/// A policy proposal as a ``Decider``: proposed from incidents, decided by the privacy officer or
/// legal, adopted by the workflow version that carries it.
public struct PolicyDecider: Decider {
    public typealias Command = PolicyCommand
    public typealias Event = PolicyEvent
    public typealias State = PolicyProposal

    public var actor: Actor

    public init(actor: Actor) {
        self.actor = actor
    }

    public static var initial: PolicyProposal { PolicyProposal() }

    public static func evolve(_ state: consuming PolicyProposal, _ recorded: Recorded<PolicyEvent>) -> PolicyProposal {
        state.evolved(recorded.event, by: recorded.actor, at: recorded.recordedAt, version: recorded.version)
    }

    public func decide(_ command: PolicyCommand, _ state: PolicyProposal) throws(Refusal) -> [PolicyEvent] {
        try PolicyRules.decide(command, state, actor: actor)
    }
}
