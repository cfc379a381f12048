import CrisisDomain
import Foundation

/// One message in a person's approval queue, as `crisis legal queue --json` prints it and
/// `GET /api/v1/approvals` answers: one shape for both, so the API cannot drift from the CLI.
public struct ApprovalQueueItem: Encodable, Sendable {
    public var incident: String
    public var title: String
    public var message: PendingApproval
    /// How long the message has waited since it was submitted, at the moment of reading.
    public var waitingSeconds: Double?
    /// The incident is a drill (issue 16).
    public var drill: Bool

    public init(_ queued: ReadModels.QueuedApproval, now: Date) {
        incident = queued.incident
        title = queued.title
        message = queued.approval
        waitingSeconds = queued.approval.submittedAt.map { now.timeIntervalSince($0) }
        drill = queued.drill
    }

    /// Longest waiting first.
    public static func queue(_ approvals: [ReadModels.QueuedApproval], now: Date) -> [ApprovalQueueItem] {
        approvals.map { ApprovalQueueItem($0, now: now) }.sorted { ($0.waitingSeconds ?? 0) > ($1.waitingSeconds ?? 0) }
    }
}
