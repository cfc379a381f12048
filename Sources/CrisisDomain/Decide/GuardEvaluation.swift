import Foundation

/// Whether a guard holds for an incident, since when (where the history tells), and if not, why.
public struct GuardResult: Sendable, Equatable {
    public var isSatisfied: Bool
    public var since: Date?
    /// What is still missing, in a sentence; empty when satisfied.
    public var missing: String

    static func met(since: Date? = nil) -> GuardResult { GuardResult(isSatisfied: true, since: since, missing: "") }
    static func unmet(_ missing: String) -> GuardResult {
        GuardResult(isSatisfied: false, since: nil, missing: missing)
    }
}

extension WorkflowDefinition {
    /// Evaluates the named guard; an unknown name (impossible after validation) is unmet.
    public func evaluate(guardNamed name: String, on state: IncidentState) -> GuardResult {
        guard let definition = guardDefinition(named: name) else {
            return .unmet("the workflow defines no guard named \(name)")
        }
        if let condition = definition.whenActionTaken, !state.hasTaken(condition) { return .met() }
        return evaluate(definition.check, on: state)
    }

    /// The organisational roles whose approval every message needs now, in order.
    public func requiredApprovals(for state: IncidentState) -> [String] {
        var roles = messagePolicy.requiredApprovals
        for conditional in messagePolicy.conditionalApprovals
        where conditional.whenAnyActionTaken.contains(where: state.hasTaken) && !roles.contains(conditional.role) {
            roles.append(conditional.role)
        }
        return roles
    }

    /// Evaluates one built-in check.
    public func evaluate(_ check: GuardCheck, on state: IncidentState) -> GuardResult {
        switch check {
        case .roleAssigned(let role):
            return (state.assignments[role] ?? []).isEmpty
                ? .unmet("nobody is assigned as \(role) on this incident") : .met()
        case .evidenceCaptured:
            return state.evidence.isEmpty
                ? .unmet("no evidence has been captured") : .met(since: state.evidence.map(\.capturedAt).min())
        case .removalsRequested:
            let missing = removalsMissing(state)
            if state.posts.isEmpty && state.removals.isEmpty { return .unmet("no removal has been requested") }
            guard missing.isEmpty else {
                let list = missing.map { "\($0.platform) \($0.url)" }.joined(separator: ", ")
                return .unmet("no removal has been requested for \(list)")
            }
            return .met(since: state.removals.map(\.requestedAt).max())
        case .removalsResolved:
            let open = state.removals.filter { !$0.isResolved }
            guard open.isEmpty else {
                let list = open.map { "\($0.id) (\($0.platform), \($0.status.rawValue))" }.joined(separator: ", ")
                return .unmet("removals not yet confirmed or abandoned: \(list)")
            }
            return .met(since: state.removals.compactMap(\.resolvedAt).max())
        case .messageApproved(let channel):
            let required = Set(requiredApprovals(for: state))
            let approved = state.messages.filter {
                (channel == nil || $0.channel == channel) && required.isSubset(of: $0.approvedRoles)
            }
            guard let first = approved.compactMap({ $0.approvals.map(\.at).max() }).min() else {
                return .unmet(
                    "no \(channel.map { "\($0) " } ?? "")message has every required approval "
                        + "(\(requiredApprovals(for: state).joined(separator: ", ")))")
            }
            return .met(since: first)
        case .messagePublished(let channel):
            let published = state.messages.filter {
                (channel == nil || $0.channel == channel) && $0.status == .published
            }
            guard let first = published.compactMap(\.publishedAt).min() else {
                return .unmet("no \(channel.map { "\($0) " } ?? "")message has been published")
            }
            return .met(since: first)
        case .exclusionCheckRecorded:
            guard let check = state.breach.exclusionCheck else {
                return .unmet("the 164.402(1) exclusion check has not been recorded")
            }
            return .met(since: check.at)
        case .assessmentComplete:
            let recorded = Set(state.breach.factors.map(\.factor))
            let missing = AssessmentFactor.allCases.filter { !recorded.contains($0) }
            guard missing.isEmpty else {
                return .unmet(
                    "risk-assessment factors not yet recorded: \(missing.map { "\($0.rawValue)" }.joined(separator: ", "))"
                )
            }
            return .met(since: state.breach.factors.map(\.at).max())
        case .assessmentConcluded(let wanted):
            guard let conclusion = state.breach.conclusion else {
                return .unmet("the privacy officer has not concluded the risk assessment")
            }
            if let wanted, conclusion.conclusion != wanted {
                return .unmet("the risk assessment concluded \(conclusion.conclusion.rawValue), not \(wanted.rawValue)")
            }
            // Since the first signed conclusion that said so: a revision never moves it later (issue 18).
            let signed = (state.breach.earlierConclusions ?? []) + [conclusion]
            return .met(
                since: signed.filter { wanted == nil || $0.conclusion == wanted }.map(\.at).min() ?? conclusion.at)
        case .affectedPopulationRecorded:
            return state.breach.affected == nil ? .unmet("the affected population has not been recorded") : .met()
        case .notificationRecorded(let recipient):
            guard let first = state.breach.notifications.filter({ $0.recipient == recipient }).map(\.notifiedAt).min()
            else { return .unmet("no notification to \(recipient.rawValue) has been recorded") }
            return .met(since: first)
        case .notificationsComplete:
            return notificationsComplete(state)
        case .sanctionRecorded, .trainingRecorded:
            let kind: SanctionKind = check == .sanctionRecorded ? .sanction : .training
            guard let first = state.sanctions.filter({ $0.kind == kind }).map(\.effectiveAt).min() else {
                return .unmet("no staff \(kind.rawValue) has been recorded")
            }
            return .met(since: first)
        case .postMortemRecorded:
            // Entries since post-mortems had sections; notes from before.
            let first = (state.postMortem.entries.map(\.at) + state.notes.filter { $0.kind == .postMortem }.map(\.at))
                .min()
            guard let first else { return .unmet("no post-mortem entry has been recorded") }
            return .met(since: first)
        case .postMortemPublished:
            guard let published = state.postMortem.publishedAt else {
                return .unmet(
                    state.postMortem.status == .notStarted
                        ? "the post-mortem has not been started" : "the post-mortem has not been published")
            }
            return .met(since: published)
        case .actionTaken(let action):
            guard let taken = state.actionsTaken.first(where: { $0.action == action }) else {
                return .unmet("the action \(action) has not been taken")
            }
            return .met(since: taken.at)
        case .linkedIncident(let kind):
            return state.linkedIncidents.contains { $0.kind == kind }
                ? .met() : .unmet("no linked \(kind) incident has been recorded")
        case .identifiabilityDecided:
            guard let findings = identifiability else { return .met() }
            let taken = state.actionsTaken.first {
                [findings.identifiable, findings.notIdentifiable].contains($0.action)
            }
            guard let taken else {
                return .unmet(
                    "nobody has found whether a patient is identifiable: \(findings.identifiable), or the privacy officer's \(findings.notIdentifiable) with the reasons"
                )
            }
            return .met(since: taken.at)
        case .noMessageAwaitingApproval:
            let waiting = state.messages.filter { $0.status == .submitted }.map(\.id)
            return waiting.isEmpty
                ? .met() : .unmet("messages still wait for approval: \(waiting.joined(separator: ", "))")
        }
    }

    private func notificationsComplete(_ state: IncidentState) -> GuardResult {
        guard isBreachPresumed(state) else { return .met() }
        // Without the population no size-dependent clock can be judged (HHS at 500, media over 500
        // residents of a state, substitute notice at 10 unreachable): none may be passed by silence.
        guard state.breach.affected != nil else {
            return .unmet(
                "the affected population is not recorded (`crisis assessment affected`), so the notices that depend on its size cannot be judged"
            )
        }
        // The HHS annual log (164.408(c)) falls due after the year of discovery ends: it does not
        // hold the incident back, and its clock stays open in `deadlines` after closing.
        let schedule = DeadlineSchedule(definition: self)
        let owed = schedule.applicableClocks(state)
            .filter { if case .notification = $0.definition.metBy { true } else { false } }
            .filter { $0.definition.anchor != .endOfDiscoveryYear }
        var missing: [String] = []
        for clock in owed where schedule.metTime(clock, state) == nil {
            guard case .notification(let recipient) = clock.definition.metBy else { continue }
            let scope = clock.residenceUnknown ? "residence unknown" : clock.stateCode
            let unknown = clock.openUntilKnown.map { ", open while \($0)" } ?? ""
            missing.append(recipient.rawValue + (scope.map { " (\($0))" } ?? "") + unknown)
        }
        guard missing.isEmpty else {
            return .unmet(
                "notifications neither recorded nor documented as not owed: \(missing.joined(separator: ", "))")
        }
        return .met()
    }
}

/// The posts no removal was requested for. By URL; when the words were shredded (or cannot be
/// opened by this reader) the URLs all read alike, so each post is matched to a removal on its
/// platform instead, one for one.
private func removalsMissing(_ state: IncidentState) -> [PostReference] {
    let unreadable =
        state.posts.contains { UnreadableWords.contains($0.url) }
        || state.removals.contains { UnreadableWords.contains($0.url) }
    guard unreadable else {
        let requested = Set(state.removals.map(\.url))
        return state.posts.filter { !requested.contains($0.url) }
    }
    var left = Dictionary(grouping: state.removals, by: \.platform).mapValues(\.count)
    return state.posts.filter { post in
        guard let count = left[post.platform], count > 0 else { return true }
        left[post.platform] = count - 1
        return false
    }
}
