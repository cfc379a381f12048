import CrisisStore
import Foundation
import PostgresNIO
import Testing

/// What each writer loop did: one entry per command it ran.
struct WrittenNote: Sendable {
    var commandID: String
    var incident: String
    var writer: String
    var text: String
    var status: Int32
    var errors: String
}

/// Tells the writer loops when to stop.
actor WritingPeriod {
    private(set) var isOver = false
    /// Commands the writers have seen answered, by outcome: a fault is injected only once writing is under way.
    private(set) var acknowledged = 0
    private(set) var failed = 0
    func end() { isOver = true }
    func record(status: Int32) {
        if status == 0 { acknowledged += 1 } else { failed += 1 }
    }
}

@Suite("PostgreSQL crashing under writers")
struct ServerCrashTests {
    static let writers = 8
    static let incidents = 4
    /// Crash-and-restart cycles while the writers run; `CRISIS_RELIABILITY_CRASHES` raises it (scripts/reliability).
    static let crashes = ProcessInfo.processInfo.environment["CRISIS_RELIABILITY_CRASHES"].flatMap(Int.init) ?? 1

    @Test(
        "8 writers through pg_ctl stop -m immediate and a restart: nothing acknowledged is lost, failures exit 4 in one sentence, retries apply once",
        .timeLimit(.minutes(60)))
    func immediateStop() async throws {
        try await PrivateCluster.with("server-crash") { cluster in
            let crisis = CrisisBinary(environment: ["DATABASE_URL": cluster.url()])
            let migrate = await crisis.run("db", "migrate")
            #expect(migrate.status == 0, "\(migrate.errors)")
            let people = (0..<Self.writers).map { "crash_w\($0)" }
            for person in people {
                let added = await crisis.run("roster", "add", person, "--role", "commander")
                #expect(added.status == 0, "\(added.errors)")
            }
            var incidents: [String] = []
            for index in 0..<Self.incidents {
                let open = await crisis.run(
                    "incident", "open", "--kind", "viral-complaint", "--title", "Thread \(index)", "--platform", "x",
                    "--url", "https://x.example/\(index)", "--as", people[0])
                #expect(open.status == 0, "\(open.errors)")
                incidents.append(open.output.split(separator: "\n").last.map(String.init) ?? "")
            }

            let period = WritingPeriod()
            let started = ContinuousClock.now
            var crashedAt = started
            var restartedAt = started
            let written = try await withThrowingTaskGroup(of: [WrittenNote].self) { group in
                for (index, person) in people.enumerated() {
                    let incident = incidents[index % incidents.count]
                    group.addTask { await Self.write(as: person, on: incident, crisis: crisis, until: period) }
                }
                do {
                    // Progress, not the clock, decides: a crash comes once every writer could have written since
                    // the last one, and the restart once a writer was refused, however slow the machine.
                    for _ in 0..<Self.crashes {
                        let before = await period.acknowledged
                        try await Bounded.poll(
                            "\(Self.writers) notes acknowledged since the last restart", within: .seconds(180)
                        ) {
                            let count = await period.acknowledged - before
                            return count >= Self.writers ? nil : "\(count) acknowledged"
                        }
                        let refused = await period.failed
                        crashedAt = .now
                        try await cluster.crash()
                        try await Task.sleep(for: .seconds(1.5))
                        try await Bounded.poll("a writer to be refused while the server is down", within: .seconds(180))
                        {
                            await period.failed > refused ? nil : "no command failed yet"
                        }
                        try await cluster.restart()
                        restartedAt = .now
                    }
                    try await Task.sleep(for: .seconds(2))
                } catch {
                    // The writers stop with the period: without this a failed wait would leave them writing forever.
                    await period.end()
                    throw error
                }
                await period.end()
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let acknowledged = written.filter { $0.status == 0 }
            let failed = written.filter { $0.status != 0 }
            print(
                "server crash: \(written.count) notes, \(acknowledged.count) acknowledged, \(failed.count) failed; "
                    + "\(Self.crashes) crashes, the last at \(crashedAt - started), restarted after \(restartedAt - crashedAt)"
            )
            #expect(!acknowledged.isEmpty)
            #expect(!failed.isEmpty, "no writer noticed the outage")

            // Failures during the outage: exit 4 and one sentence, nothing else.
            for note in failed {
                let lines = note.errors.split(separator: "\n")
                #expect(note.status == 4, "\(note.writer) \(note.text): exit \(note.status): \(note.errors)")
                #expect(lines.count == 1, "\(note.writer) \(note.text): \(note.errors)")
                #expect(!note.errors.contains("Fatal error") && !note.errors.contains("PSQLError"), "\(note.errors)")
            }
            let settings = try cluster.settings
            let before = try await Self.notes(settings)
            for note in acknowledged {
                #expect(
                    before[note.commandID] == [note.text], "acknowledged \(note.text): \(before[note.commandID] ?? [])")
            }

            // Retried with the same command id after the restart: applied once.
            for note in failed {
                let retry = await crisis.run(
                    "incident", "note", note.incident, note.text, "--command-id", note.commandID, "--as", note.writer)
                #expect(retry.status == 0, "retry of \(note.text): \(retry.errors)")
            }
            let after = try await Self.notes(settings)
            #expect(after.count == written.count)
            for note in written {
                #expect(after[note.commandID] == [note.text], "\(note.text): \(after[note.commandID] ?? [])")
            }
            let verify = await crisis.run("audit", "verify")
            #expect(verify.status == 0, "\(verify.output)\(verify.errors)")
        }
    }

    /// Appends notes as `person`, each with its own command id, until the period ends.
    static func write(as person: String, on incident: String, crisis: CrisisBinary, until period: WritingPeriod) async
        -> [WrittenNote]
    {
        var written: [WrittenNote] = []
        var index = 0
        while await !period.isOver {
            let commandID = UUID().uuidString.lowercased()
            let text = "\(person) note \(index)"
            let run = await crisis.run(["incident", "note", incident, text, "--command-id", commandID, "--as", person])
            written.append(
                WrittenNote(
                    commandID: commandID, incident: incident, writer: person, text: text, status: run.status,
                    errors: run.errors))
            await period.record(status: run.status)
            index += 1
            if run.status != 0 { try? await Task.sleep(for: .milliseconds(100)) }
        }
        return written
    }

    /// The texts of the notes each command id wrote, across all incidents.
    static func notes(_ settings: DatabaseSettings) async throws -> [String: [String]] {
        let rows = try await EndToEndDatabase.texts(
            settings,
            """
            SELECT stream_id || ' ' || command_id::text || ' ' || (data->>'text') FROM crisis.events
            WHERE event_type = 'NoteAdded' ORDER BY global_position
            """)
        return try await StoredWords.byCommand(rows, settings)
    }
}
