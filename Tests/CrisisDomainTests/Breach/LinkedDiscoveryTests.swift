import CrisisDomain
import Foundation
import Testing

/// Issue 18: a phi-leak opened from a viral complaint whose thread held patient detail from the
/// start takes the complaint's discovery time, and its opening event says where it came from.
@Suite("Discovery taken from the linked complaint")
struct LinkedDiscoveryTests {
    typealias F = Fixtures
    static let complaint = UUID(uuidString: "0B8E7E59-2C61-4F0E-9A43-4D3C5B6A7F80") ?? UUID()

    func opening(discoveredAt: Date? = nil, source: Date?, linkedTo: UUID? = complaint) -> IncidentCommand {
        var open = OpenIncident(
            id: F.incidentId, title: "Chart in the complaint thread", discoveredAt: discoveredAt,
            linkedIncident: linkedTo)
        open.discoverySource = source.map {
            DiscoverySource(linkedIncident: Self.complaint, discoveredAt: $0, reason: "patient detail from the start")
        }
        return .open(open)
    }

    @Test("the complaint's discovery becomes this incident's, and the opening records its source")
    func takesComplaintsDiscovery() throws {
        var h = try IncidentHarness("phi-leak")
        let complaintDiscovered = h.now.addingTimeInterval(-3 * 86_400)
        let events = try h.run(opening(source: complaintDiscovered), as: F.alice)
        guard case .incidentOpened(let opened) = events.first else {
            Issue.record("no opening")
            return
        }
        #expect(opened.discoveredAt == complaintDiscovered)
        #expect(opened.discoverySource?.linkedIncident == Self.complaint)
        #expect(h.state.discoveredAt == complaintDiscovered)
        #expect(h.state.breach.discoverySource?.discoveredAt == complaintDiscovered)
        #expect(try #require(h.history.first).event.sentence.contains("taken from linked incident"))
        // Every clock runs from the complaint's discovery.
        let first = try #require(deadlines(h.state, h.definition, now: h.now).first { $0.id == "individuals-notice" })
        #expect(first.startedAt == complaintDiscovered)
    }

    @Test("a typed discovery time beside it, or a source that is not the linked incident, is refused")
    func conflicts() throws {
        var h = try IncidentHarness("phi-leak")
        let earlier = h.now.addingTimeInterval(-86_400)
        #expect(
            h.refusal(opening(discoveredAt: earlier, source: earlier), as: F.alice)?.rule
                == "incident.discovery-conflict")
        #expect(h.refusal(opening(source: earlier, linkedTo: nil), as: F.alice)?.rule == "incident.discovery-conflict")
        #expect(h.state.lifecycle == .notOpened)
    }
}
