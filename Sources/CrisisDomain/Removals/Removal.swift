import Foundation

/// A takedown request on one platform, tracked until confirmed or abandoned with a reason.
public struct Removal: Sendable, Equatable, Codable {
    /// Where a removal stands; `confirmed` and `abandoned` are resolved.
    public enum Status: String, Sendable, Equatable, Codable {
        case requested
        case failed
        case confirmed
        case abandoned
    }

    public var id: String
    public var platform: String
    public var url: String
    public var status: Status
    public var requestedBy: String
    public var requestedAt: Date
    public var history: [RemovalStep]

    /// Confirmed, or formally abandoned with a reason.
    public var isResolved: Bool { status == .confirmed || status == .abandoned }

    /// When it was resolved, if it is.
    public var resolvedAt: Date? { isResolved ? history.last?.at : nil }
}

/// One change of a removal's status.
public struct RemovalStep: Sendable, Equatable, Codable {
    public var status: Removal.Status
    public var detail: String?
    public var by: String
    public var at: Date
}
