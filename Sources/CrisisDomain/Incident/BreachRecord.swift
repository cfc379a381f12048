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
    // Issue 18, "clocks cannot vanish after the fact" (optional so states saved before decode):
    /// Conclusions a revision replaced, oldest first: the original signed conclusion first.
    public var earlierConclusions: [Conclusion]?
    /// Exclusion checks a later one replaced, oldest first.
    public var earlierExclusionChecks: [ExclusionCheck]?
    /// Clocks already missed when a conclusion was revised or an exclusion recorded after it.
    public var keptMisses: [KeptMiss]?
    /// The date of the breach and who first knew (164.404(a)(2), (c)(1)(A)), as now recorded.
    public var circumstances: Circumstances?
    /// What was recorded before each amendment of the circumstances, oldest first.
    public var earlierCircumstances: [Circumstances]?
    /// Set when discovery was taken from the viral complaint this incident was opened from.
    public var discoverySource: DiscoverySource?

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

    /// The signed conclusion of the assessment (the one in force; ``earlierConclusions`` keeps
    /// those a revision replaced).
    public struct Conclusion: Sendable, Equatable, Codable {
        public var conclusion: AssessmentConclusion
        public var reason: String
        public var by: String
        public var at: Date
        /// True when this is a revision of an earlier signed conclusion (issue 18).
        public var isRevision: Bool? = nil
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
        /// Why it came after the workflow's `prompt-notice` threshold (issue 18).
        public var delayReason: String? = nil

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
