import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO
import Testing

extension ConcurrencyEndToEndTests {
    static let original = "Thank you for reaching out. Please send us a direct message so we can follow up privately."
    static let required: Set<String> = ["privacy-officer", "communications"]

    /// Walks a viral complaint to monitoring the way a team would: holding
    /// statement and public reply approved and published, outreach recorded.
    func walkToMonitoring(_ team: Team, _ index: Int) async -> String {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "viral-complaint", "--title", "Thread \(index)", "--platform", "x",
                "--url", "https://x.example/c\(index)",
            ])
        await team.run("e2e_alice", ["incident", "act", id, "no-phi-found", "--note", "nothing in the thread"])
        for (message, channel, action) in [("m1", "holding", "holding-posted"), ("m2", "public-reply", "reply-posted")]
        {
            await team.run("e2e_sam", ["message", "draft", id, "--channel", channel, "--body", "\(channel) words"])
            await team.run("e2e_sam", ["message", "submit", id, message])
            await team.run("e2e_pat", ["legal", "approve", id, message])
            await team.run("e2e_cora", ["legal", "approve", id, message])
            await team.run("e2e_cora", ["message", "publish", id, message, "--url", "https://x.example/r\(index)"])
            await team.run("e2e_alice", ["incident", "act", id, action])
        }
        await team.run("e2e_alice", ["incident", "act", id, "private-outreach-done", "--note", "called back"])
        return id
    }

    @Test(
        "16 processes with conflicting commands on 4 incidents (approve vs edit, close vs removal request) leave histories the workflow accepts",
        // A guard against a hang, not a speed target: it starts with every other suite on two
        // cores (CI took 203 s at stop 24); the watchdog stops a real hang at 600 s anyway.
        .timeLimit(.minutes(8)))
    func conflictingCommands() async throws {
        let team = try await Team.assemble(Team.cast)
        let incidents = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<4 { group.addTask { (index, await walkToMonitoring(team, index)) } }
            return await group.reduce(into: [String](repeating: "", count: 4)) { $0[$1.0] = $1.1 }
        }
        var commands: [[String]] = []
        for (index, id) in incidents.enumerated() {
            if index < 2 {
                // Approvals, an edit and a publication of the original words race.
                await team.run(
                    "e2e_sam", ["message", "draft", id, "--channel", "public-reply", "--body", Self.original])
                await team.run("e2e_sam", ["message", "submit", id, "m3"])
                commands += [
                    ["legal", "approve", id, "m3", "--as", "e2e_pat"],
                    ["legal", "approve", id, "m3", "--as", "e2e_cora"],
                    ["message", "edit", id, "m3", "--body", "Changed words after review.", "--as", "e2e_sam"],
                    [
                        "message", "publish", id, "m3", "--url", "https://x.example/p\(index)", "--body", Self.original,
                        "--as", "e2e_carl",
                    ],
                ]
            } else {
                // Closing races a new removal request, a second one and a note.
                commands += [
                    ["incident", "close", id, "--as", "e2e_alice"],
                    [
                        "removal", "request", id, "--platform", "x", "--url", "https://x.example/s\(index)", "--as",
                        "e2e_sam",
                    ],
                    ["incident", "note", id, "still watching", "--as", "e2e_alex"],
                    [
                        "removal", "request", id, "--platform", "x", "--url", "https://x.example/t\(index)", "--as",
                        "e2e_sam",
                    ],
                ]
            }
        }
        let outcomes = await simultaneously(team, commands)
        for (command, outcome) in zip(commands, outcomes) {
            #expect(outcome.status == 0 || outcome.status == 1, "\(command.joined(separator: " ")): \(outcome.errors)")
        }
        print(
            "conflicting commands: "
                + zip(commands, outcomes).map { "\($0.0[0]) \($0.0[1])=\($0.1.status)" }.joined(separator: ", "))
        let verify = await team.run("e2e_alice", ["audit", "verify"])
        #expect(verify.output.contains("every hash chain verifies"))
        for id in incidents {
            try await team.expectReplayMatchesShow(id)
            try await expectPublishedWordsApproved(team, id)
            try await expectAcceptedHistory(team, id)
        }
    }

    /// Every published message went out in exactly the words each of its approvals was given for.
    func expectPublishedWordsApproved(_ team: Team, _ id: String) async throws {
        let report = try await team.json("e2e_alice", ["incident", "show", id]) as? [String: Any]
        let messages = (report?["state"] as? [String: Any])?["messages"] as? [[String: Any]] ?? []
        #expect(messages.count >= 2)
        for message in messages where message["status"] as? String == "published" {
            let text = message["text"] as? String ?? ""
            let revision = (message["revision"] as? NSNumber)?.intValue
            let approvals = message["approvals"] as? [[String: Any]] ?? []
            let roles = Set(approvals.compactMap { $0["role"] as? String })
            #expect(roles.isSuperset(of: Self.required), "\(id) \(message["id"] ?? ""): approved by \(roles)")
            for approval in approvals {
                #expect((approval["revision"] as? NSNumber)?.intValue == revision, "\(id): \(approval)")
                #expect(approval["textSHA256"] as? String == ContentHash.sha256Hex(text), "\(id): \(approval)")
            }
        }
    }

    /// Walks the stored events: no approval or publication of a superseded text,
    /// nothing but notes and deadline records after the close, no close with a
    /// removal outstanding, versions without gaps.
    func expectAcceptedHistory(_ team: Team, _ id: String) async throws {
        let rows = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT json_build_object('version', stream_version, 'type', event_type, 'data', data)::text
            FROM crisis.events WHERE stream_id = \("incident-" + id) ORDER BY stream_version
            """)
        let events = rows.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(events.compactMap { ($0["version"] as? NSNumber)?.intValue } == Array(1...max(1, events.count)))
        var revisions: [String: Int] = [:]
        var approvedRoles: [String: Set<String>] = [:]
        var openRemovals: Set<String> = []
        var closed = false
        for event in events {
            let type = event["type"] as? String ?? ""
            let data = event["data"] as? [String: Any] ?? [:]
            let message = data["messageId"] as? String ?? ""
            let revision = (data["revision"] as? NSNumber)?.intValue
            if closed {
                let allowed = [
                    "NoteAdded", "PostMortemRecorded", "CommandRefused", "DeadlineMissed", "DeadlineEscalated",
                ]
                #expect(allowed.contains(type), "\(id): \(type) after IncidentClosed")
            }
            switch type {
            case "MessageDrafted":
                revisions[message] = 1
                approvedRoles[message] = []
            case "MessageEdited":
                revisions[message] = revision
                approvedRoles[message] = []
            case "MessageApproved":
                #expect(
                    revision == revisions[message],
                    "\(id): approval of \(message) r\(revision ?? 0) stands after an edit")
                approvedRoles[message, default: []].insert(data["role"] as? String ?? "")
            case "MessagePublished":
                #expect(revision == revisions[message], "\(id): \(message) published at a superseded revision")
                #expect(
                    (approvedRoles[message] ?? []).isSuperset(of: Self.required),
                    "\(id): \(message) published unapproved")
            case "RemovalRequested":
                openRemovals.insert(data["removalId"] as? String ?? "")
            case "RemovalConfirmed", "RemovalAbandoned":
                openRemovals.remove(data["removalId"] as? String ?? "")
            case "IncidentClosed":
                #expect(openRemovals.isEmpty, "\(id): closed with \(openRemovals) outstanding")
                closed = true
            default:
                break
            }
        }
    }
}
