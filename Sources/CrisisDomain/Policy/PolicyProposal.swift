import Foundation

/// A proposed change to a workflow or policy, folded from its stream.
public struct PolicyProposal: Sendable, Equatable, Codable {
    /// Where a proposal stands.
    public enum Status: String, Sendable, Equatable, Codable {
        case none
        case open
        case accepted
        case rejected
        /// Accepted and carried by a published workflow version.
        case adopted
    }

    public var status: Status = .none
    public var id: UUID?
    public var workflowKind = ""
    public var change = ""
    public var fromIncidents: [UUID] = []
    public var workflowVersionWhenProposed: Int?
    public var proposedBy: String?
    public var proposedAt: Date?
    public var decidedBy: String?
    public var decidedAt: Date?
    public var reason: String?
    public var adoptedIn: PolicyChangeAdopted?
    public var adoptedAt: Date?
    /// The what-if replay attached when proposed (issue 16).
    public var whatIf: WhatIfEvidence?
    public var version: Int64 = 0

    /// Whether the version that carries the change is the definition the what-if replayed
    /// (nil until adopted, or when no what-if was attached).
    public var adoptedAsArgued: Bool? {
        guard let whatIf, let adoptedIn else { return nil }
        return whatIf.workflow.contentHash == adoptedIn.contentHash
    }

    public init() {}

    public var isDecided: Bool { status == .accepted || status == .rejected || status == .adopted }

    /// Folds one event in.
    public func evolved(_ event: PolicyEvent, by: String, at: Date, version: Int64) -> PolicyProposal {
        var next = self
        next.version = version
        switch event {
        case .proposed(let e):
            next.status = .open
            next.id = e.proposalId
            next.workflowKind = e.workflowKind
            next.change = e.change
            next.fromIncidents = e.fromIncidents
            next.workflowVersionWhenProposed = e.workflowVersion
            next.whatIf = e.whatIf
            next.proposedBy = by
            next.proposedAt = at
        case .decided(let e):
            next.status = e.accepted ? .accepted : .rejected
            next.decidedBy = by
            next.decidedAt = at
            next.reason = e.reason
        case .adopted(let e):
            next.status = .adopted
            next.adoptedIn = e
            next.adoptedAt = at
        }
        return next
    }
}
