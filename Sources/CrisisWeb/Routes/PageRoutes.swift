import CrisisApp
import CrisisDomain
import CrisisStore
import Foundation
import Hummingbird

/// `/pages/PAGE_ID`: the page a person was sent (paging links every page here) and the button
/// that acknowledges it.
struct PageRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/pages/:page") { request, context in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            let pageId = context.parameters.get("page") ?? ""
            let baseURL = site.configuration.baseURL
            do {
                let view = try await person.run { handler in
                    let stream = try await Self.stream(of: pageId, handler)
                    let incident = try await handler.load(stream)
                    guard let page = incident.state.page(pageId), let definition = incident.definition else {
                        throw WebFailure(status: .notFound, "there is no page \(pageId)")
                    }
                    let notice = PageNotice(
                        page: page, state: incident.state, definition: definition, baseURL: baseURL)
                    let actor = try await handler.actor()
                    let approvals = try await ReadModels(handler: handler).approvals(for: actor).count
                    return PageView(
                        page: page, notice: notice, incident: incident.id, me: actor.databaseRole,
                        approvalCount: approvals)
                }
                var shown = view
                shown.chrome = Chrome(person)
                return site.html("page", shown)
            } catch {
                return site.outcome(person, WebFailure(error))
            }
        }
        router.post("/pages/:page/ack") { request, context in
            switch await site.postedForm(request) {
            case .failure(let response):
                return response
            case .success(let (person, form)):
                let pageId = context.parameters.get("page") ?? ""
                let baseURL = site.configuration.baseURL
                do {
                    let page = try await person.run { handler in
                        try await PageDesk(handler: handler, baseURL: baseURL, courier: .fromEnvironment())
                            .acknowledge(pageId, note: form.text("note"))
                    }
                    return site.done(
                        person, heading: "Acknowledged",
                        "Page \(page.id) acknowledged by \(page.acknowledgedBy ?? person.person); it will not escalate.",
                        back: "/pages/\(pageId)")
                } catch {
                    return site.outcome(person, WebFailure(error), back: "/pages/\(pageId)")
                }
            }
        }
    }

    /// A page id begins with its incident's first 8 characters.
    static func stream(of pageId: String, _ handler: IncidentHandler) async throws -> StreamID {
        do {
            return try await IncidentReference.resolve(String(pageId.prefix(8)), in: handler.database)
        } catch {
            throw WebFailure(status: .notFound, "there is no page \(pageId)")
        }
    }
}

struct PageView: Sendable {
    var chrome = Chrome(nil)
    var pageId: String
    var incident: String
    var incidentShort: String
    var kind: String
    var state: String
    var ask: String
    var role: String
    var level: Int
    var recipients: String
    var dueAt: String?
    var status: String
    var canAcknowledge: Bool
    var hasApprovals: Bool
    var approvalCount: Int

    init(page: Page, notice: PageNotice, incident: String, me: String, approvalCount: Int) {
        pageId = page.id
        self.incident = incident
        incidentShort = String(incident.prefix(8))
        kind = notice.kind
        state = notice.state
        ask = notice.ask
        role = page.role
        level = page.level
        recipients = page.recipients.isEmpty ? "nobody" : page.recipients.joined(separator: ", ")
        dueAt = page.dueAt.map { WebTime.utc($0) + " (" + WebTime.left(until: $0, now: Date()) + ")" }
        if let by = page.acknowledgedBy {
            status = "Acknowledged by \(by)"
        } else if page.escalation != nil {
            status = "Escalated: nobody acknowledged in time"
        } else {
            status = "Waiting for acknowledgement"
        }
        canAcknowledge = page.isOpen && page.recipients.contains(me)
        self.approvalCount = approvalCount
        hasApprovals = approvalCount > 0
    }
}
