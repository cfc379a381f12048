import Foundation

/// Payload of `RemovalRequested`: a takedown was requested on a platform.
public struct RemovalRequested: Sendable, Equatable, Codable {
    public var removalId: String
    public var platform: String
    public var url: String

    public init(removalId: String, platform: String, url: String) {
        self.removalId = removalId
        self.platform = platform
        self.url = url
    }
}

/// Payload of `RemovalConfirmed`, `RemovalFailed` and `RemovalAbandoned`.
public struct RemovalResolved: Sendable, Equatable, Codable {
    public var removalId: String
    /// Evidence for a confirmation, the reason for a failure or an abandonment.
    public var detail: String?

    public init(removalId: String, detail: String?) {
        self.removalId = removalId
        self.detail = detail
    }
}

/// Payload of `EvidenceCaptured`.
public struct EvidenceCaptured: Sendable, Equatable, Codable {
    public var url: String
    public var capturedAt: Date
    public var contentSHA256: String

    public init(url: String, capturedAt: Date, contentSHA256: String) {
        self.url = url
        self.capturedAt = capturedAt
        self.contentSHA256 = contentSHA256
    }
}
