import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// `/approvals`: the words waiting for the signed-in person, and approve / reject forms that
/// post the digest of the words shown (an approval of words that changed meanwhile is refused).
struct ApprovalRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/approvals") { request, _ in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            do {
                let now = Date()
                let queue = try await person.run { handler in
                    let actor = try await handler.actor()
                    return try await ReadModels(handler: handler).approvals(for: actor)
                }
                let items = queue.map { ApprovalItem($0, now: now) }
                return site.html("approvals", ApprovalsView(chrome: Chrome(person), items: items))
            } catch {
                return site.outcome(person, WebFailure(error))
            }
        }
        router.post("/approvals/approve") { request, _ in
            switch await site.postedForm(request) {
            case .failure(let response):
                return response
            case .success(let (person, form)):
                guard let incident = form.text("incident"), let message = form.text("message") else {
                    return site.outcome(
                        person, WebFailure(status: .badRequest, "the form names no incident and message"))
                }
                let command = IncidentCommand.message(
                    .approve(
                        messageId: message, role: form.text("role"), note: form.text("note"),
                        textSHA256: form.text("textSHA256")))
                return await site.execute(
                    command, on: incident, by: person, back: form.text("back") ?? "/approvals",
                    done: "Approved", "You approved \(message) of incident \(incident.prefix(8)).")
            }
        }
        router.post("/approvals/reject") { request, _ in
            switch await site.postedForm(request) {
            case .failure(let response):
                return response
            case .success(let (person, form)):
                guard let incident = form.text("incident"), let message = form.text("message") else {
                    return site.outcome(
                        person, WebFailure(status: .badRequest, "the form names no incident and message"))
                }
                let command = IncidentCommand.message(
                    .reject(
                        messageId: message, role: form.text("role"), reason: form.text("reason") ?? ""))
                return await site.execute(
                    command, on: incident, by: person, back: form.text("back") ?? "/approvals",
                    done: "Rejected",
                    "You rejected \(message) of incident \(incident.prefix(8)); its author sees your reason.")
            }
        }
    }
}

extension Site {
    /// Runs one incident command as the person and answers with what happened.
    func execute(
        _ command: IncidentCommand, on incident: String, by person: PersonSession, back: String,
        done heading: String, _ sentence: String
    ) async -> Response {
        do {
            try await person.run { handler in
                let stream = try await IncidentReference.resolve(incident, in: handler.database)
                _ = try await handler.execute(command, on: stream)
            }
            return done(person, heading: heading, sentence, back: SignInRoutes.safeNext(back))
        } catch {
            return outcome(person, WebFailure(error), back: SignInRoutes.safeNext(back))
        }
    }
}

struct ApprovalsView {
    var chrome: Chrome
    var items: [ApprovalItem]
}

/// One message in the queue, as the page shows it.
struct ApprovalItem: Sendable {
    var incident: String
    var incidentShort: String
    var title: String
    var messageId: String
    var channel: String
    var text: String
    var textSHA256: String
    var revision: Int
    var authors: String
    var outstanding: String
    var waiting: String

    init(_ queued: ReadModels.QueuedApproval, now: Date) {
        incident = queued.incident
        incidentShort = String(queued.incident.prefix(8))
        title = queued.title
        messageId = queued.approval.messageId
        channel = queued.approval.channel
        text = queued.approval.text
        textSHA256 = queued.approval.textSHA256
        revision = queued.approval.revision
        authors = queued.approval.authors.joined(separator: ", ")
        outstanding = queued.approval.outstandingRoles.joined(separator: ", ")
        waiting = queued.approval.submittedAt.map { "\(Int(now.timeIntervalSince($0) / 60)) min" } ?? "-"
    }
}
