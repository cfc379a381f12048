import Foundation

/// Issue 18, "clocks cannot vanish after the fact": a signed conclusion changes only by the privacy
/// officer's revision, an exclusion after a breach conclusion likewise, and neither rewrites a
/// clock already missed; the date of the breach and who first knew are recorded and amended with
/// a reason; a notice after the workflow's `prompt-notice` threshold says why it is late.
extension Decision {
    func decideConclusion(_ conclusion: AssessmentConclusion, reason: String) throws(Refusal) -> [IncidentEvent] {
        if let signed = state.breach.conclusion {
            throw Refusal(
                .assessmentAlreadyConcluded,
                "The assessment was concluded \(signed.conclusion.rawValue) by \(signed.by) at \(signed.at.formatted(EventJSON.dateStyle)); a signed conclusion is changed only by a revision: the privacy officer runs `crisis assessment conclude ID --revise --reason TEXT` (the original stays in the record, and clocks already missed stay missed)."
            )
        }
        let reason = try required(reason, "the reason for the conclusion")
        guard state.breach.isAssessmentComplete else {
            let missing = AssessmentFactor.allCases.filter { f in !state.breach.factors.contains { $0.factor == f } }
            throw Refusal(
                .assessmentIncomplete,
                "The assessment cannot be concluded before all four factors are recorded; still missing: "
                    + missing.map(\.title).joined(separator: "; ") + ".")
        }
        return [.assessmentConcluded(AssessmentConcluded(conclusion: conclusion, reason: reason))]
    }

    func decideRevision(_ conclusion: AssessmentConclusion, reason: String) throws(Refusal) -> [IncidentEvent] {
        guard let signed = state.breach.conclusion else {
            throw Refusal(
                .assessmentNotConcluded,
                "There is no signed conclusion to revise; conclude the assessment with `crisis assessment conclude` first."
            )
        }
        try privacyOfficerOnly(
            .assessmentRevisionNeedsPrivacyOfficer,
            "Only the privacy officer may revise a signed conclusion (164.530(a)); ask them to, with the reason.")
        let reason = try required(reason, "the reason for the revision")
        let kept = keptMisses()
        return decideMissedDeadlines()
            + [
                .assessmentRevised(
                    AssessmentRevised(
                        conclusion: conclusion, reason: reason, replaces: signed.conclusion, keptMisses: kept))
            ]
    }

    /// An exclusion check before any breach conclusion is an ordinary step; one after a breach
    /// was concluded could end the clocks, so it is the privacy officer's, and misses stay.
    func decideExclusionCheck(applies: Bool, reason: String) throws(Refusal) -> [IncidentEvent] {
        let reason = try required(reason, "the reasoning under 164.402(1)")
        guard state.breach.conclusion?.conclusion == .breach else {
            return [.exclusionCheckRecorded(ExclusionCheckRecorded(exclusionApplies: applies, reason: reason))]
        }
        try privacyOfficerOnly(
            .exclusionAfterConclusionNeedsPrivacyOfficer,
            "A breach was already concluded, so an exclusion check now may end its clocks: only the privacy officer may record it, with the reasoning (164.402(1), 164.530(a)); the earlier check and the conclusion stay in the record."
        )
        return decideMissedDeadlines()
            + [
                .exclusionCheckRecorded(
                    ExclusionCheckRecorded(exclusionApplies: applies, reason: reason, keptMisses: keptMisses()))
            ]
    }

    func decideCircumstances(_ given: BreachCircumstancesRecorded) throws(Refusal) -> [IncidentEvent] {
        func name(_ text: String?, _ what: String) throws(Refusal) -> String? {
            guard let text else { return nil }
            return try requiredName(text, what)
        }
        let firstKnownBy = try name(given.firstKnownBy, "who first knew of the breach")
        let committedBy = try name(given.committedBy, "who committed the breach")
        guard given.breachOn != nil || firstKnownBy != nil || committedBy != nil else {
            throw Refusal(
                .inputRequired,
                "Give --breach-date, --first-known-by or --committed-by: what to record about the breach.")
        }
        let before = state.breach.circumstances
        var reason: String?
        if before != nil {
            guard let text = given.reason, !text.isBlank else {
                throw Refusal(
                    .breachAmendmentNeedsReason,
                    "The breach's circumstances are recorded already; changing them needs --reason: why the earlier record was wrong. The earlier one stays in the record."
                )
            }
            reason = text
        } else {
            reason = given.reason.flatMap { $0.isBlank ? nil : $0 }
        }
        if let breachOn = given.breachOn {
            try notInFuture(breachOn, "date of the breach")
            if let discovered = state.discoveredAt, breachOn > discovered {
                throw Refusal(
                    .breachDateAfterDiscovery,
                    "The breach cannot have happened after it was discovered (\(discovered.formatted(EventJSON.dateStyle))); give the date it happened, or amend discovery first."
                )
            }
        }
        let knower = firstKnownBy ?? before?.firstKnownBy
        let committer = committedBy ?? before?.committedBy
        if let knower, let committer, Self.samePerson(knower, committer) {
            throw Refusal(
                .breachFirstKnownByCommitter,
                "\(knower) committed the breach, and discovery is when it is known to a workforce member other than the person who committed it (164.404(a)(2)); name who else first knew."
            )
        }
        return [
            .breachCircumstancesRecorded(
                BreachCircumstancesRecorded(
                    breachOn: given.breachOn, firstKnownBy: firstKnownBy, committedBy: committedBy, reason: reason))
        ]
    }

    /// "Without unreasonable delay" (164.404(b), 164.406(b)): a notice to individuals, by
    /// substitute or to the media later than the workflow's `prompt-notice` after discovery says why.
    func promptNoticeDelay(
        _ recipient: NotificationRecipient, at: Date, _ details: NoticeDetails
    ) throws(Refusal) -> String? {
        let given = details.delayReason.flatMap { $0.isBlank ? nil : $0 }
        guard let threshold = definition.promptNotice, [.individuals, .substitute, .media].contains(recipient),
            let discovered = state.discoveredAt
        else { return given }
        let limit = BusinessCalendar(hours: definition.businessHours).adding(threshold, to: discovered)
        guard at > limit, given == nil else { return given }
        throw Refusal(
            .notificationDelayReasonRequired,
            "This notice comes more than \(threshold) after discovery (\(discovered.formatted(EventJSON.dateStyle))), later than the \(definition.kind) workflow's prompt-notice: notices are due without unreasonable delay (164.404(b)); give --delay-reason with why it took longer. The reason is recorded and shown in the report."
        )
    }

    /// The clocks missed now, which a revision or a late exclusion leaves standing.
    func keptMisses() -> [KeptMiss] {
        deadlines(state, definition, now: now).filter { $0.status == .missed }.map {
            KeptMiss(
                deadlineId: $0.id, name: $0.name, stateCode: $0.stateCode, startedAt: $0.startedAt, dueAt: $0.dueAt,
                metAt: $0.metAt)
        }
    }

    private func privacyOfficerOnly(_ rule: Refusal.Rule, _ sentence: String) throws(Refusal) {
        guard actor.organisationalRoles.contains("privacy-officer") else { throw Refusal(rule, sentence) }
    }

    private static func samePerson(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespaces).lowercased() == b.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
