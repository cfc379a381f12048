/// Who may issue a command, before the workflow's `permissions:` names other roles.
public enum CommandPermission: Sendable, Equatable {
    /// Anyone on the team who holds an organisational role that may act (an auditor may not),
    /// unless the workflow's `permissions:` names the roles.
    case anyTeamMember
    /// Holders of one of these organisational roles, unless the workflow's `permissions:` names others.
    case roles([String])
    /// The workflow decides per action (`act`, `close`: the action's roles) or by its message
    /// policy (approvals), checked where the command is decided.
    case decidedByWorkflow
    /// crisis itself records it on everyone's behalf (the deadline scanner's misses, pages).
    case crisis
    /// The person the page was sent to, checked where the command is decided.
    case pageRecipient
}

/// Who may issue each command when a workflow's `permissions:` does not say otherwise.
///
/// An exhaustive switch, so a new command does not compile until it says who may issue it:
/// nothing is open to everyone by being forgotten (issue 19: fail closed). The database's own
/// check (migration 0005's trigger on approvals and roster changes) stays as defence in depth.
public enum CommandPermissions {
    public static func rule(for command: CommandName) -> CommandPermission {
        let drafters = ["communications", "social-media", "commander", "patient-relations"]
        let containment = ["social-media", "commander", "communications", "legal"]
        switch command {
        case .open, .note: return .anyTeamMember
        case .act, .close, .approveMessage, .rejectMessage: return .decidedByWorkflow
        case .recordMissedDeadlines, .requestPages, .recordPageAttempt: return .crisis
        case .acknowledgePage: return .pageRecipient
        case .assign, .linkIncident, .startPostMortem, .publishPostMortem: return .roles(["commander"])
        case .draftMessage, .editMessage, .submitMessage: return .roles(drafters)
        case .publishMessage: return .roles(["communications", "social-media"])
        // Privilege is legal's to claim; Decision+PrivilegedNote refuses it to anyone else even
        // when a workflow's `permissions:` names other roles.
        case .privilegedNote: return .roles([PrivilegedNoteAdded.role])
        case .overridePHIFinding, .concludeAssessment: return .roles(["privacy-officer"])
        case .requestRemoval, .resolveRemoval: return .roles(containment)
        case .captureEvidence: return .roles(["social-media", "commander", "privacy-officer", "legal"])
        case .amendDiscovery: return .roles(["privacy-officer", "legal", "commander"])
        case .recordExclusionCheck, .recordAssessmentFactor, .recordAffectedPopulation, .recordNotification,
            .recordBusinessAssociateNotice:
            return .roles(["privacy-officer", "legal"])
        case .recordLawEnforcementDelay: return .roles(["legal", "privacy-officer"])
        case .recordSanction: return .roles(["hr"])
        case .addPostMortem:
            return .roles([
                "commander", "legal", "privacy-officer", "communications", "social-media", "patient-relations", "hr",
                "on-call",
            ])
        // The action's owner may also mark it done (see Decision+PostMortem).
        case .completePostMortemAction: return .roles(["commander"])
        // Need to know (issue 13): the database checks the same roles (migration 0007).
        case .restrict, .grantAccess, .revokeAccess, .grantAuditAccess: return .roles(["commander", "privacy-officer"])
        // Retention (issue 13): the database lets only a privacy officer destroy a key (0008).
        case .placeLegalHold, .releaseLegalHold: return .roles(["privacy-officer", "legal"])
        case .shredKey: return .roles(["privacy-officer"])
        // Publishing freezes (issue 16): who runs the accounts, or the incident.
        case .startFreeze, .endFreeze: return .roles(["commander", "communications", "social-media"])
        case .recordFreezeNotice: return .crisis
        }
    }

    /// The role lists of every command that has one, which a workflow's `permissions:` overrides.
    public static let defaults: [CommandName: [String]] = Dictionary(
        uniqueKeysWithValues: CommandName.allCases.compactMap { command in
            if case .roles(let roles) = rule(for: command) { (command, roles) } else { nil }
        })
}
