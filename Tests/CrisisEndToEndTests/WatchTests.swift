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
        // listens, someone else's note must wake the second at once.
        let clock = ContinuousClock()
        let started = clock.now
        let watcher = Task {
            await team.crisis.run(["watch", "--interval", "600", "--scans", "2", "--as", "e2e_alice"])
        }
        let superuser = try await DatabaseConnector.connect(team.settings)
        try await waitUntil("the watcher to LISTEN for new events", within: .seconds(120), every: .milliseconds(100)) {
            var listening: Int64 = 0
            for try await count in try await superuser.query(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND query ILIKE 'LISTEN%crisis_events%'
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
}
