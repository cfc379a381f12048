import Foundation

/// Folds one recorded event into the incident's state. Pure and total: an event that does not
/// fit (which `decide` never produces) leaves the state as it was, apart from the version.
public func evolve(_ state: consuming IncidentState, _ recorded: RecordedIncidentEvent) -> IncidentState {
    // Taking the state over (callers write `state = evolve(consume state, event)`)
    // keeps its arrays uniquely owned, so a long stream folds in linear time.
    var next = consume state
    next.version = recorded.version
    let by = recorded.actor
    let at = recorded.recordedAt
    switch recorded.event {
    case .incidentOpened(let e):
        next.lifecycle = .open
        next.id = e.incidentId
        next.kind = e.kind
        next.title = e.title
        next.workflow = e.workflow
        next.overlays = e.overlays
        next.currentState = e.initialState
        next.stateHistory = [StateEntry(state: e.initialState, at: at)]
        next.openedAt = at
        next.openedBy = by
        next.detectedAt = e.detectedAt
        next.discoveredAt = e.discoveredAt ?? e.detectedAt
        next.posts = e.posts
        next.drill = e.drill == true ? true : nil
        next.breach.discoverySource = e.discoverySource
        next.access.add(by, .opened)
        if let linked = e.linkedIncident {
            next.linkedIncidents.append(LinkedIncident(id: linked, kind: nil, reason: "opened from this incident"))
        }
    case .roleAssigned(let e):
        var people = next.assignments[e.role] ?? []
        if !people.contains(e.person) { people.append(e.person) }
        next.assignments[e.role] = people
        next.access.add(e.person, .assigned)
    case .actionTaken(let e):
        next.actionsTaken.append(TakenAction(action: e.action, from: e.from, to: e.to, note: e.note, by: by, at: at))
        if e.to != next.currentState {
            next.stateHistory.append(StateEntry(state: e.to, at: at))
        }
        next.currentState = e.to
    case .noteAdded(let e):
        next.notes.append(Note(kind: .note, text: e.text, by: by, at: at))
    // Privileged notes stay out of the state every view and export reads; the timeline reads the events.
    case .privilegedNoteAdded: break
    case .businessAssociateNoticeRecorded(let e): evolveBusinessAssociateNotice(&next, e, by: by, at: at)
    case .postMortem(let e):
        e.evolve(&next, by: by, at: at)
    case .incidentLinked(let e):
        next.linkedIncidents.append(LinkedIncident(id: e.otherIncident, kind: e.otherKind, reason: e.reason))
    case .message(let e):
        e.evolve(&next, by: by, at: at)
    case .removal(let e):
        e.evolve(&next, by: by, at: at)
    case .evidenceCaptured(let e):
        next.evidence.append(
            Evidence(url: e.url, capturedAt: e.capturedAt, contentSHA256: e.contentSHA256, by: by, recordedAt: at))
    case .discoveryAmended, .exclusionCheckRecorded, .assessmentFactorRecorded, .assessmentConcluded,
        .assessmentRevised, .breachCircumstancesRecorded, .affectedPopulationRecorded, .notificationRecorded,
        .notificationNotOwedRecorded,
        .lawEnforcementDelayRecorded, .sanctionRecorded:
        evolveBreach(&next, recorded.event, by: by, at: at)
    case .deadlineMissed(let e):
        next.missedDeadlines.append(RecordedDeadline(deadlineId: e.deadlineId, dueAt: e.dueAt, recordedAt: at))
    case .deadlineEscalated(let e):
        next.escalations.append(
            RecordedEscalation(deadlineId: e.deadlineId, escalatedTo: e.escalatedTo, recordedAt: at))
    case .incidentClosed:
        next.lifecycle = .closed
        next.closedAt = at
        next.closedBy = by
    case .commandRefused(let e):
        next.refusals.append(RecordedRefusal(command: e.command, rule: e.rule, reason: e.reason, by: by, at: at))
    case .paging(let e):
        e.evolve(&next, by: by, at: at)
    case .freeze(let e):
        evolveFreeze(&next, e, by: by, at: at)
    case .incidentRestricted(let e):
        next.access.restricted = true
        next.access.reason = e.reason
        next.access.restrictedBy = by
        next.access.restrictedAt = at
        next.access.add(by, .restricted)
    case .accessGranted(let e): next.access.add(e.person, .granted)
    case .accessRevoked(let e): next.access.revoke(e.person)
    case .auditAccessGranted(let e): next.access.add(e.person, .audit, until: e.until)
    case .legalHoldPlaced(let e):
        next.retention.holds.append(.init(reason: e.reason, placedBy: by, placedAt: at))
    case .legalHoldReleased:
        if let last = next.retention.holds.indices.last, next.retention.holds[last].releasedAt == nil {
            next.retention.holds[last].releasedBy = by
            next.retention.holds[last].releasedAt = at
        }
    case .keyShredded(let e):
        next.retention.shreddedAt = at
        next.retention.shreddedBy = by
        next.retention.shredReason = e.reason
    }
    return next
}

/// Folds a whole history, in order, from the initial state.
public func replay(_ history: [RecordedIncidentEvent]) -> IncidentState {
    history.reduce(IncidentState.initial, evolve)
}

private func evolveBreach(_ state: inout IncidentState, _ event: IncidentEvent, by: String, at: Date) {
    switch event {
    case .discoveryAmended(let e):
        state.discoveryAmendments.append(
            DiscoveryAmendment(from: state.discoveredAt, to: e.discoveredAt, reason: e.reason, by: by, at: at))
        state.discoveredAt = e.discoveredAt
    case .exclusionCheckRecorded(let e):
        if let earlier = state.breach.exclusionCheck {
            state.breach.earlierExclusionChecks = (state.breach.earlierExclusionChecks ?? []) + [earlier]
        }
        state.breach.exclusionCheck = .init(exclusionApplies: e.exclusionApplies, reason: e.reason, by: by, at: at)
        state.breach.keep(e.keptMisses ?? [])
    case .assessmentFactorRecorded(let e):
        state.breach.factors.removeAll { $0.factor == e.factor }
        state.breach.factors.append(.init(factor: e.factor, finding: e.finding, by: by, at: at))
        state.breach.factors.sort { $0.factor.rawValue < $1.factor.rawValue }
    case .assessmentConcluded(let e):
        state.breach.conclusion = .init(conclusion: e.conclusion, reason: e.reason, by: by, at: at)
    case .assessmentRevised(let e):
        if let earlier = state.breach.conclusion {
            state.breach.earlierConclusions = (state.breach.earlierConclusions ?? []) + [earlier]
        }
        state.breach.conclusion = .init(conclusion: e.conclusion, reason: e.reason, by: by, at: at, isRevision: true)
        state.breach.keep(e.keptMisses)
    case .breachCircumstancesRecorded(let e):
        let before = state.breach.circumstances
        if let before {
            state.breach.earlierCircumstances = (state.breach.earlierCircumstances ?? []) + [before]
        }
        state.breach.circumstances = .init(
            breachOn: e.breachOn ?? before?.breachOn, firstKnownBy: e.firstKnownBy ?? before?.firstKnownBy,
            committedBy: e.committedBy ?? before?.committedBy, reason: e.reason, by: by, at: at)
    case .affectedPopulationRecorded(let e):
        state.breach.affected = .init(total: e.total, residentsByState: e.residentsByState, unreachable: e.unreachable)
    case .notificationRecorded(let e):
        state.breach.notifications.append(
            .init(
                recipient: e.recipient, notifiedAt: e.notifiedAt, count: e.count, stateCode: e.stateCode, by: by,
                logEntry: e.logEntry, method: e.method, tollFree: e.tollFree, postedUntil: e.postedUntil,
                recordedAt: at,
                delayReason: e.delayReason))
    case .notificationNotOwedRecorded(let e):
        state.breach.notOwed.append(
            .init(recipient: e.recipient, stateCode: e.stateCode, reason: e.reason, by: by, at: at))
    case .lawEnforcementDelayRecorded(let e):
        state.breach.lawEnforcementDelays.append(
            .init(statement: e.statement, statedAt: e.statedAt, until: e.until, official: e.official, recordedAt: at))
    case .sanctionRecorded(let e):
        state.sanctions.append(
            Sanction(
                kind: e.kind, staffMember: e.staffMember, effectiveAt: e.effectiveAt, description: e.description, by: by
            ))
    default:
        break
    }
}
