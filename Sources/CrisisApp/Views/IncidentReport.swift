import CrisisDomain
import Foundation

/// `crisis incident show` (and audit replay): the whole state of an incident
/// with its deadlines as of a moment, for people and for machines.
public struct IncidentReport: Sendable, Encodable {
    public var id: String
    public var version: Int64
    public var workflow: WorkflowReference?
    public var asOf: Date
    public var state: IncidentState
    public var deadlines: [DeadlineStatus]
    public var pendingApprovals: [PendingApproval]
    /// A drill (issue 16): marked on every read.
    public var drill: Bool

    public init(_ incident: LoadedIncident, now: Date) {
        id = incident.id
        drill = incident.state.isDrill
        version = incident.version
        workflow = incident.state.workflow
        asOf = now
        state = incident.state
        if let definition = incident.definition {
            deadlines = CrisisDomain.deadlines(incident.state, definition, now: now)
            pendingApprovals = CrisisDomain.pendingApprovals(incident.state, definition)
        } else {
            deadlines = []
            pendingApprovals = []
        }
    }

    /// The report as aligned text.
    public var text: String {
        var lines: [String] = []
        func time(_ date: Date?) -> String { date.map { Self.format($0) } ?? "-" }
        lines.append((drill ? "DRILL: " : "") + state.title)
        lines.append("id:        \(id)")
        lines.append("kind:      \(state.kind) (workflow version \(workflow?.version ?? 0))")
        lines.append("state:     \(state.currentState) [\(state.lifecycle.rawValue)]")
        lines.append("detected:  \(time(state.detectedAt))   discovered: \(time(state.discoveredAt))")
        if let source = state.breach.discoverySource {
            lines.append(
                "           discovery taken from linked incident \(source.linkedIncident.uuidString.lowercased().prefix(8)): \(source.reason)"
            )
        }
        if let circumstances = state.breach.circumstances {
            lines.append(
                "breach on: \(time(circumstances.breachOn))   first known by: \(circumstances.firstKnownBy ?? "-")"
                    + (circumstances.committedBy.map { "   committed by: \($0)" } ?? ""))
            for earlier in state.breach.earlierCircumstances ?? [] {
                lines.append(
                    "           earlier record by \(earlier.by) at \(time(earlier.at)): breach on \(time(earlier.breachOn)), first known by \(earlier.firstKnownBy ?? "-")"
                )
            }
            if let reason = circumstances.reason { lines.append("           amended because: \(reason)") }
        }
        if state.access.restricted {
            let people = state.access.people(at: asOf).joined(separator: ", ")
            lines.append(
                "access:    restricted (\(state.access.reason ?? "no reason given")); seen by \(people) and privacy officers"
            )
        }
        if !state.assignments.isEmpty {
            let roles = state.assignments.sorted { $0.key < $1.key }.map {
                "\($0.key)=\($0.value.joined(separator: ","))"
            }
            lines.append("roles:     \(roles.joined(separator: "  "))")
        }
        if !state.messages.isEmpty {
            lines.append("\nmessages:")
            for message in state.messages {
                let approvals = message.approvals.map { "\($0.role) by \($0.by)" }.joined(separator: ", ")
                lines.append("  \(message.id) [\(message.status.rawValue)] \(message.channel) by \(message.author)")
                lines.append("     \"\(message.text)\"")
                if !approvals.isEmpty { lines.append("     approved: \(approvals)") }
                for rejection in message.rejections {
                    lines.append("     rejected by \(rejection.by) (\(rejection.role)): \(rejection.reason)")
                }
                if let url = message.publishedURL {
                    lines.append("     published \(time(message.publishedAt)) at \(url)")
                }
            }
        }
        if !state.removals.isEmpty {
            lines.append("\nremovals:")
            for removal in state.removals {
                lines.append(
                    "  \(removal.id) [\(removal.status.rawValue)] \(removal.platform) \(removal.url) requested \(time(removal.requestedAt))"
                )
            }
        }
        let breach = state.breach
        if !breach.factors.isEmpty || breach.conclusion != nil || breach.exclusionCheck != nil {
            lines.append("\nrisk assessment:")
            for check in (breach.earlierExclusionChecks ?? []) + (breach.exclusionCheck.map { [$0] } ?? []) {
                lines.append(
                    "  exclusion check: \(check.exclusionApplies ? "applies" : "does not apply") by \(check.by) at \(time(check.at)): \(check.reason)"
                )
            }
            for factor in breach.factors { lines.append("  factor \(factor.factor.rawValue): \(factor.finding)") }
            for earlier in breach.earlierConclusions ?? [] {
                lines.append(
                    "  \(earlier.isRevision == true ? "revision" : "conclusion"): \(earlier.conclusion.rawValue) by \(earlier.by) at \(time(earlier.at)): \(earlier.reason) (revised later)"
                )
            }
            if let conclusion = breach.conclusion {
                lines.append(
                    "  \(conclusion.isRevision == true ? "revision" : "conclusion"): \(conclusion.conclusion.rawValue) by \(conclusion.by) at \(time(conclusion.at)): \(conclusion.reason)"
                )
            }
        }
        if !breach.notifications.isEmpty {
            lines.append("\nnotifications:")
            for notice in breach.notifications {
                lines.append(
                    "  \(notice.recipient.rawValue) at \(time(notice.notifiedAt))\(notice.count.map { " (\($0))" } ?? "")"
                        + (notice.recordedAt.map { ", recorded \(time($0))" } ?? "")
                        + (notice.delayReason.map { "; later than prompt notice because: \($0)" } ?? ""))
            }
        }
        if !deadlines.isEmpty {
            lines.append("\ndeadlines:")
            for deadline in deadlines {
                lines.append(
                    "  [\(deadline.status.rawValue)] \(deadline.title) due \(time(deadline.dueAt)) (\(deadline.citation))"
                        + (deadline.keptAfterRevision == true
                            ? " — missed before the conclusion changed; stays missed" : "")
                )
            }
        }
        if !state.freezes.isEmpty {
            lines.append("\nfreezes:")
            for freeze in state.freezes {
                let status =
                    freeze.inForce
                    ? "in force" : freeze.handedOverTo.map { "handed over to \($0)" } ?? "ended \(time(freeze.endedAt))"
                lines.append(
                    "  \(freeze.id) [\(status)] \(freeze.accounts.joined(separator: ", ")) since \(time(freeze.startedAt))"
                )
            }
        }
        let postMortem = state.postMortem
        if postMortem.status != .notStarted {
            lines.append("\npost-mortem: \(postMortem.status.rawValue)")
            for entry in postMortem.currentEntries {
                lines.append("  \(entry.id) \(entry.section.rawValue): \(entry.text)")
            }
            for action in postMortem.actions {
                lines.append(
                    "  \(action.id) action for \(action.owner), due \(action.due)\(action.isDone ? ", done" : ""): \(action.text)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
    }
}
