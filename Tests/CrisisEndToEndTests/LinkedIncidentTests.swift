import Foundation
import Testing

@Suite("A viral complaint that turns out to hold patient detail forks into a linked phi-leak incident")
struct LinkedIncidentTests {
    @Test("phi-found waits for a linked phi-leak incident; opening one --linked-to the complaint records both sides")
    func forkIntoPHILeak() async throws {
        let team = try await Team.assemble(Team.cast)
        let complaint = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Angry thread about the ER wait",
                "--platform", "x", "--url", "https://x.example/thread/1",
            ])
        await team.run("e2e_alice", ["incident", "assign", complaint, "--role", "commander", "--to", "e2e_alice"])
        let blocked = await team.run(
            "e2e_alice", ["incident", "act", complaint, "phi-found", "--note", "A nurse replied with the bed number"],
            expecting: 1)
        #expect(blocked.errors.contains("phi-found is blocked"), "\(blocked.errors)")

        let leak = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Staff reply named a bed", "--linked-to",
                complaint, "--link-reason", "A nurse's reply in the thread confirmed the poster is a patient",
            ])
        await team.run(
            "e2e_alice", ["incident", "act", complaint, "phi-found", "--note", "A nurse replied with the bed number"])

        let complaintState = try await team.json("e2e_alice", ["incident", "show", complaint]) as? [String: Any]
        let leakState = try await team.json("e2e_alice", ["incident", "show", leak]) as? [String: Any]
        let complaintLinks = (complaintState?["state"] as? [String: Any])?["linkedIncidents"] as? [[String: Any]]
        let leakLinks = (leakState?["state"] as? [String: Any])?["linkedIncidents"] as? [[String: Any]]
        #expect(complaintLinks?.map { $0["kind"] as? String } == ["phi-leak"])
        #expect((complaintLinks?.first?["id"] as? String)?.lowercased() == leak.lowercased())
        #expect((leakLinks?.first?["id"] as? String)?.lowercased() == complaint.lowercased())
        #expect((complaintState?["state"] as? [String: Any])?["currentState"] as? String == "holding")
        try await team.expectReplayMatchesShow(complaint)
        try await team.expectReplayMatchesShow(leak)

        // Linking by hand, later: both sides again; an incident is never linked to itself.
        let other = await team.created(
            "e2e_alice", ["incident", "open", "--kind", "phi-leak", "--title", "Second post"])
        await team.run("e2e_alice", ["incident", "link", leak, "--to", other, "--reason", "Same ward, same day"])
        let otherState = try await team.json("e2e_alice", ["incident", "show", other]) as? [String: Any]
        let otherLinks = (otherState?["state"] as? [String: Any])?["linkedIncidents"] as? [[String: Any]]
        #expect((otherLinks?.first?["id"] as? String)?.lowercased() == leak.lowercased())
        let itself = await team.run(
            "e2e_alice", ["incident", "link", leak, "--to", leak, "--reason", "x"], expecting: 2)
        #expect(itself.errors.contains("cannot be linked to itself"))

        // Linking again writes nothing; a retry with the same command id neither.
        let before = try await team.eventTypes(leak).count + team.eventTypes(other).count
        await team.run("e2e_alice", ["incident", "link", leak, "--to", other, "--reason", "Same ward, same day"])
        #expect(try await team.eventTypes(leak).count + team.eventTypes(other).count == before)

        // A link the person may not make is refused before anything opens: no second PHI clock.
        let listed = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        let refused = await team.run(
            "e2e_pat", ["incident", "open", "--kind", "phi-leak", "--title", "Found it too", "--linked-to", complaint],
            expecting: 1)
        #expect(refused.errors.contains("refused"), "\(refused.errors)")
        let after = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(after.count == listed.count, "an incident was opened although its link was refused")

        // open --linked-to retried with its --command-id opens once and links once.
        let commandID = UUID().uuidString
        let retried = [
            "incident", "open", "--kind", "phi-leak", "--title", "Retried fork", "--linked-to", complaint,
            "--command-id", commandID,
        ]
        let once = await team.created("e2e_alice", retried)
        #expect(await team.created("e2e_alice", retried) == once)
        let complaintAfter = try await team.json("e2e_alice", ["incident", "show", complaint]) as? [String: Any]
        let links = (complaintAfter?["state"] as? [String: Any])?["linkedIncidents"] as? [[String: Any]] ?? []
        #expect(links.filter { ($0["id"] as? String)?.lowercased() == once.lowercased() }.count == 1)
    }
}
