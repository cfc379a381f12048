import CrisisDomain
import CrisisStore
import Foundation

/// The rows one incident contributes to the read models, derived from its
/// folded state alone: replacing them is idempotent.
///
/// `state` is the record as stored, its words sealed; it is what the rows keep (no projection
/// row holds plaintext, the figures included: they keep the title and root causes). The clocks are worked out on `opened`, the same state with
/// its words opened: a rule that compares words (every post has a removal request, by URL)
/// cannot compare ciphertexts, whose nonces differ every time.
struct IncidentProjectionRows {
    var state: IncidentState
    var stream: String
    var openedPosition: Int64
    var approvals: [PendingApproval]
    var openDeadlines: [DeadlineStatus]
    var metrics: IncidentMetrics?

    init(
        state: IncidentState, opened: IncidentState, stream: String, openedPosition: Int64,
        definition: WorkflowDefinition?, now: Date
    ) {
        self.state = state
        self.stream = stream
        self.openedPosition = openedPosition
        if let definition {
            approvals = pendingApprovals(state, definition)
            openDeadlines = CrisisDomain.openDeadlines(opened, definition, now: now)
        } else {
            approvals = []
            openDeadlines = []
        }
        metrics = IncidentMetrics(state)
    }
}
