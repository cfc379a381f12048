import Foundation

/// Need to know (issue 13): restricting an incident, and granting or revoking access to it. The
/// rules live here; PostgreSQL enforces who sees what (migration 0007).
extension Decision {
    func decideAccess() throws(Refusal) -> [IncidentEvent] {
        switch command {
        case .restrict(let reason):
            let reason = try required(reason, "a reason (why only the people working it may see it)")
            if state.access.restricted { return [] }
            return [.incidentRestricted(IncidentRestricted(reason: reason))]
        case .grantAccess(let person):
            let person = try onRoster(person)
            if state.access.entries.contains(where: { $0.person == person && $0.basis == .granted }) { return [] }
            return [.accessGranted(AccessChanged(person: person))]
        case .revokeAccess(let person):
            let person = try requiredName(person, "the person whose access ends")
            if state.access.isAssigned(person) {
                let roles = state.assignments.filter { $0.value.contains(person) }.keys.sorted()
                throw Refusal(
                    .accessAssigned,
                    "\(person) is assigned to this incident (as \(roles.joined(separator: ", "))) and keeps access while assigned; the people working an incident always see it."
                )
            }
            guard state.access.entries.contains(where: { $0.person == person }) else {
                throw Refusal(
                    .accessNotGranted,
                    "\(person) has no access of their own to this incident; `crisis incident show` lists who has.")
            }
            var after = state.access
            after.revoke(person)
            if !commanders(in: state.access).isEmpty && commanders(in: after).isEmpty {
                throw Refusal(
                    .accessLastCommander,
                    "\(person) is the last commander who may see this incident; grant another commander access (or assign one) first."
                )
            }
            return [.accessRevoked(AccessChanged(person: person))]
        case .grantAuditAccess(let person, let until):
            let person = try onRoster(person)
            guard until > now else {
                throw Refusal(
                    .accessUntilPassed,
                    "The access would end at \(until.formatted(EventJSON.dateStyle)), which has passed; give a time still to come."
                )
            }
            return [.auditAccessGranted(AuditAccessGranted(person: person, until: until))]
        case .open, .assign, .note, .privilegedNote, .recordBusinessAssociateNotice, .act, .linkIncident, .message,
            .removal, .captureEvidence, .amendDiscovery, .recordExclusionCheck,
            .recordAssessmentFactor, .concludeAssessment, .reviseAssessment, .recordBreachCircumstances,
            .recordAffectedPopulation, .recordNotification,
            .recordNotificationNotOwed, .recordLawEnforcementDelay, .recordSanction, .postMortem,
            .recordMissedDeadlines, .close, .placeLegalHold, .releaseLegalHold, .shredKey, .paging,
            .freeze:
            return []
        }
    }

    /// The opening of an incident that is restricted from its first event: only a commander or
    /// privacy officer may (the workflow's `permissions:` for `restrict` may name others).
    func restrictionAtOpening(_ open: OpenIncident) throws(Refusal) -> [IncidentEvent] {
        guard let reason = open.restriction else { return [] }
        let allowed = definition.rolesAllowed(for: .restrict)
        guard actor.holdsAny(of: allowed) else {
            throw Refusal(
                .permissionRole,
                "\(actor.databaseRole) may not open a restricted incident: the \(definition.kind) workflow allows it to \(allowed.isEmpty ? "no role" : allowed.joined(separator: ", ")); open it unrestricted and ask one of them to restrict it, or ask one of them to open it."
            )
        }
        return [.incidentRestricted(IncidentRestricted(reason: try required(reason, "a reason for the restriction")))]
    }

    /// A person named for access must be on the roster (a database role crisis knows).
    private func onRoster(_ person: String) throws(Refusal) -> String {
        let person = try requiredName(person, "the person to give access to")
        if let roster, roster.roles(of: person).isEmpty {
            throw Refusal(
                .inputNotOnRoster,
                "\(person) is not on the roster; `crisis roster list` shows who is (an administrator adds people with `crisis roster add`)."
            )
        }
        return person
    }

    /// The people with access who are commanders: on the roster, or assigned as one here.
    private func commanders(in access: IncidentAccess) -> Set<String> {
        let assigned = Set(state.assignments["commander"] ?? [])
        return Set(
            access.people(at: now).filter { person in
                assigned.contains(person) || (roster?.roles(of: person).contains("commander") ?? false)
                    || person == actor.databaseRole && actor.organisationalRoles.contains("commander")
            })
    }
}
