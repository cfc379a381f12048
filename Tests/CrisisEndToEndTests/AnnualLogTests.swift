import CrisisStore
import Foundation
import Testing

/// Issue 18: HHS is owed every breach; the annual log of breaches under 500, through the binary.
@Suite("The HHS annual log, through the binary")
struct AnnualLogTests {
    @Test("a breach of 12 is refused as 'HHS not owed', listed to submit by 1 March, and submitted once recorded")
    func annualLog() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Chart in a selfie", "--platform", "instagram",
                "--url", "https://instagram.example/p/1", "--discovered-at", "2026-05-04T09:00:00-04:00",
            ])
        await team.run("e2e_pat", ["assessment", "exclusion", id, "--does-not-apply", "--reason", "Posted publicly"])
        for factor in 1...4 {
            await team.run("e2e_pat", ["assessment", "record", id, "--factor", "\(factor)", "--finding", "f\(factor)"])
        }
        await team.run(
            "e2e_pat", ["assessment", "affected", id, "--total", "12", "--state", "NY=12", "--unreachable", "0"])
        await team.run("e2e_pat", ["assessment", "conclude", id, "--breach", "--reason", "Chart legible"])

        let refused = await team.run(
            "e2e_pat", ["notification", "not-owed", id, "--to", "hhs", "--reason", "Fewer than 500"], expecting: 1)
        #expect(refused.errors.contains("164.408(c)"), "\(refused.errors)")
        #expect(try await team.eventTypes(id).last == "CommandRefused")

        let log = try await team.json("e2e_pat", ["breach", "annual-log", "--year", "2026"]) as? [[String: Any]] ?? []
        #expect(log.count == 1)
        #expect(log.first?["incidentId"] as? String == id.uppercased())
        #expect(log.first?["status"] as? String == "to-submit")
        #expect(log.first?["lastDay"] as? String == "2027-03-01")
        #expect(log.first?["affected"] as? Int == 12)
        let none = try await team.json("e2e_pat", ["breach", "annual-log", "--year", "2025"]) as? [[String: Any]]
        #expect(none?.isEmpty == true)

        await team.run(
            "e2e_pat",
            [
                "notification", "record", id, "--to", "hhs", "--at", "2026-06-01T10:00:00-04:00", "--count", "12",
                "--log-entry", "HHS-8841",
            ])
        let after =
            try await team.json("e2e_pat", ["breach", "annual-log", "--year", "2026"]) as? [[String: Any]] ?? []
        #expect(after.first?["status"] as? String == "submitted")
        #expect(after.first?["hhsLogEntry"] as? String == "HHS-8841")
        let csv = await team.run("e2e_audrey", ["breach", "annual-log", "--year", "2026", "--csv"])
        let lines = csv.output.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("incident,kind,discovered,affected"))
        #expect(lines.last?.hasSuffix("HHS-8841,2027-03-01,submitted") == true, "\(csv.output)")
        try await team.expectEveryReplayMatchesShow()
    }
}
