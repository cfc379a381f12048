import Foundation

/// Retention and destruction (issue 13): legal holds, and the shredding of an incident's data key
/// once its retention has ended. The database destroys the key only after `KeyShredded` is
/// recorded (migration 0008).
extension Decision {
    func decideRetention() throws(Refusal) -> [IncidentEvent] {
        switch command {
        case .placeLegalHold(let reason):
            let reason = try required(reason, "a reason (the matter the hold is for)")
            if state.retention.isOnHold { return [] }
            return [.legalHoldPlaced(LegalHoldChanged(reason: reason))]
        case .releaseLegalHold(let reason):
            let reason = try required(reason, "a reason")
            guard state.retention.isOnHold else {
                throw Refusal(.retentionNoHold, "No legal hold is on this incident; nothing to release.")
            }
            return [.legalHoldReleased(LegalHoldChanged(reason: reason))]
        case .shredKey(let reason):
            let reason = try required(reason, "a reason (the retention schedule's rule)")
            if state.retention.isShredded { return [] }
            guard !state.isDrill else {
                throw Refusal(
                    .retentionDrillKept,
                    "A drill is evidence of training (45 CFR 164.530(b)) and is never shredded or deleted; nothing to do."
                )
            }
            guard let closedAt = state.closedAt, state.lifecycle == .closed else {
                throw Refusal(
                    .retentionNotOver,
                    "The incident is still open; its record is kept \(definition.retentionYears) years after it closes."
                )
            }
            let end = RetentionRecord.end(closedAt: closedAt, years: definition.retentionYears)
            guard now >= end else {
                throw Refusal(
                    .retentionNotOver,
                    "The record must be kept until \(end.formatted(EventJSON.dateStyle)) (\(definition.retentionYears) years after it closed, the \(definition.kind) workflow's retention-years; at least six under 45 CFR 164.316(b)(2)); it cannot be shredded before."
                )
            }
            guard !state.retention.isOnHold else {
                let hold = state.retention.holds.last?.reason ?? ""
                throw Refusal(
                    .retentionLegalHold,
                    "A legal hold is on this incident (\(hold)); release it (`crisis incident release`) before shredding."
                )
            }
            return [.keyShredded(KeyShredded(reason: reason))]
        case .open, .assign, .note, .privilegedNote, .recordBusinessAssociateNotice, .act, .linkIncident, .message,
            .removal, .captureEvidence, .amendDiscovery, .recordExclusionCheck,
            .recordAssessmentFactor, .concludeAssessment, .reviseAssessment, .recordBreachCircumstances,
            .recordAffectedPopulation, .recordNotification,
            .recordNotificationNotOwed, .recordLawEnforcementDelay, .recordSanction, .postMortem,
            .recordMissedDeadlines, .close, .restrict, .grantAccess, .revokeAccess,
            .grantAuditAccess, .paging, .freeze:
            return []
        }
    }
}
