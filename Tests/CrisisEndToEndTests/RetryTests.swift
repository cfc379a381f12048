import Foundation
import Testing

@Suite("A command retried with its command id is applied once")
struct RetryTests {
    @Test("open and note retried with the same --command-id write once and answer the same")
    func retriedCommands() async throws {
        let team = try await Team.assemble(Team.cast)
        let openID = UUID().uuidString.lowercased()
        let open = [
            "incident", "open", "--kind", "viral-complaint", "--title", "Thread", "--platform", "x", "--url",
            "https://x.example/1", "--command-id", openID,
        ]
        let first = await team.created("e2e_alice", open)
        let again = await team.created("e2e_alice", open)
        #expect(first == openID)
        #expect(again == first)

        let noteID = UUID().uuidString
        for _ in 0..<3 {
            await team.run("e2e_alice", ["incident", "note", first, "said once", "--command-id", noteID])
        }
        let types = try await team.eventTypes(first)
        #expect(types == ["IncidentOpened", "NoteAdded"])

        // The same id for another incident's command is bad input, not a silent no-op.
        let other = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Other", "--platform", "x", "--url",
                "https://x.example/2",
            ])
        await team.run("e2e_alice", ["incident", "note", other, "reused id", "--command-id", noteID], expecting: 2)
        await team.run("e2e_alice", ["incident", "note", other, "bad id", "--command-id", "not-a-uuid"], expecting: 2)
        try await team.expectEveryReplayMatchesShow()
    }
}
