import CrisisDomain
import Foundation
import Testing

@Suite("Policy proposals: proposed from incidents, decided by the privacy officer or legal, adopted by a version")
struct PolicyProposalTests {
    typealias F = Fixtures
    let at = Fixtures.start

    func fold(_ events: [PolicyEvent], by: String, onto proposal: PolicyProposal = PolicyProposal()) -> PolicyProposal {
        events.reduce(proposal) { $0.evolved($1, by: by, at: at, version: $0.version + 1) }
    }

    func proposed() throws -> PolicyProposal {
        let events = try PolicyRules.decide(
            .propose(
                id: UUID(), workflowKind: "phi-leak", change: "Phone-free chart areas", fromIncidents: [F.incidentId],
                workflowVersion: 2), PolicyProposal(), actor: F.alice)
        return fold(events, by: "alice")
    }

    @Test("a proposal needs the change and at least one incident; an auditor cannot propose")
    func proposing() throws {
        let empty = PolicyProposal()
        #expect(throws: Refusal.self) {
            try PolicyRules.decide(
                .propose(
                    id: UUID(), workflowKind: "phi-leak", change: " ", fromIncidents: [F.incidentId],
                    workflowVersion: nil),
                empty, actor: F.alice)
        }
        do {
            _ = try PolicyRules.decide(
                .propose(id: UUID(), workflowKind: "phi-leak", change: "c", fromIncidents: [], workflowVersion: nil),
                empty,
                actor: F.alice)
            Issue.record("a proposal without incidents was accepted")
        } catch { #expect(error.rule == "policy.needs-incident") }
        do {
            _ = try PolicyRules.decide(
                .propose(
                    id: UUID(), workflowKind: "phi-leak", change: "c", fromIncidents: [F.incidentId],
                    workflowVersion: nil),
                empty, actor: F.audrey)
            Issue.record("an auditor proposed")
        } catch { #expect(error.rule == "permission.read-only") }
        let proposal = try proposed()
        #expect(proposal.status == .open && proposal.fromIncidents == [F.incidentId])
    }

    @Test("only the privacy officer or legal decides, never the proposer, once, with a reason")
    func deciding() throws {
        let proposal = try proposed()
        func refusal(_ command: PolicyCommand, _ actor: Actor, _ on: PolicyProposal) -> String? {
            do {
                _ = try PolicyRules.decide(command, on, actor: actor)
                return nil
            } catch { return error.rule }
        }
        #expect(refusal(.decide(accept: true, reason: "yes"), F.sam, proposal) == "permission.role")
        #expect(refusal(.decide(accept: true, reason: "yes"), F.audrey, proposal) == "permission.role")
        #expect(refusal(.decide(accept: true, reason: ""), F.pat, proposal) == "input.required")
        let ownByLegal = fold(
            try PolicyRules.decide(
                .propose(
                    id: UUID(), workflowKind: "phi-leak", change: "c", fromIncidents: [F.incidentId],
                    workflowVersion: nil),
                PolicyProposal(), actor: F.lee), by: "lee")
        #expect(refusal(.decide(accept: true, reason: "mine"), F.lee, ownByLegal) == "policy.own-proposal")
        let accepted = fold(
            try PolicyRules.decide(.decide(accept: true, reason: "agreed"), proposal, actor: F.pat), by: "pat",
            onto: proposal)
        #expect(accepted.status == .accepted && accepted.decidedBy == "pat" && accepted.change == proposal.change)
        #expect(refusal(.decide(accept: false, reason: "no"), F.lee, accepted) == "policy.already-decided")
        #expect(refusal(.decide(accept: true, reason: "x"), F.pat, PolicyProposal()) == "policy.unknown")
    }

    @Test("an accepted proposal is adopted by a later version of its own workflow only; a rejected one never")
    func adoption() throws {
        let proposal = try proposed()
        let version = PolicyChangeAdopted(kind: "phi-leak", version: 3, contentHash: "abc")
        #expect(try PolicyRules.decide(.adopt(version), proposal, actor: F.alice).isEmpty)
        let accepted = fold(
            try PolicyRules.decide(.decide(accept: true, reason: "ok"), proposal, actor: F.lee), by: "lee",
            onto: proposal)
        let other = PolicyChangeAdopted(kind: "viral-complaint", version: 2, contentHash: "d")
        #expect(try PolicyRules.decide(.adopt(other), accepted, actor: F.alice).isEmpty)
        let adopted = fold(
            try PolicyRules.decide(.adopt(version), accepted, actor: F.alice), by: "alice", onto: accepted)
        #expect(adopted.status == .adopted && adopted.adoptedIn?.version == 3)
        #expect(try PolicyRules.decide(.adopt(version), adopted, actor: F.alice).isEmpty)
        let rejected = fold(
            try PolicyRules.decide(.decide(accept: false, reason: "no"), proposal, actor: F.lee), by: "lee",
            onto: proposal)
        #expect(try PolicyRules.decide(.adopt(version), rejected, actor: F.alice).isEmpty)
    }
}
