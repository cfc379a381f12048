import Foundation

/// Something a person asks to do to an incident; `decide` accepts it (returning events) or refuses it.
public enum IncidentCommand: Sendable, Equatable {
    case open(OpenIncident)
    case assign(role: String, to: String)
    case note(String)
    /// A note by legal, withheld from regulator exports unless legal includes it (issue 18).
    case privilegedNote(String)
    case act(action: String, note: String?)
    case linkIncident(other: UUID, kind: String, reason: String)
    /// Public messages: drafted, approved as the workflow names, published in the approved words.
    case message(MessageCommand)
    /// Takedown requests, one per post and platform.
    case removal(RemovalCommand)
    case captureEvidence(url: String, capturedAt: Date, contentSHA256: String)
    case amendDiscovery(discoveredAt: Date, reason: String)
    case recordExclusionCheck(exclusionApplies: Bool, reason: String)
    case recordAssessmentFactor(factor: Int, finding: String)
    case concludeAssessment(AssessmentConclusion, reason: String)
    /// A change to a signed conclusion: the privacy officer's, with the reason; the original
    /// stays beside it and the clocks already missed stay missed (issue 18).
    case reviseAssessment(AssessmentConclusion, reason: String)
    /// The date of the breach and who first knew of it (164.404(a)(2), (c)(1)(A)); changing a
    /// recorded value needs the reason.
    case recordBreachCircumstances(BreachCircumstancesRecorded)
    /// nil: the number is recorded as unknown (for the states: where those affected live).
    case recordAffectedPopulation(total: Int?, residentsByState: [String: Int]?, unreachable: Int?)
    /// `logEntry`: for HHS, the confirmation the HHS breach portal gave for the entry; `details`:
    /// how it was given (164.404(d)).
    case recordNotification(
        NotificationRecipient, at: Date, count: Int?, stateCode: String?, logEntry: String? = nil,
        details: NoticeDetails = NoticeDetails())
    case recordNotificationNotOwed(NotificationRecipient, stateCode: String?, reason: String)
    case recordLawEnforcementDelay(LawEnforcementStatement, statedAt: Date, until: Date?, official: String)
    case recordSanction(SanctionKind, staffMember: String, effectiveAt: Date, description: String)
    /// A business associate's notice (164.410): `lateReason` is needed when it told us more than 60 days late.
    case recordBusinessAssociateNotice(associate: String, discoveredAt: Date, toldAt: Date, lateReason: String?)
    /// The post-mortem: sections, actions, corrections, publication.
    case postMortem(PostMortemCommand)
    /// Used by the deadline scanner: records every missed, not yet recorded deadline (idempotent).
    case recordMissedDeadlines
    /// Takes the action that leads from the current state to a final state.
    case close(note: String?)
    /// Pages: requested by `crisis page run`, their delivery recorded, acknowledged by the person paged.
    case paging(PagingCommand)
    // Need to know (issue 13): who may see a restricted incident.
    case restrict(reason: String)
    case grantAccess(to: String)
    case revokeAccess(from: String)
    /// An auditor may see the incident until `until`.
    case grantAuditAccess(to: String, until: Date)
    // Retention (issue 13): legal holds, and shredding the incident's data key after retention.
    case placeLegalHold(reason: String)
    case releaseLegalHold(reason: String)
    case shredKey(reason: String)
    /// Publishing freezes (issue 16).
    case freeze(FreezeCommand)

    /// The command's kind, as permissions and refusals name it.
    public var name: CommandName {
        switch self {
        case .open: .open
        case .assign: .assign
        case .note: .note
        case .privilegedNote: .privilegedNote
        case .act: .act
        case .linkIncident: .linkIncident
        case .message(let command): command.name
        case .removal(let command): command.name
        case .captureEvidence: .captureEvidence
        case .amendDiscovery: .amendDiscovery
        case .recordExclusionCheck: .recordExclusionCheck
        case .recordAssessmentFactor: .recordAssessmentFactor
        case .concludeAssessment, .reviseAssessment: .concludeAssessment
        case .recordBreachCircumstances: .amendDiscovery
        case .recordAffectedPopulation: .recordAffectedPopulation
        case .recordNotification, .recordNotificationNotOwed: .recordNotification
        case .recordLawEnforcementDelay: .recordLawEnforcementDelay
        case .recordSanction: .recordSanction
        case .recordBusinessAssociateNotice: .recordBusinessAssociateNotice
        case .postMortem(let command): command.name
        case .recordMissedDeadlines: .recordMissedDeadlines
        case .close: .close
        case .paging(let command): command.name
        case .freeze(let command): command.name
        case .restrict: .restrict
        case .grantAccess: .grantAccess
        case .revokeAccess: .revokeAccess
        case .grantAuditAccess: .grantAuditAccess
        case .placeLegalHold: .placeLegalHold
        case .releaseLegalHold: .releaseLegalHold
        case .shredKey: .shredKey
        }
    }
}

/// What `crisis incident open` gives: the caller generates the id.
public struct OpenIncident: Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var posts: [PostReference]
    /// When the organisation first noticed it; defaults to `now`.
    public var detectedAt: Date?
    /// 164.404(a)(2) discovery; when nil the detection time is used until amended.
    public var discoveredAt: Date?
    public var linkedIncident: UUID?
    /// Set when discovery is the linked viral complaint's, because patient detail was in its
    /// thread from the start (`--phi-from-start`, issue 18).
    public var discoverySource: DiscoverySource?
    /// The reason the incident is restricted from its first event (`--restricted`); nil: it is not.
    public var restriction: String?
    /// A drill (`--drill`, issue 16): run and kept as evidence of training, never counted as real.
    public var drill: Bool

    public init(
        id: UUID, title: String, posts: [PostReference] = [], detectedAt: Date? = nil, discoveredAt: Date? = nil,
        linkedIncident: UUID? = nil, restriction: String? = nil, drill: Bool = false
    ) {
        self.id = id
        self.title = title
        self.posts = posts
        self.detectedAt = detectedAt
        self.discoveredAt = discoveredAt
        self.linkedIncident = linkedIncident
        self.restriction = restriction
        self.drill = drill
    }
}
