/// The name of a command kind, used in a workflow's `permissions:` and in refusals.
public enum CommandName: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case open
    case assign
    case note
    case privilegedNote = "privileged-note"
    case act
    case linkIncident = "link-incident"
    case draftMessage = "draft-message"
    case editMessage = "edit-message"
    case submitMessage = "submit-message"
    case approveMessage = "approve-message"
    case rejectMessage = "reject-message"
    case publishMessage = "publish-message"
    case overridePHIFinding = "override-phi-finding"
    case requestRemoval = "request-removal"
    case resolveRemoval = "resolve-removal"
    case captureEvidence = "capture-evidence"
    case amendDiscovery = "amend-discovery"
    case recordExclusionCheck = "record-exclusion-check"
    case recordAssessmentFactor = "record-assessment-factor"
    case concludeAssessment = "conclude-assessment"
    case recordAffectedPopulation = "record-affected-population"
    case recordNotification = "record-notification"
    case recordLawEnforcementDelay = "record-law-enforcement-delay"
    case recordSanction = "record-sanction"
    case recordBusinessAssociateNotice = "record-business-associate-notice"
    case startPostMortem = "start-post-mortem"
    case addPostMortem = "add-post-mortem"
    case completePostMortemAction = "complete-post-mortem-action"
    case publishPostMortem = "publish-post-mortem"
    case recordMissedDeadlines = "record-missed-deadlines"
    case close
    case requestPages = "request-pages"
    case recordPageAttempt = "record-page-attempt"
    case acknowledgePage = "acknowledge-page"
    // Need to know (issue 13).
    case restrict
    case grantAccess = "grant-access"
    case revokeAccess = "revoke-access"
    case grantAuditAccess = "grant-audit-access"
    case placeLegalHold = "place-legal-hold"
    case releaseLegalHold = "release-legal-hold"
    case shredKey = "shred-key"
    // Publishing freezes (issue 16).
    case startFreeze = "start-freeze"
    case endFreeze = "end-freeze"
    case recordFreezeNotice = "record-freeze-notice"
}
