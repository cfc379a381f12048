import CrisisDomain
import Foundation
import Testing

/// Need to know (issue 13): restricting an incident and who may see it, decided without a
/// database. PostgreSQL enforces the visibility itself (Tests/CrisisStoreTests/NeedToKnowTests).
@Suite("Need to know: restricted incidents")
struct NeedToKnowDomainTests {
    typealias F = Fixtures

    static let roster: Roster = [
        ("alice", ["commander"]), ("alex", ["commander"]), ("lee", ["legal"]), ("pat", ["privacy-officer"]),
        ("sam", ["social-media"]), ("audrey", ["auditor"]),
    ].reduce(Roster()) { roster, entry in
        roster.applying(RosterEvent(change: .granted, person: entry.0, roles: entry.1), version: roster.version + 1)
    }

    func opened() throws -> IncidentHarness {
        var h = try IncidentHarness("viral-complaint")
        h.roster = Self.roster
        try h.open()
        return h
    }

    @Test("the commander restricts an incident with a reason; the restriction and who may see it are in the state")
    func commanderRestricts() throws {
        var h = try opened()
        try h.run(.restrict(reason: "The patient is a member of staff"), as: F.alice)
        #expect(h.state.access.restricted)
        #expect(h.state.access.reason == "The patient is a member of staff")
        #expect(h.state.access.people(at: h.now) == ["alice"])
        // Restricting again changes nothing.
        #expect(try h.run(.restrict(reason: "again"), as: F.alice).isEmpty)
    }

    @Test("only a commander or a privacy officer may restrict, grant or revoke")
    func onlyCommanderOrPrivacyOfficer() throws {
        var h = try opened()
        for command: IncidentCommand in [
            .restrict(reason: "staff"), .grantAccess(to: "lee"), .revokeAccess(from: "alice"),
            .grantAuditAccess(to: "audrey", until: F.start.addingTimeInterval(86_400)),
        ] {
            #expect(h.refusal(command, as: F.sam)?.id == .permissionRole)
            #expect(h.refusal(command, as: F.lee)?.id == .permissionRole)
        }
        try h.run(.restrict(reason: "staff"), as: F.pat)
        try h.run(.grantAccess(to: "lee"), as: F.pat)
        #expect(h.state.access.allows("lee", at: h.now))
    }

    @Test("opening restricted needs a commander or privacy officer, and records the restriction with the opening")
    func openRestricted() throws {
        var h = try IncidentHarness("phi-leak")
        let open = OpenIncident(id: F.incidentId, title: "Staff chart", restriction: "the patient is staff")
        #expect(h.refusal(.open(open), as: F.sam)?.id == .permissionRole)
        let events = try h.run(.open(open), as: F.alice)
        #expect(events.map(\.eventType) == ["IncidentOpened", "IncidentRestricted"])
        #expect(h.state.access.restricted)
    }

    @Test("a grant names a person on the roster; anyone else is bad input")
    func grantNeedsRoster() throws {
        var h = try opened()
        let refusal = h.refusal(.grantAccess(to: "mallory"), as: F.alice)
        #expect(refusal?.id == .inputNotOnRoster)
        #expect(refusal?.isBadInput == true)
    }

    @Test("the people assigned keep access: revoking them is refused")
    func assignedKeepAccess() throws {
        var h = try opened()
        try h.run(.assign(role: "legal", to: "lee"), as: F.alice)
        try h.run(.restrict(reason: "staff"), as: F.alice)
        #expect(h.refusal(.revokeAccess(from: "lee"), as: F.alice)?.id == .accessAssigned)
        #expect(h.state.access.allows("lee", at: h.now))
    }

    @Test("revoking the last commander's access is refused; with another commander it is accepted")
    func lastCommander() throws {
        var h = try IncidentHarness("viral-complaint")
        h.roster = Self.roster
        // Opened by the privacy officer; alice (a commander on the roster) is granted, not assigned.
        try h.run(.open(OpenIncident(id: F.incidentId, title: "t", restriction: "staff")), as: F.pat)
        try h.run(.grantAccess(to: "alice"), as: F.pat)
        #expect(h.refusal(.revokeAccess(from: "alice"), as: F.pat)?.id == .accessLastCommander)
        try h.run(.grantAccess(to: "alex"), as: F.pat)
        try h.run(.revokeAccess(from: "alice"), as: F.pat)
        #expect(!h.state.access.allows("alice", at: h.now))
        #expect(h.state.access.allows("alex", at: h.now))
    }

    @Test("revoking someone with no access of their own is bad input")
    func revokeUnknown() throws {
        var h = try opened()
        #expect(h.refusal(.revokeAccess(from: "lee"), as: F.alice)?.id == .accessNotGranted)
    }

    @Test("an auditor's access ends at its time; a time already past is bad input")
    func auditAccessEnds() throws {
        var h = try opened()
        try h.run(.restrict(reason: "staff"), as: F.alice)
        #expect(
            h.refusal(.grantAuditAccess(to: "audrey", until: h.now.addingTimeInterval(-1)), as: F.alice)?.id
                == .accessUntilPassed)
        try h.run(.grantAuditAccess(to: "audrey", until: h.now.addingTimeInterval(3_600)), as: F.alice)
        #expect(h.state.access.allows("audrey", at: h.now))
        #expect(!h.state.access.allows("audrey", at: h.now.addingTimeInterval(3_601)))
    }

    @Test("access can still be changed after the incident is closed (audits come later)")
    func afterClosing() {
        for command: IncidentCommand in [
            .restrict(reason: "r"), .grantAccess(to: "p"), .revokeAccess(from: "p"),
            .grantAuditAccess(to: "p", until: F.start),
        ] {
            #expect(command.acceptedAfterClosing)
        }
    }
}
