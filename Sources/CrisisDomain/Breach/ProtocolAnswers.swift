import Foundation

/// What an OCR investigator asks of a breach under 45 CFR 164.404-414, answered from one incident's
/// record (issue 18): for each notice obligation whether it was owed and why, its clocks, the
/// notices made (typed and recorded times, how many, how), law-enforcement delays; the residents
/// per state; the amendments of discovery; scanner overrides; sanctions; misses and escalations;
/// business associates' notices. Pure: the audit exports render it (HTML) or write it (JSONL).
public struct BreachProtocolAnswers: Sendable, Encodable {
    /// One recipient (and state, for media and overlays) that a notice may be owed to.
    public struct Obligation: Sendable, Encodable {
        public var recipient: NotificationRecipient
        public var stateCode: String?
        /// Whether a notice is owed now; false when the breach is not presumed or no clock applies.
        public var owed: Bool
        /// Why it is owed, or not (the rule, the conclusion's or the "not owed" record's reason).
        public var why: String
        public var clocks: [DeadlineStatus]
        public var notices: [BreachRecord.Notification]
        public var notOwedRecords: [BreachRecord.NotOwed]
    }

    public var asOf: Date
    public var detectedAt: Date?
    public var discoveredAt: Date?
    public var breachPresumed: Bool
    /// Why a breach is presumed or not (164.402, 164.414(b)).
    public var presumption: String
    public var obligations: [Obligation]
    public var affected: BreachRecord.AffectedPopulation?
    public var discoveryAmendments: [DiscoveryAmendment]
    public var exclusionCheck: BreachRecord.ExclusionCheck?
    public var conclusion: BreachRecord.Conclusion?
    public var lawEnforcementDelays: [BreachRecord.LawEnforcementDelay]
    public var scannerOverrides: [PHIOverride]
    public var sanctions: [Sanction]
    public var missedDeadlines: [RecordedDeadline]
    public var escalations: [RecordedEscalation]
    public var businessAssociateNotices: [BusinessAssociateNotice]
    /// The identifiability findings of a recording (inappropriate-video), with their notes.
    public var identifiabilityFindings: [TakenAction]

    /// The key a JSONL export's summary line carries, so a reader tells it from an event line.
    public static let recordName = "breach-notification-protocol"
}

/// The protocol's answers for `state` under `definition` at `now`.
public func breachProtocolAnswers(_ state: IncidentState, _ definition: WorkflowDefinition, now: Date)
    -> BreachProtocolAnswers
{
    let presumed = definition.isBreachPresumed(state)
    let clocks = deadlines(state, definition, now: now)
    let recipientOf: [String: NotificationRecipient] = Dictionary(
        definition.deadlines.compactMap { deadline in
            if case .notification(let recipient) = deadline.metBy { (deadline.name, recipient) } else { nil }
        }, uniquingKeysWith: { first, _ in first })
    let breach = state.breach
    var keys: [ObligationKey] = NotificationRecipient.allCases.map { ObligationKey(recipient: $0, stateCode: nil) }
    for clock in clocks {
        guard let recipient = recipientOf[clock.name] else { continue }
        let key = ObligationKey(recipient: recipient, stateCode: clock.stateCode)
        if !keys.contains(key) { keys.append(key) }
    }
    for record in breach.notifications where record.stateCode != nil {
        let key = ObligationKey(recipient: record.recipient, stateCode: record.stateCode)
        if !keys.contains(key) { keys.append(key) }
    }
    let obligations = keys.map { key in
        let own = clocks.filter { recipientOf[$0.name] == key.recipient && $0.stateCode == key.stateCode }
        let notices = breach.notifications.filter {
            $0.recipient == key.recipient && (key.stateCode == nil || $0.stateCode == key.stateCode)
        }
        let notOwed = breach.notOwed.filter {
            $0.recipient == key.recipient && (key.stateCode == nil || $0.stateCode == key.stateCode)
        }
        let owed = presumed && !own.isEmpty
        return BreachProtocolAnswers.Obligation(
            recipient: key.recipient, stateCode: key.stateCode, owed: owed,
            why: why(key, owed: owed, presumed: presumed, clocks: own, notOwed: notOwed, state, definition),
            clocks: own, notices: notices, notOwedRecords: notOwed)
    }
    let findings = definition.identifiability.map { f in
        state.actionsTaken.filter { [f.identifiable, f.notIdentifiable].contains($0.action) }
    }
    return BreachProtocolAnswers(
        asOf: now, detectedAt: state.detectedAt, discoveredAt: state.discoveredAt, breachPresumed: presumed,
        presumption: presumption(state, definition, presumed: presumed), obligations: obligations,
        affected: breach.affected, discoveryAmendments: state.discoveryAmendments,
        exclusionCheck: breach.exclusionCheck,
        conclusion: breach.conclusion, lawEnforcementDelays: breach.lawEnforcementDelays,
        scannerOverrides: state.phiOverrides, sanctions: state.sanctions, missedDeadlines: state.missedDeadlines,
        escalations: state.escalations, businessAssociateNotices: state.businessAssociateNotices,
        identifiabilityFindings: findings ?? [])
}

private struct ObligationKey: Equatable {
    var recipient: NotificationRecipient
    var stateCode: String?
}

private func presumption(_ state: IncidentState, _ definition: WorkflowDefinition, presumed: Bool) -> String {
    if let action = definition.breachTrackStartsWith, !state.hasTaken(action) {
        return "no breach track: \(action) has not been taken under workflow v\(definition.version)"
    }
    if let findings = definition.identifiability, findings.ruledOut(state) {
        let note = state.actionsTaken.last { $0.action == findings.notIdentifiable }?.note ?? ""
        return "not a breach: the privacy officer signed that no patient is identifiable: \(note)"
    }
    if let check = state.breach.exclusionCheck, check.exclusionApplies {
        return "not a breach: a 164.402(1) exclusion applies: \(check.reason)"
    }
    if let conclusion = state.breach.conclusion {
        return conclusion.conclusion == .lowProbability
            ? "not a breach: low probability of compromise (164.402(2)), signed by \(conclusion.by): \(conclusion.reason)"
            : "breach, concluded by \(conclusion.by): \(conclusion.reason)"
    }
    return presumed
        ? "breach presumed (164.402(2)): no exclusion and no signed low-probability conclusion" : "not presumed"
}

private func why(
    _ key: ObligationKey, owed: Bool, presumed: Bool, clocks: [DeadlineStatus], notOwed: [BreachRecord.NotOwed],
    _ state: IncidentState, _ definition: WorkflowDefinition
) -> String {
    if !presumed { return "not owed: no breach is presumed (see presumption)" }
    if owed {
        let unknown = clocks.compactMap(\.openUntilKnown)
        return unknown.isEmpty
            ? "owed: \(clocks.map(\.citation).joined(separator: "; "))"
            : "owed until known: \(unknown.joined(separator: "; "))"
    }
    if let record = notOwed.last { return "not owed, documented by \(record.by): \(record.reason)" }
    let affected = state.breach.affected
    switch key.recipient {
    case .hhs: return "no HHS clock of this workflow applies"
    case .media:
        return "not owed: no state has more than 500 affected residents (164.406)"
            + (affected?.residentsByState.map {
                " (\($0.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))"
            } ?? "")
    case .substitute:
        return "not owed: fewer than 10 cannot be reached (164.404(d)(2))"
            + (affected?.unreachable.map { " (\($0) unreachable)" } ?? "")
    case .individuals, .state: return "no clock of \(definition.kind) v\(definition.version) applies"
    }
}
