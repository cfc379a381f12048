import Foundation

/// How the drills of one kind went in one calendar quarter (UTC): the times a real incident is
/// judged by, measured on rehearsals, and the deadlines the drills missed (issue 16).
public struct DrillReview: Sendable, Equatable, Codable {
    public var kind: String
    /// `2026-Q4`.
    public var quarter: String
    public var drills: [UUID]
    /// From opening to the first page acknowledged.
    public var firstPageAcknowledged: Distribution
    /// From detection to the first message fully approved.
    public var firstApprovedStatement: Distribution
    public var legalTurnaround: Distribution
    /// Time to acknowledge per role paged.
    public var pages: [PolicyReview.RolePages]
    /// The workflow's deadlines the drills missed.
    public var missedDeadlines: [PolicyReview.MissedDeadlineCount]

    /// One review per kind and quarter, by kind then quarter.
    static func reviews(_ drills: [IncidentMetrics]) -> [DrillReview] {
        let groups = Dictionary(grouping: drills) { "\($0.kind)|\(quarter(of: $0.openedAt))" }
        return groups.values.compactMap { group -> DrillReview? in
            guard let first = group.first else { return nil }
            var missed: [String: PolicyReview.MissedDeadlineCount] = [:]
            for deadline in group.flatMap(\.missedDeadlines) {
                var count =
                    missed[deadline.deadlineId]
                    ?? PolicyReview.MissedDeadlineCount(deadlineId: deadline.deadlineId, missed: 0, escalatedTo: [:])
                count.missed += 1
                for role in deadline.escalatedTo { count.escalatedTo[role, default: 0] += 1 }
                missed[deadline.deadlineId] = count
            }
            return DrillReview(
                kind: first.kind, quarter: quarter(of: first.openedAt),
                drills: group.sorted { $0.openedAt < $1.openedAt }.map(\.incidentId),
                firstPageAcknowledged: Distribution(group.compactMap(\.firstPageAcknowledged)),
                firstApprovedStatement: Distribution(group.compactMap(\.firstApprovedStatement)),
                legalTurnaround: Distribution(group.flatMap(\.legalTurnarounds)),
                pages: PolicyReview.pagesByRole(group),
                missedDeadlines: missed.values.sorted { ($0.missed, $1.deadlineId) > ($1.missed, $0.deadlineId) })
        }
        .sorted { ($0.kind, $0.quarter) < ($1.kind, $1.quarter) }
    }

    /// The calendar quarter of `date` in UTC, as `YYYY-Qn`.
    public static func quarter(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        return "\(parts.year ?? 0)-Q\(((parts.month ?? 1) - 1) / 3 + 1)"
    }
}
