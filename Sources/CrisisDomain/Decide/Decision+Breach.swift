import Foundation

/// The HIPAA breach track: discovery, exclusion check, four-factor assessment, affected population,
/// notifications, law-enforcement delay and staff sanctions (45 CFR 164.400-414, 164.530(e)).
extension Decision {
    func decideBreach() throws(Refusal) -> [IncidentEvent] {
        switch command {
        case .amendDiscovery(let at, let reason):
            let reason = try required(reason, "why discovery happened at that time (164.404(a)(2))")
            try notInFuture(at, "discovery time")
            // Earlier only shortens clocks; later lengthens them, so only the privacy officer may,
            // and the amendment stays in the record beside the first time (issue 18). Later is
            // judged against the discovery in force: after an earlier one (a business associate's,
            // say), moving back towards the first time lengthens the clocks just the same.
            if let current = state.discoveredAt, at > current,
                !actor.organisationalRoles.contains("privacy-officer")
            {
                throw Refusal(
                    .discoveryLaterNeedsPrivacyOfficer,
                    "Moving discovery later than it stands (\(current.formatted(EventJSON.dateStyle))) lengthens every clock that runs from it, so only the privacy officer may, with the reason (164.404(a)(2)); moving it earlier is always allowed."
                )
            }
            return [.discoveryAmended(DiscoveryAmended(discoveredAt: at, reason: reason))]
        case .recordExclusionCheck(let applies, let reason):
            return try decideExclusionCheck(applies: applies, reason: reason)
        case .recordAssessmentFactor(let number, let finding):
            guard let factor = AssessmentFactor(rawValue: number) else {
                throw Refusal(
                    .assessmentUnknownFactor,
                    "The risk assessment has factors 1 to 4 (164.402(2)(i)-(iv)); \(number) is not one.")
            }
            return [
                .assessmentFactorRecorded(
                    AssessmentFactorRecorded(
                        factor: factor, finding: try required(finding, "the finding for factor \(number)")))
            ]
        case .concludeAssessment(let conclusion, let reason):
            return try decideConclusion(conclusion, reason: reason)
        case .reviseAssessment(let conclusion, let reason):
            return try decideRevision(conclusion, reason: reason)
        case .recordBreachCircumstances(let given):
            return try decideCircumstances(given)
        case .recordAffectedPopulation(let total, let byState, let unreachable):
            let residents = byState ?? [:]
            guard (total ?? 0) >= 0, (unreachable ?? 0) >= 0, residents.values.allSatisfy({ $0 >= 0 }),
                total.map({ total in (unreachable ?? 0) <= total && residents.values.reduce(0, +) <= total }) ?? true
            else {
                throw Refusal(
                    .inputInvalidCount,
                    "The counts do not add up: unreachable and per-state residents must be between 0 and the total.")
            }
            return [
                .affectedPopulationRecorded(
                    AffectedPopulationRecorded(total: total, residentsByState: byState, unreachable: unreachable))
            ]
        case .recordNotification(let recipient, let at, let count, let stateCode, let logEntry, let details):
            try notInFuture(at, "notification time")
            let method = try noticeMethod(recipient, at: at, count: count, details)
            guard logEntry == nil || recipient == .hhs else {
                throw Refusal(
                    .inputLogEntryNotHhs,
                    "--log-entry is the HHS breach portal's confirmation; give it with --to hhs only.")
            }
            try stateCodeGiven(recipient, stateCode)
            if let count, count < 0 {
                throw Refusal(.inputInvalidCount, "The count of people notified cannot be negative.")
            }
            let delayReason = try promptNoticeDelay(recipient, at: at, details)
            return [
                .notificationRecorded(
                    NotificationRecorded(
                        recipient: recipient, notifiedAt: at, count: count, stateCode: stateCode?.uppercased(),
                        logEntry: try logEntry.map { entry throws(Refusal) in
                            try requiredName(entry, "the HHS portal's confirmation for the entry")
                        }, method: method, tollFree: details.tollFree, postedUntil: details.postedUntil,
                        delayReason: delayReason))
            ]
        case .recordNotificationNotOwed(let recipient, let stateCode, let reason):
            try stateCodeGiven(recipient, stateCode)
            try sizeKnown(recipient, stateCode)
            // 164.408: a breach is always reported to HHS, with the individuals' notice when 500 or
            // more are affected, else in the annual log; "fewer than 500" is a later due date, not
            // a notice that is not owed.
            guard recipient != .hhs || !definition.isBreachPresumed(state) else {
                throw Refusal(
                    .notificationHhsAlwaysOwed,
                    "HHS is owed notice of every breach: with the individuals' notice when 500 or more are affected (164.408(b)), otherwise in the annual log, no later than 60 days after the end of the calendar year of discovery (164.408(c)). Record it with `crisis notification record --to hhs` when it is made; `crisis deadlines` keeps the annual log open until then, after closing too."
                )
            }
            return [
                .notificationNotOwedRecorded(
                    NotificationNotOwedRecorded(
                        recipient: recipient, stateCode: stateCode?.uppercased(),
                        reason: try required(reason, "the documented reason the notice is not owed (164.414(b))")))
            ]
        case .recordLawEnforcementDelay(let statement, let statedAt, let until, let official):
            let official = try required(official, "the official's name and agency (164.412)")
            try notInFuture(statedAt, "time of the law-enforcement statement")
            if let until, until <= statedAt {
                throw Refusal(
                    .inputInvalidPeriod, "The delay must end after the statement was made; check --until.")
            }
            if statement == .written {
                guard let until, until > statedAt else {
                    throw Refusal(
                        .lawEnforcementWrittenNeedsEnd,
                        "A written law-enforcement statement must name the end of the delay (--until); give the date it states."
                    )
                }
            }
            return [
                .lawEnforcementDelayRecorded(
                    LawEnforcementDelayRecorded(
                        statement: statement, statedAt: statedAt, until: until, official: official))
            ]
        case .recordSanction(let kind, let staff, let effectiveAt, let description):
            return [
                .sanctionRecorded(
                    SanctionRecorded(
                        kind: kind, staffMember: try required(staff, "the staff member"), effectiveAt: effectiveAt,
                        description: try required(description, "what the \(kind.rawValue) was")))
            ]
        default:
            return []
        }
    }

    func notInFuture(_ date: Date, _ what: String) throws(Refusal) {
        guard date <= now else {
            throw Refusal(.inputTimeInFuture, "The \(what) is in the future; record it once it has happened.")
        }
    }

    /// How a notice was given (164.404(d)): individuals' notices count people, so they carry a
    /// count (written unless said otherwise); a substitute notice says its form, and for 10 or
    /// more unreachable is a web posting or major media with a toll-free line, each for 90 days.
    private func noticeMethod(
        _ recipient: NotificationRecipient, at: Date, count: Int?, _ details: NoticeDetails
    ) throws(Refusal) -> NoticeMethod? {
        if let method = details.method, method.recipient != recipient {
            throw Refusal(
                .inputMethodMismatch,
                "--method \(method.rawValue) is a notice to \(method.recipient.rawValue), not to \(recipient.rawValue)."
            )
        }
        let substituteForm = details.method == .webPosting || details.method == .majorMedia
        if (details.tollFree != nil && !substituteForm) || (details.postedUntil != nil && details.method != .webPosting)
        {
            throw Refusal(
                .inputMethodMismatch,
                "A toll-free line belongs to a substitute notice by web posting or major media, and --posted-until to a web posting only."
            )
        }
        switch recipient {
        case .individuals:
            guard count != nil else {
                throw Refusal(
                    .inputCountRequired,
                    "Give --count: the individuals' notice is met only when everyone affected is notified (164.404(b)), so each notice says how many it reached."
                )
            }
            return details.method ?? .written
        case .substitute:
            guard let method = details.method else {
                throw Refusal(
                    .inputMethodRequired,
                    "Give --method: a substitute notice is a web posting or major media (10 or more unreachable), or an alternative written, telephone or other notice (fewer than 10), 164.404(d)(2)."
                )
            }
            if method == .alternative {
                let unreachable = state.breach.affected?.unreachable
                guard let unreachable, unreachable < 10 else {
                    throw Refusal(
                        .notificationSubstituteForm,
                        "With \(unreachable.map { "\($0) people" } ?? "an unknown number of people") who cannot be reached, substitute notice is a conspicuous web posting for 90 days or notice in major print or broadcast media, with a toll-free number (164.404(d)(2)(ii)); an alternative notice is for fewer than 10. Record the number unreachable first if it is under 10."
                    )
                }
                return method
            }
            guard let line = details.tollFree else {
                throw Refusal(
                    .inputRequired,
                    "A substitute notice by \(method.rawValue) gives a toll-free number live for 90 days: give --toll-free, --toll-free-from and --toll-free-until (164.404(d)(2)(ii)(B))."
                )
            }
            _ = try requiredName(line.number, "the toll-free number")
            let ninetyDays: TimeInterval = 90 * 86_400
            if line.until.timeIntervalSince(line.from) < ninetyDays {
                throw Refusal(
                    .notificationSubstituteNinetyDays,
                    "The toll-free number must be live for at least 90 days (164.404(d)(2)(ii)(B)); from \(line.from.formatted(EventJSON.dateStyle)) it runs until at least \(line.from.addingTimeInterval(ninetyDays).formatted(EventJSON.dateStyle))."
                )
            }
            if method == .webPosting {
                guard let until = details.postedUntil else {
                    throw Refusal(
                        .inputRequired,
                        "A substitute notice on the web site stays up for 90 days: give --posted-until (164.404(d)(2)(ii)(A))."
                    )
                }
                if until.timeIntervalSince(at) < ninetyDays {
                    throw Refusal(
                        .notificationSubstituteNinetyDays,
                        "The web posting must stay up for at least 90 days (164.404(d)(2)(ii)(A)), until at least \(at.addingTimeInterval(ninetyDays).formatted(EventJSON.dateStyle))."
                    )
                }
            }
            return method
        case .hhs, .media, .state:
            return details.method
        }
    }

    /// A notice whose clock depends on a number not known yet (the population not recorded, or
    /// recorded as unknown) cannot be documented as not owed: nobody can know that yet.
    private func sizeKnown(_ recipient: NotificationRecipient, _ stateCode: String?) throws(Refusal) {
        guard definition.isBreachPresumed(state) else { return }
        let code = stateCode?.uppercased()
        let undetermined = DeadlineSchedule(definition: definition).applicableClocks(state).first { clock in
            clock.definition.metBy == .notification(recipient) && clock.openUntilKnown != nil
                && (clock.stateCode == nil || code == nil || clock.stateCode == code)
        }
        if let clock = undetermined, let unknown = clock.openUntilKnown {
            throw Refusal(
                .notificationSizeUnknown,
                "\(clock.definition.title) cannot be documented as not owed while \(unknown) (\(clock.definition.citation)); record the number with `crisis assessment affected` once it is known."
            )
        }
    }

    private func stateCodeGiven(_ recipient: NotificationRecipient, _ stateCode: String?) throws(Refusal) {
        if recipient == .media || recipient == .state, (stateCode ?? "").isEmpty {
            throw Refusal(
                .notificationStateRequired,
                "A \(recipient.rawValue) notice is per state (164.406); give the state code, e.g. --state CA.")
        }
    }

    /// Records every missed deadline and its escalation exactly once; nothing when all is recorded.
    func decideMissedDeadlines() -> [IncidentEvent] {
        var events: [IncidentEvent] = []
        for status in openDeadlines(state, definition, now: now) where status.status == .missed {
            if !status.recordedMissed {
                events.append(.deadlineMissed(DeadlineMissed(deadlineId: status.id, dueAt: status.dueAt)))
            }
            if !status.escalated {
                events.append(
                    .deadlineEscalated(DeadlineEscalated(deadlineId: status.id, escalatedTo: status.escalateTo)))
            }
        }
        return events
    }
}
