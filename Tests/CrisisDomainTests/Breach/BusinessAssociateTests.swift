import CrisisDomain
import Foundation
import Testing

/// Issue 18, 45 CFR 164.410: a business associate's notice records who, when it discovered the
/// breach and when it told us (within 60 days, or recorded as late with the reason); the covered
/// entity's clocks run from the associate's discovery.
@Suite("Business associates' notices (164.410)")
struct BusinessAssociateTests {
    typealias F = Fixtures
    static let day: TimeInterval = 86_400

    func leak() throws -> IncidentHarness {
        var h = try IncidentHarness("phi-leak")
        try h.open()
        return h
    }

    func due(_ h: IncidentHarness, _ id: String) -> Date? {
        deadlines(h.state, h.definition, now: h.now).first { $0.id == id }?.dueAt
    }

    @Test("the covered entity's clocks run from the associate's discovery, shown as a discovery amendment")
    func clocksRunFromTheAssociatesDiscovery() throws {
        var h = try leak()
        h.advance(hours: 24)
        let discovered = F.start.addingTimeInterval(-20 * Self.day)
        let events = try h.run(
            .recordBusinessAssociateNotice(
                associate: "Brightline Social LLC", discoveredAt: discovered, toldAt: F.start, lateReason: nil),
            as: F.pat)
        #expect(
            events == [
                .businessAssociateNoticeRecorded(
                    BusinessAssociateNoticeRecorded(
                        associate: "Brightline Social LLC", discoveredAt: discovered, toldAt: F.start))
            ])
        #expect(h.state.discoveredAt == discovered)
        #expect(h.state.discoveryAmendments.last?.reason.contains("Brightline Social LLC") == true)
        #expect(h.state.businessAssociateNotices.first?.late == false)
        #expect(due(h, "individuals-notice") == discovered.addingTimeInterval(60 * Self.day))
        #expect(due(h, "risk-assessment") == discovered.addingTimeInterval(10 * Self.day))
    }

    @Test(
        "after an associate's earlier discovery, moving discovery back towards our own date needs the privacy officer"
    )
    func walkingBackNeedsThePrivacyOfficer() throws {
        var h = try leak()
        h.advance(hours: 24)
        let discovered = F.start.addingTimeInterval(-20 * Self.day)
        try h.run(
            .recordBusinessAssociateNotice(
                associate: "Brightline Social LLC", discoveredAt: discovered, toldAt: F.start, lateReason: nil),
            as: F.pat)
        let later = F.start.addingTimeInterval(-1 * Self.day)
        let refusal = h.refusal(.amendDiscovery(discoveredAt: later, reason: "our own date"), as: F.alice)
        #expect(refusal?.rule == "discovery.later-needs-privacy-officer")
        #expect(h.state.discoveredAt == discovered)
        try h.run(.amendDiscovery(discoveredAt: later, reason: "the associate's log was wrong"), as: F.pat)
        #expect(h.state.discoveredAt == later)
    }

    @Test("an associate that discovered it after we did does not move our discovery later")
    func laterDiscoveryChangesNothing() throws {
        var h = try leak()
        h.advance(hours: 48)
        try h.run(
            .recordBusinessAssociateNotice(
                associate: "Agency", discoveredAt: F.start.addingTimeInterval(3_600), toldAt: h.now, lateReason: nil),
            as: F.lee)
        #expect(h.state.discoveredAt == F.start)
        #expect(h.state.discoveryAmendments.isEmpty)
    }

    @Test(
        "a notice more than 60 days after the associate's discovery is refused without a reason, and recorded late with one"
    )
    func lateNoticeNeedsReason() throws {
        var h = try leak()
        let discovered = F.start.addingTimeInterval(-61 * Self.day)
        let refusal = h.refusal(
            .recordBusinessAssociateNotice(
                associate: "Agency", discoveredAt: discovered, toldAt: F.start, lateReason: " "),
            as: F.pat)
        #expect(refusal?.rule == "business-associate.late-needs-reason" && refusal?.isBadInput == false)
        #expect(refusal?.message.contains("61 days") == true, "\(refusal?.message ?? "")")
        #expect(h.state.businessAssociateNotices.isEmpty && h.state.discoveredAt == F.start)
        try h.run(
            .recordBusinessAssociateNotice(
                associate: "Agency", discoveredAt: discovered, toldAt: F.start, lateReason: "its review took 9 weeks"),
            as: F.pat)
        #expect(h.state.businessAssociateNotices.first?.late == true)
        #expect(h.state.businessAssociateNotices.first?.lateReason == "its review took 9 weeks")
        // Exactly 60 days is on time.
        var onTime = try leak()
        try onTime.run(
            .recordBusinessAssociateNotice(
                associate: "Agency", discoveredAt: F.start.addingTimeInterval(-60 * Self.day), toldAt: F.start,
                lateReason: nil),
            as: F.pat)
        #expect(onTime.state.businessAssociateNotices.first?.late == false)
    }

    @Test("times in the future, a notice before the discovery, or no name are bad input; others may not record it")
    func badInput() throws {
        var h = try leak()
        let future = h.refusal(
            .recordBusinessAssociateNotice(
                associate: "Agency", discoveredAt: F.start, toldAt: F.start.addingTimeInterval(3_600), lateReason: nil),
            as: F.pat)
        #expect(future?.rule == "input.time-in-future" && future?.isBadInput == true)
        let backwards = h.refusal(
            .recordBusinessAssociateNotice(
                associate: "Agency", discoveredAt: F.start, toldAt: F.start.addingTimeInterval(-3_600), lateReason: nil),
            as: F.pat)
        #expect(backwards?.rule == "input.invalid-period")
        #expect(
            h.refusal(
                .recordBusinessAssociateNotice(associate: " ", discoveredAt: F.start, toldAt: F.start, lateReason: nil),
                as: F.pat)?.rule == "input.required")
        #expect(
            h.refusal(
                .recordBusinessAssociateNotice(associate: "A", discoveredAt: F.start, toldAt: F.start, lateReason: nil),
                as: F.sam)?.rule == "permission.role")
    }
}
