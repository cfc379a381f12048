/// One incident kind's rules, loaded from `Workflows/KIND.yaml`: roles, states, actions, guards,
/// deadlines, checklists and response templates. An incident is pinned to the definition
/// (kind, version, content hash) it opened under.
public struct WorkflowDefinition: Sendable, Equatable {
    public var kind: String
    public var version: Int
    public var title: String
    public var summary: String
    /// SHA-256 (lowercase hex) of the file's bytes.
    public var contentHash: String
    public var fileName: String
    public var roles: [RoleDefinition]
    public var initialState: String
    public var states: [StateDefinition]
    public var guards: [GuardDefinition]
    public var deadlines: [DeadlineDefinition]
    public var templates: [TemplateDefinition]
    public var messagePolicy: MessagePolicy
    /// Which organisational roles may issue each non-`act` command (see ``CommandName``).
    public var permissions: [CommandName: [String]]
    public var businessHours: BusinessHours
    /// The state overlays merged into this definition (their clocks are in ``deadlines``).
    public var overlays: [OverlayReference]
    /// When set, the HIPAA breach track (presumption, notification clocks) applies only once this
    /// action has been taken (e.g. `mark-patient-identifiable` for a video); otherwise from the start.
    public var breachTrackStartsWith: String?
    /// `identifiability:` (issue 18): a possible breach until one of its findings is recorded;
    /// "not identifiable", signed by the privacy officer, ends the breach track.
    public var identifiability: IdentifiabilityFindings?
    /// Which events page whom (the `pages:` section).
    public var paging: PagingPolicy
    /// Which publishing accounts pause, and when (the `freeze:` section, issue 16).
    public var freeze: FreezePolicy
    /// How many years an incident's record is kept after it closes before its PHI may be shredded
    /// (`retention-years:`; at least six, 45 CFR 164.316(b)(2)).
    public var retentionYears: Int
    /// "Without unreasonable delay" (164.404(b)): a notice to individuals, by substitute or to the
    /// media made later than this after discovery must say why (`breach: prompt-notice:`, issue 18).
    public var promptNotice: WorkflowDuration?

    public init(
        kind: String, version: Int, title: String, summary: String, contentHash: String, fileName: String,
        roles: [RoleDefinition], initialState: String, states: [StateDefinition], guards: [GuardDefinition],
        deadlines: [DeadlineDefinition], templates: [TemplateDefinition], messagePolicy: MessagePolicy,
        permissions: [CommandName: [String]], businessHours: BusinessHours, overlays: [OverlayReference] = [],
        breachTrackStartsWith: String? = nil, paging: PagingPolicy = .none, freeze: FreezePolicy = .none,
        retentionYears: Int = RetentionRecord.defaultYears, identifiability: IdentifiabilityFindings? = nil,
        promptNotice: WorkflowDuration? = nil
    ) {
        self.identifiability = identifiability
        self.kind = kind
        self.version = version
        self.title = title
        self.summary = summary
        self.contentHash = contentHash
        self.fileName = fileName
        self.roles = roles
        self.initialState = initialState
        self.states = states
        self.guards = guards
        self.deadlines = deadlines
        self.templates = templates
        self.messagePolicy = messagePolicy
        self.permissions = permissions
        self.businessHours = businessHours
        self.overlays = overlays
        self.breachTrackStartsWith = breachTrackStartsWith
        self.paging = paging
        self.freeze = freeze
        self.retentionYears = retentionYears
        self.promptNotice = promptNotice
    }

    /// Whether a breach is presumed for this incident under this workflow (164.402(2)): the breach
    /// track applies, no exclusion applies and no low-probability conclusion has been signed.
    public func isBreachPresumed(_ state: IncidentState) -> Bool {
        if let action = breachTrackStartsWith, !state.hasTaken(action) { return false }
        if identifiability?.ruledOut(state) == true { return false }
        return state.breach.isBreachPresumed
    }

    /// The reference an incident records when it opens under this definition.
    public var reference: WorkflowReference {
        WorkflowReference(kind: kind, version: version, contentHash: contentHash)
    }

    public func state(named name: String) -> StateDefinition? {
        states.first { $0.name == name }
    }

    public func guardDefinition(named name: String) -> GuardDefinition? {
        guards.first { $0.name == name }
    }

    public func template(named name: String) -> TemplateDefinition? {
        templates.first { $0.name == name }
    }

    /// The roles allowed to issue `command`; an empty list means any role but `auditor`.
    public func rolesAllowed(for command: CommandName) -> [String] {
        permissions[command] ?? []
    }
}

/// The identity of a workflow definition as an incident records it.
public struct WorkflowReference: Sendable, Equatable, Hashable, Codable {
    public var kind: String
    public var version: Int
    public var contentHash: String

    public init(kind: String, version: Int, contentHash: String) {
        self.kind = kind
        self.version = version
        self.contentHash = contentHash
    }
}

/// An organisational role a workflow uses (for example `legal`).
public struct RoleDefinition: Sendable, Equatable {
    public var id: String
    public var description: String

    public init(id: String, description: String) {
        self.id = id
        self.description = description
    }

    /// The organisational roles every workflow knows without declaring them.
    public static let standardIdentifiers = [
        "commander", "legal", "privacy-officer", "communications", "social-media",
        "patient-relations", "hr", "on-call", "auditor",
    ]
}

/// One phase of an incident, the checklist it asks for and the actions that leave it.
public struct StateDefinition: Sendable, Equatable {
    public var name: String
    public var title: String
    public var isFinal: Bool
    public var checklist: [String]
    public var actions: [ActionDefinition]

    public init(name: String, title: String, isFinal: Bool, checklist: [String], actions: [ActionDefinition]) {
        self.name = name
        self.title = title
        self.isFinal = isFinal
        self.checklist = checklist
        self.actions = actions
    }
}

/// A phase transition (`crisis incident act ID ACTION`): who may take it, where it leads, what must hold.
public struct ActionDefinition: Sendable, Equatable {
    public var name: String
    public var title: String
    public var target: String
    public var roles: [String]
    public var guards: [String]
    public var requiresNote: Bool

    public init(name: String, title: String, target: String, roles: [String], guards: [String], requiresNote: Bool) {
        self.name = name
        self.title = title
        self.target = target
        self.roles = roles
        self.guards = guards
        self.requiresNote = requiresNote
    }
}

/// A response template a draft may start from; `{{placeholder}}` marks a value to fill in.
public struct TemplateDefinition: Sendable, Equatable {
    public var name: String
    public var title: String
    public var channel: String
    public var body: String

    public init(name: String, title: String, channel: String, body: String) {
        self.name = name
        self.title = title
        self.channel = channel
        self.body = body
    }

    /// The placeholder names in the body, in order of first appearance.
    public var placeholders: [String] {
        TemplateText.placeholders(in: body)
    }
}

/// Who must approve every message before it may be published.
public struct MessagePolicy: Sendable, Equatable {
    public var requiredApprovals: [String]
    public var conditionalApprovals: [ConditionalApproval]
    public var citation: String

    public init(requiredApprovals: [String], conditionalApprovals: [ConditionalApproval], citation: String) {
        self.requiredApprovals = requiredApprovals
        self.conditionalApprovals = conditionalApprovals
        self.citation = citation
    }
}

/// An approval that becomes required once any of the named actions has been taken
/// (for example legal, once litigation is threatened).
public struct ConditionalApproval: Sendable, Equatable {
    public var role: String
    public var whenAnyActionTaken: [String]
    public var reason: String

    public init(role: String, whenAnyActionTaken: [String], reason: String) {
        self.role = role
        self.whenAnyActionTaken = whenAnyActionTaken
        self.reason = reason
    }
}

/// A state overlay applied to a definition.
public struct OverlayReference: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var version: Int
    public var contentHash: String

    public init(name: String, version: Int, contentHash: String) {
        self.name = name
        self.version = version
        self.contentHash = contentHash
    }
}
