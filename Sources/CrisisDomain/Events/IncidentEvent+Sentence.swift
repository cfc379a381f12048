import Foundation

extension IncidentEvent {
    /// What happened, as one line of `crisis incident timeline` (without who and when).
    public var sentence: String {
        switch self {
        case .incidentOpened(let e):
            (e.drill == true ? "DRILL: " : "")
                + "opened \(e.kind) incident \"\(e.title)\" under workflow v\(e.workflow.version) (\(e.workflow.contentHash.prefix(12)))"
                + (e.discoverySource.map {
                    "; discovery \($0.discoveredAt.formatted(EventJSON.dateStyle)) taken from linked incident \($0.linkedIncident.uuidString.lowercased().prefix(8)): \($0.reason)"
                } ?? "")
        case .roleAssigned(let e): "assigned \(e.person) as \(e.role)"
        case .actionTaken(let e): "took \(e.action): \(e.from) → \(e.to)" + (e.note.map { " — \($0)" } ?? "")
        case .noteAdded(let e): "noted: \(e.text)"
        case .privilegedNoteAdded(let e): "PRIVILEGED (legal) noted: \(e.text)"
        case .businessAssociateNoticeRecorded(let e):
            "business associate \(e.associate) discovered the breach \(e.discoveredAt.formatted(EventJSON.dateStyle)) and told us \(e.toldAt.formatted(EventJSON.dateStyle))"
                + (e.late == true ? "; LATE under 164.410(b) (over 60 days): \(e.lateReason ?? "")" : "")
        case .incidentLinked(let e):
            "linked \(e.otherKind) incident \(e.otherIncident.uuidString.lowercased()): \(e.reason)"
        case .evidenceCaptured(let e): "captured evidence of \(e.url) (sha256 \(e.contentSHA256.prefix(12)))"
        case .discoveryAmended(let e):
            "amended discovery to \(e.discoveredAt.formatted(EventJSON.dateStyle)): \(e.reason)"
        case .exclusionCheckRecorded(let e):
            "recorded the 164.402(1) exclusion check: \(e.exclusionApplies ? "an exclusion applies" : "no exclusion applies") — \(e.reason)"
                + (e.keptMisses.map { misses in
                    " (after the conclusion was signed"
                        + (misses.isEmpty
                            ? ")"
                            : "; missed clocks that stay missed: \(misses.map(\.deadlineId).joined(separator: ", ")))")
                } ?? "")
        case .assessmentFactorRecorded(let e): "recorded risk-assessment factor \(e.factor.title): \(e.finding)"
        case .assessmentConcluded(let e): "concluded the risk assessment: \(e.conclusion.rawValue) — \(e.reason)"
        case .assessmentRevised(let e):
            "revised the risk assessment's conclusion from \(e.replaces.rawValue) to \(e.conclusion.rawValue) — \(e.reason)"
                + (e.keptMisses.isEmpty
                    ? ""
                    : "; missed clocks that stay missed: " + e.keptMisses.map(\.deadlineId).joined(separator: ", "))
        case .breachCircumstancesRecorded(let e):
            (e.reason == nil ? "recorded" : "amended") + " the breach's circumstances:"
                + (e.breachOn.map { " breach on \($0.formatted(EventJSON.dateStyle))" } ?? "")
                + (e.firstKnownBy.map { " first known by \($0)" } ?? "")
                + (e.committedBy.map { " (committed by \($0))" } ?? "") + (e.reason.map { " — \($0)" } ?? "")
        case .affectedPopulationRecorded(let e):
            "recorded \(e.total.map(String.init) ?? "an unknown number") affected ("
                + (e.residentsByState.map { $0.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" } }?
                    .joined(separator: ", ") ?? "states of residence unknown")
                + "), \(e.unreachable.map(String.init) ?? "an unknown number") unreachable"
        case .notificationRecorded(let e):
            "recorded notice to \(e.recipient.rawValue)" + (e.stateCode.map { " (\($0))" } ?? "")
                + " at \(e.notifiedAt.formatted(EventJSON.dateStyle))" + (e.count.map { ", \($0) notified" } ?? "")
                + (e.method.map { " by \($0.rawValue)" } ?? "")
                + (e.tollFree.map {
                    ", toll-free \($0.number) from \($0.from.formatted(EventJSON.dateStyle)) until \($0.until.formatted(EventJSON.dateStyle))"
                } ?? "") + (e.postedUntil.map { ", posted until \($0.formatted(EventJSON.dateStyle))" } ?? "")
                + (e.delayReason.map { "; later than prompt notice because: \($0)" } ?? "")
        case .notificationNotOwedRecorded(let e):
            "documented that no notice to \(e.recipient.rawValue)\(e.stateCode.map { " (\($0))" } ?? "") is owed: \(e.reason)"
        case .lawEnforcementDelayRecorded(let e):
            "recorded a \(e.statement.rawValue) law-enforcement delay from \(e.official)"
        case .sanctionRecorded(let e): "recorded \(e.kind.rawValue) for \(e.staffMember): \(e.description)"
        case .deadlineMissed(let e): "deadline \(e.deadlineId) missed (due \(e.dueAt.formatted(EventJSON.dateStyle)))"
        case .deadlineEscalated(let e): "escalated missed deadline \(e.deadlineId) to \(e.escalatedTo)"
        case .incidentClosed(let e): "closed the incident in \(e.finalState)"
        case .commandRefused(let e): "was refused \(e.command) [\(e.rule)]: \(e.reason)"
        case .message(let e): e.sentence
        case .removal(let e): e.sentence
        case .postMortem(let e): e.sentence
        case .paging(let e): e.sentence
        case .freeze(let e): e.sentence
        case .incidentRestricted(let e): "restricted the incident to the people working it: \(e.reason)"
        case .accessGranted(let e): "gave \(e.person) access to the incident"
        case .accessRevoked(let e): "ended \(e.person)'s access to the incident"
        case .auditAccessGranted(let e):
            "gave auditor \(e.person) access to the incident until \(e.until.formatted(EventJSON.dateStyle))"
        case .legalHoldPlaced(let e): "placed a legal hold: \(e.reason)"
        case .legalHoldReleased(let e): "released the legal hold: \(e.reason)"
        case .keyShredded(let e): "shredded the incident's data key (its encrypted words are destroyed): \(e.reason)"
        }
    }
}

extension IncidentEvent {
    /// The event the application records when `decide` refuses `command`.
    public static func refused(_ command: IncidentCommand, _ refusal: Refusal) -> IncidentEvent {
        .commandRefused(CommandRefused(command: command.name.rawValue, rule: refusal.rule, reason: refusal.message))
    }
}
