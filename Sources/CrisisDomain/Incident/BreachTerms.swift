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
