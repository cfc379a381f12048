import CrisisDomain
import CrisisStore
import Foundation

/// Incidents that belong together: a viral complaint in which patient detail
/// turns up forks into a phi-leak incident, and each records the other (the
/// complaint's `phi-found` action waits for that link).
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
        let source = try await opened(stream)
        let target = try await opened(other)
        let linked = try await handler.execute(
            .linkIncident(other: target.id, kind: target.kind, reason: reason), on: stream)
        // The other side is its own command: a retried --command-id belongs to the first.
        var reverse = handler
        reverse.commandID = nil
        _ = try await reverse.execute(.linkIncident(other: source.id, kind: source.kind, reason: reason), on: other)
        return linked
    }

    /// After `incident` was opened from `other` (its opening names `other`),
    /// records the link on `other` too.
    public func recordOpening(of incident: LoadedIncident, on other: StreamID, reason: String)
        async throws(CommandError)
    {
        guard let id = incident.state.id else { return }
        var reverse = handler
        reverse.commandID = nil
        _ = try await reverse.execute(.linkIncident(other: id, kind: incident.state.kind, reason: reason), on: other)
    }

    private func opened(_ stream: StreamID) async throws(CommandError) -> (id: UUID, kind: String) {
        let incident = try await handler.load(stream)
        guard let id = incident.state.id else {
            throw .badInput("there is no incident \(stream.rawValue); `crisis incident list` shows them")
        }
        return (id, incident.state.kind)
    }
}
