import Foundation

/// A page as the incident's record knows it: who was asked, how each of them was reached, whether
/// someone took it on, and where it went when nobody did.
public struct Page: Sendable, Equatable, Codable {
    /// One route of one recipient: its attempts and where they stand.
    public struct Delivery: Sendable, Equatable, Codable {
        public var person: String
        public var route: String
        public var attempts: Int = 0
        public var deliveredAt: Date?
        public var receipt: String?
        public var lastFailure: String?
        /// When the next attempt is due; nil before the first and once delivered or given up.
        public var retryAt: Date?
        public var gaveUp = false
        /// Passing the page's acknowledgement on to this route, when it holds an alert of its own
        /// (a PagerDuty channel); nil for every other route.
        public var acknowledgement: Relay?

        /// Whether another attempt is still to be made (now or later).
        public var isOutstanding: Bool { deliveredAt == nil && !gaveUp }

        /// Whether an attempt is due at `now`.
        public func isDue(at now: Date) -> Bool {
            isOutstanding && (attempts == 0 || (retryAt.map { $0 <= now } ?? false))
        }
    }

    /// Telling a receiver that keeps the page open on its side (PagerDuty) that it was
    /// acknowledged: attempted, retried and given up on like the page itself.
    public struct Relay: Sendable, Equatable, Codable {
        public var attempts = 0
        public var relayedAt: Date?
        public var receipt: String?
        public var lastFailure: String?
        public var retryAt: Date?
        public var gaveUp = false

        public var isOutstanding: Bool { relayedAt == nil && !gaveUp }

        public func isDue(at now: Date) -> Bool {
            isOutstanding && (attempts == 0 || (retryAt.map { $0 <= now } ?? false))
        }
    }

    public var id: String
    public var rule: String
    public var cause: PageCause
    public var role: String
    public var level: Int
    public var recipients: [String]
    public var deliveries: [Delivery]
    public var requestedAt: Date
    public var requestedBy: String
    public var acknowledgeBy: Date
    public var dueAt: Date?
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    public var acknowledgementNote: String?
    /// Set once the page has escalated (to the page it led to, or to nobody).
    public var escalation: PageEscalated?

    public var isAcknowledged: Bool { acknowledgedBy != nil }
    public var hasEscalated: Bool { escalation != nil }
    /// Whether some route accepted the page.
    public var reachedSomeone: Bool { deliveries.contains { $0.deliveredAt != nil } }
    /// Whether every route is spent without any accepting the page (or there never was a route).
    public var reachedNobody: Bool { !reachedSomeone && deliveries.allSatisfy { !$0.isOutstanding } }

    /// Whether the page waits for someone: not acknowledged and not yet escalated.
    public var isOpen: Bool { !isAcknowledged && !hasEscalated }

    public func delivery(person: String, route: String) -> Delivery? {
        deliveries.first { $0.person == person && $0.route == route }
    }

    public func delivery(_ route: PageRoute) -> Delivery? { delivery(person: route.person, route: route.route) }
}

extension IncidentState {
    public func page(_ id: String) -> Page? { pages.first { $0.id == id } }
}
