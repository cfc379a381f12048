import CrisisDomain
import CrisisStore
import Foundation

/// The rows one incident contributes to the read models, derived from its
/// folded state alone: replacing them is idempotent.
struct IncidentProjectionRows {
    var state: IncidentState
    var stream: String
    var openedPosition: Int64
    var approvals: [PendingApproval]
    var openDeadlines: [DeadlineStatus]
    var metrics: IncidentMetrics?

    init(state: IncidentState, stream: String, openedPosition: Int64, definition: WorkflowDefinition?, now: Date) {
        self.state = state
        self.stream = stream
        self.openedPosition = openedPosition
        if let definition {
            approvals = pendingApprovals(state, definition)
            openDeadlines = CrisisDomain.openDeadlines(state, definition, now: now)
        } else {
            approvals = []
            openDeadlines = []
        }
        metrics = IncidentMetrics(state)
    }
}
