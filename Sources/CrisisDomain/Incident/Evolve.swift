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
    case .postMortemRecorded(let e):
        next.notes.append(Note(kind: .postMortem, text: e.text, by: by, at: at))
    case .postMortemStarted, .postMortemEntryAdded, .postMortemActionAdded, .postMortemActionCompleted,
        .postMortemPublished:
        next.postMortem.evolve(recorded.event, by: by, at: at)
    case .incidentLinked(let e):
        next.linkedIncidents.append(LinkedIncident(id: e.otherIncident, kind: e.otherKind, reason: e.reason))
    case .messageDrafted, .messageEdited, .messageSubmitted, .messageApproved, .messageRejected,
        .messagePublished, .phiScannerOverridden:
        evolveMessage(&next, recorded.event, by: by, at: at)
    case .removalRequested, .removalConfirmed, .removalFailed, .removalAbandoned, .evidenceCaptured:
        evolveRemoval(&next, recorded.event, by: by, at: at)
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

private func evolveMessage(_ state: inout IncidentState, _ event: IncidentEvent, by: String, at: Date) {
    func update(_ id: String, _ change: (inout Message) -> Void) {
        guard let index = state.messages.firstIndex(where: { $0.id == id }) else { return }
        change(&state.messages[index])
    }
    switch event {
    case .messageDrafted(let e):
        state.messages.append(
            Message(
                id: e.messageId, channel: e.channel, text: e.text, revision: 1, template: e.template, author: by,
                authors: [by],
                draftedAt: at, status: .draft, submittedAt: nil, approvals: [], voidedApprovals: [], rejections: []))
    case .messageEdited(let e):
        update(e.messageId) { message in
            message.text = e.text
            message.revision = e.revision
            if !message.authors.contains(by) { message.authors.append(by) }
            message.voidedApprovals += message.approvals
            message.approvals = []
            message.status = .draft
        }
    case .messageSubmitted(let e):
        update(e.messageId) { message in
            message.status = .submitted
            message.submittedAt = at
            message.submissions.append(MessageSubmission(revision: e.revision, at: at))
        }
    case .messageApproved(let e):
        update(e.messageId) { message in
            message.approvals.append(
                Approval(
                    role: e.role, by: by, at: at, revision: e.revision, textSHA256: e.textSHA256, note: e.note))
            if e.approvalComplete { message.status = .approved }
        }
    case .messageRejected(let e):
        update(e.messageId) { message in
            message.rejections.append(Rejection(role: e.role, by: by, at: at, revision: e.revision, reason: e.reason))
            message.status = .rejected
        }
    case .messagePublished(let e):
        update(e.messageId) { message in
            message.status = .published
            message.publishedURL = e.url
            message.publishedAt = at
            message.publishedBy = by
        }
    case .phiScannerOverridden(let e):
        state.phiOverrides.append(
            PHIOverride(
                textSHA256: e.textSHA256, findings: e.findings, reason: e.reason, by: by, at: at, rules: e.rules))
    default:
        break
    }
}

private func evolveRemoval(_ state: inout IncidentState, _ event: IncidentEvent, by: String, at: Date) {
    func resolve(_ e: RemovalResolved, _ status: Removal.Status) {
        guard let index = state.removals.firstIndex(where: { $0.id == e.removalId }) else { return }
        state.removals[index].status = status
        state.removals[index].history.append(RemovalStep(status: status, detail: e.detail, by: by, at: at))
    }
    switch event {
    case .removalRequested(let e):
        state.removals.append(
            Removal(
                id: e.removalId, platform: e.platform, url: e.url, status: .requested, requestedBy: by,
                requestedAt: at, history: [RemovalStep(status: .requested, detail: nil, by: by, at: at)]))
    case .removalConfirmed(let e): resolve(e, .confirmed)
    case .removalFailed(let e): resolve(e, .failed)
    case .removalAbandoned(let e): resolve(e, .abandoned)
    case .evidenceCaptured(let e):
        state.evidence.append(
            Evidence(url: e.url, capturedAt: e.capturedAt, contentSHA256: e.contentSHA256, by: by, recordedAt: at))
    default:
        break
    }
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
