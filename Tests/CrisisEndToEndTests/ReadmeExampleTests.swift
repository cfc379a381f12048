import Foundation
import Testing

@Suite("The README stays true")
struct ReadmeExampleTests {
    @Test("the README's worked example runs as written on the embedded default")
    func workedExample() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```sh\nswift build -c release && export"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        var block = String(readme[start.lowerBound..<end.lowerBound].dropFirst("```sh\n".count))
        let binaries = URL(fileURLWithPath: CrisisBinary.path).deletingLastPathComponent().path
        block = block.replacingOccurrences(
            of: "swift build -c release && export PATH=\"$PWD/.build/release:$PATH\"",
            with: "export PATH=\"\(binaries):$PATH\"")

        let work =
            (ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory())
            + "/readme-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try Data("a captured screenshot".utf8).write(to: URL(fileURLWithPath: "\(work)/capture.png"))
        let crisis = CrisisBinary(environment: ["CRISIS_HOME": "\(work)/home"])
        defer { crisis.runBlocking("db", "stop") }
        let script = "set -e\ncd '\(work)'\n" + block
        let result = await ChildProcessRunner.capture(
            "/bin/bash", ["-c", script], environment: crisis.environment, within: .seconds(600))
        #expect(result.status == 0, "\(result.output)\n\(result.errors)")
        #expect(result.output.contains("every hash chain verifies"))

        // Every incident the example made replays to exactly what `incident show` says, and keeps the rules.
        let listed = await crisis.run(["incident", "list", "--json"])
        let incidents = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] ?? []
        #expect(!incidents.isEmpty, "\(listed.errors)")
        for incident in incidents {
            let id = try #require(incident["id"] as? String)
            let replay = await crisis.run(["audit", "replay", id, "--json"])
            let show = await crisis.run(["incident", "show", id, "--json"])
            let replayed = try JSONSerialization.jsonObject(with: Data(replay.output.utf8)) as? [String: Any]
            let shown = try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any]
            let replayedState = (replayed?["incident"] as? [String: Any])?["state"] as? NSDictionary
            #expect(replayedState != nil && replayedState == shown?["state"] as? NSDictionary, "incident \(id)")
            #expect(await crisis.run(["audit", "rules", id]).status == 0, "incident \(id)")
        }
    }
}
