import Foundation

/// A business associate's notice of a breach to the covered entity (45 CFR 164.410), as the
/// incident's state keeps it.
public struct BusinessAssociateNotice: Sendable, Equatable, Codable {
    public var associate: String
    public var discoveredAt: Date
    public var toldAt: Date
    public var late: Bool
    public var lateReason: String?
    public var recordedBy: String
    public var recordedAt: Date

    /// 164.410(b)(1): the associate tells the covered entity no later than 60 calendar days after
    /// its discovery.
    public static let allowedDelay: TimeInterval = 60 * 86_400

    /// Whether a notice told at `toldAt` of a discovery at `discoveredAt` is later than 164.410 allows.
    public static func isLate(discoveredAt: Date, toldAt: Date) -> Bool {
        toldAt.timeIntervalSince(discoveredAt) > allowedDelay
    }
}

extension Decision {
    /// Records a business associate's notice: its name, its discovery, when it told us. Its
    /// discovery becomes the incident's when earlier (the clocks run from it).
    func decideBusinessAssociateNotice(
        associate: String, discoveredAt: Date, toldAt: Date, lateReason: String?
    ) throws(Refusal) -> [IncidentEvent] {
        let associate = try requiredName(associate, "the business associate's name")
        guard discoveredAt <= now, toldAt <= now else {
            throw Refusal(
                .inputTimeInFuture,
                "The associate's discovery and notice cannot be in the future; give the times they happened.")
        }
        guard discoveredAt <= toldAt else {
            throw Refusal(
                .inputInvalidPeriod,
                "The associate told us before it discovered the breach; check --discovered-at and --told-at.")
        }
        let late = BusinessAssociateNotice.isLate(discoveredAt: discoveredAt, toldAt: toldAt)
        let reason = lateReason.typedText
        if late && reason == nil {
            let days = Int(toldAt.timeIntervalSince(discoveredAt) / 86_400)
            throw Refusal(
                .businessAssociateLateNeedsReason,
                "\(associate) told us \(days) days after it discovered the breach; 45 CFR 164.410(b) allows at most 60. "
                    + "It is recorded as late only with the reason (what the associate said): add --late-reason TEXT.")
        }
        return [
            .businessAssociateNoticeRecorded(
                BusinessAssociateNoticeRecorded(
                    associate: associate, discoveredAt: discoveredAt, toldAt: toldAt, late: late ? true : nil,
                    lateReason: late ? reason : nil))
        ]
    }
}

/// Folds a business associate's notice in: kept beside the incident, and the incident's discovery
/// moves earlier to the associate's (shown as an amendment, so the report says why).
func evolveBusinessAssociateNotice(
    _ state: inout IncidentState, _ e: BusinessAssociateNoticeRecorded, by: String, at: Date
) {
    state.businessAssociateNotices.append(
        BusinessAssociateNotice(
            associate: e.associate, discoveredAt: e.discoveredAt, toldAt: e.toldAt, late: e.late == true,
            lateReason: e.lateReason, recordedBy: by, recordedAt: at))
    if let current = state.discoveredAt, e.discoveredAt < current {
        state.discoveryAmendments.append(
            DiscoveryAmendment(
                from: current, to: e.discoveredAt,
                reason: "business associate \(e.associate) discovered it then (45 CFR 164.410)", by: by, at: at))
        state.discoveredAt = e.discoveredAt
    }
}
