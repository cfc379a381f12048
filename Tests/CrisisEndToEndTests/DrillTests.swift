import CrisisStore
import CrisisTestSupport
import Foundation
import Testing

/// Drills through the real binary (issue 16): marked on every read, kept out of the real review
/// and shown in its drill section; a scheduled drill is started by `crisis watch` and pages.
@Suite("Drills: marked everywhere, reviewed apart, scheduled and started unannounced")
struct DrillTests {
    func time(_ date: Date) -> String { date.formatted(.iso8601) }

    @Test("a drill is marked DRILL on every read, excluded from the real review and shown in the drill review")
    func drillReadsAndReview() async throws {
        let team = try await Team.assemble(Team.cast)
        let real = await team.commandedComplaint()
        let drill = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Rehearsal thread", "--platform", "x",
                "--url", "https://x.example/drill", "--drill",
            ])
        let list = await team.run("e2e_alice", ["incident", "list"])
        let drillLine = list.output.split(separator: "\n").first { $0.contains(drill.prefix(8)) } ?? ""
        let realLine = list.output.split(separator: "\n").first { $0.contains(real.prefix(8)) } ?? ""
        #expect(drillLine.contains("DRILL: Rehearsal thread"), "\(list.output)")
        #expect(!realLine.contains("DRILL"), "\(list.output)")
        let listed = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(listed.first { $0["id"] as? String == drill }?["drill"] as? Bool == true)
        #expect(listed.first { $0["id"] as? String == real }?["drill"] as? Bool == false)

        let show = await team.run("e2e_alice", ["incident", "show", drill])
        #expect(show.output.hasPrefix("DRILL: Rehearsal thread"), "\(show.output)")
        let shown = try await team.json("e2e_alice", ["incident", "show", drill]) as? [String: Any]
        #expect(shown?["drill"] as? Bool == true)
        let timeline = await team.run("e2e_alice", ["incident", "timeline", drill])
        #expect(timeline.output.hasPrefix("DRILL: Rehearsal thread"), "\(timeline.output)")
        let due = await team.run("e2e_alice", ["deadlines"])
        #expect(due.output.contains("DRILL \(drill.prefix(8))"), "\(due.output)")
        let html = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("drill-\(UUID()).html")
        defer { try? FileManager.default.removeItem(at: html) }
        await team.run("e2e_audrey", ["audit", "export", drill, "--format", "html", "--out", html.path])
        #expect((try? String(contentsOf: html, encoding: .utf8))?.contains("<h1>DRILL: Audit report") == true)

        let review = try await team.json("e2e_alice", ["policy", "review"]) as? [String: Any]
        let kinds = review?["kinds"] as? [[String: Any]] ?? []
        #expect(kinds.first { $0["kind"] as? String == "viral-complaint" }?["incidents"] as? Int == 1)
        let drills = review?["drills"] as? [[String: Any]] ?? []
        #expect(drills.count == 1)
        let drillIds: [String] = (drills.first?["drills"] as? [String] ?? []).map { $0.lowercased() }
        #expect(drillIds == [drill])
        let text = await team.run("e2e_alice", ["policy", "review"])
        #expect(text.output.contains("DRILL viral-complaint"), "\(text.output)")
        #expect(text.output.contains("first page acknowledged"))
    }

    @Test("a drill and a real incident cannot be linked: a drill never turns real or back")
    func drillNeverLinkedToReal() async throws {
        let team = try await Team.assemble(Team.cast)
        let real = await team.commandedComplaint()
        let refused = await team.run(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Drill leak", "--linked-to", real, "--drill",
            ], expecting: 2)
        #expect(refused.errors.contains("drill.link-real"), "\(refused.errors)")
        let listed = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(listed.count == 1, "nothing was opened")
    }

    @Test("a scheduled drill starts by itself at its time and pages the people on call, saying DRILL first")
    func scheduledDrillStartsAndPages() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let team = try await Team.assemble(Team.cast)
        let from = time(Date().addingTimeInterval(-86_400))
        let until = time(Date().addingTimeInterval(7 * 86_400))
        await team.run(
            "e2e_alice",
            ["oncall", "add", "--role", "commander", "--person", "e2e_alice", "--from", from, "--until", until])
        await team.run(
            "e2e_alice",
            ["channel", "add", "pager", "--webhook", receiver.url("/ok"), "--secret-file", receiver.secretFile.path])
        await team.run("e2e_alice", ["contact", "set", "e2e_alice", "--channel", "pager"])

        // Bad input first: a time in the past, an unknown kind, someone who may not schedule.
        await team.run(
            "e2e_alice",
            ["drill", "schedule", "--kind", "viral-complaint", "--at", time(Date().addingTimeInterval(-60))],
            expecting: 2)
        await team.run(
            "e2e_alice", ["drill", "schedule", "--kind", "fire", "--at", time(Date().addingTimeInterval(600))],
            expecting: 2)
        await team.run(
            "e2e_sam",
            ["drill", "schedule", "--kind", "viral-complaint", "--at", time(Date().addingTimeInterval(600))],
            expecting: 1)
        #expect((await team.run("e2e_alice", ["drill", "list"])).output.contains("No drills scheduled."))

        // Far enough ahead that a loaded machine still schedules it in the future.
        let at = Date().addingTimeInterval(20)
        await team.run("e2e_pat", ["drill", "schedule", "--kind", "viral-complaint", "--at", time(at)])
        let pending = await team.run("e2e_alice", ["watch", "--scans", "1"])
        if Date() < at {
            #expect(!pending.output.contains("DRILL"), "not before its time: \(pending.output)")
        }
        try await waitUntil("the drill's time to pass", within: .seconds(60), every: .milliseconds(200)) {
            () async throws -> WaitCheck<Void> in
            Date() > at.addingTimeInterval(1) ? .done(()) : .notYet("it is not \(at) yet")
        }
        let watch = await team.run("e2e_alice", ["watch", "--scans", "1"])
        #expect(watch.output.contains("DRILL d1: opened viral-complaint drill incident"), "\(watch.output)")
        let listed = try await team.json("e2e_alice", ["incident", "list"]) as? [[String: Any]] ?? []
        #expect(listed.count == 1)
        #expect(listed.first?["drill"] as? Bool == true)
        let drills = try await team.json("e2e_alice", ["drill", "list"]) as? [[String: Any]] ?? []
        #expect(drills.first?["incident"] as? String != nil, "the schedule names the incident it opened")

        let pages = try await waitUntil("the drill's opening page to reach the receiver", within: .seconds(60)) {
            () async throws -> WaitCheck<[WebhookReceiver.Request]> in
            let found = receiver.requests().filter { $0.body.contains("\"drill\":true") }
            return found.isEmpty ? .notYet("\(receiver.requests().count) requests, none a drill's") : .done(found)
        }
        #expect(pages.allSatisfy { $0.signatureValid })
        #expect(pages.allSatisfy { ($0.json["text"]?.string ?? "").hasPrefix("DRILL") })
        // A second watcher pass starts nothing more.
        let again = await team.run("e2e_alice", ["watch", "--scans", "1"])
        #expect(!again.output.contains("DRILL d1: opened"))
    }
}
