import Foundation
import Testing

@Suite("The command line's contract: --as everywhere, JSON for the workflow reads")
struct CommandContractTests {
    @Test("every command accepts --as NAME, so scripts can pass it to all of them")
    func everyCommandAcceptsAs() async throws {
        let crisis = CrisisBinary(environment: [:])
        let dump = await crisis.run(["--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.errors)")
        let document = try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any]
        let command = document?["command"] as? [String: Any]
        let root = try #require(command)
        var leaves: [(String, Bool)] = []
        func walk(_ command: [String: Any], _ path: String) {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            if subcommands.isEmpty {
                let names = (command["arguments"] as? [[String: Any]] ?? []).flatMap {
                    ($0["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                }
                leaves.append((path, names.contains("as")))
            }
            for sub in subcommands { walk(sub, path + " " + (sub["commandName"] as? String ?? "?")) }
        }
        walk(root, "crisis")
        let commands = leaves.filter { $0.0 != "crisis help" }
        #expect(commands.count > 40, "only \(commands.count) commands found")
        #expect(commands.filter { !$0.1 }.map(\.0) == [])
    }

    @Test("workflow show and validate print JSON; a broken file's problems carry their lines, exit 2")
    func workflowJSON() async throws {
        let crisis = CrisisBinary(environment: [:])
        let shown = await crisis.run(["workflow", "show", "inappropriate-video", "--json", "--as", "anyone"])
        #expect(shown.status == 0, "\(shown.errors)")
        let workflow = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any]
        #expect(workflow?["kind"] as? String == "inappropriate-video")
        let guards = workflow?["guards"] as? [[String: Any]] ?? []
        #expect(
            guards.first { $0["name"] as? String == "assessment-complete-if-identifiable" }?["whenActionTaken"]
                as? String == "mark-patient-identifiable")
        #expect((workflow?["states"] as? [[String: Any]])?.isEmpty == false)

        let broken = NSTemporaryDirectory() + "broken-\(UUID().uuidString.prefix(8)).yaml"
        try "kind: broken\nversion: 1\ntitle: Broken\ninitial: nowhere\nstates: []\n".write(
            toFile: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let validated = await crisis.run(["workflow", "validate", broken, "--json"])
        #expect(validated.status == 2)
        let report = try JSONSerialization.jsonObject(with: Data(validated.output.utf8)) as? [String: Any]
        #expect(report?["valid"] as? Bool == false)
        let problems = report?["problems"] as? [[String: Any]] ?? []
        #expect(!problems.isEmpty && problems.allSatisfy { ($0["line"] as? Int ?? 0) >= 1 })
    }
}
