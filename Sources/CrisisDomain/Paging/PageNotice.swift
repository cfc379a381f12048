import Foundation

/// The words of a page: the minimum necessary, and never text typed into the incident (titles,
/// notes, message words, findings may hold PHI, and an email or a chat workspace is not covered
/// by a business associate agreement). It names the incident's short id, kind and state, what
/// is asked of whom, the deadline and the time left, and where to act.
public struct PageNotice: Sendable, Equatable, Codable {
    public var pageId: String
    public var incident: String
    public var kind: String
    public var state: String
    public var role: String
    public var level: Int
    public var ask: String
    public var dueAt: Date?
    /// Where to acknowledge: the web page when a base URL is set, else the CLI command.
    public var acknowledge: String
    public var drill = false

    /// `baseURL` is `CRISIS_BASE_URL` (nil: the page names the CLI command instead).
    public init(page: Page, state: IncidentState, definition: WorkflowDefinition, baseURL: String?) {
        pageId = page.id
        incident = String((state.id?.uuidString.lowercased() ?? "").prefix(8))
        kind = definition.kind
        self.state = state.currentState
        role = page.role
        level = page.level
        drill = state.isDrill
        dueAt = page.dueAt
        ask = Self.ask(page.cause, role: page.role, definition: definition)
        if let baseURL, !baseURL.isEmpty {
            acknowledge = (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + "/pages/\(page.id)"
        } else {
            acknowledge = "crisis page ack \(page.id)"
        }
    }

    /// A test page for `crisis channel test`: about no incident, asking nothing.
    public static func test(id: String) -> PageNotice {
        PageNotice(
            pageId: id, incident: "-", kind: "test", state: "-", role: "-", level: 0,
            ask: "this is a test page; nothing is asked", dueAt: nil, acknowledge: "nothing to acknowledge")
    }

    private init(
        pageId: String, incident: String, kind: String, state: String, role: String, level: Int, ask: String,
        dueAt: Date?, acknowledge: String
    ) {
        self.pageId = pageId
        self.incident = incident
        self.kind = kind
        self.state = state
        self.role = role
        self.level = level
        self.ask = ask
        self.dueAt = dueAt
        self.acknowledge = acknowledge
    }

    /// One line for a subject or a chat message.
    public var subject: String {
        "\(drill ? "DRILL " : "")[crisis] \(kind) \(incident): \(ask) (page \(pageId))"
    }

    /// The whole text, as lines, at `now` (for the time left).
    public func text(now: Date) -> String {
        var lines = [
            drill ? "DRILL: this page is part of a rehearsal." : nil,
            "Incident \(incident) (\(kind)), now in state \(state).",
            "Asked of \(role) (level \(level)): \(ask).",
            dueAt.map { "Due \(Self.time($0)) (\(Self.left(until: $0, now: now)))." },
            "Acknowledge: \(acknowledge)",
            "Page id \(pageId): a repeat of this page carries the same id.",
        ].compactMap { $0 }
        lines.append("Details are in crisis, never in a page (HIPAA minimum necessary).")
        return lines.joined(separator: "\n")
    }

    static func ask(_ cause: PageCause, role: String, definition: WorkflowDefinition) -> String {
        switch cause.kind {
        case .incidentOpened: return "a new \(definition.kind) incident needs its \(role)"
        case .approvalNeeded:
            return "approve or reject message \(cause.messageId ?? "?") revision \(cause.revision ?? 0) as \(role)"
        case .approvalWaiting:
            return
                "message \(cause.messageId ?? "?") revision \(cause.revision ?? 0) still waits for \(role)'s approval"
        case .deadlineDueSoon: return "deadline \(cause.deadlineId ?? "?") is due soon"
        case .deadlineMissed: return "deadline \(cause.deadlineId ?? "?") was missed"
        case .removalFailed: return "removal \(cause.removalId ?? "?") failed; the post is still up"
        case .notAcknowledged: return "page \(cause.pageId ?? "?") was not acknowledged; take it on"
        case .deliveryFailed: return "page \(cause.pageId ?? "?") reached nobody; take it on"
        case .nobodyToPage: return "nobody was on call for page \(cause.pageId ?? "?"); take it on"
        }
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)) + "Z"
    }

    static func left(until due: Date, now: Date) -> String {
        let seconds = Int(due.timeIntervalSince(now))
        let minutes = abs(seconds) / 60
        let text = minutes >= 120 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
        return seconds >= 0 ? "\(text) left" : "\(text) overdue"
    }
}
