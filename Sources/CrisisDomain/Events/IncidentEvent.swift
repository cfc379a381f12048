import Foundation

/// Something that happened to an incident, in the past tense. Stored as
/// (``eventType``, ``schemaVersion``, ``encodedData()``); the actor and time are recorded by the database.
public enum IncidentEvent: Sendable, Equatable {
    case incidentOpened(IncidentOpened)
    case roleAssigned(RoleAssigned)
    case actionTaken(ActionTaken)
    case noteAdded(NoteAdded)
    /// A note by legal that regulator exports withhold unless legal includes it (issue 18).
    case privilegedNoteAdded(PrivilegedNoteAdded)
    /// A business associate told the covered entity of the breach (164.410; issue 18).
    case businessAssociateNoticeRecorded(BusinessAssociateNoticeRecorded)
    case incidentLinked(IncidentLinked)
    /// Public messages: drafted, edited, submitted, approved or rejected, published; scanner overrides.
    case message(MessageEvent)
    /// Takedown requests: requested, confirmed, failed, abandoned.
    case removal(RemovalEvent)
    case evidenceCaptured(EvidenceCaptured)
    case discoveryAmended(DiscoveryAmended)
    case exclusionCheckRecorded(ExclusionCheckRecorded)
    case assessmentFactorRecorded(AssessmentFactorRecorded)
    case assessmentConcluded(AssessmentConcluded)
    case assessmentRevised(AssessmentRevised)
    case breachCircumstancesRecorded(BreachCircumstancesRecorded)
    case affectedPopulationRecorded(AffectedPopulationRecorded)
    case notificationRecorded(NotificationRecorded)
    case notificationNotOwedRecorded(NotificationNotOwedRecorded)
    case lawEnforcementDelayRecorded(LawEnforcementDelayRecorded)
    case sanctionRecorded(SanctionRecorded)
    case deadlineMissed(DeadlineMissed)
    case deadlineEscalated(DeadlineEscalated)
    /// The post-mortem (and the single-note post-mortems written before it had sections).
    case postMortem(PostMortemEvent)
    case incidentClosed(IncidentClosed)
    case commandRefused(CommandRefused)
    // Need to know (issue 13).
    case incidentRestricted(IncidentRestricted)
    case accessGranted(AccessChanged)
    case accessRevoked(AccessChanged)
    case auditAccessGranted(AuditAccessGranted)
    case legalHoldPlaced(LegalHoldChanged)
    case legalHoldReleased(LegalHoldChanged)
    case keyShredded(KeyShredded)
    /// Pages: requested, delivered or failed, acknowledged, escalated (issue 11).
    case paging(PagingEvent)
    /// Publishing freezes: started, ended or handed over, told to the publishing tools (issue 16).
    case freeze(FreezeEvent)

    /// The schema version of every event type's data today; bump per type when a payload changes shape.
    public static let schemaVersion = 1

    /// The schema version of this event's data.
    public var schemaVersion: Int { Self.schemaVersion }

    /// Every event type name, in declaration order.
    public static let eventTypes =
        [
            "IncidentOpened", "RoleAssigned", "ActionTaken", "NoteAdded", "IncidentLinked",
        ] + MessageEvent.eventTypes + RemovalEvent.eventTypes
        + [
            "EvidenceCaptured", "DiscoveryAmended", "ExclusionCheckRecorded", "AssessmentFactorRecorded",
            "AssessmentConcluded", "AffectedPopulationRecorded", "NotificationRecorded", "NotificationNotOwedRecorded",
            "LawEnforcementDelayRecorded", "SanctionRecorded", "DeadlineMissed", "DeadlineEscalated",
        ] + PostMortemEvent.eventTypes
        + [
            "IncidentClosed", "CommandRefused",
            // Need to know (issue 13).
            "IncidentRestricted", "AccessGranted", "AccessRevoked", "AuditAccessGranted",
            "LegalHoldPlaced", "LegalHoldReleased", "KeyShredded",
            // Privileged notes and business associates (issue 18).
            "PrivilegedNoteAdded", "BusinessAssociateNoticeRecorded",
            // Issue 18: clocks cannot vanish after the fact.
            "AssessmentRevised", "BreachCircumstancesRecorded",
        ] + PagingEvent.eventTypes + FreezeEvent.eventTypes

    /// The stable UpperCamel name stored as `event_type`.
    public var eventType: String {
        switch self {
        case .incidentOpened: "IncidentOpened"
        case .roleAssigned: "RoleAssigned"
        case .actionTaken: "ActionTaken"
        case .noteAdded: "NoteAdded"
        case .incidentLinked: "IncidentLinked"
        case .evidenceCaptured: "EvidenceCaptured"
        case .discoveryAmended: "DiscoveryAmended"
        case .exclusionCheckRecorded: "ExclusionCheckRecorded"
        case .assessmentFactorRecorded: "AssessmentFactorRecorded"
        case .assessmentConcluded: "AssessmentConcluded"
        case .assessmentRevised: "AssessmentRevised"
        case .breachCircumstancesRecorded: "BreachCircumstancesRecorded"
        case .affectedPopulationRecorded: "AffectedPopulationRecorded"
        case .notificationRecorded: "NotificationRecorded"
        case .notificationNotOwedRecorded: "NotificationNotOwedRecorded"
        case .lawEnforcementDelayRecorded: "LawEnforcementDelayRecorded"
        case .sanctionRecorded: "SanctionRecorded"
        case .deadlineMissed: "DeadlineMissed"
        case .deadlineEscalated: "DeadlineEscalated"
        case .incidentClosed: "IncidentClosed"
        case .commandRefused: "CommandRefused"
        case .incidentRestricted: "IncidentRestricted"
        case .accessGranted: "AccessGranted"
        case .accessRevoked: "AccessRevoked"
        case .auditAccessGranted: "AuditAccessGranted"
        case .legalHoldPlaced: "LegalHoldPlaced"
        case .legalHoldReleased: "LegalHoldReleased"
        case .keyShredded: "KeyShredded"
        case .message(let e): e.eventType
        case .removal(let e): e.eventType
        case .postMortem(let e): e.eventType
        case .privilegedNoteAdded: PrivilegedNoteAdded.eventType
        case .businessAssociateNoticeRecorded: BusinessAssociateNoticeRecorded.eventType
        case .paging(let e): e.eventType
        case .freeze(let e): e.eventType
        }
    }
}
