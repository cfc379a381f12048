import CrisisStore
import CrisisTestSupport
import Foundation
import Testing

@Suite("crisis watch: the deadline scan, continuously, woken by new events")
struct WatchTests {
    @Test("watch records each missed deadline once, and someone else's event wakes it long before its interval")
    func watchWakesOnEvents() async throws {
        let team = try await Team.assemble(Team.cast)
        let (phi, overdue) = try await team.overdueLeak()
        #expect(overdue > 0)

        // One scan records every miss and its escalation.
        let first = await team.run("e2e_alice", ["watch", "--scans", "1"])
        #expect(first.output.contains("missed"), "\(first.output)")
        let recorded = try await team.eventTypes(phi)
        #expect(recorded.filter { $0 == "DeadlineMissed" }.count == overdue)
        #expect(recorded.filter { $0 == "DeadlineEscalated" }.count == overdue)

        // Two scans ten minutes apart, unless an event wakes the watcher. Its
        // first scan records nothing (so it does not wake itself); once it
        // listens (its listening session may show its once-a-second look
        // instead), someone else's note must wake the second at once.
        let clock = ContinuousClock()
        let started = clock.now
        let watcher = Task {
            await team.crisis.run(["watch", "--interval", "600", "--scans", "2", "--as", "e2e_alice"])
        }
        let superuser = try await DatabaseConnector.connect(team.settings)
        try await waitUntil(
            "the watcher to LISTEN for new events or look for them", within: .seconds(120), every: .milliseconds(100)
        ) {
            var listening: Int64 = 0
            for try await count in try await superuser.query(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database()
                  AND (query ILIKE 'LISTEN%crisis_events%' OR query ILIKE '%crisis.appended_since%')
                """, logger: DatabaseConnector.quietLogger
            ).decode(Int64.self) {
                listening = count
            }
            return listening > 0 ? .done(()) : .notYet("no session of this database listening")
        }
        try await superuser.close()
        await team.run("e2e_sam", ["incident", "note", phi, "Reporter called again"])
        let result = await watcher.value
        let elapsed = clock.now - started
        #expect(result.status == 0, "\(result.errors)")
        #expect(elapsed < .seconds(300), "watch waited \(elapsed) instead of waking on the note")
        #expect(try await team.eventTypes(phi).filter { $0 == "DeadlineMissed" }.count == overdue)
    }

    @Test("an event appended with plain SQL, which announces nothing, still wakes the watcher within seconds")
    func watchWakesOnUnannouncedAppends() async throws {
        let team = try await Team.assemble(Team.cast)
        let (phi, overdue) = try await team.overdueLeak()
        let first = await team.run("e2e_alice", ["watch", "--scans", "1"])
        #expect(first.status == 0, "\(first.errors)")

        // crisis's writers announce each append after it commits; psql does not. The watcher's
        // once-a-second look must find such an append, or the second scan would wait ten minutes.
        let clock = ContinuousClock()
        let started = clock.now
        let ended = WatcherEnded()
        let watcher = Task {
            let result = await team.crisis.run(["watch", "--interval", "600", "--scans", "2", "--as", "e2e_alice"])
            await ended.mark()
            return result
        }
        let superuser = try await DatabaseConnector.connect(team.settings)
        // Appended every two seconds until the watcher ends, so that one falls after its first look.
        try await waitUntil("the watcher to wake on an unannounced append", within: .seconds(300), every: .seconds(2)) {
            if await ended.isMarked { return .done(()) }
            _ = try await superuser.query(
                """
                SELECT count(*) FROM crisis.append_events('probe', NULL, gen_random_uuid(),
                    '[{"event_type": "ProbeAppended", "data": {}}]'::jsonb)
                """, logger: DatabaseConnector.quietLogger
            ).collect()
            return .notYet("the watcher is still waiting")
        }
        try await superuser.close()
        let result = await watcher.value
        #expect(result.status == 0, "\(result.errors)")
        #expect(clock.now - started < .seconds(300), "watch waited \(clock.now - started) instead of waking")
        #expect(try await team.eventTypes(phi).filter { $0 == "DeadlineMissed" }.count == overdue)
    }
}

private actor WatcherEnded {
    private(set) var isMarked = false
    func mark() { isMarked = true }
}
