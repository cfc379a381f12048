import Foundation
import Testing

/// Issue 18, 45 CFR 164.410, through the binary: a business associate's notice moves the
/// covered entity's clocks to the associate's discovery; a late one needs its reason.
@Suite("Business associates' notices, through the binary")
struct BusinessAssociateTests {
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test(
        "the associate's discovery starts the clocks; a notice over 60 days late is refused without a reason and recorded late with one"
    )
    func associateNotice() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Vendor posted a chart", "--platform", "x",
                "--url", "https://x.example/9",
            ])
        let now = Date()
        let discovered = now.addingTimeInterval(-70 * 86_400)
        let toldLate = now.addingTimeInterval(-3_600)
        let arguments = [
            "breach", "business-associate", id, "--associate", "Brightline Social LLC", "--discovered-at",
            Self.iso(discovered), "--told-at", Self.iso(toldLate),
        ]
        let refused = await team.run("e2e_pat", arguments, expecting: 1)
        #expect(refused.errors.contains("164.410(b) allows at most 60"), "\(refused.errors)")
        #expect(try await team.eventTypes(id).contains("BusinessAssociateNoticeRecorded") == false)
        await team.run("e2e_sam", arguments + ["--late-reason", "x"], expecting: 1)  // not privacy or legal
        let recorded = await team.run("e2e_pat", arguments + ["--late-reason", "Its own review took ten weeks"])
        #expect(recorded.output.contains("LATE"), "\(recorded.output)")

        let show = try await team.json("e2e_pat", ["incident", "show", id]) as? [String: Any]
        let state = show?["state"] as? [String: Any] ?? show ?? [:]
        let notices = state["businessAssociateNotices"] as? [[String: Any]] ?? []
        #expect(notices.first?["associate"] as? String == "Brightline Social LLC", "\(state.keys.sorted())")
        #expect(notices.first?["late"] as? Bool == true)
        // Discovered 70 days ago by the associate: the 60-day individuals clock has already run out.
        let lines = try await team.json("e2e_pat", ["deadlines"]) as? [[String: Any]] ?? []
        let risk = lines.compactMap { $0["deadline"] as? [String: Any] }.first {
            $0["id"] as? String == "risk-assessment"
        }
        #expect(risk?["status"] as? String == "missed", "\(risk ?? [:])")
        let timeline = try await team.json("e2e_pat", ["incident", "timeline", id]) as? [[String: Any]] ?? []
        #expect(
            timeline.contains { ($0["what"] as? String)?.contains("LATE under 164.410(b)") == true }, "\(timeline)")
        // A time that is not a time is bad input.
        await team.run(
            "e2e_pat",
            [
                "breach", "business-associate", id, "--associate", "A", "--discovered-at", "soon", "--told-at",
                Self.iso(now),
            ],
            expecting: 2)
    }
}
