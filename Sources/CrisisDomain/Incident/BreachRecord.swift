import Foundation

/// The HIPAA breach track of an incident: exclusion check, four-factor assessment, affected
/// population, notifications and law-enforcement delays.
public struct BreachRecord: Sendable, Equatable, Codable {
    public var exclusionCheck: ExclusionCheck?
    public var factors: [FactorFinding] = []
    public var conclusion: Conclusion?
    public var affected: AffectedPopulation?
    public var notifications: [Notification] = []
    public var notOwed: [NotOwed] = []
    public var lawEnforcementDelays: [LawEnforcementDelay] = []

    public init() {}

    /// Whether all four factors of 164.402(2) are recorded.
    public var isAssessmentComplete: Bool {
        Set(factors.map(\.factor)) == Set(AssessmentFactor.allCases)
    }

    /// Whether a breach is presumed: no exclusion applies and no low-probability conclusion.
    public var isBreachPresumed: Bool {
        if exclusionCheck?.exclusionApplies == true { return false }
        return conclusion?.conclusion != .lowProbability
    }

    /// The 164.402(1) exclusion check.
    public struct ExclusionCheck: Sendable, Equatable, Codable {
        public var exclusionApplies: Bool
        public var reason: String
        public var by: String
        public var at: Date
    }

    /// The latest finding for one factor.
    public struct FactorFinding: Sendable, Equatable, Codable {
        public var factor: AssessmentFactor
        public var finding: String
        public var by: String
        public var at: Date
    }

    /// The signed conclusion of the assessment.
    public struct Conclusion: Sendable, Equatable, Codable {
        public var conclusion: AssessmentConclusion
        public var reason: String
        public var by: String
        public var at: Date
    }

    /// How many are affected, per state, and how many cannot be reached; nil where the privacy
    /// officer recorded the number as unknown (every clock that depends on it then stays open).
    public struct AffectedPopulation: Sendable, Equatable, Codable {
        public var total: Int?
        public var residentsByState: [String: Int]?
        public var unreachable: Int?

        /// At most how many affected people have no state of residence recorded: everyone when
        /// the states are unknown; nil when that cannot be bounded (the total is unknown).
        public var residenceUnrecorded: Int? {
            guard let total else { return nil }
            return max(0, total - (residentsByState ?? [:]).values.reduce(0, +))
        }
    }

    /// A notice given.
    public struct Notification: Sendable, Equatable, Codable {
        public var recipient: NotificationRecipient
        public var notifiedAt: Date
        public var count: Int?
        public var stateCode: String?
        public var by: String
        /// For HHS: the portal's confirmation for the entry.
        public var logEntry: String?
        /// How it was given; nil on notices recorded before issue 18.
        public var method: NoticeMethod? = nil
        public var tollFree: TollFreeLine? = nil
        public var postedUntil: Date? = nil
        /// When it was recorded, beside the time typed (issue 18); nil in states saved before.
        public var recordedAt: Date? = nil

        /// Whether the people it reached count as notified in writing (a notice recorded
        /// before methods were, without one, was a written notice).
        public var countsAsWrittenNotice: Bool {
            recipient == .individuals && (method?.countsAsWrittenNotice ?? true)
        }
    }

    /// A documented reason a notice was not owed.
    public struct NotOwed: Sendable, Equatable, Codable {
        public var recipient: NotificationRecipient
        public var stateCode: String?
        public var reason: String
        public var by: String
        public var at: Date
    }

    /// A 164.412 delay and the period it pauses the clocks for.
    public struct LawEnforcementDelay: Sendable, Equatable, Codable {
        public var statement: LawEnforcementStatement
        public var statedAt: Date
        public var until: Date?
        public var official: String
        /// When it was recorded, beside the statement's typed time (issue 18).
        public var recordedAt: Date? = nil

        /// The end of the pause: the written date, or 30 days after an oral statement.
        public var pauseEnds: Date {
            switch statement {
            case .written: until ?? statedAt
            case .oral: min(until ?? statedAt.addingTimeInterval(30 * 86_400), statedAt.addingTimeInterval(30 * 86_400))
            }
        }
    }
}
