import Foundation

/// Works out the pages an incident owes at a moment: pure, from the incident's state, the workflow
/// it runs under and the on-call schedule. Every page id derives from the incident, the rule, what
/// caused it and the role and level paged, so however many planners run, or restart, a page is
/// requested once: the decision drops every page already in the record.
public struct PagePlanner: Sendable {
    public var state: IncidentState
    public let definition: WorkflowDefinition
    public let schedule: OnCallSchedule
    public let now: Date
    /// Made once: a calendar looks its time zone up by name.
    private let calendar: BusinessCalendar

    public init(state: IncidentState, definition: WorkflowDefinition, schedule: OnCallSchedule, now: Date) {
        self.state = state
        self.definition = definition
        self.schedule = schedule
        self.now = now
        calendar = BusinessCalendar(hours: definition.businessHours)
    }

    private var policy: PagingPolicy { definition.paging }

    /// The events owed now: new pages (`PageRequested`) and escalations of pages nobody took on
    /// (`PageEscalated`, each followed by the page for the next level when there is one). A page
    /// that reaches nobody escalates in the same decision, so a chain of empty levels is walked
    /// at once rather than one pass at a time.
    public func owed() -> [PagingEvent] {
        var planner = self
        var owed: [PagingEvent] = []
        // Each round escalates one step; the chain has at most four (two levels, then the commander's two).
        for _ in 0..<6 {
            let events = planner.step()
            if events.isEmpty { break }
            owed += events
            for event in events { event.evolve(&planner.state, by: "", at: now) }
        }
        return owed
    }

    /// What waits in the incident at this moment, worked out once per step.
    private struct Waiting {
        var approvals: [PendingApproval]
        /// The clocks still running or missed, not met.
        var clocks: [DeadlineStatus]
    }

    private func waiting() -> Waiting {
        Waiting(
            approvals: state.isOpen ? pendingApprovals(state, definition) : [],
            clocks: openDeadlines(state, definition, now: now).filter { $0.metAt == nil })
    }

    private func step() -> [PagingEvent] {
        guard state.lifecycle != .notOpened, let incident = state.id else { return [] }
        var events: [PagingEvent] = []
        var known = Set(state.pages.map(\.id))
        // A deadline's role depends on the hour (in or out of business hours): the same miss is
        // paged once, to whichever role it fell to first, not again when the hours turn.
        var asked = Set(
            state.pages.map { "\($0.rule)|\($0.cause.key)|\($0.level)|\(Self.roleInKey($0.cause, $0.role))" })
        func request(_ rule: PageRule, _ cause: PageCause, role: String, level: Int, assignedFirst: Bool, dueAt: Date?)
        {
            let id = Self.pageId(incident: incident, rule: rule.name, cause: cause, role: role, level: level)
            let key = "\(rule.name)|\(cause.key)|\(level)|\(Self.roleInKey(cause, role))"
            guard !known.contains(id), !asked.contains(key) else { return }
            known.insert(id)
            asked.insert(key)
            events.append(
                .requested(pageRequest(id, rule, cause, role, level, assignedFirst: assignedFirst, dueAt: dueAt)))
        }
        let waiting = waiting()
        for (rule, cause, role, level, assignedFirst, dueAt) in triggered(waiting) {
            request(rule, cause, role: role, level: level, assignedFirst: assignedFirst, dueAt: dueAt)
        }
        for page in state.pages where page.isOpen {
            guard let reason = escalationReason(page, waiting),
                let rule = policy.rule(named: page.rule) ?? fallbackRule(page)
            else { continue }
            guard let next = Self.nextStep(role: page.role, level: page.level) else {
                events.append(.escalated(PageEscalated(pageId: page.id, toPageId: nil, reason: reason)))
                continue
            }
            let cause = PageCause(reason, deadlineId: page.cause.deadlineId, dueAt: page.dueAt, pageId: page.id)
            let id = Self.pageId(incident: incident, rule: rule.name, cause: cause, role: next.role, level: next.level)
            events.append(.escalated(PageEscalated(pageId: page.id, toPageId: id, reason: reason)))
            guard !known.contains(id) else { continue }
            known.insert(id)
            events.append(
                .requested(pageRequest(id, rule, cause, next.role, next.level, assignedFirst: false, dueAt: page.dueAt))
            )
        }
        return events
    }

    /// The next moment something may be owed without any new event (an acknowledgement running
    /// out, a reminder, a deadline's warning or end, a retry): when a follower looks again.
    public func nextCheck() -> Date? {
        guard state.lifecycle != .notOpened else { return nil }
        var moments: [Date] = []
        for page in state.pages {
            if page.isAcknowledged {
                moments.append(
                    contentsOf: page.deliveries.compactMap {
                        $0.acknowledgement?.isOutstanding == true ? $0.acknowledgement?.retryAt : nil
                    })
                continue
            }
            if page.isOpen { moments.append(page.acknowledgeBy) }
            moments.append(contentsOf: page.deliveries.compactMap { $0.isOutstanding ? $0.retryAt : nil })
        }
        if state.isOpen {
            for rule in policy.rules(for: .approvalNeeded) {
                guard let remind = rule.remindAfter else { continue }
                for pending in pendingApprovals(state, definition) {
                    guard let submitted = pending.submittedAt else { continue }
                    moments.append(calendar.adding(remind, to: submitted))
                }
            }
        }
        let clocks = openDeadlines(state, definition, now: now).filter { $0.metAt == nil }
        for clock in clocks {
            moments.append(clock.dueAt)
            for rule in policy.rules(for: .deadlineDueSoon) {
                if let from = warnFrom(clock, rule) { moments.append(from) }
            }
        }
        return moments.filter { $0 > now }.min()
    }

    /// Whether `page` still waits for someone: not acknowledged, not escalated, and what it asked
    /// for not yet done (an approval given or a deadline met closes it without an acknowledgement).
    public func waitsForSomeone(_ page: Page) -> Bool {
        page.isOpen && stillNeeded(page.cause, root: page, waiting())
    }

    /// Each page the incident's state calls for now, with the rule that calls for it.
    private func triggered(_ waiting: Waiting) -> [(PageRule, PageCause, String, Int, Bool, Date?)] {
        var owed: [(PageRule, PageCause, String, Int, Bool, Date?)] = []
        if state.isOpen {
            for rule in policy.rules(for: .incidentOpened) {
                for role in rule.roles { owed.append((rule, PageCause(.incidentOpened), role, 1, false, nil)) }
            }
            for rule in policy.rules(for: .approvalNeeded) {
                for pending in waiting.approvals {
                    for role in pending.outstandingRoles {
                        let asked = PageCause(.approvalNeeded, messageId: pending.messageId, revision: pending.revision)
                        owed.append((rule, asked, role, 1, true, nil))
                        // The reminder goes to level 2 unless the first page already went there.
                        let firstPageEscalated = state.pages.contains {
                            $0.cause == asked && $0.role == role && $0.level == 1 && $0.hasEscalated
                        }
                        if let remind = rule.remindAfter, let submitted = pending.submittedAt,
                            calendar.adding(remind, to: submitted) <= now, !firstPageEscalated
                        {
                            let waiting = PageCause(
                                .approvalWaiting, messageId: pending.messageId, revision: pending.revision)
                            owed.append((rule, waiting, role, 2, false, nil))
                        }
                    }
                }
            }
            for rule in policy.rules(for: .removalFailed) {
                for removal in state.removals where removal.status == .failed {
                    for role in rule.roles {
                        owed.append((rule, PageCause(.removalFailed, removalId: removal.id), role, 1, false, nil))
                    }
                }
            }
        }
        for clock in waiting.clocks {
            let role = escalationRole(clock)
            if clock.dueAt <= now {
                for rule in policy.rules(for: .deadlineMissed) {
                    let missed = PageCause(.deadlineMissed, deadlineId: clock.id, dueAt: clock.dueAt)
                    owed.append((rule, missed, role, 1, false, clock.dueAt))
                }
            } else {
                for rule in policy.rules(for: .deadlineDueSoon) {
                    guard let from = warnFrom(clock, rule), from <= now else { continue }
                    let soon = PageCause(.deadlineDueSoon, deadlineId: clock.id, dueAt: clock.dueAt)
                    owed.append((rule, soon, role, 1, false, clock.dueAt))
                }
            }
        }
        return owed
    }

    /// From when a clock is paged as due soon: its own `warn-before` when the workflow gives it
    /// one, else the rule's.
    private func warnFrom(_ clock: DeadlineStatus, _ rule: PageRule) -> Date? {
        clock.warnFrom ?? rule.warnBefore.map { calendar.subtracting($0, from: clock.dueAt) }
    }

    /// The deadline's escalation role at this moment: outside business hours, its out-of-hours role.
    private func escalationRole(_ clock: DeadlineStatus) -> String {
        guard let definition = definition.deadlines.first(where: { $0.name == clock.name }) else {
            return clock.escalateTo
        }
        if !calendar.isWithinBusinessHours(now), let outside = definition.escalateOutsideBusinessHoursTo {
            return outside
        }
        return definition.escalateTo
    }

    /// Why an open page moves on now, if it does: nobody was paged, every route failed, or the
    /// acknowledgement time ran out while what it asked for still waits.
    private func escalationReason(_ page: Page, _ waiting: Waiting) -> PageCause.Kind? {
        let reason: PageCause.Kind
        if page.recipients.isEmpty {
            reason = .nobodyToPage
        } else if page.reachedNobody {
            reason = .deliveryFailed
        } else if page.acknowledgeBy <= now {
            reason = .notAcknowledged
        } else {
            return nil
        }
        return stillNeeded(page.cause, root: page, waiting) ? reason : nil
    }

    /// Whether what a page asked for still waits: an approval not yet given on that revision, a
    /// deadline not yet met; the rest until someone acknowledges.
    private func stillNeeded(_ cause: PageCause, root page: Page, _ waiting: Waiting) -> Bool {
        switch cause.kind {
        case .approvalNeeded, .approvalWaiting:
            guard state.isOpen, let id = cause.messageId else { return false }
            return waiting.approvals.contains {
                $0.messageId == id && $0.revision == cause.revision && $0.outstandingRoles.contains(page.role)
            }
        case .deadlineDueSoon:
            // Once the deadline has passed, the miss has a page (and a chain) of its own.
            guard let id = cause.deadlineId else { return true }
            return waiting.clocks.contains { $0.id == id && $0.dueAt > now }
        case .deadlineMissed:
            guard let id = cause.deadlineId else { return true }
            return waiting.clocks.contains { $0.id == id }
        case .incidentOpened:
            return state.isOpen
        case .removalFailed:
            return state.isOpen && cause.removalId.flatMap(state.removal)?.status == .failed
        case .notAcknowledged, .deliveryFailed, .nobodyToPage:
            // An escalation asks for what the first page of its chain asked for, and stops once
            // anyone along the chain took it on.
            var current = page
            var hops = 0
            while current.cause.isEscalation, let previous = current.cause.pageId.flatMap(state.page), hops < 16 {
                if previous.isAcknowledged { return false }
                current = previous
                hops += 1
            }
            return current.cause.isEscalation ? true : stillNeeded(current.cause, root: current, waiting)
        }
    }

    /// A page whose rule the workflow no longer has (it cannot: the incident keeps its pinned
    /// definition) still escalates, under its own rule name.
    private func fallbackRule(_ page: Page) -> PageRule? {
        PageRule(name: page.rule, trigger: .incidentOpened, roles: [page.role])
    }

    private func pageRequest(
        _ id: String, _ rule: PageRule, _ cause: PageCause, _ role: String, _ level: Int, assignedFirst: Bool,
        dueAt: Date?
    ) -> PageRequested {
        let assigned = assignedFirst ? (state.assignments[role] ?? []) : []
        let recipients = assigned.isEmpty ? schedule.onCall(role, level: level, at: now) : assigned
        let routes = recipients.flatMap { person -> [PageRoute] in
            guard let contact = schedule.contacts[person] else { return [] }
            return (contact.email == nil ? [] : [PageRoute(person: person, route: PageRoute.email)])
                + contact.channels.map { PageRoute(person: person, route: PageRoute.webhook($0)) }
        }
        return PageRequested(
            pageId: id, rule: rule.name, cause: cause, role: role, level: level, recipients: recipients, routes: routes,
            acknowledgeBy: calendar.adding(policy.acknowledgeWithin, to: now), dueAt: dueAt)
    }

    /// Who is paged after `role` at `level`: level 2 of the same role, then the commander on call
    /// (level 1, then 2); nil at the end of the chain.
    public static func nextStep(role: String, level: Int) -> (role: String, level: Int)? {
        if level < 2 { return (role, 2) }
        if role != "commander" { return ("commander", 1) }
        return nil
    }

    /// The role as part of what makes a page the same: none for a deadline (its role moves with the hours).
    static func roleInKey(_ cause: PageCause, _ role: String) -> String {
        switch cause.kind {
        case .deadlineDueSoon, .deadlineMissed: ""
        case .incidentOpened, .approvalNeeded, .approvalWaiting, .removalFailed, .notAcknowledged, .deliveryFailed,
            .nobodyToPage:
            role
        }
    }

    /// A page's id: the incident's short id and a digest of what caused the page, so the same
    /// cause always names the same page (and a receiver can use it as an idempotency key).
    public static func pageId(incident: UUID, rule: String, cause: PageCause, role: String, level: Int) -> String {
        let short = incident.uuidString.lowercased().prefix(8)
        let digest = ContentHash.sha256Hex("\(incident.uuidString.lowercased())|\(rule)|\(cause.key)|\(role)|\(level)")
        return "\(short)-\(digest.prefix(8))"
    }
}
