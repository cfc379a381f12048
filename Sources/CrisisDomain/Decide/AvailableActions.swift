/// An action of the incident's current state: where it leads, who may take it, and what still blocks it.
public struct ActionAvailability: Sendable, Equatable, Codable {
    public var action: String
    public var title: String
    public var target: String
    public var allowedRoles: [String]
    public var unmetGuards: [UnmetGuard]
    /// Whether the given actor holds one of the allowed roles (nil when no actor was given).
    public var actorMayTake: Bool?
    public var requiresNote: Bool

    /// Open now: no guard blocks it (and the actor, if given, may take it).
    public var isOpen: Bool { unmetGuards.isEmpty && actorMayTake != false }
}

/// What `crisis incident actions ID` lists: the actions of the current state with their blockers.
public func availableActions(
    _ state: IncidentState, _ definition: WorkflowDefinition, actor: Actor? = nil
) -> [ActionAvailability] {
    guard state.isOpen, let current = definition.state(named: state.currentState) else { return [] }
    let decision = Decision(
        command: .note(""), state: state, definition: definition,
        actor: actor ?? Actor(databaseRole: "", organisationalRoles: []), now: .distantPast)
    return current.actions.map { action in
        ActionAvailability(
            action: action.name, title: action.title, target: action.target, allowedRoles: action.roles,
            unmetGuards: decision.unmetGuards(action), actorMayTake: actor.map { $0.holdsAny(of: action.roles) },
            requiresNote: action.requiresNote)
    }
}

/// The checklist the current state asks for.
public func checklist(_ state: IncidentState, _ definition: WorkflowDefinition) -> [String] {
    definition.state(named: state.currentState)?.checklist ?? []
}
