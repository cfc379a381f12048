/// Why a command was refused, or which part of its input was wrong: a stable identifier,
/// stored with every recorded refusal and shown as `[rule]`. An exhaustive enum, so whether a
/// refusal is about the command's own arguments is decided by the type, not by a list of strings.
extension Refusal {
    public enum Rule: String, Sendable, Equatable, Hashable, CaseIterable {
        case actionGuard = "action.guard"
        case actionNotAvailableInState = "action.not-available-in-state"
        case actionNoteRequired = "action.note-required"
        case actionRole = "action.role"
        case actionUnknown = "action.unknown"
        case accessAssigned = "access.assigned"
        case accessLastCommander = "access.last-commander"
        case accessNotGranted = "access.not-granted"
        case accessUntilPassed = "access.until-passed"
        case assessmentIncomplete = "assessment.incomplete"
        case assessmentUnknownFactor = "assessment.unknown-factor"
        case assignAlreadyAssigned = "assign.already-assigned"
        case assignUnknownRole = "assign.unknown-role"
        case businessAssociateLateNeedsReason = "business-associate.late-needs-reason"
        case closeNotAvailable = "close.not-available"
        case discoveryLaterNeedsPrivacyOfficer = "discovery.later-needs-privacy-officer"
        case drillTimeInPast = "drill.time-in-past"
        case freezeAccountInvalid = "freeze.account-invalid"
        case freezeAlreadyFrozen = "freeze.already-frozen"
        case freezeInForce = "freeze.in-force"
        case freezeUnknown = "freeze.unknown"
        case freezeEnded = "freeze.ended"
        case freezeTooEarly = "freeze.too-early"
        case evidenceHashInvalid = "evidence.hash-invalid"
        case evidenceInFuture = "evidence.in-future"
        case identifiabilityAlreadyIdentifiable = "identifiability.already-identifiable"
        case identifiabilityAfterBreachConclusion = "identifiability.after-breach-conclusion"
        case identifiabilityNeedsPrivacyOfficer = "identifiability.needs-privacy-officer"
        case incidentAlreadyOpen = "incident.already-open"
        case incidentClosed = "incident.closed"
        case incidentNotOpen = "incident.not-open"
        case incidentTimeInFuture = "incident.time-in-future"
        case intakeMentionInvalid = "intake.mention-invalid"
        case intakeSignalPromoted = "intake.signal-promoted"
        case intakeSignalUnknown = "intake.signal-unknown"
        case intakeWatchExists = "intake.watch-exists"
        case intakeWatchInvalid = "intake.watch-invalid"
        case intakeWatchUnknown = "intake.watch-unknown"
        case inputBadChannelName = "input.bad-channel-name"
        case inputChannelExists = "input.channel-exists"
        case inputInvalidCount = "input.invalid-count"
        case inputLogEntryNotHhs = "input.log-entry-not-hhs"
        case inputCountRequired = "input.count-required"
        case inputMethodRequired = "input.method-required"
        case inputMethodMismatch = "input.method-mismatch"
        case inputInvalidPeriod = "input.invalid-period"
        case inputNotAWebAddress = "input.not-a-web-address"
        case inputNotAnEmailAddress = "input.not-an-email-address"
        case inputNotOnRoster = "input.not-on-roster"
        case inputRequired = "input.required"
        case inputShiftEndsBeforeItStarts = "input.shift-ends-before-it-starts"
        case inputTimeInFuture = "input.time-in-future"
        case inputUnknownChannel = "input.unknown-channel"
        case inputUnknownLevel = "input.unknown-level"
        case inputUnknownRole = "input.unknown-role"
        case inputUnknownShift = "input.unknown-shift"
        case inputUnknownPage = "input.unknown-page"
        case inputUnknownKind = "input.unknown-kind"
        case inputUnknownDrill = "input.unknown-drill"
        case pageNotYours = "page.not-yours"
        case notePrivilegedNeedsLegal = "note.privileged-needs-legal"
        case lawEnforcementWrittenNeedsEnd = "law-enforcement.written-needs-end"
        case messageAlreadyPublished = "message.already-published"
        case messageAlreadySubmitted = "message.already-submitted"
        case messageApprovalsMissing = "message.approvals-missing"
        case messageApproverLacksRole = "message.approver-lacks-role"
        case messageAuthorCannotApprove = "message.author-cannot-approve"
        case messageNotSubmitted = "message.not-submitted"
        case messageOneApprovalPerPerson = "message.one-approval-per-person"
        case messagePhiSuspected = "message.phi-suspected"
        case messageRoleAlreadyApproved = "message.role-already-approved"
        case messageRoleNotRequired = "message.role-not-required"
        case messageTemplateValuesMissing = "message.template-values-missing"
        case messageTextChanged = "message.text-changed"
        case messageTextNotApproved = "message.text-not-approved"
        case messageUnknown = "message.unknown"
        case messageUnknownTemplate = "message.unknown-template"
        case notificationHhsAlwaysOwed = "notification.hhs-always-owed"
        case notificationStateRequired = "notification.state-required"
        case notificationSizeUnknown = "notification.size-unknown"
        case notificationSubstituteForm = "notification.substitute-form"
        case notificationSubstituteNinetyDays = "notification.substitute-90-days"
        case permissionReadOnly = "permission.read-only"
        case permissionRole = "permission.role"
        case permissionNeedsSealer = "permission.needs-sealer"
        case phiNothingToOverride = "phi.nothing-to-override"
        case policyAlreadyDecided = "policy.already-decided"
        case policyAlreadyProposed = "policy.already-proposed"
        case policyNeedsIncident = "policy.needs-incident"
        case policyOwnProposal = "policy.own-proposal"
        case policyUnknown = "policy.unknown"
        case postMortemActionDone = "post-mortem.action-done"
        case postMortemAlreadyStarted = "post-mortem.already-started"
        case postMortemDueInPast = "post-mortem.due-in-past"
        case postMortemDueInvalid = "post-mortem.due-invalid"
        case postMortemIncomplete = "post-mortem.incomplete"
        case postMortemNotStarted = "post-mortem.not-started"
        case postMortemPublished = "post-mortem.published"
        case postMortemUnknownAction = "post-mortem.unknown-action"
        case postMortemUnknownEntry = "post-mortem.unknown-entry"
        case removalDuplicate = "removal.duplicate"
        case retentionDrillKept = "retention.drill-kept"
        case retentionLegalHold = "retention.legal-hold"
        case retentionNoHold = "retention.no-hold"
        case retentionNotOver = "retention.not-over"
        case retentionPlaintext = "retention.plaintext"
        case removalResolved = "removal.resolved"
        case removalUnknown = "removal.unknown"
        case rosterNeedsCreaterole = "roster.needs-createrole"
        case workflowMismatch = "workflow.mismatch"
        case workflowUnknownState = "workflow.unknown-state"
        // Issue 18: clocks cannot vanish after the fact.
        case assessmentAlreadyConcluded = "assessment.already-concluded"
        case assessmentNotConcluded = "assessment.not-concluded"
        case assessmentRevisionNeedsPrivacyOfficer = "assessment.revision-needs-privacy-officer"
        case exclusionAfterConclusionNeedsPrivacyOfficer = "exclusion.after-conclusion-needs-privacy-officer"
        case breachDateAfterDiscovery = "breach.date-after-discovery"
        case breachFirstKnownByCommitter = "breach.first-known-by-committer"
        case breachAmendmentNeedsReason = "breach.amendment-needs-reason"
        case notificationDelayReasonRequired = "notification.delay-reason-required"
        case incidentDiscoveryConflict = "incident.discovery-conflict"

        /// The command's own arguments are malformed (empty text, a negative count, a time still
        /// to come, a digest that is no SHA-256) or name something that does not exist (a message,
        /// removal, action, role, factor, template, proposal, person, shift or channel): no rule
        /// refused it, so nothing is recorded and the CLI answers as for any bad input (exit 2).
        public var isAboutArguments: Bool {
            switch self {
            case .drillTimeInPast, .freezeAccountInvalid, .freezeAlreadyFrozen, .freezeUnknown, .inputUnknownKind,
                .inputUnknownDrill, .intakeMentionInvalid, .intakeSignalUnknown, .intakeWatchExists,
                .intakeWatchInvalid, .intakeWatchUnknown,
                .actionUnknown, .accessNotGranted, .accessUntilPassed, .assessmentUnknownFactor, .assignUnknownRole,
                .evidenceHashInvalid,
                .evidenceInFuture, .incidentTimeInFuture, .inputBadChannelName, .inputChannelExists,
                .inputInvalidCount, .inputLogEntryNotHhs, .inputCountRequired, .inputMethodRequired,
                .inputMethodMismatch, .inputInvalidPeriod, .inputNotAWebAddress, .inputNotAnEmailAddress,
                .inputNotOnRoster, .inputRequired,
                .inputShiftEndsBeforeItStarts, .inputTimeInFuture, .inputUnknownChannel, .inputUnknownLevel,
                .inputUnknownRole, .inputUnknownShift, .inputUnknownPage, .messageUnknown, .messageUnknownTemplate,
                .policyUnknown,
                .postMortemDueInvalid, .postMortemUnknownAction, .postMortemUnknownEntry, .removalUnknown,
                .breachDateAfterDiscovery, .breachFirstKnownByCommitter, .breachAmendmentNeedsReason,
                .notificationDelayReasonRequired, .incidentDiscoveryConflict:
                true
            case .intakeSignalPromoted, .freezeInForce, .freezeEnded, .freezeTooEarly, .retentionDrillKept,
                .accessAssigned, .accessLastCommander, .actionGuard, .actionNotAvailableInState, .actionNoteRequired,
                .actionRole, .assessmentIncomplete, .assignAlreadyAssigned, .businessAssociateLateNeedsReason,
                .closeNotAvailable,
                .discoveryLaterNeedsPrivacyOfficer, .identifiabilityAlreadyIdentifiable,
                .identifiabilityAfterBreachConclusion, .identifiabilityNeedsPrivacyOfficer, .incidentAlreadyOpen,
                .incidentClosed, .incidentNotOpen,
                .lawEnforcementWrittenNeedsEnd, .messageAlreadyPublished, .messageAlreadySubmitted,
                .messageApprovalsMissing, .messageApproverLacksRole, .messageAuthorCannotApprove,
                .messageNotSubmitted, .messageOneApprovalPerPerson, .messagePhiSuspected,
                .messageRoleAlreadyApproved, .messageRoleNotRequired, .messageTemplateValuesMissing,
                .messageTextChanged,
                .messageTextNotApproved, .notificationHhsAlwaysOwed, .notificationStateRequired,
                .notificationSizeUnknown, .notificationSubstituteForm, .notificationSubstituteNinetyDays, .pageNotYours,
                .notePrivilegedNeedsLegal, .permissionReadOnly, .permissionRole, .permissionNeedsSealer,
                .phiNothingToOverride, .policyAlreadyDecided, .policyAlreadyProposed, .policyNeedsIncident,
                .policyOwnProposal, .postMortemActionDone, .postMortemAlreadyStarted, .postMortemDueInPast,
                .postMortemIncomplete, .postMortemNotStarted, .postMortemPublished, .removalDuplicate,
                .removalResolved, .retentionLegalHold, .retentionNoHold, .retentionNotOver, .retentionPlaintext,
                .rosterNeedsCreaterole, .workflowMismatch, .workflowUnknownState,
                .assessmentAlreadyConcluded, .assessmentNotConcluded, .assessmentRevisionNeedsPrivacyOfficer,
                .exclusionAfterConclusionNeedsPrivacyOfficer:
                false
            }
        }
    }
}
