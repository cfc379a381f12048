/// What a closed incident still accepts, in one place for `decide` (commands) and `audit rules`
/// (recorded events): notes, the post-mortem, the deadline scanner's records, and notices. The
/// clocks of 164.404-408 outlive the incident: a late notice is still recorded (and shown late),
/// and the HHS annual log for a breach of fewer than 500 falls due the year after discovery.
/// Both switches are exhaustive, so a new command or event does not compile until it says.
extension IncidentCommand {
    public var acceptedAfterClosing: Bool {
        switch self {
        case .freeze(let command): return command.acceptedAfterClosing
        case .note, .privilegedNote, .recordMissedDeadlines, .postMortem, .recordNotification,
            // Who may see the record matters for as long as it is kept (audits come after closing).
            .restrict, .grantAccess, .revokeAccess, .grantAuditAccess,
            // Retention runs from the close.
            .placeLegalHold, .releaseLegalHold, .shredKey, .paging:
            return true
        case .open, .assign, .act, .linkIncident, .message, .removal, .captureEvidence, .amendDiscovery,
            .recordExclusionCheck, .recordAssessmentFactor,
            .concludeAssessment, .reviseAssessment, .recordBreachCircumstances, .recordAffectedPopulation,
            .recordNotificationNotOwed, .recordLawEnforcementDelay,
            .recordSanction, .recordBusinessAssociateNotice, .close:
            return false
        }
    }
}

extension IncidentEvent {
    public var acceptedAfterClosing: Bool {
        switch self {
        case .freeze(let event): return event.acceptedAfterClosing
        case .noteAdded, .privilegedNoteAdded, .postMortem, .deadlineMissed, .deadlineEscalated, .commandRefused,
            .notificationRecorded, .incidentRestricted, .accessGranted, .accessRevoked, .auditAccessGranted,
            .legalHoldPlaced, .legalHoldReleased, .keyShredded, .paging:
            return true
        case .incidentOpened, .roleAssigned, .actionTaken, .incidentLinked, .message,
            .removal, .evidenceCaptured,
            .discoveryAmended, .exclusionCheckRecorded, .assessmentFactorRecorded, .assessmentConcluded,
            .assessmentRevised, .breachCircumstancesRecorded, .affectedPopulationRecorded, .notificationNotOwedRecorded,
            .lawEnforcementDelayRecorded, .sanctionRecorded,
            .incidentClosed, .businessAssociateNoticeRecorded:
            return false
        }
    }
}
