import Foundation

/// Payload of `LegalHoldPlaced` and `LegalHoldReleased`: while a hold is on, nothing of the
/// incident may be destroyed, whatever the retention schedule says.
public struct LegalHoldChanged: Sendable, Equatable, Codable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// Payload of `KeyShredded`: the incident's data key is destroyed (crypto-shredding), so the
/// words of its encrypted fields can no longer be read by anyone; the events and their hash
/// chain stay.
public struct KeyShredded: Sendable, Equatable, Codable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
