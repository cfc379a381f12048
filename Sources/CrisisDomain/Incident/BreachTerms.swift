import Foundation

/// Who a breach notification goes to (164.404-164.408, state overlays).
public enum NotificationRecipient: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case individuals
    case hhs
    case media
    case state
    /// Substitute notice when 10 or more individuals cannot be reached (164.404(d)(2)).
    case substitute
}

/// The privacy officer's conclusion of the four-factor risk assessment (164.402(2)).
public enum AssessmentConclusion: String, Sendable, Equatable, Hashable, Codable {
    case breach
    case lowProbability = "low-probability"
}

/// The four factors of 164.402(2).
public enum AssessmentFactor: Int, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case natureAndExtent = 1
    case unauthorisedPerson = 2
    case acquiredOrViewed = 3
    case mitigation = 4

    public var title: String {
        switch self {
        case .natureAndExtent:
            "(i) nature and extent of the PHI, types of identifiers and likelihood of re-identification"
        case .unauthorisedPerson: "(ii) the unauthorised person who used the PHI or to whom it was disclosed"
        case .acquiredOrViewed: "(iii) whether the PHI was actually acquired or viewed"
        case .mitigation: "(iv) the extent to which the risk to the PHI has been mitigated"
        }
    }
}

/// Whether a law-enforcement statement was written or oral (164.412).
public enum LawEnforcementStatement: String, Sendable, Equatable, Hashable, Codable {
    case written
    case oral
}

/// What a staff-accountability record is (164.530(e)).
public enum SanctionKind: String, Sendable, Equatable, Hashable, Codable {
    case sanction
    case training
}

/// How a notice reached people (164.404(d)). Individuals: written notice by first-class mail (or
/// email where the individual agreed), written notice to the next of kin or personal
/// representative of one who died ((d)(1)(ii)), or urgent telephone notice, which is given in
/// addition to written notice and is never counted as it ((d)(3)). Substitute notice ((d)(2))
/// when contact details are out of date: for 10 or more, a conspicuous web posting for 90 days
/// or major print or broadcast media, each with a toll-free number live for 90 days; for fewer
/// than 10, an alternative written, telephone or other notice.
public enum NoticeMethod: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case written
    case nextOfKin = "next-of-kin"
    case urgentTelephone = "urgent-telephone"
    case webPosting = "web-posting"
    case majorMedia = "major-media"
    case alternative

    /// The recipient this method is a notice to.
    public var recipient: NotificationRecipient {
        switch self {
        case .written, .nextOfKin, .urgentTelephone: .individuals
        case .webPosting, .majorMedia, .alternative: .substitute
        }
    }

    /// Whether the people it reached count as notified in writing (164.404(d)(1)).
    public var countsAsWrittenNotice: Bool {
        switch self {
        case .written, .nextOfKin: true
        case .urgentTelephone, .webPosting, .majorMedia, .alternative: false
        }
    }
}

/// The toll-free number a substitute notice of 10 or more gives (164.404(d)(2)(ii)(B)): live
/// for at least 90 days, its start and end recorded.
public struct TollFreeLine: Sendable, Equatable, Codable {
    public var number: String
    public var from: Date
    public var until: Date

    public init(number: String, from: Date, until: Date) {
        self.number = number
        self.from = from
        self.until = until
    }
}

/// What a notice was besides its recipient, time and count: how it was given and, for a
/// substitute notice, its toll-free line and how long the web posting stays up.
public struct NoticeDetails: Sendable, Equatable {
    public var method: NoticeMethod?
    public var tollFree: TollFreeLine?
    public var postedUntil: Date?
    /// Why the notice is later than the workflow's `prompt-notice` threshold (issue 18).
    public var delayReason: String?

    public init(
        method: NoticeMethod? = nil, tollFree: TollFreeLine? = nil, postedUntil: Date? = nil,
        delayReason: String? = nil
    ) {
        self.method = method
        self.tollFree = tollFree
        self.postedUntil = postedUntil
        self.delayReason = delayReason
    }
}
