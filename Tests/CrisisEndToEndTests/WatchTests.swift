import Foundation
import Testing

@Suite("crisis watch: the deadline scan, continuously, woken by new events")
struct WatchTests {
    @Test("watch records each missed deadline once, and a new event wakes it long before its interval")
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

        // Two scans 10 minutes apart unless something wakes the watcher first.
        let clock = ContinuousClock()
        let started = clock.now
        let watcher = Task {
            await team.crisis.run(["watch", "--interval", "600", "--scans", "2", "--as", "e2e_alice"])
        }
        // The first scan records every miss...
        var missed = 0
        while missed < overdue.count, clock.now - started < .seconds(60) {
            try await Task.sleep(for: .milliseconds(200))
            missed = try await team.eventTypes(phi).filter { $0 == "DeadlineMissed" }.count
        }
        #expect(missed == overdue.count)
        // ...and a note (any append notifies) wakes the second at once.
        await team.run("e2e_sam", ["incident", "note", phi, "Reporter called again"])
        let result = await watcher.value
        let elapsed = clock.now - started
        #expect(result.status == 0, "\(result.errors)")
        #expect(elapsed < .seconds(300), "watch waited \(elapsed) instead of waking on the note")
        #expect(result.output.contains("missed"), "\(result.output)")
        let types = try await team.eventTypes(phi)
        #expect(types.filter { $0 == "DeadlineMissed" }.count == overdue.count, "a miss recorded twice")
        #expect(types.filter { $0 == "DeadlineEscalated" }.count == overdue.count)
    }
}
