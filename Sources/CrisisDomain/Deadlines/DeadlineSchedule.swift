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
        var id: String { definition.name + (stateCode.map { ":\($0)" } ?? "") }
    }

    /// Every clock whose conditions hold, whether or not its anchor has happened yet.
    func applicableClocks(_ state: IncidentState) -> [Clock] {
        var clocks: [Clock] = []
        for deadline in definition.deadlines where conditionsHold(deadline.appliesWhen, state) {
            if let threshold = deadline.perStateResidentsOver {
                let residents = state.breach.affected?.residentsByState ?? [:]
                for code in residents.keys.sorted() where (residents[code] ?? 0) > threshold {
                    clocks.append(Clock(definition: deadline, stateCode: code))
                }
            } else {
                clocks.append(Clock(definition: deadline, stateCode: deadline.stateCode))
            }
        }
        return clocks
    }

    /// The status of every clock that has started, in the workflow's order.
    public func statuses(_ state: IncidentState, now: Date) -> [DeadlineStatus] {
        guard state.lifecycle != .notOpened else { return [] }
        let calendar = BusinessCalendar(hours: definition.businessHours)
        return applicableClocks(state).compactMap { clock -> DeadlineStatus? in
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
                pausedSeconds: due.timeIntervalSince(plainDue))
        }
    }

    private func conditionsHold(_ conditions: [DeadlineCondition], _ state: IncidentState) -> Bool {
        conditions.allSatisfy { condition in
            switch condition {
            case .breachPresumed: definition.isBreachPresumed(state)
            case .affectedAtLeast(let n): (state.breach.affected?.total ?? 0) >= n
            case .affectedBelow(let n): state.breach.affected.map { $0.total < n } ?? false
            case .unreachableAtLeast(let n): (state.breach.affected?.unreachable ?? 0) >= n
            case .actionTaken(let action): state.hasTaken(action)
            case .stateResidentsAtLeast(let code, let n):
                state.breach.affected.map { ($0.residentsByState[code] ?? 0) >= n } ?? true
            }
        }
    }

    private func anchorDate(_ anchor: DeadlineAnchor, _ state: IncidentState, _ calendar: BusinessCalendar) -> Date? {
        switch anchor {
        case .opened: state.openedAt
        case .detection: state.detectedAt
        case .discovery: state.discoveredAt
        case .determination:
            state.breach.conclusion.flatMap { $0.conclusion == .breach ? $0.at : nil }
        case .endOfDiscoveryYear: state.discoveredAt.map { calendar.startOfNextYear(after: $0) }
        case .stateEntered(let name): state.stateHistory.first { $0.state == name }?.at
        }
    }

    /// 164.412: the clock stops for the period of a law-enforcement delay that starts before it runs out.
    /// A business-day clock restarts in full after the delay ends (as Cal. H&S 1280.15 requires).
    private func applyingPauses(
        to due: Date, start: Date, _ within: WorkflowDuration, _ state: IncidentState, _ calendar: BusinessCalendar
    ) -> Date {
        var result = due
        for delay in state.breach.lawEnforcementDelays.sorted(by: { $0.statedAt < $1.statedAt })
        where delay.statedAt < result && delay.pauseEnds > start {
            let pauseStart = max(delay.statedAt, start)
            if within.unit == .businessDays {
                result = max(result, calendar.adding(within, to: delay.pauseEnds))
            } else {
                result = result.addingTimeInterval(delay.pauseEnds.timeIntervalSince(pauseStart))
            }
        }
        return result
    }

    /// When the clock was met: `.some(nil)` means met at an unknown time; nil means not met.
    private func metTime(_ clock: Clock, _ state: IncidentState) -> Date?? {
        switch clock.definition.metBy {
        case .guardHolds(let name):
            let result = definition.evaluate(guardNamed: name, on: state)
            return result.isSatisfied ? .some(result.since) : nil
        case .notification(let recipient):
            if let given = Self.notifications(recipient, stateCode: clock.stateCode, in: state).min() {
                return .some(given)
            }
            return Self.notificationNotOwed(recipient, stateCode: clock.stateCode, in: state) ? .some(nil) : nil
        }
    }

    static func notifications(_ recipient: NotificationRecipient, stateCode: String?, in state: IncidentState) -> [Date]
    {
        state.breach.notifications
            .filter {
                $0.recipient == recipient && (stateCode == nil || $0.stateCode == nil || $0.stateCode == stateCode)
            }
            .map(\.notifiedAt)
    }

    static func notificationGiven(_ recipient: NotificationRecipient, stateCode: String?, in state: IncidentState)
        -> Bool
    {
        !notifications(recipient, stateCode: stateCode, in: state).isEmpty
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
