import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// One command a person may give an incident on the web: where it is posted (under
/// `/incidents/ID/` for forms, `/api/v1/incidents/ID/` for the API), how its fields become the
/// command the CLI would give, what the page says after it, and what the API answers.
struct IncidentCommandRoute: Sendable {
    /// The path under the incident, with `:name` for what the path names (a message, a removal).
    var path: String
    /// The page's heading once it is done.
    var heading: String
    /// Whether making the command needs the incident as it is (publishing the approved words).
    var readsIncident = false
    var command: @Sendable (FormBody, LoadedIncident?) throws -> IncidentCommand
    var done: @Sendable (LoadedIncident, FormBody) -> String
    var answer: Answer

    /// What the API answers with, in the shapes the CLI prints.
    enum Answer: Sendable {
        /// `crisis incident show --json`.
        case incident
        /// `{"id": ...}` of the message drafted (`crisis message draft --json`), 201.
        case createdMessage
        /// The message, as `crisis message list --json` prints each.
        case message
        /// `{"id": ...}` of the removal requested (`crisis removal request --json`), 201.
        case createdRemoval
        /// The removal, as `crisis incident show --json` prints each.
        case removal
    }

    /// The names the path gives (`message` in `messages/:message/submit`).
    var parameterNames: [String] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }

    /// The API's answer once the command is recorded.
    func response(_ incident: LoadedIncident, _ fields: FormBody) throws -> Response {
        switch answer {
        case .incident:
            return JSONBody.response(IncidentReport(incident, now: Date()))
        case .createdMessage:
            return JSONBody.response(["id": incident.state.messages.last?.id ?? ""], status: .created)
        case .message:
            let id = fields["message"] ?? ""
            guard let message = incident.state.messages.first(where: { $0.id == id }) else {
                throw WebFailure(status: .notFound, "there is no message \(id)")
            }
            return JSONBody.response(message)
        case .createdRemoval:
            return JSONBody.response(["id": incident.state.removals.last?.id ?? ""], status: .created)
        case .removal:
            let id = fields["removal"] ?? ""
            guard let removal = incident.state.removals.first(where: { $0.id == id }) else {
                throw WebFailure(status: .notFound, "there is no removal \(id)")
            }
            return JSONBody.response(removal)
        }
    }
}

/// Every command the incident page and the API offer, each the command its CLI verb gives.
enum IncidentCommandCatalog {
    static let routes: [IncidentCommandRoute] = [
        .init(
            path: "notes", heading: "Noted",
            command: { fields, _ in .note(try fields.required("text", "the note's words")) },
            done: { _, _ in "Your note is on the record." }, answer: .incident),
        .init(
            path: "actions/:action", heading: "Done",
            command: { fields, _ in
                .act(action: try fields.required("action", "the action's name"), note: fields.text("note"))
            },
            done: { incident, fields in
                "Done: \(fields["action"] ?? ""). The incident is now in state \(incident.state.currentState)."
            }, answer: .incident),
        .init(
            path: "assignments", heading: "Assigned",
            command: { fields, _ in
                .assign(
                    role: try fields.required("role", "the organisational role, e.g. commander"),
                    to: try fields.required("to", "the person's database role name"))
            },
            done: { _, fields in "Assigned \(fields["to"] ?? "") as \(fields["role"] ?? "")." }, answer: .incident),
        .init(
            path: "messages", heading: "Drafted", command: { fields, _ in try draft(fields) },
            done: { incident, _ in
                let message = incident.state.messages.last
                return "Drafted \(message?.id ?? "") on \(message?.channel ?? "-"); submit it when it reads right."
            }, answer: .createdMessage),
        .init(
            path: "messages/:message/edit", heading: "Edited",
            command: { fields, _ in
                .message(.edit(
                    messageId: try fields.required("message", "the message id"),
                    text: try fields.required("body", "the new words")))
            },
            done: { _, fields in "Edited \(fields["message"] ?? ""); approvals must be given again." },
            answer: .message),
        .init(
            path: "messages/:message/submit", heading: "Submitted",
            command: { fields, _ in .message(.submit(messageId: try fields.required("message", "the message id"))) },
            done: { _, fields in "Submitted \(fields["message"] ?? "") for approval." }, answer: .message),
        .init(
            path: "messages/:message/approve", heading: "Approved",
            command: { fields, _ in
                .message(.approve(
                    messageId: try fields.required("message", "the message id"), role: fields.text("role"),
                    note: fields.text("note"), textSHA256: fields.text("textSHA256")))
            },
            done: { incident, fields in
                "You approved \(fields["message"] ?? "") of incident \(incident.id.prefix(8))."
            }, answer: .message),
        .init(
            path: "messages/:message/reject", heading: "Rejected",
            command: { fields, _ in
                .message(.reject(
                    messageId: try fields.required("message", "the message id"), role: fields.text("role"),
                    reason: fields.text("reason") ?? ""))
            },
            done: { incident, fields in
                "You rejected \(fields["message"] ?? "") of incident \(incident.id.prefix(8)); its author sees your reason."
            }, answer: .message),
        .init(
            path: "messages/:message/publish", heading: "Published", readsIncident: true,
            command: { fields, incident in
                let id = try fields.required("message", "the message id")
                return .message(.publish(
                    messageId: id, url: try fields.required("url", "where the words were posted"),
                    text: fields["body"] ?? incident?.state.message(id)?.text ?? ""))
            },
            done: { _, fields in "Published \(fields["message"] ?? "") at \(fields["url"] ?? "")." },
            answer: .message),
        .init(
            path: "removals", heading: "Removal requested",
            command: { fields, _ in
                .removal(.request(
                    platform: try fields.required("platform", "the platform, e.g. instagram"),
                    url: try fields.required("url", "the post's address")))
            },
            done: { incident, fields in
                "Removal \(incident.state.removals.last?.id ?? "") requested on \(fields["platform"] ?? "")."
            }, answer: .createdRemoval),
        .init(
            path: "removals/:removal/confirm", heading: "Removal confirmed",
            command: { fields, _ in
                .removal(.confirm(
                    removalId: try fields.required("removal", "the removal id"), evidence: fields.text("evidence")))
            },
            done: { _, fields in "Removal \(fields["removal"] ?? "") confirmed." }, answer: .removal),
        .init(
            path: "removals/:removal/fail", heading: "Removal failed",
            command: { fields, _ in
                .removal(.fail(
                    removalId: try fields.required("removal", "the removal id"),
                    reason: try fields.required("reason", "what the platform did")))
            },
            done: { _, fields in "Removal \(fields["removal"] ?? "") recorded as failed; it stays open to retry." },
            answer: .removal),
        .init(
            path: "removals/:removal/abandon", heading: "Removal abandoned",
            command: { fields, _ in
                .removal(.abandon(
                    removalId: try fields.required("removal", "the removal id"),
                    reason: try fields.required("reason", "why it is no longer pursued")))
            },
            done: { _, fields in "Removal \(fields["removal"] ?? "") abandoned." }, answer: .removal),
        .init(
            path: "assessment/factors", heading: "Factor recorded",
            command: { fields, _ in
                let text = try fields.required("factor", "the factor, 1 to 4")
                guard let factor = Int(text), (1...4).contains(factor) else {
                    throw WebFailure(status: .badRequest, "factor must be 1, 2, 3 or 4, not \"\(text)\"")
                }
                return .recordAssessmentFactor(
                    factor: factor, finding: try fields.required("finding", "what was found for this factor"))
            },
            done: { _, fields in "Factor \(fields["factor"] ?? "") recorded." }, answer: .incident),
        .init(
            path: "assessment/conclusion", heading: "Assessment concluded",
            command: { fields, _ in
                let text = try fields.required("conclusion", "breach or low-probability")
                guard let conclusion = AssessmentConclusion(rawValue: text) else {
                    throw WebFailure(
                        status: .badRequest, "conclusion must be breach or low-probability, not \"\(text)\"")
                }
                return .concludeAssessment(conclusion, reason: try fields.required("reason", "why"))
            },
            done: { _, fields in "Assessment concluded: \(fields["conclusion"] ?? "")." }, answer: .incident),
        .init(
            path: "close", heading: "Closed", command: { fields, _ in .close(note: fields.text("note")) },
            done: { _, _ in "Closed." }, answer: .incident),
    ]

    /// The route for `path` (the catalog's own spelling, e.g. `messages/:message/approve`).
    static func route(_ path: String) -> IncidentCommandRoute? {
        routes.first { $0.path == path }
    }

    /// `crisis message draft`: typed words on a channel, or a template with its values
    /// (`set.KEY` fields, or `set` lines of KEY=VALUE).
    static func draft(_ fields: FormBody) throws -> IncidentCommand {
        let body = fields.text("body")
        let template = fields.text("template")
        guard (body == nil) != (template == nil) else {
            throw WebFailure(status: .badRequest, "give exactly one of body (the words) or template (its name)")
        }
        if let body {
            let channel = try fields.required("channel", "where the words will go, e.g. twitter or press")
            return .message(.draft(channel: channel, body: .text(body)))
        }
        var values: [String: String] = [:]
        for (name, list) in fields.lists where name.hasPrefix("set.") {
            values[String(name.dropFirst("set.".count))] = list.first ?? ""
        }
        for line in fields.texts("set").flatMap({ $0.split(whereSeparator: \.isNewline) }) {
            let parts = line.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw WebFailure(status: .badRequest, "set takes KEY=VALUE, not \"\(line)\"")
            }
            values[parts[0]] = parts[1]
        }
        return .message(.draft(
            channel: fields.text("channel") ?? "", body: .template(name: template ?? "", values: values)))
    }
}
