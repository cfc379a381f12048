import Foundation
import Testing

@Suite("An incident keeps the workflow it opened under")
struct WorkflowPinningTests {
    /// A private copy of the bundled workflows the test may edit.
    func workflowCopy() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let copy = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("workflows-\(UUID())")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Workflows"), to: copy)
        return copy
    }

    func edit(_ file: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try change(text).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test("a changed file without a raised version is refused; with one, old incidents keep the old rules")
    func pinnedDefinitions() async throws {
        let directory = try workflowCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("viral-complaint.yaml")
        var team = try await Team.assemble(Team.cast)
        team.crisis.environment["CRISIS_WORKFLOWS"] = directory.path
        let open = [
            "incident", "open", "--kind", "viral-complaint", "--title", "Thread", "--platform", "x", "--url",
            "https://x.example/1",
        ]
        let first = await team.created("e2e_alice", open)

        // The same version with other rules: refused, nothing opened.
        try edit(file) { $0.replacingOccurrences(of: "- name: no-phi-found", with: "- name: nothing-found") }
        let refused = await team.run("e2e_alice", open, expecting: 2)
        #expect(refused.errors.contains("version"))
        // The policy author sees it before anyone opens an incident: validate against the record.
        await team.run("e2e_alice", ["workflow", "validate", directory.path])
        let checked = await team.run(
            "e2e_alice", ["workflow", "validate", directory.path, "--against-record"], expecting: 2)
        #expect(checked.output.contains("[changed-without-version-bump]"), "\(checked.output)")

        // Raised version: new incidents get the new rules, the first keeps the old ones.
        try edit(file) { $0.replacingOccurrences(of: "\nversion: 2\n", with: "\nversion: 3\n") }
        let second = await team.created("e2e_alice", open)
        await team.run("e2e_alice", ["incident", "assign", second, "--role", "commander", "--to", "e2e_alice"])
        await team.run("e2e_alice", ["incident", "act", second, "no-phi-found"], expecting: 2)  // no such action in v2
        await team.run("e2e_alice", ["incident", "assign", first, "--role", "commander", "--to", "e2e_alice"])
        await team.run("e2e_alice", ["incident", "act", first, "no-phi-found", "--note", "old rules still apply"])
        let list = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(list.count == 2)
        try await team.expectEveryReplayMatchesShow()
    }
}
