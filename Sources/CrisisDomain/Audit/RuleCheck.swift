import Foundation

/// An event in the record that the workflow's rules would not have produced:
/// what an auditor looks for in a history written outside crisis (a writer
/// calling the append function by hand). The database refuses the worst of
/// these (docs/event-store.md); this finds the rest.
public struct RuleFinding: Sendable, Equatable, Codable {
    public var version: Int64
    public var eventType: String
    public var actor: String
    public var rule: String
    public var explanation: String
}

/// Replays `history` under `definition` and flags every event that breaks a
/// rule `decide` enforces: approvals of the exact submitted text by someone
/// who wrote none of it, publication only with every required approval,
/// actions only from their state with their guards met, and nothing but
/// notes, the post-mortem and deadline records after close.
public func ruleFindings(_ history: [RecordedIncidentEvent], definition: WorkflowDefinition) -> [RuleFinding] {
    var state = IncidentState.initial
    var findings: [RuleFinding] = []
    for recorded in history {
        if let (rule, explanation) = RuleCheck(state: state, definition: definition).problem(with: recorded) {
            findings.append(
                RuleFinding(
                    version: recorded.version, eventType: recorded.event.eventType, actor: recorded.actor, rule: rule,
                    explanation: explanation))
        }
        state = evolve(consume state, recorded)
    }
    return findings
}

private struct RuleCheck {
    let state: IncidentState
    let definition: WorkflowDefinition

    func problem(with recorded: RecordedIncidentEvent) -> (String, String)? {
        if state.lifecycle == .closed && !recorded.event.acceptedAfterClosing {
            return ("incident.closed", "recorded after the incident was closed")
        }
        switch recorded.event {
        case .message(.approved(let e)):
            guard let message = state.message(e.messageId) else {
                return ("message.unknown", "approves \(e.messageId), which was never drafted")
            }
            if message.authors.contains(recorded.actor) {
                return (
                    "message.author-cannot-approve", "\(recorded.actor) wrote part of \(e.messageId) and approved it"
                )
            }
            if message.status != .submitted && message.status != .approved {
                return ("message.not-submitted", "approves \(e.messageId) while it was \(message.status.rawValue)")
            }
            // Shredded or unreadable words cannot be hashed again: the digest recorded with the
            // approval stands, and only the revision is checked.
            let textMatches = UnreadableWords.contains(message.text) || e.textSHA256 == message.textSHA256
            if e.revision != message.revision || !textMatches {
                return (
                    "message.approval-stale",
                    "approves revision \(e.revision) of \(e.messageId), not the text it held (revision \(message.revision))"
                )
            }
        case .message(.published(let e)):
            guard let message = state.message(e.messageId) else {
                return ("message.unknown", "publishes \(e.messageId), which was never drafted")
            }
            let missing = definition.requiredApprovals(for: state).filter { !message.approvedRoles.contains($0) }
            if !missing.isEmpty || e.revision != message.revision {
                return (
                    "message.approvals-missing",
                    "publishes \(e.messageId) revision \(e.revision) without the approval of \(missing.joined(separator: ", "))"
                )
            }
        case .actionTaken(let e):
            guard e.from == state.currentState,
                let action = definition.state(named: e.from)?.actions.first(where: { $0.name == e.action }),
                action.target == e.to
            else {
                return (
                    "action.not-available-in-state",
                    "takes \(e.action) from \(e.from) while the incident was in \(state.currentState)"
                )
            }
            let unmet = action.guards.filter { !definition.evaluate(guardNamed: $0, on: state).isSatisfied }
            if !unmet.isEmpty {
                return ("action.guard", "takes \(e.action) with guards unmet: \(unmet.joined(separator: ", "))")
            }
        case .incidentClosed:
            if definition.state(named: state.currentState)?.isFinal != true {
                return ("close.not-available", "closes the incident from \(state.currentState), which is not final")
            }
        default:
            break
        }
        return nil
    }
}
