import Foundation

/// Payload of `BusinessAssociateNoticeRecorded` (45 CFR 164.410): a business associate (a
/// social-media management vendor, an agency) at which the breach happened, or which reported
/// it, told the covered entity. The associate must tell within 60 days of its own discovery; a
/// later notice is recorded as late, with the covered entity's reason for accepting the record.
/// The covered entity's discovery-anchored clocks run from the associate's discovery.
public struct BusinessAssociateNoticeRecorded: Sendable, Equatable, Codable {
    /// The associate's name as on its business associate agreement.
    public var associate: String
    /// When the associate discovered the breach (its own 164.410(a)(2) discovery).
    public var discoveredAt: Date
    /// When the associate told the covered entity.
    public var toldAt: Date
    /// True when `toldAt` is more than 60 days after `discoveredAt`; nil when on time.
    public var late: Bool?
    /// Why a late notice is recorded as it is (what the associate said); nil when on time.
    public var lateReason: String?

    public init(associate: String, discoveredAt: Date, toldAt: Date, late: Bool? = nil, lateReason: String? = nil) {
        self.associate = associate
        self.discoveredAt = discoveredAt
        self.toldAt = toldAt
        self.late = late
        self.lateReason = lateReason
    }

    /// The stored event type.
    public static let eventType = "BusinessAssociateNoticeRecorded"
}
