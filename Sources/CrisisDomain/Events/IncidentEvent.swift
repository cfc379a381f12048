import Foundation

/// Something that happened to an incident, in the past tense. Stored as
/// (``eventType``, ``schemaVersion``, ``encodedData()``); the actor and time are recorded by the database.
public enum IncidentEvent: Sendable, Equatable {
    case incidentOpened(IncidentOpened)
    case roleAssigned(RoleAssigned)
    case actionTaken(ActionTaken)
    case noteAdded(NoteAdded)
    case incidentLinked(IncidentLinked)
    case messageDrafted(MessageDrafted)
    case messageEdited(MessageEdited)
    case messageSubmitted(MessageSubmitted)
    case messageApproved(MessageApproved)
    case messageRejected(MessageRejected)
    case messagePublished(MessagePublished)
    case phiScannerOverridden(PHIScannerOverridden)
    case removalRequested(RemovalRequested)
    case removalConfirmed(RemovalResolved)
    case removalFailed(RemovalResolved)
    case removalAbandoned(RemovalResolved)
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
    /// Written before post-mortems had sections; still read, no longer written.
    case postMortemRecorded(NoteAdded)
    case postMortemStarted(PostMortemStarted)
    case postMortemEntryAdded(PostMortemEntryAdded)
    case postMortemActionAdded(PostMortemActionAdded)
    case postMortemActionCompleted(PostMortemActionCompleted)
    case postMortemPublished(PostMortemPublished)
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
            "IncidentOpened", "RoleAssigned", "ActionTaken", "NoteAdded", "IncidentLinked", "MessageDrafted",
            "MessageEdited", "MessageSubmitted", "MessageApproved", "MessageRejected", "MessagePublished",
            "PHIScannerOverridden", "RemovalRequested", "RemovalConfirmed", "RemovalFailed", "RemovalAbandoned",
            "EvidenceCaptured", "DiscoveryAmended", "ExclusionCheckRecorded", "AssessmentFactorRecorded",
            "AssessmentConcluded", "AffectedPopulationRecorded", "NotificationRecorded", "NotificationNotOwedRecorded",
            "LawEnforcementDelayRecorded", "SanctionRecorded", "DeadlineMissed", "DeadlineEscalated",
            "PostMortemRecorded", "PostMortemStarted", "PostMortemEntryAdded", "PostMortemActionAdded",
            "PostMortemActionCompleted", "PostMortemPublished", "IncidentClosed", "CommandRefused",
            // Need to know (issue 13).
            "IncidentRestricted", "AccessGranted", "AccessRevoked", "AuditAccessGranted",
            "LegalHoldPlaced", "LegalHoldReleased", "KeyShredded",
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
        case .messageDrafted: "MessageDrafted"
        case .messageEdited: "MessageEdited"
        case .messageSubmitted: "MessageSubmitted"
        case .messageApproved: "MessageApproved"
        case .messageRejected: "MessageRejected"
        case .messagePublished: "MessagePublished"
        case .phiScannerOverridden: "PHIScannerOverridden"
        case .removalRequested: "RemovalRequested"
        case .removalConfirmed: "RemovalConfirmed"
        case .removalFailed: "RemovalFailed"
        case .removalAbandoned: "RemovalAbandoned"
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
        case .postMortemRecorded: "PostMortemRecorded"
        case .postMortemStarted: "PostMortemStarted"
        case .postMortemEntryAdded: "PostMortemEntryAdded"
        case .postMortemActionAdded: "PostMortemActionAdded"
        case .postMortemActionCompleted: "PostMortemActionCompleted"
        case .postMortemPublished: "PostMortemPublished"
        case .incidentClosed: "IncidentClosed"
        case .commandRefused: "CommandRefused"
        case .incidentRestricted: "IncidentRestricted"
        case .accessGranted: "AccessGranted"
        case .accessRevoked: "AccessRevoked"
        case .auditAccessGranted: "AuditAccessGranted"
        case .legalHoldPlaced: "LegalHoldPlaced"
        case .legalHoldReleased: "LegalHoldReleased"
        case .keyShredded: "KeyShredded"
        case .paging(let e): e.eventType
        case .freeze(let e): e.eventType
        }
    }
}
