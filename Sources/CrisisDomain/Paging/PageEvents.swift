import Foundation

/// Why a page was sent: what in the incident asks for a person. Structured, never free text: a
/// page goes to email and chat systems that no business associate agreement covers, so it names
/// ids, kinds and times and nothing typed into the incident.
public struct PageCause: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case incidentOpened = "incident-opened"
        /// A submitted message needs this role's approval.
        case approvalNeeded = "approval-needed"
        /// A message still waits for this role after the rule's `remind-after`.
        case approvalWaiting = "approval-waiting"
        case deadlineDueSoon = "deadline-due-soon"
        case deadlineMissed = "deadline-missed"
        case removalFailed = "removal-failed"
        /// An earlier page was not acknowledged within `ack-within`.
        case notAcknowledged = "not-acknowledged"
        /// Every way of reaching the people of an earlier page failed.
        case deliveryFailed = "delivery-failed"
        /// Nobody was on call for an earlier page's role and level.
        case nobodyToPage = "nobody-to-page"
    }

    public var kind: Kind
    public var messageId: String?
    public var revision: Int?
    public var deadlineId: String?
    public var dueAt: Date?
    public var removalId: String?
    /// The page this one escalates.
    public var pageId: String?

    public init(
        _ kind: Kind, messageId: String? = nil, revision: Int? = nil, deadlineId: String? = nil, dueAt: Date? = nil,
        removalId: String? = nil, pageId: String? = nil
    ) {
        self.kind = kind
        self.messageId = messageId
        self.revision = revision
        self.deadlineId = deadlineId
        self.dueAt = dueAt
        self.removalId = removalId
        self.pageId = pageId
    }

    /// A stable text of what caused the page, from which its id is derived.
    public var key: String {
        var parts = [kind.rawValue]
        if let messageId { parts.append("message=\(messageId)") }
        if let revision { parts.append("revision=\(revision)") }
        if let deadlineId { parts.append("deadline=\(deadlineId)") }
        if let removalId { parts.append("removal=\(removalId)") }
        if let pageId { parts.append("page=\(pageId)") }
        return parts.joined(separator: ";")
    }

    /// Whether this cause escalates an earlier page (rather than coming from the incident itself).
    public var isEscalation: Bool {
        switch kind {
        case .notAcknowledged, .deliveryFailed, .nobodyToPage: true
        case .incidentOpened, .approvalNeeded, .approvalWaiting, .deadlineDueSoon, .deadlineMissed, .removalFailed:
            false
        }
    }
}

/// One way a paged person is reached: their email address, or a webhook channel.
public struct PageRoute: Sendable, Equatable, Hashable, Codable {
    public var person: String
    /// `email` or `webhook:NAME`.
    public var route: String

    public init(person: String, route: String) {
        self.person = person
        self.route = route
    }

    public static let email = "email"
    public static func webhook(_ name: String) -> String { "webhook:\(name)" }

    /// The channel's name when this is a webhook route.
    public var webhookName: String? {
        route.hasPrefix("webhook:") ? String(route.dropFirst("webhook:".count)) : nil
    }
}

/// Payload of `PageRequested`: crisis asked `recipients` (on call for `role` at `level`, or
/// assigned to it) to act, for `cause`, under the workflow's paging rule `rule`.
public struct PageRequested: Sendable, Equatable, Codable {
    public var pageId: String
    public var rule: String
    public var cause: PageCause
    public var role: String
    public var level: Int
    /// Who was paged; empty when nobody was on call (the page then escalates at once).
    public var recipients: [String]
    /// How each recipient is reached, as their contact stood when the page was requested.
    public var routes: [PageRoute]
    /// When it escalates if nobody acknowledges.
    public var acknowledgeBy: Date
    /// The deadline the page is about, when it is about one.
    public var dueAt: Date?

    public init(
        pageId: String, rule: String, cause: PageCause, role: String, level: Int, recipients: [String],
        routes: [PageRoute], acknowledgeBy: Date, dueAt: Date?
    ) {
        self.pageId = pageId
        self.rule = rule
        self.cause = cause
        self.role = role
        self.level = level
        self.recipients = recipients
        self.routes = routes
        self.acknowledgeBy = acknowledgeBy
        self.dueAt = dueAt
    }
}

/// Payload of `PageDelivered`: one route accepted the page (a webhook answered 2xx, sendmail
/// queued the mail), on attempt `attempt`; with `acknowledgement`, it accepted the news that the
/// page was acknowledged (PagerDuty's `acknowledge` event), so its alert stops too.
public struct PageDelivered: Sendable, Equatable, Codable {
    public var pageId: String
    public var person: String
    public var route: String
    public var attempt: Int
    /// The receiver's answer: `HTTP 200`, `queued by sendmail`, …
    public var receipt: String
    /// True when what was delivered is the acknowledgement, not the page (absent otherwise).
    public var acknowledgement: Bool?

    public init(
        pageId: String, person: String, route: String, attempt: Int, receipt: String, acknowledgement: Bool = false
    ) {
        self.pageId = pageId
        self.person = person
        self.route = route
        self.attempt = attempt
        self.receipt = receipt
        self.acknowledgement = acknowledgement ? true : nil
    }

    public var isAcknowledgement: Bool { acknowledgement == true }
}

/// Payload of `PageFailed`: one attempt on one route failed; `retryAt` is nil when crisis gave up
/// on that route (the last attempt, or an answer that a retry cannot change).
public struct PageFailed: Sendable, Equatable, Codable {
    public var pageId: String
    public var person: String
    public var route: String
    public var attempt: Int
    public var reason: String
    public var retryAt: Date?
    /// True when what failed to arrive is the acknowledgement, not the page (absent otherwise).
    public var acknowledgement: Bool?

    public init(
        pageId: String, person: String, route: String, attempt: Int, reason: String, retryAt: Date?,
        acknowledgement: Bool = false
    ) {
        self.pageId = pageId
        self.person = person
        self.route = route
        self.attempt = attempt
        self.reason = reason
        self.retryAt = retryAt
        self.acknowledgement = acknowledgement ? true : nil
    }

    public var isAcknowledgement: Bool { acknowledgement == true }
}

/// Payload of `PageAcknowledged`: a person paged took it on; the page stops escalating.
/// `passOnTo`: the routes that hold an alert of their own for the page (PagerDuty channels it
/// reached), to be told it was acknowledged; absent when there are none.
public struct PageAcknowledged: Sendable, Equatable, Codable {
    public var pageId: String
    public var note: String?
    public var passOnTo: [PageRoute]?

    public init(pageId: String, note: String?, passOnTo: [PageRoute] = []) {
        self.pageId = pageId
        self.note = note
        self.passOnTo = passOnTo.isEmpty ? nil : passOnTo
    }
}

/// Payload of `PageEscalated`: a page moved on, to `toPageId` (nil: nobody was left to page).
public struct PageEscalated: Sendable, Equatable, Codable {
    public var pageId: String
    public var toPageId: String?
    public var reason: PageCause.Kind

    public init(pageId: String, toPageId: String?, reason: PageCause.Kind) {
        self.pageId = pageId
        self.toPageId = toPageId
        self.reason = reason
    }
}
