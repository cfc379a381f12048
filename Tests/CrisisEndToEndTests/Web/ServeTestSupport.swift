import CrisisTestSupport
import Foundation
import Testing

/// What the serve tests set up again and again: a PHI leak whose message waits for legal and
/// the privacy officer, and pages sent for it with links to the server.
extension ServedCrisis {
    static let words = "We know about a post concerning our hospital & we are looking into it <today>."

    /// A phi-leak with a message drafted by e2e_sam and submitted; returns the incident id and message id.
    func leakWithSubmittedMessage(words: String = ServedCrisis.words) async -> (incident: String, message: String) {
        let id = await team.created(
            "e2e_alice",
            [
                "incident", "open", "--kind", "phi-leak", "--title", "Nurse selfie shows a chart", "--platform", "x",
                "--url", "https://x.example/leak",
            ])
        await team.run("e2e_alice", ["incident", "assign", id, "--role", "commander", "--to", "e2e_alice"])
        let message = await team.created("e2e_sam", ["message", "draft", id, "--channel", "public", "--body", words])
        await team.run("e2e_sam", ["message", "submit", id, message])
        return (id, message)
    }

    /// Legal on call is e2e_lee, paged through a webhook; `crisis page run` links pages to this server.
    /// Returns the link in lee's page for the approval.
    func pageLegal(receiver: WebhookReceiver) async throws -> String {
        let from = Date().addingTimeInterval(-86_400).formatted(.iso8601)
        let until = Date().addingTimeInterval(7 * 86_400).formatted(.iso8601)
        for (role, person) in [("commander", "e2e_alice"), ("legal", "e2e_lee"), ("privacy-officer", "e2e_pat")] {
            await team.run(
                "e2e_alice",
                ["oncall", "add", "--role", role, "--person", person, "--level", "1", "--from", from, "--until", until])
        }
        await team.run(
            "e2e_alice",
            ["channel", "add", "pager", "--webhook", receiver.url("/ok"), "--secret-file", receiver.secretFile.path])
        for person in ["e2e_alice", "e2e_lee", "e2e_pat"] {
            await team.run("e2e_alice", ["contact", "set", person, "--channel", "pager"])
        }
        var paging = team
        paging.crisis.environment["CRISIS_BASE_URL"] = baseURL
        await paging.run("e2e_alice", ["page", "run", "--once"])
        let legal = try #require(
            receiver.requests().first {
                $0.json["role"]?.string == "legal" && ($0.json["ask"]?.string ?? "").contains("approve")
            }, "legal is paged for the approval: \(receiver.requests().map(\.body))")
        return legal.json["acknowledge"]?.string ?? ""
    }

    /// The message as `incident show --json` prints it.
    func message(_ incident: String, _ id: String) async throws -> [String: Any] {
        let shown = try await team.json("e2e_alice", ["incident", "show", incident]) as? [String: Any] ?? [:]
        let state = shown["state"] as? [String: Any] ?? [:]
        let messages = state["messages"] as? [[String: Any]] ?? []
        return try #require(messages.first { $0["id"] as? String == id })
    }

    /// Who approved the message, in order.
    func approvers(_ incident: String, _ id: String) async throws -> [String] {
        let approvals = try await message(incident, id)["approvals"] as? [[String: Any]] ?? []
        return approvals.compactMap { $0["by"] as? String }
    }

    /// The incident's recorded refusals: (actor, rule).
    func refusals(_ incident: String) async throws -> [(actor: String, rule: String)] {
        let rows = try await EndToEndDatabase.texts(
            team.settings,
            """
            SELECT actor || ' ' || (data->>'rule') FROM crisis.events
            WHERE stream_id = \("incident-" + incident) AND event_type = 'CommandRefused' ORDER BY stream_version
            """)
        return rows.map {
            let parts = $0.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
    }
}
