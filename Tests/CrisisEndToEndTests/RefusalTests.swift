import Foundation
import Testing

@Suite("Every refusal exits 1, is recorded, and changes nothing else")
struct RefusalTests {
    /// A PHI-leak incident with a submitted message m1 and two removals requested.
    func prepared() async throws -> (Team, String) {
        let team = try await Team.assemble(Team.cast)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a selfie",
                "--platform", "instagram", "--url", "https://instagram.example/p/1",
            ])
        await team.run("e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"])
        await team.run(
            "e2e_sam", ["removal", "request", id, "--platform", "instagram", "--url", "https://instagram.example/p/1"])
        await team.run(
            "e2e_sam",
            [
                "message", "draft", id, "--channel", "instagram", "--body",
                "We are aware of a post and have asked for it to be removed.",
            ])
        await team.run("e2e_sam", ["message", "submit", id, "m1"])
        return (team, id)
    }

    func expectRefused(
        _ team: Team, _ id: String, _ person: String, _ arguments: [String], rule: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try await team.stateIgnoringRefusals(id)
        let typesBefore = try await team.eventTypes(id)
        let result = await team.run(person, arguments, expecting: 1, sourceLocation: sourceLocation)
        #expect(result.errors.contains("refused"), sourceLocation: sourceLocation)
        let typesAfter = try await team.eventTypes(id)
        #expect(typesAfter == typesBefore + ["CommandRefused"], sourceLocation: sourceLocation)
        #expect(try await team.stateIgnoringRefusals(id) == before, sourceLocation: sourceLocation)
        let timeline = try await team.json("e2e_alice", ["incident", "timeline", id]) as? [[String: Any]]
        let last = timeline?.last?["what"] as? String ?? ""
        #expect(
            last.contains("[\(rule)]"), "refused for another rule than \(rule): \(last)", sourceLocation: sourceLocation
        )
        try await team.expectReplayMatchesShow(id, sourceLocation: sourceLocation)
    }

    @Test("a person without the workflow's role for an action is refused")
    func wrongRole() async throws {
        let (team, id) = try await prepared()
        try await expectRefused(team, id, "e2e_sam", ["incident", "act", id, "begin-containment"], rule: "action.role")
    }

    @Test("the author of a message cannot approve it: the author rule is named, before any role check")
    func selfApproval() async throws {
        let (team, id) = try await prepared()
        await team.run("e2e_lee", ["roster", "add", "e2e_sam", "--role", "legal"], expecting: 1)  // not allowed to create roles
        try await expectRefused(
            team, id, "e2e_sam", ["legal", "approve", id, "m1"], rule: "message.author-cannot-approve")
    }

    @Test("a message cannot be published before its approvals")
    func publishBeforeApproval() async throws {
        let (team, id) = try await prepared()
        try await expectRefused(
            team, id, "e2e_cora", ["message", "publish", id, "m1", "--url", "https://instagram.example/r/1"],
            rule: "message.approvals-missing")
    }

    @Test("only the approved text can be published")
    func publishOtherText() async throws {
        let (team, id) = try await prepared()
        await team.run("e2e_lee", ["legal", "approve", id, "m1"])
        await team.run("e2e_pat", ["legal", "approve", id, "m1"])
        try await expectRefused(
            team, id, "e2e_cora",
            [
                "message", "publish", id, "m1", "--url", "https://instagram.example/r/1", "--body",
                "We are aware of a post and have asked for it to be removed. The nurse has been fired.",
            ],
            rule: "message.text-not-approved")
    }

    @Test("an incident cannot close before its workflow reaches a state that allows closing")
    func closeTooEarly() async throws {
        let (team, id) = try await prepared()
        try await expectRefused(team, id, "e2e_alice", ["incident", "close", id], rule: "close.not-available")
    }

    @Test("an action whose guard does not hold is refused, naming the guard")
    func guardNotMet() async throws {
        let (team, id) = try await prepared()
        // No evidence of the post has been captured yet.
        try await expectRefused(
            team, id, "e2e_alice", ["incident", "act", id, "begin-containment"], rule: "action.guard")
        let timeline = try await team.json("e2e_alice", ["incident", "timeline", id]) as? [[String: Any]]
        let refusal = timeline?.last?["what"] as? String ?? ""
        #expect(refusal.contains("no evidence has been captured"), "\(refusal)")
    }

    @Test("an auditor can read and verify but never act, and the database refuses the append")
    func auditorIsReadOnly() async throws {
        let (team, id) = try await prepared()
        let note = await team.run("e2e_audrey", ["incident", "note", id, "auditor was here"], expecting: 1)
        #expect(note.errors.contains("auditor"))
        await team.run("e2e_audrey", ["incident", "show", id])
        await team.run("e2e_audrey", ["audit", "verify"])
    }
}
