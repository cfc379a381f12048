/// A named condition over an incident's history that must hold before an action may be taken
/// (or that marks a deadline as met).
public struct GuardDefinition: Sendable, Equatable {
    public var name: String
    public var check: GuardCheck
    /// What the guard asks for, in a sentence a person under pressure understands.
    public var explanation: String
    public var citation: String?
    /// `when-action-taken:` the guard applies only once this action has been
    /// taken on the incident (e.g. the breach track of a video once the patient
    /// is identifiable); before that it holds.
    public var whenActionTaken: String?

    public init(
        name: String, check: GuardCheck, explanation: String, citation: String? = nil, whenActionTaken: String? = nil
    ) {
        self.name = name
        self.check = check
        self.explanation = explanation
        self.citation = citation
        self.whenActionTaken = whenActionTaken
    }
}

/// The built-in checks a guard can make; the YAML `check:` names them.
public enum GuardCheck: Sendable, Equatable {
    case roleAssigned(String)
    case evidenceCaptured
    case removalsRequested
    case removalsResolved
    case messageApproved(channel: String?)
    case messagePublished(channel: String?)
    case exclusionCheckRecorded
    case assessmentComplete
    case assessmentConcluded(AssessmentConclusion?)
    case affectedPopulationRecorded
    case notificationRecorded(NotificationRecipient)
    case notificationsComplete
    case sanctionRecorded
    case trainingRecorded
    case postMortemRecorded
    case postMortemPublished
    case actionTaken(String)
    case linkedIncident(kind: String)
    case noMessageAwaitingApproval
    /// One of the workflow's `identifiability:` findings is recorded (issue 18).
    case identifiabilityDecided

    /// The `check:` keyword for this case in a workflow file.
    public var keyword: String {
        switch self {
        case .roleAssigned: "role-assigned"
        case .evidenceCaptured: "evidence-captured"
        case .removalsRequested: "removals-requested"
        case .removalsResolved: "removals-resolved"
        case .messageApproved: "message-approved"
        case .messagePublished: "message-published"
        case .exclusionCheckRecorded: "exclusion-check-recorded"
        case .assessmentComplete: "assessment-complete"
        case .assessmentConcluded: "assessment-concluded"
        case .affectedPopulationRecorded: "affected-population-recorded"
        case .notificationRecorded: "notification-recorded"
        case .notificationsComplete: "notifications-complete"
        case .sanctionRecorded: "sanction-recorded"
        case .trainingRecorded: "training-recorded"
        case .postMortemRecorded: "post-mortem-recorded"
        case .postMortemPublished: "post-mortem-published"
        case .actionTaken: "action-taken"
        case .linkedIncident: "linked-incident"
        case .noMessageAwaitingApproval: "no-message-awaiting-approval"
        case .identifiabilityDecided: "identifiability-decided"
        }
    }

    /// Every keyword a workflow may use in `check:`.
    public static let keywords = [
        "role-assigned", "evidence-captured", "removals-requested", "removals-resolved", "message-approved",
        "message-published", "exclusion-check-recorded", "assessment-complete", "assessment-concluded",
        "affected-population-recorded", "notification-recorded", "notifications-complete", "sanction-recorded",
        "training-recorded", "post-mortem-recorded", "post-mortem-published", "action-taken", "linked-incident",
        "no-message-awaiting-approval", "identifiability-decided",
    ]
}
