import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO
import Testing

/// Issue 18: privileged notes by legal, withheld from regulator exports unless legal releases them.
@Suite("Privileged notes, through the binary")
struct PrivilegedNoteTests {
    static let words = "Counsel: hold the reply until the family's attorney writes"

    @Test(
        "legal's privileged note is marked in the timeline, withheld from every export with the chain still verifying, and released only to legal, which the access log records"
    )
    func privilegedNotes() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.commandedComplaint()
        await team.run("e2e_alice", ["incident", "note", id, "Switchboard took a call"])
        // Anyone but legal is refused and nothing is recorded.
        let before = try await team.eventTypes(id)
        let refused = await team.run("e2e_alice", ["incident", "note", id, "--privileged", "mine"], expecting: 1)
        #expect(refused.errors.contains("privileged"), "\(refused.errors)")
        #expect(try await team.eventTypes(id).filter { $0 == "PrivilegedNoteAdded" }.isEmpty)
        #expect(try await team.eventTypes(id).filter { $0 != "CommandRefused" } == before)
        await team.run("e2e_lee", ["incident", "note", id, "--privileged", Self.words])
        await team.run("e2e_alice", ["incident", "note", id, "After the privileged note"])

        let timeline = try await team.json("e2e_alice", ["incident", "timeline", id]) as? [[String: Any]] ?? []
        let marked = timeline.first { $0["type"] as? String == "PrivilegedNoteAdded" }
        #expect((marked?["what"] as? String)?.hasPrefix("PRIVILEGED (legal)") == true, "\(marked ?? [:])")

        // JSONL without privileged notes: the line stays with its hashes, its words do not; the chain verifies.
        let jsonl = AuditTests.scratch("privileged.jsonl")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "jsonl", "--out", jsonl])
        let text = try String(contentsOfFile: jsonl, encoding: .utf8)
        #expect(!text.contains("family's attorney"))
        let lines = text.split(separator: "\n").map(String.init)
        let withheld = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
            .filter { $0["withheld"] as? String == "privileged" }
        #expect(withheld.count == 1 && withheld.first?["data_text"] as? String == "")
        #expect(withheld.first?["event_type"] as? String == "PrivilegedNoteAdded")
        let checked = await Self.verify(jsonl)
        #expect(checked.status == 0 && checked.output.contains("1 withheld"), "\(checked.output) \(checked.errors)")
        // A withheld line whose hash is altered breaks the next event's link.
        let forged = AuditTests.scratch("privileged-forged.jsonl")
        let hash = withheld.first?["hash"] as? String ?? ""
        try text.replacingOccurrences(
            of: #""hash":"\#(hash)""#, with: #""hash":"\#(String(repeating: "0", count: 64))""#
        )
        .write(toFile: forged, atomically: true, encoding: .utf8)
        #expect(await Self.verify(forged).status == 1)

        let csv = AuditTests.scratch("privileged.csv")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "csv", "--out", csv])
        let rows = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(
            !rows.contains("family's attorney") && rows.hasPrefix("global_position,") && rows.contains(",withheld\r\n"))
        let html = AuditTests.scratch("privileged.html")
        await team.run("e2e_audrey", ["audit", "export", id, "--format", "html", "--out", html])
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains("family&#39;s attorney") && !page.contains("family's attorney"))
        #expect(page.contains("privileged note by legal: withheld"))

        // Only legal may release them; the access log records it.
        await team.run(
            "e2e_audrey", ["audit", "export", id, "--format", "html", "--out", html, "--include-privileged"],
            expecting: 1)
        let released = AuditTests.scratch("released.jsonl")
        await team.run(
            "e2e_lee", ["audit", "export", id, "--format", "jsonl", "--out", released, "--include-privileged"])
        #expect(try String(contentsOfFile: released, encoding: .utf8).contains("family's attorney"))
        let full = await Self.verify(released)
        #expect(full.status == 0 && !full.output.contains("withheld"), "\(full.output)")
        let connection = try await DatabaseConnector.connect(try AuditTests.superuser(team))
        var logged: [String] = []
        for try await (actor, included) in try await connection.query(
            "SELECT actor, coalesce(data->'detail'->>'include_privileged', '') FROM crisis.events WHERE stream_id = 'access-log' AND data->>'action' = 'export' ORDER BY stream_version",
            logger: DatabaseConnector.quietLogger
        ).decode((String, String).self) {
            logged.append("\(actor):\(included)")
        }
        try await connection.close()
        #expect(logged == ["e2e_audrey:", "e2e_audrey:", "e2e_audrey:", "e2e_lee:true"], "\(logged)")
    }

    static func verify(_ path: String) async -> CrisisBinary.Run {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/verify-export.py").path
        return await ChildProcessRunner.capture(
            "/usr/bin/env", ["python3", script, path], environment: ProcessInfo.processInfo.environment)
    }
}
