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
        // The queue's forms name the incident and message in fields; they run the same
        // commands as the incident page's forms and the API.
        for (path, command) in [("/approvals/approve", "approve"), ("/approvals/reject", "reject")] {
            guard let route = IncidentCommandCatalog.route("messages/:message/\(command)") else { continue }
            router.post(RouterPath(path)) { request, _ in
                await site.formCommand(route, request, incident: nil, parameters: [:], back: "/approvals")
            }
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
