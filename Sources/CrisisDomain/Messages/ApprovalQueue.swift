import Foundation

/// A message waiting for approvals, as `crisis legal queue` lists it.
public struct PendingApproval: Sendable, Equatable, Codable {
    public var messageId: String
    public var channel: String
    /// The exact text an approval would approve.
    public var text: String
    public var textSHA256: String
    public var revision: Int
    public var authors: [String]
    public var submittedAt: Date?
    /// The required roles that have not approved this text yet.
    public var outstandingRoles: [String]
}

/// The messages of an incident that wait for approval, oldest first; with `actor`, only those
/// the actor could approve now (holds an outstanding role and wrote none of the text).
public func pendingApprovals(
    _ state: IncidentState, _ definition: WorkflowDefinition, for actor: Actor? = nil
) -> [PendingApproval] {
    guard state.isOpen else { return [] }
    let required = definition.requiredApprovals(for: state)
    return state.messages
        .filter { $0.status == .submitted || $0.status == .approved }
        .compactMap { message -> PendingApproval? in
            var outstanding = required.filter { !message.approvedRoles.contains($0) }
            if let actor {
                guard !message.authors.contains(actor.databaseRole),
                    !message.approvals.contains(where: { $0.by == actor.databaseRole })
                else { return nil }
                outstanding = outstanding.filter { actor.organisationalRoles.contains($0) }
            }
            guard !outstanding.isEmpty else { return nil }
            return PendingApproval(
                messageId: message.id, channel: message.channel, text: message.text, textSHA256: message.textSHA256,
                revision: message.revision, authors: message.authors, submittedAt: message.submittedAt,
                outstandingRoles: outstanding)
        }
        .sorted { ($0.submittedAt ?? .distantPast) < ($1.submittedAt ?? .distantPast) }
}
