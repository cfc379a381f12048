import CrisisStore
import Foundation
import Testing

@Suite("crisis watch: the deadline scan, continuously, woken by new events")
struct WatchTests {
    @Test("watch records each missed deadline once, and someone else's event wakes it long before its interval")
    func watchWakesOnEvents() async throws {
        let team = try await Team.assemble(Team.cast)
        let longAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-90 * 86_400))
        let phi = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Old leak found late", "--platform", "x", "--url",
                "https://x.example/2", "--discovered-at", longAgo, "--detected-at", longAgo,
            ])
        let due = try await team.json("e2e_alice", ["deadlines"]) as? [[String: Any]] ?? []
        let overdue = due.filter { ($0["deadline"] as? [String: Any])?["status"] as? String == "missed" }
        #expect(!overdue.isEmpty)

        // One scan records every miss and its escalation.
        let first = await team.run("e2e_alice", ["watch", "--scans", "1"])
        #expect(first.output.contains("missed"), "\(first.output)")
        let recorded = try await team.eventTypes(phi)
        #expect(recorded.filter { $0 == "DeadlineMissed" }.count == overdue.count)
        #expect(recorded.filter { $0 == "DeadlineEscalated" }.count == overdue.count)

        // Two scans ten minutes apart, unless an event wakes the watcher. Its
        // first scan records nothing (so it does not wake itself); once it
        // listens, someone else's note must wake the second at once.
        let clock = ContinuousClock()
        let started = clock.now
        let watcher = Task {
            await team.crisis.run(["watch", "--interval", "600", "--scans", "2", "--as", "e2e_alice"])
        }
        let superuser = try await DatabaseConnector.connect(team.settings)
        var listening: Int64 = 0
        while listening == 0, clock.now - started < .seconds(60) {
            try await Task.sleep(for: .milliseconds(100))
            for try await count in try await superuser.query(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND query ILIKE 'LISTEN%crisis_events%'
                """, logger: DatabaseConnector.quietLogger
            ).decode(Int64.self) {
                listening = count
            }
        }
        try await superuser.close()
        #expect(listening > 0, "the watcher never listened")
        await team.run("e2e_sam", ["incident", "note", phi, "Reporter called again"])
        let result = await watcher.value
        let elapsed = clock.now - started
        #expect(result.status == 0, "\(result.errors)")
        #expect(elapsed < .seconds(300), "watch waited \(elapsed) instead of waking on the note")
        #expect(try await team.eventTypes(phi).filter { $0 == "DeadlineMissed" }.count == overdue.count)
    }
}
