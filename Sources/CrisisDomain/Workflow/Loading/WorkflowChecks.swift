/// The checks that need the whole file: names defined once, references that resolve, and a state
/// machine where every state is reachable and every non-final state has a way out.
struct WorkflowChecks {
    var fields: YAMLFields
    let references: WorkflowFileReader.References

    mutating func run(_ definition: WorkflowDefinition?) {
        checkKindMatchesFile()
        checkDuplicates(references.roles, "role")
        checkDuplicates(references.states, "state")
        checkDuplicates(references.guards, "guard")
        checkDuplicates(references.deadlines, "deadline")
        checkDuplicates(references.templates, "template")
        for state in Set(references.actions.map(\.state)) {
            checkDuplicates(references.actions.filter { $0.state == state }.map(\.name), "action in state \(state)")
        }
        checkReferences()
        if let definition { checkGraph(definition) }
    }

    private mutating func checkKindMatchesFile() {
        guard let kind = references.kind, fields.file.hasSuffix(".yaml") else { return }
        let base = String(fields.file.split(separator: "/").last ?? "").replacingOccurrences(of: ".yaml", with: "")
        if base != kind.value {
            fields.report(
                kind.at, "kind-mismatch",
                "The kind is \"\(kind.value)\" but the file is named \(base).yaml; they must match.")
        }
    }

    private mutating func checkDuplicates(_ names: [Located<String>], _ what: String) {
        var seen: [String: Spot] = [:]
        for name in names {
            if let first = seen[name.value] {
                fields.report(
                    name.at, "duplicate-name",
                    "The \(what) \"\(name.value)\" is defined twice (first on line \(first.line)); give each a unique name."
                )
            } else {
                seen[name.value] = name.at
            }
        }
    }

    private mutating func checkReferences() {
        let states = Set(references.states.map(\.value))
        let roles = Set(RoleDefinition.standardIdentifiers + references.roles.map(\.value))
        let guards = Set(references.guards.map(\.value))
        let actions = Set(references.actions.map(\.name.value))
        for (ref, context) in references.stateRefs where !states.contains(ref.value) {
            fields.report(
                ref.at, "unknown-state",
                "\(context) names the state \"\(ref.value)\", which is not defined; define it under states or fix the name."
            )
        }
        for (ref, context) in references.roleRefs where !roles.contains(ref.value) {
            fields.report(
                ref.at, "unknown-role",
                "\(context) names the role \"\(ref.value)\", which is neither a standard role nor listed under roles.")
        }
        for (ref, context) in references.guardRefs where !guards.contains(ref.value) {
            fields.report(
                ref.at, "unknown-guard",
                "\(context) names the guard \"\(ref.value)\", which is not defined under guards.")
        }
        for (ref, context) in references.actionRefs where !actions.contains(ref.value) {
            fields.report(
                ref.at, "unknown-action", "\(context) names the action \"\(ref.value)\", which no state offers.")
        }
    }

    private mutating func checkGraph(_ definition: WorkflowDefinition) {
        let spots = references.stateSpots
        if !definition.states.contains(where: \.isFinal), let first = references.states.first {
            fields.report(first.at, "no-final-state", "No state is final; mark the closing state with final: true.")
        }
        for state in definition.states {
            let at = spots[state.name] ?? Spot(nil)
            if state.isFinal && !state.actions.isEmpty {
                fields.report(
                    at, "final-with-actions",
                    "The final state \(state.name) has actions; a final state ends the incident, so remove them or make it non-final."
                )
            }
            if !state.isFinal && state.actions.isEmpty {
                fields.report(
                    at, "dead-end",
                    "The state \(state.name) is not final and has no actions: an incident there could never move on or close."
                )
            }
        }
        var reached: Set<String> = [definition.initialState]
        var frontier = [definition.initialState]
        while let name = frontier.popLast() {
            for action in definition.state(named: name)?.actions ?? [] where !reached.contains(action.target) {
                reached.insert(action.target)
                frontier.append(action.target)
            }
        }
        for state in definition.states where !reached.contains(state.name) {
            fields.report(
                spots[state.name] ?? Spot(nil), "unreachable-state",
                "No path from the initial state \(definition.initialState) reaches \(state.name); add an action leading to it or remove it."
            )
        }
    }
}
