import Foundation

/// For an incident recorded under an earlier version of its workflow: the clocks the version in
/// force now judges differently (issue 18: a video nobody found identifiable or not, which v5 gave
/// no breach clock; a business associate's discovery; ...). Nothing recorded changes: the incident
/// stays pinned to the rules it opened under; this tells an auditor where those rules fell short.
/// nil when the two definitions are the same text or judge every clock alike.
public func clocksJudgedDifferently(
    _ state: IncidentState, version: Int64, pinned: WorkflowDefinition, current: WorkflowDefinition, now: Date
) -> RuleFinding? {
    guard pinned.kind == current.kind, pinned.contentHash != current.contentHash,
        current.version > pinned.version, !state.isDrill
    else { return nil }
    let before = Dictionary(
        deadlines(state, pinned, now: now).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let after = Dictionary(
        deadlines(state, current, now: now).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func day(_ date: Date) -> String { date.formatted(EventJSON.dateStyle) }
    var differences: [String] = []
    for id in after.keys.sorted() {
        guard let judged = after[id] else { continue }
        guard let then = before[id] else {
            differences.append("\(id) would run (due \(day(judged.dueAt)), \(judged.status.rawValue))")
            continue
        }
        if then.status != judged.status || then.dueAt != judged.dueAt {
            differences.append(
                "\(id) \(then.status.rawValue) (due \(day(then.dueAt))) would be \(judged.status.rawValue) (due \(day(judged.dueAt)))"
            )
        }
    }
    for id in before.keys.sorted() where after[id] == nil {
        differences.append("\(id) would not run")
    }
    if pinned.isBreachPresumed(state) != current.isBreachPresumed(state) {
        differences.append(
            current.isBreachPresumed(state) ? "a breach would be presumed" : "no breach would be presumed")
    }
    guard !differences.isEmpty else { return nil }
    return RuleFinding(
        version: version, eventType: "(clocks)", actor: "-", rule: clocksJudgedDifferentlyRule,
        explanation:
            "opened under \(pinned.kind) v\(pinned.version); v\(current.version), in force now, judges its clocks differently: "
            + differences.joined(separator: "; ") + " (nothing recorded changes)")
}

/// The rule id of a re-judged incident's finding: a flag for review, not a broken rule.
public let clocksJudgedDifferentlyRule = "clocks.judged-differently"
