import CrisisDomain
import Foundation
import Testing

/// The aggregates in one shape: each folds its history with `evolve` and decides with `decide`,
/// so the application runs them all through one command handler.
@Suite("One decider per aggregate")
struct DeciderTests {
    static func recorded<E>(_ events: [E], by actor: String = "admin") -> [Recorded<E>] {
        events.enumerated().map { index, event in
            Recorded(event: event, actor: actor, recordedAt: Fixtures.start, version: Int64(index + 1))
        }
    }

    @Test("an incident folded through its decider is the state decide and evolve built, version included")
    func incidentFoldMatchesHarness() throws {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        try h.run(.note("Reporter called"), as: Fixtures.alice)
        #expect(IncidentDecider.fold(h.history) == h.state)
        #expect(IncidentDecider.fold(h.history).version == 3)
    }

    @Test("the roster records a grant with its roles in order, and a revocation of everything held")
    func rosterGrantsAndRevokes() throws {
        let decider = RosterDecider()
        let granted = try decider.decide(.grant(person: "lee", roles: ["privacy-officer", "legal"]), Roster())
        #expect(granted == [RosterEvent(change: .granted, person: "lee", roles: ["legal", "privacy-officer"])])
        let roster = RosterDecider.fold(Self.recorded(granted))
        #expect(roster.roles(of: "lee") == ["legal", "privacy-officer"])
        #expect(roster.version == 1)

        let revoked = try decider.decide(.revoke(person: "lee", roles: []), roster)
        #expect(revoked == [RosterEvent(change: .revoked, person: "lee", roles: ["legal", "privacy-officer"])])
        #expect(RosterDecider.fold(Self.recorded(granted + revoked)).roles(of: "lee").isEmpty)
    }

    @Test("revoking roles from someone who holds none is bad input, not a recorded change")
    func rosterRefusesRevokingNobody() {
        #expect {
            try RosterDecider().decide(.revoke(person: "nobody", roles: ["legal"]), Roster())
        } throws: { error in
            (error as? Refusal)?.isBadInput == true && (error as? Refusal)?.message.contains("holds no roles") == true
        }
    }

    @Test("a policy proposal folded through its decider remembers who proposed and who decided")
    func policyFold() throws {
        let proposer = Actor(databaseRole: "alice", organisationalRoles: ["commander"])
        let proposed = try PolicyDecider(actor: proposer).decide(
            .propose(
                id: Fixtures.incidentId, workflowKind: "phi-leak", change: "Phone-free chart areas",
                fromIncidents: [Fixtures.incidentId], workflowVersion: 3), PolicyDecider.initial)
        let proposal = PolicyDecider.fold(Self.recorded(proposed, by: "alice"))
        #expect(proposal.status == .open && proposal.proposedBy == "alice")
        // The proposer cannot decide their own proposal.
        let aliceAsPrivacyOfficer = Actor(databaseRole: "alice", organisationalRoles: ["privacy-officer"])
        #expect {
            try PolicyDecider(actor: aliceAsPrivacyOfficer).decide(.decide(accept: true, reason: "yes"), proposal)
        } throws: { error in
            (error as? Refusal)?.rule == "policy.own-proposal"
        }
        let decided = try PolicyDecider(actor: Fixtures.pat).decide(.decide(accept: true, reason: "yes"), proposal)
        #expect(decided.count == 1)
    }

    @Test("a workflow that names no role for a command lets nobody issue it: permissions fail closed")
    func emptyPermissionFailsClosed() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        h.definition.permissions[.assign] = []
        let refusal = h.refusal(.assign(role: "legal", to: "lee"), as: Fixtures.alice)
        #expect(refusal?.rule == "permission.role")
    }

    @Test("every command says who may issue it; only those with a role list can be overridden by a workflow")
    func everyCommandHasAPermission() {
        for command in CommandName.allCases {
            switch CommandPermissions.rule(for: command) {
            case .roles(let roles):
                #expect(!roles.isEmpty, "\(command.rawValue) names no role")
                #expect(CommandPermissions.defaults[command] == roles)
            case .anyTeamMember, .decidedByWorkflow, .crisis, .pageRecipient:
                #expect(CommandPermissions.defaults[command] == nil)
            }
        }
        #expect(CommandPermissions.rule(for: .recordMissedDeadlines) == .crisis)
        #expect(CommandPermissions.rule(for: .approveMessage) == .decidedByWorkflow)
    }
}
