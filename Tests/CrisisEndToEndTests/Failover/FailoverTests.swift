import CrisisStore
import Foundation
import Testing

@Suite("Failover to a synchronous standby under 8 writers")
struct FailoverTests {
    static let writers = 8
    static let incidents = 4
    /// Failover rounds, each on a fresh pair; `CRISIS_RELIABILITY_FAILOVERS` raises it (scripts/reliability).
    static let rounds = ProcessInfo.processInfo.environment["CRISIS_RELIABILITY_FAILOVERS"].flatMap(Int.init) ?? 1
    static let seed =
        ProcessInfo.processInfo.environment["CRISIS_RELIABILITY_SEED"].flatMap(UInt64.init)
        ?? UInt64.random(in: 1...99_999)

    @Test(
        "the primary killed under 8 writers and the standby promoted: every acknowledged note is there once, retries apply once, chains verify, a gap-safe reader resumes on the new primary",
        .timeLimit(.minutes(60)))
    func killPrimaryPromoteStandby() async throws {
        var generator = SeededGenerator(seed: Self.seed)
        for round in 1...max(1, Self.rounds) {
            let killAfter = Duration.milliseconds(Int.random(in: 1_500...3_500, using: &generator))
            let promoteAfter = Duration.milliseconds(Int.random(in: 300...1_200, using: &generator))
            print(
                "failover round \(round) of \(Self.rounds) (seed \(Self.seed)): kill after \(killAfter), promote \(promoteAfter) later"
            )
            try await ReplicatedPair.with("failover") { pair in
                try await Self.round(pair, killAfter: killAfter, promoteAfter: promoteAfter)
            }
        }
    }

    static func round(_ pair: ReplicatedPair, killAfter: Duration, promoteAfter: Duration) async throws {
        let crisis = pair.crisis()
        let migrate = await Bounded.run(crisis, ["db", "migrate"])
        try #require(migrate.status == 0, "db migrate: \(migrate.errors)")
        let people = (0..<writers).map { "failover_w\($0)" }
        for person in people {
            let added = await Bounded.run(crisis, ["roster", "add", person, "--role", "commander"])
            try #require(added.status == 0, "roster add \(person): \(added.errors)")
        }
        var incidentIDs: [String] = []
        for index in 0..<incidents {
            let open = await Bounded.run(
                crisis,
                [
                    "incident", "open", "--kind", "viral-complaint", "--title", "Thread \(index)", "--platform", "x",
                    "--url", "https://x.example/\(index)", "--as", people[0],
                ])
            try #require(open.status == 0, "incident open: \(open.errors)")
            incidentIDs.append(open.output.split(separator: "\n").last.map(String.init) ?? "")
        }

        let follower = GapSafeFollower(settings: try DatabaseSettings.parse(url: pair.url))
        let following = Task { await follower.run() }
        defer { following.cancel() }

        let period = WritingPeriod()
        let written = try await withThrowingTaskGroup(of: [WrittenNote].self) { group in
            for (index, person) in people.enumerated() {
                let incident = incidentIDs[index % incidentIDs.count]
                group.addTask { await write(as: person, on: incident, crisis: crisis, until: period) }
            }
            do {
                // On a loaded machine a writer's first command can take seconds: the primary is killed only once
                // every writer could have written, and the standby promoted only once a writer was refused for
                // want of a primary, so the failover is always noticed, however slow the machine.
                try await Bounded.poll("the writers to acknowledge \(writers) notes", within: .seconds(180)) {
                    let count = await period.acknowledged
                    return count >= writers ? nil : "\(count) acknowledged"
                }
                try await Task.sleep(for: killAfter)
                try await pair.primary.crash()
                try await Task.sleep(for: promoteAfter)
                try await Bounded.poll("a writer to be refused while there is no primary", within: .seconds(180)) {
                    await period.failed > 0 ? nil : "no command failed yet"
                }
                try await pair.standby.promote()
                try await Task.sleep(for: .seconds(2.5))
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
        print("failover: \(written.count) notes, \(acknowledged.count) acknowledged, \(failed.count) failed")
        for sentence in Set(failed.map { String($0.errors.prefix(110)) }).sorted() {
            print("failover: a caught command said: \(sentence)…")
        }
        #expect(!acknowledged.isEmpty)
        #expect(!failed.isEmpty, "no writer noticed the failover")

        // Caught by the failover: exit 4 and one sentence.
        for note in failed {
            #expect(note.status == 4, "\(note.writer) \(note.text): exit \(note.status): \(note.errors)")
            #expect(note.errors.split(separator: "\n").count == 1, "\(note.writer) \(note.text): \(note.errors)")
            #expect(!note.errors.contains("Fatal error") && !note.errors.contains("PSQLError"), "\(note.errors)")
        }

        // Every acknowledged note is on the new primary, once.
        let newPrimary = try pair.standby.settings
        let before = try await ServerCrashTests.notes(newPrimary)
        for note in acknowledged {
            #expect(before[note.commandID] == [note.text], "acknowledged \(note.text): \(before[note.commandID] ?? [])")
        }

        // The failed ones, retried with their command ids through the two-host URL: applied once.
        for note in failed {
            let retry = await Bounded.run(
                crisis,
                ["incident", "note", note.incident, note.text, "--command-id", note.commandID, "--as", note.writer])
            #expect(retry.status == 0, "retry of \(note.text): \(retry.errors)")
        }
        let after = try await ServerCrashTests.notes(newPrimary)
        #expect(after.count == written.count)
        for note in written {
            #expect(after[note.commandID] == [note.text], "\(note.text): \(after[note.commandID] ?? [])")
        }
        let verify = await Bounded.run(crisis, ["audit", "verify"])
        #expect(verify.status == 0, "audit verify on the new primary: \(verify.output)\(verify.errors)")
        let status = await Bounded.run(crisis, ["db", "status"])
        #expect(status.output.contains("(primary)"), "db status after the promotion: \(status.output)\(status.errors)")

        // The reader that followed the old primary sees every event once, resuming on the new one.
        let all = try await EndToEndDatabase.texts(newPrimary, "SELECT event_id::text FROM crisis.events")
        let expected = Set(all.compactMap(UUID.init(uuidString:)))
        try await Bounded.poll("the gap-safe reader to see all \(expected.count) events", within: .seconds(60)) {
            let seen = follower.seen
            return Set(seen.keys) == expected
                ? nil : "\(seen.count) seen, checkpoint \(follower.checkpoint), \(follower.connections) connections"
        }
        follower.stop()
        let seen = follower.seen
        #expect(seen.values.allSatisfy { $0 == 1 }, "events seen more than once: \(seen.filter { $0.value > 1 }.count)")
        #expect(follower.connections >= 2, "the reader never moved to the new primary")
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
            let run = await Bounded.run(
                crisis, ["incident", "note", incident, text, "--command-id", commandID, "--as", person])
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
}
