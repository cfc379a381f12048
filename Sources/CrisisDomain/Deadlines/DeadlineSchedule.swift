import Foundation

/// Computes an incident's clocks from its workflow and its history (no clock reads: `now` is given).
public struct DeadlineSchedule: Sendable {
    public var definition: WorkflowDefinition

    public init(definition: WorkflowDefinition) {
        self.definition = definition
    }

    /// A deadline that applies to this incident, for one state when it is per state.
    struct Clock {
        var definition: DeadlineDefinition
        var stateCode: String?
        /// Set when the clock applies only because a number it depends on is not known yet (the
        /// population not recorded, or recorded as unknown): what is unknown, as a clause.
        var openUntilKnown: String?
        /// A per-state clock for the affected whose state of residence is not recorded.
        var residenceUnknown = false
        var id: String {
            definition.name + (residenceUnknown ? ":residence-unknown" : stateCode.map { ":\($0)" } ?? "")
        }
    }

    /// Whether a clock's conditions hold, and whether only because a number is not known yet.
    enum Applicability {
        case holds
        case holdsUntilKnown(String)
        case fails
    }

    /// Every clock whose conditions hold, whether or not its anchor has happened yet. A number
    /// that is unknown keeps every clock that depends on it (164.408 at 500, 164.406 over 500
    /// residents of a state, 164.404(d)(2) at 10 unreachable) until it is known (issue 18).
    func applicableClocks(_ state: IncidentState) -> [Clock] {
        var clocks: [Clock] = []
        for deadline in definition.deadlines {
            var unknown: String?
            switch applicability(deadline.appliesWhen, state) {
            case .fails: continue
            case .holds: unknown = nil
            case .holdsUntilKnown(let what): unknown = what
            }
            if let threshold = deadline.perStateResidentsOver {
                let affected = state.breach.affected
                let residents = affected?.residentsByState ?? [:]
                for code in residents.keys.sorted() where (residents[code] ?? 0) > threshold {
                    clocks.append(Clock(definition: deadline, stateCode: code, openUntilKnown: unknown))
                }
                // Anyone whose state is not recorded may make one more state pass the threshold.
                if let unrecorded = affected?.residenceUnrecorded {
                    if unrecorded > threshold {
                        clocks.append(
                            Clock(
                                definition: deadline, stateCode: nil,
                                openUntilKnown: unknown
                                    ?? (affected?.residentsByState == nil
                                        ? Self.residenceClause(affected)
                                        : "the state of residence of \(unrecorded) of those affected is not recorded"),
                                residenceUnknown: true))
                    }
                } else {
                    clocks.append(
                        Clock(
                            definition: deadline, stateCode: nil,
                            openUntilKnown: unknown ?? Self.residenceClause(affected),
                            residenceUnknown: true))
                }
            } else {
                clocks.append(Clock(definition: deadline, stateCode: deadline.stateCode, openUntilKnown: unknown))
            }
        }
        return clocks
    }

    /// What is not known, as a clause: the whole population when it is not recorded at all.
    private static func unknownClause(_ notRecorded: Bool, _ recordedAsUnknown: String) -> String {
        notRecorded ? "the affected population is not recorded" : recordedAsUnknown
    }

    /// Why the residence of some of those affected cannot be counted.
    private static func residenceClause(_ affected: BreachRecord.AffectedPopulation?) -> String {
        guard let affected else { return "the affected population is not recorded" }
        return affected.residentsByState == nil
            ? "the states of residence of those affected are unknown" : "the number affected is unknown"
    }

    /// The status of every clock that has started, in the workflow's order.
    public func statuses(_ state: IncidentState, now: Date) -> [DeadlineStatus] {
        guard state.lifecycle != .notOpened else { return [] }
        let calendar = BusinessCalendar(hours: definition.businessHours)
        let computed = applicableClocks(state).compactMap { clock -> DeadlineStatus? in
            guard let start = anchorDate(clock.definition.anchor, state, calendar) else { return nil }
            var due = calendar.adding(clock.definition.within, to: start)
            let plainDue = due
            if clock.definition.pausedByLawEnforcement {
                due = applyingPauses(to: due, start: start, clock.definition.within, state, calendar)
            }
            let metAt = metTime(clock, state)
            let isMet = metAt != nil
            let metDate: Date? = metAt ?? nil
            let metInTime = isMet && (metDate.map { $0 <= due } ?? true)
            let status: DeadlineStatus.Status =
                metInTime ? .met : (isMet || now > due) ? .missed : .pending
            let outside = !calendar.isWithinBusinessHours(now)
            return DeadlineStatus(
                id: clock.id, name: clock.definition.name, title: clock.definition.title,
                citation: clock.definition.citation, source: clock.definition.source, stateCode: clock.stateCode,
                startedAt: start, dueAt: due, status: status, metAt: metDate,
                escalateTo: outside
                    ? (clock.definition.escalateOutsideBusinessHoursTo ?? clock.definition.escalateTo)
                    : clock.definition.escalateTo,
                recordedMissed: state.missedDeadlines.contains { $0.deadlineId == clock.id },
                escalated: state.escalations.contains { $0.deadlineId == clock.id },
                pausedSeconds: due.timeIntervalSince(plainDue), openUntilKnown: clock.openUntilKnown,
                warnFrom: clock.definition.warnBefore.map { calendar.subtracting($0, from: due) })
        }
        return keepingMisses(computed, state, calendar, now: now)
    }

    /// A clock already missed when a conclusion was revised, or an exclusion recorded after it,
    /// stays missed in every read (issue 18): the revision may end clocks still running, never
    /// rewrite a miss. Those it no longer computes are read back from the record.
    private func keepingMisses(
        _ computed: [DeadlineStatus], _ state: IncidentState, _ calendar: BusinessCalendar, now: Date
    ) -> [DeadlineStatus] {
        var result = computed
        for miss in state.breach.keptMisses ?? [] {
            guard let deadline = definition.deadlines.first(where: { $0.name == miss.name }) else { continue }
            let kept = DeadlineStatus(
                id: miss.deadlineId, name: deadline.name, title: deadline.title, citation: deadline.citation,
                source: deadline.source, stateCode: miss.stateCode, startedAt: miss.startedAt, dueAt: miss.dueAt,
                status: .missed, metAt: miss.metAt,
                escalateTo: calendar.isWithinBusinessHours(now)
                    ? deadline.escalateTo : (deadline.escalateOutsideBusinessHoursTo ?? deadline.escalateTo),
                recordedMissed: state.missedDeadlines.contains { $0.deadlineId == miss.deadlineId },
                escalated: state.escalations.contains { $0.deadlineId == miss.deadlineId }, pausedSeconds: 0,
                keptAfterRevision: true)
            if let index = result.firstIndex(where: { $0.id == miss.deadlineId }) {
                if result[index].status != .missed { result[index] = kept }
            } else {
                result.append(kept)
            }
        }
        return result
    }

    private func applicability(_ conditions: [DeadlineCondition], _ state: IncidentState) -> Applicability {
        let affected = state.breach.affected
        var unknown: String?
        func judge(_ known: Int?, _ whenUnknown: String, _ holds: (Int) -> Bool) -> Bool {
            guard let known else {
                unknown = unknown ?? Self.unknownClause(affected == nil, whenUnknown)
                return true
            }
            return holds(known)
        }
        func residents(of code: String, atLeast n: Int) -> Bool {
            let recorded = affected?.residentsByState?[code] ?? 0
            if recorded >= n { return true }
            guard let affected, let unrecorded = affected.residenceUnrecorded else {
                return judge(nil, "the number affected is unknown", { _ in true })
            }
            guard recorded + unrecorded >= n else { return false }
            return judge(
                nil,
                affected.residentsByState == nil
                    ? Self.residenceClause(affected)
                    : "the state of residence of \(unrecorded) of those affected is not recorded", { _ in true })
        }
        let holds = conditions.allSatisfy { condition in
            switch condition {
            case .breachPresumed: definition.isBreachPresumed(state)
            case .affectedAtLeast(let n): judge(affected?.total, "the number affected is unknown", { $0 >= n })
            case .affectedBelow(let n): judge(affected?.total, "the number affected is unknown", { $0 < n })
            case .unreachableAtLeast(let n):
                judge(affected?.unreachable, "the number who cannot be reached is unknown", { $0 >= n })
            case .actionTaken(let action): state.hasTaken(action)
            case .stateResidentsAtLeast(let code, let n):
                // Residents recorded in the state, or enough of unrecorded residence that they may be.
                residents(of: code, atLeast: n)
            }
        }
        guard holds else { return .fails }
        return unknown.map(Applicability.holdsUntilKnown) ?? .holds
    }

    private func anchorDate(_ anchor: DeadlineAnchor, _ state: IncidentState, _ calendar: BusinessCalendar) -> Date? {
        switch anchor {
        case .opened: state.openedAt
        case .detection: state.detectedAt
        case .discovery: state.discoveredAt
        case .determination:
            // The first time a breach was determined: a revision never moves the clock later.
            state.breach.firstBreachDeterminedAt
        case .endOfDiscoveryYear: state.discoveredAt.map { calendar.startOfNextYear(after: $0) }
        case .stateEntered(let name): state.stateHistory.first { $0.state == name }?.at
        }
    }

    /// 164.412: the clock stops for the period of a law-enforcement delay that starts before it runs out.
    /// A business-day clock restarts in full after the delay ends (as Cal. H&S 1280.15 requires).
    /// Overlapping delays are not added (issue 18): a day under two statements pauses the clock once,
    /// so an oral statement followed by a written one pauses from the first to the end of the last.
    private func applyingPauses(
        to due: Date, start: Date, _ within: WorkflowDuration, _ state: IncidentState, _ calendar: BusinessCalendar
    ) -> Date {
        var result = due
        var pausedUntil = start
        for delay in state.breach.lawEnforcementDelays.sorted(by: { $0.statedAt < $1.statedAt })
        where delay.statedAt < result && delay.pauseEnds > start {
            let pauseStart = max(delay.statedAt, pausedUntil)
            guard delay.pauseEnds > pauseStart else { continue }
            if within.unit == .businessDays {
                result = max(result, calendar.adding(within, to: delay.pauseEnds))
            } else {
                result = result.addingTimeInterval(delay.pauseEnds.timeIntervalSince(pauseStart))
            }
            pausedUntil = delay.pauseEnds
        }
        return result
    }

    /// When the clock was met: `.some(nil)` means met at an unknown time; nil means not met.
    /// A clock open until a number is known is met by a notice, never by a "not owed" record;
    /// one for the affected of unknown residence, by nothing but knowing where they live.
    func metTime(_ clock: Clock, _ state: IncidentState) -> Date?? {
        switch clock.definition.metBy {
        case .guardHolds(let name):
            let result = definition.evaluate(guardNamed: name, on: state)
            return result.isSatisfied ? .some(result.since) : nil
        case .notification(let recipient):
            if clock.residenceUnknown { return nil }
            let given =
                recipient == .individuals
                ? Self.everyoneNotified(stateCode: clock.stateCode, in: state)
                : Self.notifications(recipient, stateCode: clock.stateCode, in: state).min()
            if let given {
                return .some(given)
            }
            guard clock.openUntilKnown == nil else { return nil }
            return Self.notificationNotOwed(recipient, stateCode: clock.stateCode, in: state) ? .some(nil) : nil
        }
    }

    /// When everyone affected had been notified (164.404(b)): the written notices' counts add up
    /// to the total, or to all but the unreachable once a substitute notice covers them
    /// (164.404(d)(2)); urgent telephone calls come in addition and count for nothing. For a
    /// state's clock, also when that state's recorded residents are covered by notices for it.
    /// Nil while not met, and while the total is unknown: nobody can say everyone was reached.
    static func everyoneNotified(stateCode: String?, in state: IncidentState) -> Date? {
        guard let affected = state.breach.affected, let total = affected.total else { return nil }
        let written = state.breach.notifications.filter(\.countsAsWrittenNotice).sorted {
            $0.notifiedAt < $1.notifiedAt
        }
        func reached(_ needed: Int, among notices: [BreachRecord.Notification]) -> Date? {
            var sum = 0
            for notice in notices {
                sum += notice.count ?? 0
                if sum >= needed { return notice.notifiedAt }
            }
            return nil
        }
        var times: [Date?] = [reached(total, among: written)]
        if let unreachable = affected.unreachable, unreachable > 0,
            let substitute = notifications(.substitute, stateCode: nil, in: state).min(),
            let rest = reached(total - unreachable, among: written)
        {
            times.append(max(rest, substitute))
        }
        if let code = stateCode, let residents = affected.residentsByState?[code] {
            times.append(reached(residents, among: written.filter { $0.stateCode == code }))
        }
        return times.compactMap { $0 }.min()
    }

    static func notifications(_ recipient: NotificationRecipient, stateCode: String?, in state: IncidentState) -> [Date]
    {
        state.breach.notifications
            .filter {
                $0.recipient == recipient && (stateCode == nil || $0.stateCode == nil || $0.stateCode == stateCode)
            }
            .map(\.notifiedAt)
    }

    /// Whether a notice is documented as not owed. Never for HHS: its clocks apply only while a
    /// breach is presumed, and then HHS is always owed (164.408); a record of "not owed" made
    /// before that was refused, or before a breach was presumed, does not stop them.
    static func notificationNotOwed(_ recipient: NotificationRecipient, stateCode: String?, in state: IncidentState)
        -> Bool
    {
        guard recipient != .hhs else { return false }
        return state.breach.notOwed.contains {
            $0.recipient == recipient && (stateCode == nil || $0.stateCode == stateCode)
        }
    }
}

/// The status of every started clock of an incident at `now`; amending discovery or recording a
/// law-enforcement delay changes the result because the clocks are recomputed from the history.
public func deadlines(_ state: IncidentState, _ definition: WorkflowDefinition, now: Date) -> [DeadlineStatus] {
    DeadlineSchedule(definition: definition).statuses(state, now: now)
}

/// The clocks still running or missed: every one while the incident is open; after closing,
/// the notice clocks only (164.404-408 outlive the incident: a late notice is still owed, and
/// the HHS annual log for fewer than 500 falls due the year after discovery).
public func openDeadlines(_ state: IncidentState, _ definition: WorkflowDefinition, now: Date) -> [DeadlineStatus] {
    guard state.lifecycle != .notOpened else { return [] }
    let unmet = deadlines(state, definition, now: now).filter { $0.status != .met }
    guard state.lifecycle == .closed else { return unmet }
    return unmet.filter { status in
        definition.deadlines.first { $0.name == status.name }.map {
            if case .notification = $0.metBy { true } else { false }
        } ?? false
    }
}
