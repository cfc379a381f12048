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
                    return IncidentView(try await handler.load(stream), actor: try await handler.actor(), now: Date())
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
    /// `/incidents/ID`, where every form of the page posts under.
    var path: String
    var title: String
    var kind: String
    var state: String
    var lifecycle: String
    var isOpen: Bool
    var drill: Bool
    var checklist: [String]
    var hasChecklist: Bool
    var actions: [IncidentAction]
    var deadlines: [IncidentDeadline]
    var messages: [IncidentMessage]
    var removals: [IncidentRemoval]
    var factors: [String]
    var conclusion: String?
    var timeline: [TimelineLine]

    init(_ incident: LoadedIncident, actor: Actor, now: Date) {
        id = incident.id
        short = String(incident.id.prefix(8))
        path = "/incidents/\(incident.id)"
        title = incident.state.title
        kind = incident.definition?.kind ?? "-"
        state = incident.state.currentState
        lifecycle = incident.state.lifecycle.rawValue
        isOpen = incident.state.isOpen
        drill = incident.state.isDrill
        if let definition = incident.definition {
            checklist = CrisisDomain.checklist(incident.state, definition)
            hasChecklist = !checklist.isEmpty
            actions = availableActions(incident.state, definition, actor: actor).map {
                IncidentAction($0, incident: incident.id)
            }
            deadlines = CrisisDomain.deadlines(incident.state, definition, now: now).map {
                IncidentDeadline($0, now: now)
            }
        } else {
            checklist = []
            hasChecklist = false
            actions = []
            deadlines = []
        }
        let open = incident.state.isOpen
        messages = incident.state.messages.map { IncidentMessage($0, incident: incident.id, open: open) }
        removals = incident.state.removals.map { IncidentRemoval($0, open: open) }
        factors = incident.state.breach.factors.map { "Factor \($0.factor.rawValue): \($0.finding) (\($0.by))" }
        conclusion = incident.state.breach.conclusion.map {
            "\($0.conclusion.rawValue) by \($0.by): \($0.reason)"
        }
        timeline = incident.history.map { TimelineLine($0) }
    }
}

/// An action of the current state: open now, or what blocks it (in words, not colour).
struct IncidentAction: Sendable {
    var incident: String
    var name: String
    var title: String
    var target: String
    var roles: String
    var open: Bool
    var notYours: Bool
    var blockers: [String]
    var requiresNote: Bool

    init(_ action: ActionAvailability, incident: String) {
        self.incident = incident
        name = action.action
        title = action.title
        target = action.target
        roles = action.allowedRoles.joined(separator: ", ")
        open = action.isOpen
        notYours = action.actorMayTake == false
        blockers = action.unmetGuards.map(\.sentence)
        requiresNote = action.requiresNote
    }
}

struct IncidentDeadline: Sendable {
    var name: String
    var dueAt: String
    var status: String
    var left: String

    init(_ deadline: DeadlineStatus, now: Date) {
        name = deadline.title.isEmpty ? deadline.name : deadline.title
        dueAt = WebTime.utc(deadline.dueAt)
        status = deadline.status.rawValue
        left = deadline.status == .pending ? WebTime.left(until: deadline.dueAt, now: now) : deadline.status.rawValue
    }
}

struct IncidentRemoval: Sendable {
    var id: String
    var platform: String
    var url: String
    var status: String
    var unresolved: Bool

    init(_ removal: Removal, open: Bool) {
        id = removal.id
        platform = removal.platform
        url = removal.url
        status = removal.status.rawValue
        unresolved = open && (removal.status == .requested || removal.status == .failed)
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
    var draft: Bool
    var approved: Bool
    var approvals: String

    init(_ message: Message, incident: String, open: Bool) {
        self.incident = incident
        id = message.id
        channel = message.channel
        status = message.status.rawValue
        text = message.text
        revision = message.revision
        textSHA256 = message.textSHA256
        awaitingApproval = open && (message.status == .submitted || message.status == .approved)
        draft = open && (message.status == .draft || message.status == .rejected)
        approved = open && message.status == .approved
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
