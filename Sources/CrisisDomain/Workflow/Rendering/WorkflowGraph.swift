/// The state machine as diagram source for `crisis workflow graph KIND --format mermaid|dot`.
public enum WorkflowGraph {
    /// Diagram formats.
    public enum Format: String, Sendable, CaseIterable {
        case mermaid
        case dot
    }

    public static func render(_ d: WorkflowDefinition, format: Format) -> String {
        switch format {
        case .mermaid: mermaid(d)
        case .dot: dot(d)
        }
    }

    public static func mermaid(_ d: WorkflowDefinition) -> String {
        var lines = ["stateDiagram-v2", "    [*] --> \(id(d.initialState))"]
        for state in d.states {
            lines.append(
                "    \(id(state.name)) : \(state.name) — \(state.title.replacingOccurrences(of: ":", with: " "))")
        }
        for state in d.states {
            for action in state.actions {
                let guards = action.guards.isEmpty ? "" : " [" + action.guards.joined(separator: ", ") + "]"
                lines.append("    \(id(state.name)) --> \(id(action.target)) : \(action.name)\(guards)")
            }
            if state.isFinal { lines.append("    \(id(state.name)) --> [*]") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dot(_ d: WorkflowDefinition) -> String {
        var lines = ["digraph \"\(d.kind)\" {", "    rankdir=LR;", "    node [shape=box, style=rounded];"]
        lines.append("    \"__start\" [shape=point];")
        lines.append("    \"__start\" -> \"\(d.initialState)\";")
        for state in d.states where state.isFinal {
            lines.append("    \"\(state.name)\" [shape=doublecircle];")
        }
        for state in d.states {
            for action in state.actions {
                let guards = action.guards.isEmpty ? "" : "\\n[" + action.guards.joined(separator: ", ") + "]"
                lines.append("    \"\(state.name)\" -> \"\(action.target)\" [label=\"\(action.name)\(guards)\"];")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func id(_ name: String) -> String {
        name.replacingOccurrences(of: "-", with: "_")
    }
}
