import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// `/`: the board. Open incidents and their state, the clocks running, and what waits for the
/// signed-in person (approvals, pages).
struct BoardRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/") { request, _ in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            let baseURL = site.configuration.baseURL
            do {
                let now = Date()
                var view = try await person.run { handler in
                    let models = ReadModels(handler: handler)
                    let actor = try await handler.actor()
                    let incidents = try await models.incidents().filter { $0.lifecycle == "open" }
                    let deadlines = try await models.openDeadlines(now: now)
                    let approvals = try await models.approvals(for: actor).count
                    let pages = try await PageDesk(handler: handler, baseURL: baseURL, courier: .fromEnvironment())
                        .list(open: true, for: actor.databaseRole)
                    return BoardView(
                        incidents: incidents.map(BoardIncident.init), deadlines: deadlines.map { .init($0, now: now) },
                        approvalCount: approvals, pages: pages.map(BoardPage.init))
                }
                view.chrome = Chrome(person)
                view.kinds = site.configuration.library.workflowFiles.map {
                    String($0.name.prefix { $0 != "." })
                }.sorted()
                return site.html("board", view)
            } catch {
                return site.outcome(person, WebFailure(error))
            }
        }
    }
}

struct BoardView: Sendable {
    var chrome = Chrome(nil)
    var incidents: [BoardIncident]
    var deadlines: [BoardDeadline]
    var approvalCount: Int
    var pages: [BoardPage]
    /// The workflows an incident may be opened under.
    var kinds: [String] = []
}

struct BoardIncident: Sendable {
    var id: String
    var short: String
    var kind: String
    var state: String
    var title: String

    init(_ summary: IncidentSummary) {
        id = summary.id
        short = String(summary.id.prefix(8))
        kind = summary.kind
        state = summary.state
        title = summary.title
    }
}

struct BoardDeadline: Sendable {
    var incident: String
    var incidentShort: String
    var name: String
    var dueAt: String
    var left: String
    var overdue: Bool

    init(_ open: ReadModels.OpenDeadline, now: Date) {
        incident = open.incident
        incidentShort = String(open.incident.prefix(8))
        name = open.deadline.title.isEmpty ? open.deadline.name : open.deadline.title
        dueAt = WebTime.utc(open.deadline.dueAt)
        left = WebTime.left(until: open.deadline.dueAt, now: now)
        overdue = open.deadline.dueAt < now
    }
}

struct BoardPage: Sendable {
    var pageId: String
    var ask: String

    init(_ line: PageDesk.Line) {
        pageId = line.page.id
        ask = line.notice.ask
    }
}
