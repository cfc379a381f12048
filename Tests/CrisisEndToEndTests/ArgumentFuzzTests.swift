import CrisisStore
import Foundation
import Testing

/// Issue 8, suite 6: every command's arguments, fuzzed with what people paste
/// under pressure. A fixed seed and a bounded count here; `scripts/fuzz-cli`
/// runs longer (CRISIS_CLI_FUZZ_COUNT, CRISIS_CLI_FUZZ_SEED).
@Suite("Fuzzed command-line arguments: exit 2 and nothing written, or stored verbatim")
struct ArgumentFuzzTests {
    /// One argument value; `shellBytes` is a bash $'…' word for bytes a Swift string cannot hold.
    struct Value: CustomStringConvertible {
        var text: String
        var shellBytes: String?
        var description: String {
            shellBytes.map { "bytes \($0)" } ?? "\"\(text.prefix(60))\" (\(text.utf8.count) bytes)"
        }
    }

    /// A place a value goes: the arguments around it, who runs it, and how success is read back.
    struct Slot: Sendable {
        enum Kind { case text, name, time, id }
        var person: String
        var kind: Kind
        var arguments: @Sendable (String, String) -> [String]  // (incident id, value)
    }

    static let slots: [Slot] = [
        Slot(person: "e2e_alice", kind: .text) { id, v in ["incident", "note", id, v] },
        Slot(person: "e2e_alice", kind: .name) { _, v in ["incident", "open", "--kind", "phi-leak", "--title", v] },
        Slot(person: "e2e_alice", kind: .name) { _, v in ["incident", "open", "--kind", v, "--title", "t"] },
        Slot(person: "e2e_alice", kind: .time) { _, v in
            ["incident", "open", "--kind", "viral-complaint", "--title", "t", "--discovered-at", v]
        },
        Slot(person: "e2e_alice", kind: .name) { _, v in
            ["incident", "open", "--kind", "viral-complaint", "--title", "t", "--platform", "x", "--url", v]
        },
        Slot(person: "e2e_alice", kind: .name) { id, v in ["incident", "assign", id, "--role", v, "--to", "e2e_sam"] },
        Slot(person: "e2e_alice", kind: .name) { id, v in ["incident", "act", id, v] },
        Slot(person: "e2e_alice", kind: .text) { id, v in ["incident", "act", id, "no-phi-found", "--note", v] },
        Slot(person: "e2e_alice", kind: .id) { _, v in ["incident", "show", v] },
        Slot(person: "e2e_alice", kind: .id) { _, v in ["incident", "timeline", v] },
        Slot(person: "e2e_sam", kind: .text) { id, v in ["message", "draft", id, "--channel", "public", "--body", v] },
        Slot(person: "e2e_sam", kind: .id) { id, v in ["message", "submit", id, v] },
        Slot(person: "e2e_lee", kind: .text) { id, v in ["legal", "reject", id, "m1", "--reason", v] },
        Slot(person: "e2e_lee", kind: .id) { id, v in ["legal", "approve", id, v] },
        Slot(person: "e2e_sam", kind: .name) { id, v in
            ["removal", "request", id, "--platform", v, "--url", "https://x.example/2"]
        },
        Slot(person: "e2e_sam", kind: .id) { id, v in ["removal", "confirm", id, v] },
        Slot(person: "e2e_alice", kind: .text) { id, v in ["postmortem", "add", id, "--went-badly", v] },
        Slot(person: "e2e_alice", kind: .time) { id, v in
            ["postmortem", "add", id, "--action", "Fix it", "--owner", "e2e_alice", "--due", v]
        },
        Slot(person: "e2e_alice", kind: .text) { id, v in
            ["policy", "propose", "--workflow", "viral-complaint", "--change", v, "--from", id]
        },
        Slot(person: "e2e_alice", kind: .id) { _, v in
            ["policy", "propose", "--workflow", "viral-complaint", "--change", "c", "--from", v]
        },
        Slot(person: "e2e_audrey", kind: .time) { id, v in ["audit", "replay", id, "--as-of", v] },
        Slot(person: "e2e_audrey", kind: .id) { _, v in ["audit", "replay", v] },
        Slot(person: "e2e_alice", kind: .time) { _, v in ["deadlines", "list", "--at", v] },
    ]

    /// Values of each class the issue names.
    static func value(_ rng: inout SeededGenerator) -> Value {
        let classes: [(inout SeededGenerator) -> Value] = [
            { _ in Value(text: "") },
            { _ in Value(text: " \t\n ") },
            { rng in
                Value(text: String(repeating: "huge ", count: 20_000) + "\(Int.random(in: 0..<1_000, using: &rng))")
            },
            { _ in Value(text: "ctrl\u{01}\u{1B}[31mred\u{7F}\ttab\r\nline") },
            { _ in Value(text: "Robert'); DROP TABLE crisis.events; --") },
            { _ in Value(text: "$$; COMMIT; SELECT pg_terminate_backend(pg_backend_pid()); $$") },
            { _ in Value(text: "$(touch /tmp/crisis-fuzz-pwned) `id`; rm -rf ~ | cat && echo") },
            { _ in Value(text: "ñandú 漢字 🚑\u{202E}evil") },
            { _ in Value(text: "  padded on both sides  ") },
            { _ in Value(text: "0001-01-01T00:00:00Z") },
            { _ in Value(text: "1900-01-01T00:00:00+00:00") },
            { _ in Value(text: "9999-12-31T23:59:59Z") },
            { _ in Value(text: "2026-02-30") },
            { _ in Value(text: UUID().uuidString.lowercased()) },
            { rng in Value(text: String(format: "%08x", UInt32.random(in: 0...UInt32.max, using: &rng))) },
            { _ in Value(text: "m999") },
            { _ in Value(text: "-") },
            { _ in Value(text: "--as") },
            { _ in Value(text: "bad", shellBytes: "$'bad\\xff\\xfe'") },
            { _ in Value(text: "cafe", shellBytes: "$'caf\\xc3'") },
        ]
        return classes[Int.random(in: 0..<classes.count, using: &rng)](&rng)
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["CRISIS_CLI_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_124
    }
    static var count: Int {
        ProcessInfo.processInfo.environment["CRISIS_CLI_FUZZ_COUNT"].flatMap(Int.init) ?? 70
    }

    @Test("seeded random arguments to every kind of command: exit 2 writing nothing, a recorded refusal, or verbatim")
    func fuzzedArguments() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.commandedComplaint()
        await team.run("e2e_sam", ["message", "draft", id, "--channel", "public", "--body", "We hear you."])
        await team.run("e2e_sam", ["message", "submit", id, "m1"])
        await team.run("e2e_alice", ["postmortem", "start", id])

        var rng = SeededGenerator(seed: Self.seed)
        var outcomes: [Int32: Int] = [:]
        for round in 0..<Self.count {
            let slot = Self.slots[Int.random(in: 0..<Self.slots.count, using: &rng)]
            let value = Self.value(&rng)
            let arguments = slot.arguments(id, value.text) + ["--as", slot.person]
            let label = "round \(round): \(slot.arguments(id, "<V>").joined(separator: " ")) with \(value)"
            let before = try await eventCount(team)
            let result: CrisisBinary.Run
            if let bytes = value.shellBytes {
                result = await team.crisis.runInBash(
                    slot.arguments(id, "\u{0}"), replacing: "\u{0}", with: bytes, person: slot.person)
            } else {
                result = await team.crisis.run(arguments)
            }
            let after = try await eventCount(team)
            outcomes[result.status, default: 0] += 1
            #expect(
                !result.errors.contains("Fatal error") && result.status < 3,
                "\(label): \(result.status) \(result.errors)")
            switch result.status {
            case 2:
                #expect(!result.errors.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(label)")
                #expect(after == before, "\(label): exit 2 wrote \(after - before) events")
            case 1:
                // A well-formed command a rule of the incident refused: recorded, and nothing else.
                #expect(after == before + 1, "\(label): a refusal wrote \(after - before) events")
                #expect(result.errors.contains("refused"), "\(label): \(result.errors)")
            case 0 where slot.kind == .text && value.shellBytes == nil && after > before:
                let view = try await stored(team, slot, incident: id, output: result.output)
                #expect(view.contains(value.text), "\(label): not stored verbatim; \(result.output.prefix(200))")
            default:
                break
            }
        }
        print(
            "argument fuzz (seed \(Self.seed), \(Self.count) rounds): exit codes \(outcomes.sorted { $0.key < $1.key })"
        )
        #expect(!FileManager.default.fileExists(atPath: "/tmp/crisis-fuzz-pwned"))
        #expect(await team.run("e2e_audrey", ["audit", "verify"]).status == 0)
        try await team.expectEveryReplayMatchesShow()
    }

    /// Every string value in the JSON that a successful text command changed.
    func stored(_ team: Team, _ slot: Slot, incident: String, output: String) async throws -> Set<String> {
        let probe = slot.arguments(incident, "")
        let view: Any
        if probe.starts(with: ["policy", "propose"]) {
            view = try await team.json("e2e_alice", ["policy", "list"])
        } else if probe.starts(with: ["incident", "open"]) {
            let created = output.split(separator: "\n").last.map(String.init) ?? ""
            view = try await team.json("e2e_alice", ["incident", "show", created])
        } else {
            view = try await team.json("e2e_alice", ["incident", "show", incident])
        }
        var strings: Set<String> = []
        func walk(_ node: Any) {
            if let text = node as? String {
                strings.insert(text)
            } else if let array = node as? [Any] {
                array.forEach(walk)
            } else if let object = node as? [String: Any] {
                object.values.forEach(walk)
            }
        }
        walk(view)
        return strings
    }

    /// Events in the record, but for the access log: every attempt to read
    /// an incident as an auditor is logged there, even one with bad input.
    func eventCount(_ team: Team) async throws -> Int64 {
        let connection = try await DatabaseConnector.connect(team.settings)
        var count: Int64 = -1
        for try await value in try await connection.query(
            "SELECT count(*) FROM crisis.events WHERE stream_id <> 'access-log'", logger: DatabaseConnector.quietLogger
        ).decode(Int64.self) {
            count = value
        }
        try await connection.close()
        return count
    }
}

extension CrisisBinary {
    /// Runs crisis through bash, so one argument can hold bytes that are not UTF-8.
    func runInBash(_ arguments: [String], replacing marker: String, with bashWord: String, person: String) async -> Run
    {
        let words = (arguments + ["--as", person]).map { argument in
            argument == marker ? bashWord : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return await ChildProcessRunner.capture(
            "/bin/bash", ["-c", "exec \"$0\" " + words.joined(separator: " "), Self.path], environment: environment)
    }
}
