import CrisisStore
import Foundation
import Testing

/// Paging's first part (issue 11): the on-call schedule, contacts and channels, through the binary.
@Suite("On-call schedules, contacts and channels, through the binary")
struct OnCallTests {
    func scheduleEvents(_ team: Team) async throws -> [String] {
        try await EndToEndDatabase.texts(
            team.settings,
            "SELECT event_type || ' ' || actor FROM crisis.events WHERE stream_id = 'oncall' ORDER BY stream_version")
    }

    @Test("the commander schedules legal and its backup; show names who is on call at a moment and the gaps")
    func scheduleAndShow() async throws {
        let team = try await Team.assemble(Team.cast)
        let first = await team.created(
            "e2e_alice",
            [
                "oncall", "add", "--role", "legal", "--person", "e2e_lee", "--from", "2026-11-22T18:00:00-05:00",
                "--until", "2026-11-23T08:00:00-05:00",
            ])
        #expect(first == "s1")
        await team.run(
            "e2e_alice",
            [
                "oncall", "add", "--role", "legal", "--person", "e2e_pat", "--level", "2", "--from",
                "2026-11-22T18:00:00-05:00", "--until", "2026-11-23T08:00:00-05:00",
            ])
        let shown =
            try await team.json("e2e_alice", ["oncall", "show", "--at", "2026-11-23T02:10:00-05:00"]) as? [String: Any]
        let roles = shown?["roles"] as? [[String: Any]] ?? []
        let legal = roles.first { $0["role"] as? String == "legal" }
        #expect(legal?["level1"] as? [String] == ["e2e_lee"])
        #expect(legal?["level2"] as? [String] == ["e2e_pat"])
        let gaps = shown?["gaps"] as? [String] ?? []
        #expect(gaps.contains("privacy-officer") && !gaps.contains("legal"))

        // Outside the shift nobody is on call for legal.
        let later =
            try await team.json("e2e_alice", ["oncall", "show", "--at", "2026-11-23T09:00:00-05:00"]) as? [String: Any]
        let legalLater = (later?["roles"] as? [[String: Any]] ?? []).first { $0["role"] as? String == "legal" }
        #expect(legalLater?["level1"] as? [String] == [])

        // Removed, it pages nobody; the record keeps both the shift and its removal.
        // A moment after both shifts were recorded and before the removal (the time is given to
        // the second, so it lies between now and a second from now; the removal comes later).
        let beforeRemoval = Date().addingTimeInterval(1)
        try await Task.sleep(for: .seconds(2.5))
        await team.run("e2e_alice", ["oncall", "remove", "s1"])
        let asRecorded =
            try await team.json(
                "e2e_audrey",
                [
                    "oncall", "show", "--at", "2026-11-23T02:10:00-05:00", "--as-recorded",
                    beforeRemoval.formatted(.iso8601),
                ]) as? [String: Any]
        let legalThen = (asRecorded?["roles"] as? [[String: Any]] ?? []).first { $0["role"] as? String == "legal" }
        #expect(legalThen?["level1"] as? [String] == ["e2e_lee"], "as recorded before the removal, lee was on call")
        let afterRemoval =
            try await team.json("e2e_alice", ["oncall", "show", "--at", "2026-11-23T02:10:00-05:00"]) as? [String: Any]
        let legalAfter = (afterRemoval?["roles"] as? [[String: Any]] ?? []).first { $0["role"] as? String == "legal" }
        #expect(legalAfter?["level1"] as? [String] == [])
        #expect(
            try await scheduleEvents(team) == [
                "ShiftAdded e2e_alice", "ShiftAdded e2e_alice", "ShiftRemoved e2e_alice",
            ])
    }

    @Test("someone who is not the commander is refused, and bad input writes nothing (exit 2 with a sentence)")
    func refusalsAndBadInput() async throws {
        let team = try await Team.assemble(Team.cast)
        let shift = ["--role", "legal", "--person", "e2e_lee", "--from", "2026-11-22T18:00:00Z", "--until"]
        let refused = await team.run(
            "e2e_lee", ["oncall", "add"] + shift + ["2026-11-23T08:00:00Z"], expecting: 1)
        #expect(refused.errors.contains("may not change the on-call schedule"), "\(refused.errors)")

        let cases: [[String]] = [
            ["oncall", "add"] + shift + ["2026-11-22T08:00:00Z"],  // ends before it starts
            [
                "oncall", "add", "--role", "legal", "--person", "nobody", "--from", "2026-11-22T18:00:00Z", "--until",
                "2026-11-23T08:00:00Z",
            ],
            [
                "oncall", "add", "--role", "lawyers", "--person", "e2e_lee", "--from", "2026-11-22T18:00:00Z",
                "--until",
                "2026-11-23T08:00:00Z",
            ],
            ["oncall", "remove", "s7"],
            ["channel", "add", "pager", "--webhook", "ftp://pager.example/x"],
            ["contact", "set", "e2e_lee", "--email", "not an address"],
            ["contact", "set", "e2e_lee", "--channel", "nowhere"],
        ]
        for arguments in cases {
            let bad = await team.run("e2e_alice", arguments, expecting: 2)
            #expect(bad.errors.split(separator: "\n").count == 1, "\(arguments): \(bad.errors)")
        }
        #expect(try await scheduleEvents(team).isEmpty)
    }

    @Test("a channel's secret stays in its file: never stored, never printed; a contact pages by email and channel")
    func channelsAndContacts() async throws {
        let team = try await Team.assemble(Team.cast)
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        let secretFile = "\(work)/pd-key-\(UUID().uuidString.prefix(8))"
        try Data("routing-key-s3cr3t".utf8).write(to: URL(fileURLWithPath: secretFile))
        await team.run(
            "e2e_alice",
            [
                "channel", "add", "pager", "--webhook", "https://events.pagerduty.example/v2/enqueue", "--format",
                "pagerduty", "--secret-file", secretFile,
            ])
        await team.run(
            "e2e_alice", ["contact", "set", "e2e_lee", "--email", "lee@hospital.example", "--channel", "pager"])
        let listed = await team.run("e2e_alice", ["channel", "list"])
        #expect(listed.output.contains("pager") && listed.output.contains(secretFile))
        #expect(!listed.output.contains("s3cr3t"))
        // The address is shown by scheme and host: its path may be the receiver's token.
        #expect(listed.output.contains("https://events.pagerduty.example/…") && !listed.output.contains("/v2/enqueue"))
        let channels = try await team.json("e2e_audrey", ["channel", "list"]) as? [[String: Any]] ?? []
        #expect(channels.first?["format"] as? String == "pagerduty")
        let stored = try await EndToEndDatabase.texts(
            team.settings, "SELECT data::text FROM crisis.events WHERE stream_id = 'oncall'")
        #expect(stored.count == 2)
        #expect(!stored.joined().contains("s3cr3t"))
    }
}
