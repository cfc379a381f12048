import Foundation
import Testing

/// Retention through the binary (issue 13): legal holds, `retention status`, and a shred refused
/// before the six years are over.
@Suite("Retention, end to end")
struct RetentionEndToEndTests {
    @Test("a closed incident is listed with its retention end and storage; shredding it now is refused with the rule")
    func statusAndEarlyShred() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await ConcurrencyEndToEndTests().walkToMonitoring(team, 0)
        await team.run("e2e_alice", ["incident", "close", id])
        await team.run("e2e_lee", ["incident", "hold", id, "--reason", "Roe v. General Hospital"])
        let lines = try await team.json("e2e_pat", ["retention", "status"]) as? [[String: Any]] ?? []
        let line = try #require(lines.first { ($0["id"] as? String) == id })
        #expect(line["onHold"] as? Bool == true)
        #expect(line["storage"] as? String == "encrypted")
        let closed = try #require(ISO8601DateFormatter().date(from: line["closedAt"] as? String ?? ""))
        let ends = try #require(ISO8601DateFormatter().date(from: line["retentionEndsAt"] as? String ?? ""))
        #expect(ends.timeIntervalSince(closed) > 6 * 365 * 86_400)

        let early = await team.run("e2e_pat", ["retention", "shred", id, "--reason", "schedule"], expecting: 1)
        #expect(early.errors.contains("must be kept until"))
        await team.run("e2e_alice", ["retention", "shred", id, "--reason", "schedule"], expecting: 1)
        await team.run("e2e_pat", ["incident", "release", id, "--reason", "settled"])
        let released = try await team.json("e2e_pat", ["retention", "status"]) as? [[String: Any]] ?? []
        #expect(released.first { ($0["id"] as? String) == id }?["onHold"] as? Bool == false)
        let types = try await team.eventTypes(id)
        #expect(types.contains("LegalHoldPlaced") && types.contains("LegalHoldReleased"))
        #expect(!types.contains("KeyShredded"))
    }
}
