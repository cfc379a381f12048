import Foundation

/// How long an incident's record is kept, whether a legal hold keeps it longer, and whether its
/// PHI was destroyed (issue 13). Folded from its events.
public struct RetentionRecord: Sendable, Equatable, Codable {
    /// Six years (45 CFR 164.316(b)(2), 164.530(j)), counted from the close.
    public static let defaultYears = 6

    /// One legal hold, from its placing to its release.
    public struct Hold: Sendable, Equatable, Codable {
        public var reason: String
        public var placedBy: String
        public var placedAt: Date
        public var releasedBy: String?
        public var releasedAt: Date?
    }

    public var holds: [Hold] = []
    public var shreddedAt: Date?
    public var shreddedBy: String?
    public var shredReason: String?

    public init() {}

    /// Whether a hold is on now.
    public var isOnHold: Bool { holds.last.map { $0.releasedAt == nil } ?? false }

    public var isShredded: Bool { shreddedAt != nil }

    /// When the retention of a record closed at `closedAt` ends.
    public static func end(closedAt: Date, years: Int = defaultYears) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(byAdding: .year, value: years, to: closedAt) ?? closedAt
    }
}
