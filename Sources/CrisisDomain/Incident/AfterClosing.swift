/// What a closed incident still accepts, in one place for `decide` (commands) and `audit rules`
/// (recorded events): notes, the post-mortem, the deadline scanner's records, and notices. The
/// clocks of 164.404-408 outlive the incident: a late notice is still recorded (and shown late),
/// and the HHS annual log for a breach of fewer than 500 falls due the year after discovery.
/// Both switches are exhaustive, so a new command or event does not compile until it says.
extension IncidentCommand {
    public var acceptedAfterClosing: Bool {
        switch self {
        case .freeze(let command): return command.acceptedAfterClosing
        case .note, .recordMissedDeadlines, .startPostMortem, .addPostMortemEntry, .addPostMortemAction,
            .correctPostMortemEntry, .completePostMortemAction, .publishPostMortem, .recordNotification,
            // Who may see the record matters for as long as it is kept (audits come after closing).
            .restrict, .grantAccess, .revokeAccess, .grantAuditAccess,
            // Retention runs from the close.
            .placeLegalHold, .releaseLegalHold, .shredKey, .paging:
            return true
        case .open, .assign, .act, .linkIncident, .draftMessage, .editMessage, .submitMessage, .approveMessage,
            .rejectMessage, .publishMessage, .overridePHIFinding, .requestRemoval, .confirmRemoval, .failRemoval,
            .abandonRemoval, .captureEvidence, .amendDiscovery, .recordExclusionCheck, .recordAssessmentFactor,
            .concludeAssessment, .reviseAssessment, .recordBreachCircumstances, .recordAffectedPopulation,
            .recordNotificationNotOwed, .recordLawEnforcementDelay,
            .recordSanction, .close:
            return false
        }
    }
}

extension IncidentEvent {
    public var acceptedAfterClosing: Bool {
        switch self {
        case .freeze(let event): return event.acceptedAfterClosing
        case .noteAdded, .postMortemRecorded, .postMortemStarted, .postMortemEntryAdded, .postMortemActionAdded,
            .postMortemActionCompleted, .postMortemPublished, .deadlineMissed, .deadlineEscalated, .commandRefused,
            .notificationRecorded, .incidentRestricted, .accessGranted, .accessRevoked, .auditAccessGranted,
            .legalHoldPlaced, .legalHoldReleased, .keyShredded, .paging:
            return true
        case .incidentOpened, .roleAssigned, .actionTaken, .incidentLinked, .messageDrafted, .messageEdited,
            .messageSubmitted, .messageApproved, .messageRejected, .messagePublished, .phiScannerOverridden,
            .removalRequested, .removalConfirmed, .removalFailed, .removalAbandoned, .evidenceCaptured,
            .discoveryAmended, .exclusionCheckRecorded, .assessmentFactorRecorded, .assessmentConcluded,
            .assessmentRevised, .breachCircumstancesRecorded, .affectedPopulationRecorded, .notificationNotOwedRecorded,
            .lawEnforcementDelayRecorded, .sanctionRecorded,
            .incidentClosed:
            return false
        }
    }
}
