import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("A client killed at any moment leaves nothing half done")
struct ClientCrashTests {
    /// `CRISIS_RELIABILITY_COUNT` and `CRISIS_RELIABILITY_SEED` raise or move them (scripts/reliability).
    static let iterations = ProcessInfo.processInfo.environment["CRISIS_RELIABILITY_COUNT"].flatMap(Int.init) ?? 40
    static let seed = ProcessInfo.processInfo.environment["CRISIS_RELIABILITY_SEED"].flatMap(UInt64.init) ?? 8

    @Test(
        "notes and deadline scans killed with SIGKILL after a seeded 0-300 ms (longer on a busy machine): acknowledged notes stored once, multi-event commands whole, chains intact",
        .timeLimit(.minutes(60)))
    func killedClients() async throws {
        let team = try await Team.assemble(Team.cast)
        let incident = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Thread", "--platform", "x", "--url",
                "https://x.example/1",
            ])
        let yesterday = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
        // Kills land anywhere in a command's life: 0-300 ms, or up to twice what
        // one note takes when the machine is busier than that (the suites run in parallel).
        let clock = ContinuousClock()
        let warmUp = await clock.measure {
            await team.run("e2e_alice", ["incident", "note", incident, "warm-up"])
        }
        let window = max(300, Int(warmUp / .milliseconds(1) * 2))
        var random = SeededGenerator(seed: Self.seed)
        var notes: [(commandID: String, text: String, status: Int32)] = []
        var overdue: [String] = []
        var scansKilled = 0
        for iteration in 0..<Self.iterations {
            let delay = Duration.milliseconds(Int.random(in: 0...window, using: &random))
            if iteration % 5 == 4 {
                // A scan appends each overdue incident's missed deadlines and their
                // escalations (several events) in one command.
                overdue.append(
                    await team.created(
                        "e2e_alice",
                        [
                            "incident", "open", "--kind", "viral-complaint", "--title", "Overdue \(iteration)",
                            "--platform", "x", "--url", "https://x.example/o\(iteration)", "--detected-at", yesterday,
                        ]))
                let scan = await team.crisis.run(["deadlines", "scan", "--as", "e2e_alice"], killedAfter: delay)
                #expect(scan.status == 0 || scan.status == 128 + SIGKILL, "scan: \(scan.status) \(scan.errors)")
                if scan.status != 0 { scansKilled += 1 }
            } else {
                let commandID = UUID().uuidString.lowercased()
                let text = "note \(iteration)"
                let note = await team.crisis.run(
                    ["incident", "note", incident, text, "--command-id", commandID, "--as", "e2e_alice"],
                    killedAfter: delay)
                #expect(note.status == 0 || note.status == 128 + SIGKILL, "note: \(note.status) \(note.errors)")
                notes.append((commandID, text, note.status))
            }
        }
        let acknowledged = notes.filter { $0.status == 0 }
        let killed = notes.filter { $0.status != 0 }
        print(
            "client crash: kills within \(window) ms; \(acknowledged.count) notes acknowledged, \(killed.count) killed; "
                + "\(overdue.count - scansKilled) scans finished, \(scansKilled) killed")

        // Nothing half applied: per overdue incident, missed deadlines and escalations
        // come in pairs, from one command each, and all or none of them are there.
        let full = try await deadlineEvents(team, overdue)
        await team.run("e2e_alice", ["deadlines", "scan"])
        let afterScan = try await deadlineEvents(team, overdue)
        let complete = afterScan.values.first ?? []
        #expect(!complete.isEmpty)
        for stream in overdue {
            let types = full[stream] ?? []
            #expect(types.isEmpty || types == complete, "incident \(stream): \(types)")
            #expect(afterScan[stream] == complete, "incident \(stream) after a clean scan: \(afterScan[stream] ?? [])")
        }

        // Acknowledged notes are there exactly once; a killed one may or may not be,
        // and retrying it with its command id makes it there exactly once.
        let stored = try await noteCommands(team, incident)
        for note in acknowledged {
            #expect(stored[note.commandID] == [note.text], "acknowledged \(note.text): \(stored[note.commandID] ?? [])")
        }
        for note in killed {
            #expect((stored[note.commandID] ?? []).count <= 1, "killed \(note.text): \(stored[note.commandID] ?? [])")
            await team.run("e2e_alice", ["incident", "note", incident, note.text, "--command-id", note.commandID])
        }
        let retried = try await noteCommands(team, incident)
        #expect(retried.count == notes.count + 1)  // and the warm-up note
        for note in notes {
            #expect(retried[note.commandID] == [note.text], "\(note.text): \(retried[note.commandID] ?? [])")
        }

        // Every command's events are one contiguous run of one stream, and the chains hold.
        let strays = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT e.stream_id || ' v' || e.stream_version FROM crisis.events e
            LEFT JOIN crisis.commands c ON c.command_id = e.command_id
            WHERE c.command_id IS NULL OR c.stream_id <> e.stream_id
               OR e.stream_version NOT BETWEEN c.first_version AND c.last_version
            """)
        #expect(strays.isEmpty, "events outside their command's run: \(strays)")
        let verify = await team.run("e2e_alice", ["audit", "verify"])
        #expect(verify.output.contains("every hash chain verifies"), "\(verify.output)")
        try await team.expectReplayMatchesShow(incident)
    }

    /// The deadline event types of each incident, in stream order.
    func deadlineEvents(_ team: Team, _ incidents: [String]) async throws -> [String: [String]] {
        var types: [String: [String]] = [:]
        for incident in incidents {
            types[incident] = try await team.eventTypes(incident).filter { $0.hasPrefix("Deadline") }
        }
        return types
    }

    /// The texts of the notes each command id wrote on `incident`.
    func noteCommands(_ team: Team, _ incident: String) async throws -> [String: [String]] {
        let rows = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT stream_id || ' ' || command_id::text || ' ' || (data->>'text') FROM crisis.events
            WHERE stream_id = \("incident-" + incident) AND event_type = 'NoteAdded'
            ORDER BY stream_version
            """)
        return try await StoredWords.byCommand(rows, team.settings)
    }
}
