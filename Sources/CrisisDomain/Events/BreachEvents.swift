import Foundation

/// Payload of `DiscoveryAmended` (164.404(a)(2)); every clock anchored on discovery is recomputed.
public struct DiscoveryAmended: Sendable, Equatable, Codable {
    public var discoveredAt: Date
    public var reason: String

    public init(discoveredAt: Date, reason: String) {
        self.discoveredAt = discoveredAt
        self.reason = reason
    }
}

/// Payload of `ExclusionCheckRecorded` (164.402(1)).
public struct ExclusionCheckRecorded: Sendable, Equatable, Codable {
    public var exclusionApplies: Bool
    public var reason: String
    /// Recorded after a conclusion was signed (issue 18): the clocks already missed then, which
    /// stay missed; nil on a check recorded before any conclusion.
    public var keptMisses: [KeptMiss]?

    public init(exclusionApplies: Bool, reason: String, keptMisses: [KeptMiss]? = nil) {
        self.exclusionApplies = exclusionApplies
        self.reason = reason
        self.keptMisses = keptMisses
    }
}

/// Payload of `AssessmentFactorRecorded` (164.402(2)).
public struct AssessmentFactorRecorded: Sendable, Equatable, Codable {
    public var factor: AssessmentFactor
    public var finding: String

    public init(factor: AssessmentFactor, finding: String) {
        self.factor = factor
        self.finding = finding
    }
}

/// Payload of `AssessmentConcluded`, signed by the privacy officer.
public struct AssessmentConcluded: Sendable, Equatable, Codable {
    public var conclusion: AssessmentConclusion
    public var reason: String

    public init(conclusion: AssessmentConclusion, reason: String) {
        self.conclusion = conclusion
        self.reason = reason
    }
}

/// Payload of `AffectedPopulationRecorded`: how many individuals, per state, and how many
/// unreachable; a number recorded as unknown is stored as `null` (issue 18), so the record says
/// it was not known rather than leaving it out.
public struct AffectedPopulationRecorded: Sendable, Equatable, Codable {
    public var total: Int?
    public var residentsByState: [String: Int]?
    public var unreachable: Int?

    public init(total: Int?, residentsByState: [String: Int]?, unreachable: Int?) {
        self.total = total
        self.residentsByState = residentsByState
        self.unreachable = unreachable
    }

    private enum CodingKeys: String, CodingKey {
        case total, residentsByState, unreachable
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(residentsByState, forKey: .residentsByState)
        try container.encode(unreachable, forKey: .unreachable)
    }
}

/// Payload of `NotificationRecorded`.
public struct NotificationRecorded: Sendable, Equatable, Codable {
    public var recipient: NotificationRecipient
    public var notifiedAt: Date
    public var count: Int?
    public var stateCode: String?
    /// For HHS: the confirmation the HHS breach portal gave for the entry (absent before issue 18).
    public var logEntry: String?
    /// How it was given (164.404(d)); absent on notices recorded before issue 18.
    public var method: NoticeMethod?
    /// For a substitute notice by web posting or major media: the toll-free line.
    public var tollFree: TollFreeLine?
    /// For a substitute notice by web posting: when the posting comes down.
    public var postedUntil: Date?
    /// Why the notice came after the workflow's `prompt-notice` threshold ("without unreasonable
    /// delay", 164.404(b)); nil when it came in time, and on notices recorded before issue 18.
    public var delayReason: String?

    public init(
        recipient: NotificationRecipient, notifiedAt: Date, count: Int?, stateCode: String?, logEntry: String? = nil,
        method: NoticeMethod? = nil, tollFree: TollFreeLine? = nil, postedUntil: Date? = nil,
        delayReason: String? = nil
    ) {
        self.recipient = recipient
        self.notifiedAt = notifiedAt
        self.count = count
        self.stateCode = stateCode
        self.logEntry = logEntry
        self.method = method
        self.tollFree = tollFree
        self.postedUntil = postedUntil
        self.delayReason = delayReason
    }
}

/// Payload of `NotificationNotOwedRecorded`: the documented reason a notice was not owed (164.414(b)).
public struct NotificationNotOwedRecorded: Sendable, Equatable, Codable {
    public var recipient: NotificationRecipient
    public var stateCode: String?
    public var reason: String

    public init(recipient: NotificationRecipient, stateCode: String?, reason: String) {
        self.recipient = recipient
        self.stateCode = stateCode
        self.reason = reason
    }
}

/// Payload of `LawEnforcementDelayRecorded` (164.412).
public struct LawEnforcementDelayRecorded: Sendable, Equatable, Codable {
    public var statement: LawEnforcementStatement
    public var statedAt: Date
    /// The end of the delay a written statement names; an oral one lasts at most 30 days.
    public var until: Date?
    public var official: String

    public init(statement: LawEnforcementStatement, statedAt: Date, until: Date?, official: String) {
        self.statement = statement
        self.statedAt = statedAt
        self.until = until
        self.official = official
    }
}

/// Payload of `SanctionRecorded` (164.530(e)).
public struct SanctionRecorded: Sendable, Equatable, Codable {
    public var kind: SanctionKind
    public var staffMember: String
    public var effectiveAt: Date
    public var description: String

    public init(kind: SanctionKind, staffMember: String, effectiveAt: Date, description: String) {
        self.kind = kind
        self.staffMember = staffMember
        self.effectiveAt = effectiveAt
        self.description = description
    }
}
