import Foundation

/// What a person asks of a policy proposal.
public enum PolicyCommand: Sendable, Equatable {
    case propose(
        id: UUID, workflowKind: String, change: String, fromIncidents: [UUID], workflowVersion: Int?,
        whatIf: WhatIfEvidence? = nil)
    case decide(accept: Bool, reason: String)
    /// Recorded by crisis when a workflow version is published after the proposal was accepted.
    case adopt(PolicyChangeAdopted)

    /// The command's name in the events' metadata.
    public var name: String {
        switch self {
        case .propose: "propose-policy-change"
        case .decide: "decide-policy-change"
        case .adopt: "adopt-policy-change"
        }
    }
}

/// The rules of policy proposals.
public enum PolicyRules {
    /// Who may accept or reject a proposal: the privacy official owns the
    /// policies (45 CFR 164.530(a)(1), (i)); legal co-signs changes.
    public static let deciders = ["privacy-officer", "legal"]

    /// Decides `command` on `proposal`, or refuses with the rule and a sentence.
    public static func decide(_ command: PolicyCommand, _ proposal: PolicyProposal, actor: Actor) throws(Refusal)
        -> [PolicyEvent]
    {
        switch command {
        case .propose(let id, let kind, let change, let incidents, let version, let whatIf):
            guard proposal.status == .none else {
                throw Refusal(.policyAlreadyProposed, "This proposal already exists; propose anew with a new id.")
            }
            guard !actor.isReadOnly else {
                throw Refusal(
                    .permissionReadOnly,
                    "\(actor.databaseRole) holds no organisational role that may act (an auditor may read and export only); ask a member of the team to propose it."
                )
            }
            guard !change.isBlank else {
                throw Refusal(.inputRequired, "A proposal needs the change (--change TEXT); give it and try again.")
            }
            guard !incidents.isEmpty else {
                throw Refusal(
                    .policyNeedsIncident,
                    "A proposal names the incidents that motivate it (--from INCIDENT, repeatable); give at least one.")
            }
            var unique: [UUID] = []
            for incident in incidents where !unique.contains(incident) { unique.append(incident) }
            return [
                .proposed(
                    PolicyChangeProposed(
                        proposalId: id, workflowKind: kind, change: change, fromIncidents: unique,
                        workflowVersion: version, whatIf: whatIf))
            ]
        case .decide(let accept, let reason):
            guard proposal.status != .none else {
                throw Refusal(.policyUnknown, "There is no such proposal; `crisis policy list` shows them.")
            }
            guard !proposal.isDecided else {
                throw Refusal(
                    .policyAlreadyDecided,
                    "This proposal was already \(proposal.status == .rejected ? "rejected" : "accepted") by \(proposal.decidedBy ?? "someone"); propose a new change instead."
                )
            }
            guard actor.holdsAny(of: deciders) else {
                throw Refusal(
                    .permissionRole,
                    "\(actor.databaseRole) may not decide policy proposals: that is for \(deciders.joined(separator: " or ")); ask one of them, or have the roster updated."
                )
            }
            guard actor.databaseRole != proposal.proposedBy else {
                throw Refusal(
                    .policyOwnProposal,
                    "\(actor.databaseRole) proposed this change and cannot decide it too; ask another \(deciders.joined(separator: " or "))."
                )
            }
            guard !reason.isBlank else {
                throw Refusal(.inputRequired, "A decision needs its reason (--reason TEXT); give it and try again.")
            }
            return [.decided(PolicyChangeDecided(accepted: accept, reason: reason))]
        case .adopt(let adopted):
            guard proposal.status == .accepted, adopted.kind == proposal.workflowKind else { return [] }
            return [.adopted(adopted)]
        }
    }
}
