import CrisisStore
import Foundation
import PostgresNIO
import Testing

@Suite("The synchronous standby down")
struct SynchronousStandbyDownTests {
    @Test(
        "a write waits for the missing standby; CRISIS_COMMAND_TIMEOUT ends it with exit 4 and one sentence; nothing shows until the standby is back, then once; the retry applies nothing more",
        .timeLimit(.minutes(10)))
    func writeTimesOut() async throws {
        try await ReplicatedPair.with("standby-down") { pair in
            let crisis = pair.crisis()
            let incidents = try await StandbyReadTests.prepare(crisis, writers: ["down_w0"], incidents: 1)
            try await pair.standby.crash()

            var bounded = crisis
            bounded.environment["CRISIS_COMMAND_TIMEOUT"] = "3"
            let commandID = UUID().uuidString.lowercased()
            let started = ContinuousClock.now
            let held = await Bounded.run(
                bounded,
                [
                    "incident", "note", incidents[0], "held for the standby", "--command-id", commandID, "--as",
                    "down_w0",
                ],
                within: .seconds(60))
            let waited = ContinuousClock.now - started
            #expect(held.status == 4, "exit \(held.status) after \(waited): \(held.errors)")
            #expect(held.errors.split(separator: "\n").count == 1, "\(held.errors)")
            #expect(
                held.errors.contains("CRISIS_COMMAND_TIMEOUT") && held.errors.contains("--command-id"), "\(held.errors)"
            )
            #expect(waited >= .seconds(3) && waited < .seconds(30), "the command ended after \(waited)")

            // The commit waits on the primary, invisible to every reader: nothing half-written.
            let primary = try pair.primary.settings
            let count: PostgresQuery = "SELECT count(*)::text FROM crisis.events WHERE command_id = \(commandID)::uuid"
            #expect(try await EndToEndDatabase.texts(primary, count) == ["0"])

            // The standby returns: the waiting commit completes, once.
            try await pair.standby.restart()
            try await pair.waitUntilSynchronous()
            try await Bounded.poll("the held note to commit once the standby is back", within: .seconds(60)) {
                let seen = try await EndToEndDatabase.texts(primary, count)
                return seen == ["1"] ? nil : "\(seen) events with the command id"
            }
            let retry = await Bounded.run(
                crisis,
                [
                    "incident", "note", incidents[0], "held for the standby", "--command-id", commandID, "--as",
                    "down_w0",
                ])
            #expect(retry.status == 0, "retry: \(retry.errors)")
            #expect(try await EndToEndDatabase.texts(primary, count) == ["1"])
            let verify = await Bounded.run(crisis, ["audit", "verify"])
            #expect(verify.status == 0, "\(verify.output)\(verify.errors)")
        }
    }
}
