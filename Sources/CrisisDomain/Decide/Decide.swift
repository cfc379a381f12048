import Foundation

/// Checks `command` against the incident's state and the workflow it opened under and says what
/// happened, or refuses with the rule and a sentence for the person at the terminal.
/// Pure: time comes in as `now`; ids are derived from the state.
public func decide(
    _ command: IncidentCommand, _ state: IncidentState, _ definition: WorkflowDefinition, actor: Actor, now: Date,
    roster: Roster? = nil
) throws(Refusal) -> [IncidentEvent] {
    try Decision(command: command, state: state, definition: definition, actor: actor, now: now, roster: roster)
        .decide()
}

/// One decision in progress; the rules live in its extensions, one file per concept.
struct Decision {
    let command: IncidentCommand
    let state: IncidentState
    let definition: WorkflowDefinition
    let actor: Actor
    let now: Date
    /// The roster as read with the actor: whom access may be given to (nil: not checked).
    var roster: Roster? = nil

    func decide() throws(Refusal) -> [IncidentEvent] {
        try checkLifecycle()
        try authorise()
        switch command {
        case .open(let open): return try decideOpen(open)
        case .assign(let role, let person): return try decideAssign(role: role, person: person)
        case .note(let text):
            return [.noteAdded(NoteAdded(text: try required(text, "the note's text")))]
        case .privilegedNote(let text): return try decidePrivilegedNote(text)
        case .postMortem(let postMortem): return try decidePostMortem(postMortem)
        case .linkIncident(let other, let kind, let reason):
            // Linked already: a retried link changes nothing.
            if state.linkedIncidents.contains(where: { $0.id == other }) { return [] }
            return [
                .incidentLinked(
                    IncidentLinked(otherIncident: other, otherKind: kind, reason: try required(reason, "a reason")))
            ]
        case .act(let action, let note): return try decideAct(action: action, note: note)
        case .close(let note): return try decideClose(note: note)
        case .message(let message): return try decideMessage(message)
        case .removal(let removal): return try decideRemoval(removal)
        case .captureEvidence(let url, let capturedAt, let hash):
            return try decideEvidence(url: url, capturedAt: capturedAt, contentSHA256: hash)
        case .amendDiscovery, .recordExclusionCheck, .recordAssessmentFactor, .concludeAssessment,
            .reviseAssessment, .recordBreachCircumstances, .recordAffectedPopulation, .recordNotification,
            .recordNotificationNotOwed, .recordLawEnforcementDelay,
            .recordSanction:
            return try decideBreach()
        case .recordBusinessAssociateNotice(let associate, let discoveredAt, let toldAt, let lateReason):
            return try decideBusinessAssociateNotice(
                associate: associate, discoveredAt: discoveredAt, toldAt: toldAt, lateReason: lateReason)
        case .recordMissedDeadlines: return decideMissedDeadlines()
        case .paging(let paging): return try decidePaging(paging).map(IncidentEvent.paging)
        case .freeze(let freeze): return try decideFreeze(freeze).map(IncidentEvent.freeze)
        case .restrict, .grantAccess, .revokeAccess, .grantAuditAccess: return try decideAccess()
        case .placeLegalHold, .releaseLegalHold, .shredKey: return try decideRetention()
        }
    }

    private func checkLifecycle() throws(Refusal) {
        if case .open = command {
            guard state.lifecycle == .notOpened else {
                throw Refusal(.incidentAlreadyOpen, "This incident is already open; open a new one with a new id.")
            }
            return
        }
        guard state.lifecycle != .notOpened else {
            throw Refusal(
                .incidentNotOpen,
                "There is no open incident with this id; check the id with `crisis incident list`.")
        }
        if state.workflow != definition.reference {
            throw Refusal(
                .workflowMismatch,
                "This incident opened under \(state.workflow.map { "\($0.kind) v\($0.version)" } ?? "another workflow") "
                    + "and must be decided with that definition, not \(definition.kind) v\(definition.version); "
                    + "load the definition by the hash the incident recorded.")
        }
        if state.lifecycle == .closed && !command.acceptedAfterClosing {
            throw Refusal(
                .incidentClosed,
                "The incident is closed: only notes, notices and the post-mortem can still be added; open a new incident for new events."
            )
        }
    }

    private func authorise() throws(Refusal) {
        let rule = CommandPermissions.rule(for: command.name)
        if rule == .crisis { return }
        guard !actor.isReadOnly else {
            throw Refusal(
                .permissionReadOnly,
                "\(actor.databaseRole) holds no organisational role that may act (an auditor may read and export only); ask the commander to act, or have the roster updated."
            )
        }
        let allowed = definition.rolesAllowed(for: command.name)
        switch rule {
        case .crisis, .decidedByWorkflow, .pageRecipient: return  // checked against the action, the message policy, the page
        case .anyTeamMember where allowed.isEmpty: return
        case .anyTeamMember: break
        case .roles:
            if case .postMortem(.completeAction(let id, _)) = command,
                state.postMortem.action(id)?.owner == actor.databaseRole
            {
                return  // the owner marks their own action done
            }
        }
        guard actor.holdsAny(of: allowed) else {
            let who = allowed.isEmpty ? "no role" : allowed.joined(separator: ", ")
            throw Refusal(
                .permissionRole,
                "\(actor.databaseRole) may not \(command.name.rawValue.replacingOccurrences(of: "-", with: " ")): "
                    + "the \(definition.kind) workflow allows it to \(who); "
                    + "ask one of them, or have the roster updated.")
        }
    }

    private func decideOpen(_ open: OpenIncident) throws(Refusal) -> [IncidentEvent] {
        let title = try requiredName(open.title, "a title")
        let detected = open.detectedAt ?? now
        guard detected <= now, (open.discoveredAt ?? detected) <= now else {
            throw Refusal(
                .incidentTimeInFuture,
                "Detection and discovery times cannot be in the future; give the time it actually happened.")
        }
        let restriction = try restrictionAtOpening(open)
        var discoveredAt = open.discoveredAt
        if let source = open.discoverySource {
            // Patient detail was in the complaint's thread from the start: the organisation knew
            // then, so discovery is the complaint's, and the record says where it came from.
            guard open.discoveredAt == nil, source.linkedIncident == open.linkedIncident else {
                throw Refusal(
                    .incidentDiscoveryConflict,
                    "--phi-from-start takes discovery from the incident given with --linked-to; give it without --discovered-at (amend discovery afterwards if it was earlier still)."
                )
            }
            guard source.discoveredAt <= detected else {
                throw Refusal(
                    .incidentDiscoveryConflict,
                    "The linked incident's discovery (\(source.discoveredAt.formatted(EventJSON.dateStyle))) is after this one's detection; patient detail cannot have been in its thread from the start."
                )
            }
            discoveredAt = source.discoveredAt
        }
        return [
            .incidentOpened(
                IncidentOpened(
                    incidentId: open.id, kind: definition.kind, title: title, workflow: definition.reference,
                    overlays: definition.overlays, initialState: definition.initialState, posts: open.posts,
                    detectedAt: detected, discoveredAt: discoveredAt, linkedIncident: open.linkedIncident,
                    drill: open.drill ? true : nil, discoverySource: open.discoverySource))
        ] + restriction + automaticFreezes(on: FreezePolicy.onOpening).map(IncidentEvent.freeze)
    }

    private func decideAssign(role: String, person: String) throws(Refusal) -> [IncidentEvent] {
        let person = try requiredName(person, "the person to assign")
        let known = RoleDefinition.standardIdentifiers + definition.roles.map(\.id)
        guard known.contains(role) else {
            throw Refusal(
                .assignUnknownRole,
                "There is no role \"\(role)\" in the \(definition.kind) workflow; use one of: \(known.joined(separator: ", "))."
            )
        }
        guard !(state.assignments[role] ?? []).contains(person) else {
            throw Refusal(
                .assignAlreadyAssigned,
                "\(person) is already assigned as \(role) on this incident; nothing to do.")
        }
        return [.roleAssigned(RoleAssigned(role: role, person: person))]
    }

    /// Free text (a note, a reason, a message), kept exactly as given;
    /// refused only when there is nothing but whitespace.
    func required(_ text: String, _ what: String) throws(Refusal) -> String {
        guard !text.isBlank else {
            throw Refusal(.inputRequired, "\(command.name.rawValue) needs \(what); give it and try again.")
        }
        return text
    }

    /// A name or an address (platform, URL, channel, person): whitespace
    /// around it is not part of it.
    func requiredName(_ text: String, _ what: String) throws(Refusal) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw Refusal(.inputRequired, "\(command.name.rawValue) needs \(what); give it and try again.")
        }
        return trimmed
    }
}
