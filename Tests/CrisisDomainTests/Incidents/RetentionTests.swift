import CrisisDomain
import Foundation
import Testing

/// Retention and shredding (issue 13), decided without a database: a key is shredded only after
/// the record's six years, never under a legal hold, and only by a privacy officer.
@Suite("Retention, legal holds and shredding")
struct RetentionTests {
    typealias F = Fixtures

    /// A viral complaint closed at `h.now` (set directly: closing by its workflow is tested elsewhere).
    func closed() throws -> IncidentHarness {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        h.state.lifecycle = .closed
        h.state.closedAt = h.now
        return h
    }

    static let sixYears: Double = 6 * 366 * 86_400

    @Test("shredding before the retention ends is refused, naming the day it ends; afterwards it is recorded")
    func notBeforeRetention() throws {
        var h = try closed()
        h.advance(hours: 24 * 365 * 5)
        let early = h.refusal(.shredKey(reason: "schedule"), as: F.pat)
        #expect(early?.id == .retentionNotOver)
        let end = RetentionRecord.end(closedAt: F.start).formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
        #expect(early?.message.contains(end) == true)
        h.now = F.start.addingTimeInterval(Self.sixYears)
        #expect(try h.run(.shredKey(reason: "schedule"), as: F.pat).map(\.eventType) == ["KeyShredded"])
        #expect(h.state.retention.isShredded)
        #expect(try h.run(.shredKey(reason: "again"), as: F.pat).isEmpty)
    }

    @Test("a workflow's retention-years keeps its incidents longer than six years")
    func retentionPerKind() throws {
        var h = try closed()
        h.definition.retentionYears = 10
        h.now = F.start.addingTimeInterval(Self.sixYears)
        let early = h.refusal(.shredKey(reason: "schedule"), as: F.pat)
        #expect(early?.id == .retentionNotOver)
        #expect(early?.message.contains("10 years") == true)
        h.now = F.start.addingTimeInterval(10 * 366 * 86_400)
        #expect(try h.run(.shredKey(reason: "schedule"), as: F.pat).map(\.eventType) == ["KeyShredded"])
    }

    @Test("an open incident is never shredded")
    func openIsKept() throws {
        var h = try IncidentHarness("viral-complaint")
        try h.open()
        h.now = F.start.addingTimeInterval(Self.sixYears)
        #expect(h.refusal(.shredKey(reason: "schedule"), as: F.pat)?.id == .retentionNotOver)
    }

    @Test("a legal hold stops shredding until it is released")
    func legalHold() throws {
        var h = try closed()
        try h.run(.placeLegalHold(reason: "Roe v. General Hospital"), as: F.lee)
        #expect(h.state.retention.isOnHold)
        h.now = F.start.addingTimeInterval(Self.sixYears)
        #expect(h.refusal(.shredKey(reason: "schedule"), as: F.pat)?.id == .retentionLegalHold)
        try h.run(.releaseLegalHold(reason: "settled"), as: F.pat)
        #expect(!h.state.retention.isOnHold)
        #expect(h.refusal(.releaseLegalHold(reason: "again"), as: F.pat)?.id == .retentionNoHold)
        try h.run(.shredKey(reason: "schedule"), as: F.pat)
    }

    @Test("only a privacy officer shreds; privacy officer or legal place and release holds")
    func permissions() throws {
        var h = try closed()
        h.now = F.start.addingTimeInterval(Self.sixYears)
        #expect(h.refusal(.shredKey(reason: "schedule"), as: F.alice)?.id == .permissionRole)
        #expect(h.refusal(.shredKey(reason: "schedule"), as: F.lee)?.id == .permissionRole)
        #expect(h.refusal(.placeLegalHold(reason: "matter"), as: F.sam)?.id == .permissionRole)
    }
}
