import Foundation
import Testing

@Suite("Bad input on the command line: exit 2 with a sentence and nothing written, or stored verbatim")
struct BadInputEndToEndTests {
    /// Texts people paste under pressure.
    static let awkwardTexts = [
        "", " ", "Robert'); DROP TABLE crisis.events;--", "$(rm -rf /) `reboot` | tee /etc/passwd",
        "tab\there\nnewline\r\nand\u{0007}bell", "  spaces and a newline around it\n", "\u{202E}right-to-left override",
        "emoji 🚑🏥", "\\x00 not a nul",
        String(repeating: "long ", count: 20_000) + "end",
    ]

    @Test("awkward note texts are refused as empty or stored exactly as typed")
    func notesStoredVerbatim() async throws {
        let team = try await Team.assemble(Team.cast)
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Thread", "--platform", "x", "--url",
                "https://x.example/1",
            ])
        for text in Self.awkwardTexts {
            let typesBefore = try await team.eventTypes(id)
            let result = await team.crisis.run(["incident", "note", id, text, "--as", "e2e_alice"])
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                #expect(result.status == 2, "empty note: \(result.errors)")
                #expect(result.errors.contains("needs the note's text"))
                #expect(try await team.eventTypes(id) == typesBefore)
            } else {
                #expect(result.status == 0, "\(text.prefix(40)): \(result.errors)")
                let report = try await team.json("e2e_alice", ["incident", "show", id]) as? [String: Any]
                let notes = (report?["state"] as? [String: Any])?["notes"] as? [[String: Any]] ?? []
                let stored = notes.last?["text"] as? String
                #expect(stored == text, "stored \(stored?.count ?? 0) characters for \(text.prefix(40))")
            }
        }
        #expect(await team.run("e2e_alice", ["audit", "verify"]).status == 0)
        try await team.expectEveryReplayMatchesShow()
    }

    @Test(
        "malformed arguments exit 2 with a message and write nothing",
        arguments: [
            ["incident", "open", "--kind", "no-such-kind", "--title", "x"],
            ["incident", "open", "--kind", "phi-leak", "--title", "x", "--discovered-at", "yesterday"],
            ["incident", "open", "--kind", "phi-leak", "--title", "x", "--discovered-at", "1900-01-01T00:00:00Z"],
            ["incident", "open", "--kind", "phi-leak", "--title", "x", "--discovered-at", "9999-01-01T00:00:00Z"],
            ["incident", "open", "--kind", "phi-leak", "--title", "x", "--platform", "instagram"],
            ["incident", "note", "00000000-0000-0000-0000-000000000000", "hello"],
            ["incident", "note", "abc", "hello"],
            ["incident", "note", "'; DELETE FROM crisis.events; --", "hello"],
            ["message", "draft", "00000000", "--body", "x"],
            ["assessment", "record", "00000000", "--factor", "7", "--finding", "x"],
            ["notification", "record", "00000000", "--to", "the-press", "--at", "2026-01-01T00:00:00Z"],
            ["roster", "add", "Robert'); DROP ROLE x;--", "--role", "legal"],
            ["roster", "add", "valid-name", "--role", "Legal Counsel"],
            ["incident", "frobnicate"],
        ] as [[String]])
    func malformedArguments(_ arguments: [String]) async throws {
        let team = try await Team.assemble(["e2e_alice": ["commander"]])
        let before = await team.run("e2e_alice", ["db", "status", "--json"])
        let result = await team.crisis.run(arguments + ["--as", "e2e_alice"])
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.errors)")
        #expect(!result.errors.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(!result.errors.contains("Fatal error"))
        let after = await team.run("e2e_alice", ["db", "status", "--json"])
        #expect(Self.eventCount(before.output) == Self.eventCount(after.output))
    }

    static func eventCount(_ statusJSON: String) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: Data(statusJSON.utf8)) as? [String: Any]
        return (object?["events"] as? NSNumber)?.intValue
    }

    @Test("a database whose schema is newer than the binary is refused with one sentence, exit 2")
    func newerSchema() async throws {
        let (url, settings) = try await EndToEndDatabase.create()
        let crisis = CrisisBinary(environment: ["DATABASE_URL": url])
        #expect(await crisis.run("db", "migrate").status == 0)
        try await EndToEndDatabase.execute(
            settings,
            ["INSERT INTO crisis.schema_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')"])
        let result = await crisis.run("incident", "list")
        #expect(result.status == 2)
        #expect(result.errors.contains("newer than this crisis binary"))
        #expect(result.errors.split(separator: "\n").count == 1)
    }
}
