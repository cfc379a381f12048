import Foundation

/// What is asked of the takedown requests for an incident's posts, tracked per platform.
public enum RemovalCommand: Sendable, Equatable {
    case request(platform: String, url: String)
    case confirm(removalId: String, evidence: String?)
    case fail(removalId: String, reason: String)
    case abandon(removalId: String, reason: String)

    public var name: CommandName {
        switch self {
        case .request: .requestRemoval
        case .confirm, .fail, .abandon: .resolveRemoval
        }
    }
}
