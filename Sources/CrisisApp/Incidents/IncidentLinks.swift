import CrisisDomain
import CrisisStore
import Crypto
import Foundation

/// Incidents that belong together: a viral complaint in which patient detail
/// turns up forks into a phi-leak incident, and each records the other (the
/// complaint's `phi-found` action waits for that link). Both sides are checked
/// before either is written, a link already there is not written again, and
/// a retry with the caller's command id completes a link half written.
public struct IncidentLinks: Sendable {
    public let handler: IncidentHandler

    public init(handler: IncidentHandler) {
        self.handler = handler
    }

    /// Records on `stream` that it is linked to `other`, and on `other` the
    /// same the other way; returns `stream`'s incident after it.
    @discardableResult
    public func link(_ stream: StreamID, to other: StreamID, reason: String) async throws(CommandError)
        -> LoadedIncident
    {
        guard stream != other else {
            throw .badInput("an incident cannot be linked to itself; name the other incident with --to")
        }
        let target = try await opened(other)
        let forward = IncidentCommand.linkIncident(other: target.id, kind: target.kind, reason: reason)
        let source = try await handler.check(forward, on: stream)
        guard let sourceID = source.state.id else { throw .badInput("there is no incident \(stream.rawValue)") }
        try Self.sameReality(drill: source.state.isDrill, other: target.drill)
        let backward = IncidentCommand.linkIncident(other: sourceID, kind: source.state.kind, reason: reason)
        try await handler.check(backward, on: other)
        let linked = try await handler.execute(forward, on: stream)
        _ = try await otherSide.execute(backward, on: other)
        return linked
    }

    /// Opens `open` as a new incident of `kind` linked to `origin`: the link is
    /// checked first, the opening is checked, the link is recorded on `origin`,
    /// then the incident opens naming it. Nothing is opened when the link is refused.
    /// `phiFromStart`: patient detail was in `origin`'s thread from the start, so the new
    /// incident's discovery is `origin`'s, and its opening event says so (issue 18).
    public func open(
        kind: String, _ open: OpenIncident, from origin: StreamID, reason: String, phiFromStart: Bool = false
    ) async throws(CommandError) -> LoadedIncident {
        let backward = IncidentCommand.linkIncident(other: open.id, kind: kind, reason: reason)
        let source = try await handler.check(backward, on: origin)
        try Self.sameReality(drill: open.drill, other: source.state.isDrill)
        var opening = open
        opening.linkedIncident = source.state.id
        if phiFromStart, let id = source.state.id {
            guard let discovered = source.state.discoveredAt ?? source.state.detectedAt else {
                throw .badInput("the linked incident records no discovery time to take; give --discovered-at")
            }
            opening.discoverySource = DiscoverySource(
                linkedIncident: id, discoveredAt: discovered,
                reason: "patient detail was in the linked \(source.state.kind) incident's thread from the start")
        }
        let otherSide = otherSide
        return try await handler.open(
            kind: kind, opening,
            beforeWriting: { () async throws(CommandError) in
                _ = try await otherSide.execute(backward, on: origin)
            })
    }

    /// The handler for the second incident a command touches: its command id
    /// is derived from the caller's, so a retry finds it too.
    private var otherSide: IncidentHandler {
        var other = handler
        other.commandID = handler.commandID.map { Self.derived(from: $0, "linked incident") }
        return other
    }

    static func derived(from id: UUID, _ purpose: String) -> UUID {
        let digest = Array(SHA256.hash(data: Data((id.uuidString.lowercased() + ":" + purpose).utf8)))
        return UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7], digest[8],
                digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
            ))
    }

    private func opened(_ stream: StreamID) async throws(CommandError) -> (id: UUID, kind: String, drill: Bool) {
        let incident = try await handler.load(stream)
        guard let id = incident.state.id else {
            throw .badInput("there is no incident \(stream.rawValue); `crisis incident list` shows them")
        }
        return (id, incident.state.kind, incident.state.isDrill)
    }

    /// A drill and a real incident are never linked: a drill cannot become real, or a real
    /// incident a drill, by the back door of a link (issue 16).
    static func sameReality(drill: Bool, other: Bool) throws(CommandError) {
        guard drill == other else {
            throw .badInput(
                "a drill and a real incident cannot be linked (drill.link-real): a drill never turns into a real incident or back; open a real incident on its own"
            )
        }
    }
}
