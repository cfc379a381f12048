import Foundation
import Testing

@Suite("People acting at once")
struct ConcurrencyEndToEndTests {
    /// Runs several crisis commands at the same moment (one shell, background
    /// jobs) and returns each one's exit code and error output, in order.
    func simultaneously(_ team: Team, _ commands: [[String]]) async -> [(status: Int32, errors: String)] {
        let directory = NSTemporaryDirectory() + "crisis-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = commands.enumerated().map { index, command in
            let line = ([CrisisBinary.path] + command).map { "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }
                .joined(separator: " ")
            return "(\(line) >/dev/null 2>\(directory)/\(index).err; echo $? >\(directory)/\(index).code) &"
        }.joined(separator: "\n")
        _ = await ChildProcessRunner.capture(
            "/bin/sh", ["-c", script + "\nwait"], environment: team.crisis.environment)
        return commands.indices.map { index in
            let code = (try? String(contentsOfFile: "\(directory)/\(index).code", encoding: .utf8)) ?? ""
            let errors = (try? String(contentsOfFile: "\(directory)/\(index).err", encoding: .utf8)) ?? ""
            return (Int32(code.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, errors)
        }
    }

    @Test("two commanders acting on one incident at once leave one consistent, verifiable stream")
    func twoCommanders() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.commandedComplaint()
        var commands: [[String]] = []
        for index in 0..<6 {
            commands.append(["incident", "note", id, "alice note \(index)", "--as", "e2e_alice"])
            commands.append(["incident", "note", id, "alex note \(index)", "--as", "e2e_alex"])
        }
        // Both take the same action: exactly one takes effect, the other is refused.
        commands.append(["incident", "act", id, "no-phi-found", "--note", "alice", "--as", "e2e_alice"])
        commands.append(["incident", "act", id, "no-phi-found", "--note", "alex", "--as", "e2e_alex"])
        let outcomes = await simultaneously(team, commands)
        for (command, outcome) in zip(commands, outcomes).dropLast(2) {
            #expect(outcome.status == 0, "\(command.joined(separator: " ")): \(outcome.errors)")
        }
        #expect(outcomes.suffix(2).map(\.status).sorted() == [0, 1])

        let types = try await team.eventTypes(id)
        #expect(types.filter { $0 == "NoteAdded" }.count == 12)
        #expect(types.filter { $0 == "ActionTaken" }.count == 1)
        #expect(types.filter { $0 == "CommandRefused" }.count == 1)
        let timeline = try await team.json("e2e_alice", ["incident", "timeline", id]) as? [[String: Any]] ?? []
        let versions = timeline.compactMap { ($0["version"] as? NSNumber)?.intValue }
        #expect(versions == Array(1...versions.count))
        #expect(await team.run("e2e_alice", ["audit", "verify", id]).status == 0)
        try await team.expectReplayMatchesShow(id)
    }

    @Test("deadlines scan run by 4 processes at once records each missed deadline and escalation once")
    func concurrentScans() async throws {
        let team = try await Team.assemble(Team.cast)
        let (phi, overdue) = try await team.overdueLeak()
        #expect(overdue > 0)

        let scans = await simultaneously(team, Array(repeating: ["deadlines", "scan", "--as", "e2e_alice"], count: 4))
        #expect(scans.allSatisfy { $0.status == 0 }, "\(scans.map(\.errors))")
        let types = try await team.eventTypes(phi)
        let missed = types.filter { $0 == "DeadlineMissed" }.count
        let escalated = types.filter { $0 == "DeadlineEscalated" }.count
        #expect(missed == overdue)
        #expect(escalated == overdue)

        await team.run("e2e_alice", ["deadlines", "scan"])
        #expect(try await team.eventTypes(phi).count == types.count)
    }
}
