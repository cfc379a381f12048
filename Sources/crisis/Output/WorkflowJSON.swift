import CrisisApp

/// `crisis workflow show KIND --json`: the definition as data, for scripts
/// and policy tooling (the YAML file stays the source).
struct WorkflowJSON: Encodable {
    struct State: Encodable {
        var name: String
        var title: String
        var final: Bool
        var checklist: [String]
        var actions: [Action]
    }
    struct Action: Encodable {
        var name: String
        var title: String
        var to: String
        var roles: [String]
        var guards: [String]
        var requiresNote: Bool
    }
    struct Guard: Encodable {
        var name: String
        var check: String
        var explanation: String
        var citation: String?
        var whenActionTaken: String?
    }
    struct Deadline: Encodable {
        var name: String
        var title: String
        var citation: String
        var within: String
        var escalateTo: String
    }
    struct ConditionalApproval: Encodable {
        var role: String
        var whenAnyActionTaken: [String]
        var reason: String
    }
    struct Template: Encodable {
        var name: String
        var title: String
        var channel: String
        var placeholders: [String]
    }

    var kind: String
    var version: Int
    var contentHash: String
    var title: String
    var initialState: String
    var roles: [String]
    var requiredApprovals: [String]
    var conditionalApprovals: [ConditionalApproval]
    /// Which organisational roles may issue each command other than `act` (actions name their own).
    var permissions: [String: [String]]
    /// The action that starts the HIPAA breach track, when it does not apply from the start.
    var breachTrackStartsWith: String?
    /// The findings that settle whether a patient is identifiable (`identifiability:`).
    var identifiability: [String: String]?
    var states: [State]
    var guards: [Guard]
    var deadlines: [Deadline]
    var templates: [Template]

    init(_ d: WorkflowDefinition) {
        kind = d.kind
        version = d.version
        contentHash = d.contentHash
        title = d.title
        initialState = d.initialState
        roles = d.roles.map(\.id)
        requiredApprovals = d.messagePolicy.requiredApprovals
        conditionalApprovals = d.messagePolicy.conditionalApprovals.map {
            ConditionalApproval(role: $0.role, whenAnyActionTaken: $0.whenAnyActionTaken, reason: $0.reason)
        }
        permissions = Dictionary(uniqueKeysWithValues: d.permissions.map { ($0.key.rawValue, $0.value) })
        breachTrackStartsWith = d.breachTrackStartsWith
        identifiability = d.identifiability.map {
            ["identifiable": $0.identifiable, "notIdentifiable": $0.notIdentifiable]
        }
        states = d.states.map { s in
            State(
                name: s.name, title: s.title, final: s.isFinal, checklist: s.checklist,
                actions: s.actions.map {
                    Action(
                        name: $0.name, title: $0.title, to: $0.target, roles: $0.roles, guards: $0.guards,
                        requiresNote: $0.requiresNote)
                })
        }
        guards = d.guards.map {
            Guard(
                name: $0.name, check: $0.check.keyword, explanation: $0.explanation, citation: $0.citation,
                whenActionTaken: $0.whenActionTaken)
        }
        deadlines = d.deadlines.map {
            Deadline(
                name: $0.name, title: $0.title, citation: $0.citation, within: $0.within.description,
                escalateTo: $0.escalateTo)
        }
        templates = d.templates.map {
            Template(name: $0.name, title: $0.title, channel: $0.channel, placeholders: $0.placeholders)
        }
    }
}

/// `crisis workflow validate --json`: what loaded, and every problem with its place.
struct ValidationJSON: Encodable {
    struct Loaded: Encodable {
        var kind: String
        var version: Int
        var contentHash: String
    }
    struct Problem: Encodable {
        var file: String
        var line: Int
        var column: Int
        var code: String
        var message: String
    }
    var valid: Bool
    var workflows: [Loaded]
    var problems: [Problem]
}
