/// Phase transitions: `act` and `close`, gated by the workflow's states, roles and guards.
extension Decision {
    func decideAct(action name: String, note: String?) throws(Refusal) -> [IncidentEvent] {
        guard let current = definition.state(named: state.currentState) else {
            throw Refusal(
                .workflowUnknownState,
                "The incident is in \(state.currentState), which its workflow does not name.")
        }
        guard let action = current.actions.first(where: { $0.name == name }) else {
            let elsewhere = definition.states.filter { $0.actions.contains { $0.name == name } }.map(\.name)
            if elsewhere.isEmpty {
                throw Refusal(
                    .actionUnknown,
                    "The \(definition.kind) workflow has no action \"\(name)\"; run `crisis incident actions ID` to see what is open now."
                )
            }
            throw Refusal(
                .actionNotAvailableInState,
                "\(name) can be taken only in \(elsewhere.joined(separator: ", ")); the incident is in \(state.currentState). "
                    + "Run `crisis incident actions ID` to see what is open now.")
        }
        guard actor.holdsAny(of: action.roles) else {
            throw Refusal(
                .actionRole,
                "\(actor.databaseRole) may not take \(name): only \(action.roles.joined(separator: ", ")) may; ask one of them."
            )
        }
        try checkIdentifiabilityFinding(action: name, note: note)
        let closes = definition.state(named: action.target)?.isFinal == true
        // A freeze still in force blocks the close (issue 16), whatever else still waits: the
        // accounts would stay paused with nobody left to end the pause.
        if closes { try checkNoFreezeInForce() }
        // The note is kept as typed; one of nothing but whitespace is no note.
        let givenNote = note.typedText
        if action.requiresNote && givenNote == nil {
            throw Refusal(
                .actionNoteRequired, "\(name) needs a note saying what was found or decided; add --note TEXT.")
        }
        let unmet = unmetGuards(action)
        guard unmet.isEmpty else {
            throw Refusal(
                .actionGuard,
                "\(name) is blocked: " + unmet.map { "\($0.explanation) (\($0.missing))" }.joined(separator: "; ")
                    + ". Do that first, then try again.")
        }
        var events: [IncidentEvent] = [
            .actionTaken(ActionTaken(action: name, from: state.currentState, to: action.target, note: givenNote))
        ]
        if closes {
            events.append(.incidentClosed(IncidentClosed(finalState: action.target, note: givenNote)))
        } else {
            events += automaticFreezes(on: name).map(IncidentEvent.freeze)
        }
        return events
    }

    func decideClose(note: String?) throws(Refusal) -> [IncidentEvent] {
        let closing =
            definition.state(named: state.currentState)?.actions.filter {
                definition.state(named: $0.target)?.isFinal == true
            } ?? []
        guard let first = closing.first else {
            throw Refusal(
                .closeNotAvailable,
                "The incident cannot be closed from \(state.currentState); run `crisis incident actions ID` to see the next step."
            )
        }
        var firstRefusal: Refusal?
        for action in closing {
            do throws(Refusal) {
                return try decideAct(action: action.name, note: note)
            } catch {
                if firstRefusal == nil { firstRefusal = error }
            }
        }
        throw firstRefusal ?? Refusal(.closeNotAvailable, "\(first.name) cannot be taken now.")
    }

    func unmetGuards(_ action: ActionDefinition) -> [UnmetGuard] {
        action.guards.compactMap { name in
            let result = definition.evaluate(guardNamed: name, on: state)
            guard !result.isSatisfied else { return nil }
            let explanation = definition.guardDefinition(named: name)?.explanation ?? name
            return UnmetGuard(guardName: name, explanation: explanation, missing: result.missing)
        }
    }
}

/// A guard that does not hold yet, with what it asks for and what is missing.
public struct UnmetGuard: Sendable, Equatable, Codable {
    public var guardName: String
    public var explanation: String
    public var missing: String

    /// One sentence for the terminal.
    public var sentence: String { "\(explanation): \(missing)" }
}
