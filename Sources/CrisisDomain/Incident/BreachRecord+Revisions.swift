import Foundation

/// What issue 18 keeps beside the breach record so that no clock vanishes after the fact:
/// revised conclusions, replaced exclusion checks, the misses they leave standing, and the
/// circumstances of the breach (its date, who first knew).
extension BreachRecord {
    /// The date of the breach itself and who first knew of it, with who recorded them.
    public struct Circumstances: Sendable, Equatable, Codable {
        public var breachOn: Date?
        public var firstKnownBy: String?
        public var committedBy: String?
        /// Why this replaced the record before it; nil on the first record.
        public var reason: String?
        public var by: String
        public var at: Date
    }

    /// When a breach was first determined: the first signed conclusion or revision that said
    /// "breach". A later revision never moves it later, so the clocks that run from it never grow.
    public var firstBreachDeterminedAt: Date? {
        ((earlierConclusions ?? []) + (conclusion.map { [$0] } ?? []))
            .filter { $0.conclusion == .breach }.map(\.at).min()
    }

    /// Keeps the misses of a revision, once each.
    mutating func keep(_ misses: [KeptMiss]) {
        var kept = keptMisses ?? []
        for miss in misses where !kept.contains(where: { $0.deadlineId == miss.deadlineId }) {
            kept.append(miss)
        }
        keptMisses = kept.isEmpty ? nil : kept
    }
}
