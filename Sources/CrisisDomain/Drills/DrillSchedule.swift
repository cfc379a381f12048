import Foundation

/// The drills scheduled and which of them have started, folded from the `drills` stream.
public struct DrillSchedule: Sendable, Equatable, Codable {
    /// One scheduled drill.
    public struct Drill: Sendable, Equatable, Codable {
        public var id: String
        public var kind: String
        public var at: Date
        public var scheduledBy: String
        /// The drill incident opened for it; nil until `crisis watch` starts it.
        public var incident: UUID?
    }

    public var drills: [Drill] = []
    public var version: Int64 = 0

    public init() {}

    public func drill(_ id: String) -> Drill? { drills.first { $0.id == id } }

    /// The drills whose time has come and that have not started, earliest first.
    public func due(at now: Date) -> [Drill] {
        drills.filter { $0.incident == nil && $0.at <= now }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// When the next drill not yet started falls due after `now` (nil: none).
    public func nextDue(after now: Date) -> Date? {
        drills.filter { $0.incident == nil && $0.at > now }.map(\.at).min()
    }

    func applying(_ recorded: Recorded<DrillEvent>) -> DrillSchedule {
        var next = self
        next.version = recorded.version
        switch recorded.event {
        case .drillScheduled(let e):
            next.drills.append(Drill(id: e.drillId, kind: e.kind, at: e.at, scheduledBy: recorded.actor, incident: nil))
        case .drillStarted(let e):
            if let index = next.drills.firstIndex(where: { $0.id == e.drillId }) {
                next.drills[index].incident = e.incidentId
            }
        }
        return next
    }
}
