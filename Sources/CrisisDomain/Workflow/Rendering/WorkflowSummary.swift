/// The readable summary `crisis workflow show KIND` prints.
public enum WorkflowSummary {
    public static func text(_ d: WorkflowDefinition) -> String {
        var lines: [String] = []
        lines.append("\(d.kind) v\(d.version): \(d.title)")
        lines.append("hash \(d.contentHash)")
        if !d.summary.isEmpty { lines.append(""); lines.append(d.summary) }
        if !d.overlays.isEmpty {
            lines.append("overlays: " + d.overlays.map { "\($0.name) v\($0.version)" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Messages need approval by: " + d.messagePolicy.requiredApprovals.joined(separator: ", "))
        for c in d.messagePolicy.conditionalApprovals {
            lines.append(
                "  and by \(c.role) once \(c.whenAnyActionTaken.joined(separator: " or ")) is taken (\(c.reason))")
        }
        if !d.messagePolicy.citation.isEmpty { lines.append("  (\(d.messagePolicy.citation))") }
        lines.append("")
        lines.append("States (initial: \(d.initialState)):")
        for state in d.states {
            lines.append("  \(state.name)\(state.isFinal ? " [final]" : ""): \(state.title)")
            for item in state.checklist { lines.append("    [ ] \(item)") }
            for action in state.actions {
                let guards = action.guards.isEmpty ? "" : " when " + action.guards.joined(separator: ", ")
                lines.append(
                    "    -> \(action.name) to \(action.target) by \(action.roles.joined(separator: "/"))\(guards)")
            }
        }
        if !d.guards.isEmpty {
            lines.append("")
            lines.append("Guards:")
            for g in d.guards {
                let condition = g.whenActionTaken.map { " [only once \($0) is taken]" } ?? ""
                lines.append("  \(g.name): \(g.explanation)\(g.citation.map { " (\($0))" } ?? "")\(condition)")
            }
        }
        if !d.deadlines.isEmpty {
            lines.append("")
            lines.append("Deadlines:")
            for x in d.deadlines {
                let scope =
                    x.stateCode.map { " [\($0)]" } ?? (x.perStateResidentsOver.map { " [per state over \($0)]" } ?? "")
                lines.append(
                    "  \(x.name)\(scope): \(x.title), within \(x.within) of \(x.anchor.keyword); escalate to \(x.escalateTo)\(x.escalateOutsideBusinessHoursTo.map { " (\($0) outside business hours)" } ?? "") — \(x.citation)"
                )
            }
        }
        if !d.templates.isEmpty {
            lines.append("")
            lines.append("Templates:")
            for t in d.templates {
                let placeholders = t.placeholders.isEmpty ? "" : " {" + t.placeholders.joined(separator: ", ") + "}"
                lines.append("  \(t.name) (\(t.channel)): \(t.title)\(placeholders)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
