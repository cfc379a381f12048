import CrisisDomain
import CrisisStore
import Foundation

/// An incident folded from its stream, with the workflow it opened under.
public struct LoadedIncident: Sendable {
    public var stream: StreamID
    public var state: IncidentState
    /// The stream's version: what the next append expects.
    public var version: Int64
    public var definition: WorkflowDefinition?
    public var history: [RecordedIncidentEvent]

    public var id: String { stream.rawValue.replacingOccurrences(of: "incident-", with: "") }
}
