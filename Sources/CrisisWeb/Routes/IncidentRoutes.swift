import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// `/incidents/ID`: the incident's state, its messages with the approve and reject forms, and
/// its timeline.
struct IncidentRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/incidents/:id") { request, context in
            let person: PersonSession
            switch await site.personOrSignIn(request) {
            case .failure(let response): return response
            case .success(let signedIn): person = signedIn
            }
            let reference = context.parameters.get("id") ?? ""
            do {
                var view = try await person.run { handler in
                    let stream = try await IncidentReference.resolve(reference, in: handler.database)
                    return IncidentView(try await handler.load(stream))
                }
                view.chrome = Chrome(person)
                return site.html("incident", view)
            } catch {
                return site.outcome(person, WebFailure(error))
            }
        }
    }
}

struct IncidentView: Sendable {
    var chrome = Chrome(nil)
    var id: String
    var short: String
    var title: String
    var kind: String
    var state: String
    var lifecycle: String
    var messages: [IncidentMessage]
    var timeline: [TimelineLine]

    init(_ incident: LoadedIncident) {
        id = incident.id
        short = String(incident.id.prefix(8))
        title = incident.state.title
        kind = incident.definition?.kind ?? "-"
        state = incident.state.currentState
        lifecycle = incident.state.lifecycle.rawValue
        messages = incident.state.messages.map { IncidentMessage($0, incident: incident.id) }
        timeline = incident.history.map { TimelineLine($0) }
    }
}

struct IncidentMessage: Sendable {
    var incident: String
    var id: String
    var channel: String
    var status: String
    var text: String
    var revision: Int
    var textSHA256: String
    var awaitingApproval: Bool
    var approvals: String

    init(_ message: Message, incident: String) {
        self.incident = incident
        id = message.id
        channel = message.channel
        status = message.status.rawValue
        text = message.text
        revision = message.revision
        textSHA256 = message.textSHA256
        awaitingApproval = message.status == .submitted || message.status == .approved
        approvals =
            message.approvals.isEmpty
            ? "none" : message.approvals.map { "\($0.role) by \($0.by)" }.joined(separator: ", ")
    }
}

struct TimelineLine: Sendable {
    var at: String
    var actor: String
    var sentence: String
    var refusal: Bool

    init(_ recorded: RecordedIncidentEvent) {
        at = WebTime.utc(recorded.recordedAt)
        actor = recorded.actor
        sentence = recorded.event.sentence
        if case .commandRefused = recorded.event { refusal = true } else { refusal = false }
    }
}
