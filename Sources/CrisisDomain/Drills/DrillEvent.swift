import Foundation

/// Something that happened to the drill schedule (the `drills` stream): a drill scheduled, and
/// the incident `crisis watch` opened for it when its time came (issue 16).
public enum DrillEvent: Sendable, Equatable {
    case drillScheduled(DrillScheduled)
    case drillStarted(DrillStarted)
}

/// Payload of `DrillScheduled`: a drill of `kind` is to start, unannounced, at `at`.
public struct DrillScheduled: Sendable, Equatable, Codable {
    public var drillId: String
    public var kind: String
    public var at: Date

    public init(drillId: String, kind: String, at: Date) {
        self.drillId = drillId
        self.kind = kind
        self.at = at
    }
}

/// Payload of `DrillStarted`: the drill incident opened for a scheduled drill.
public struct DrillStarted: Sendable, Equatable, Codable {
    public var drillId: String
    public var incidentId: UUID

    public init(drillId: String, incidentId: UUID) {
        self.drillId = drillId
        self.incidentId = incidentId
    }
}

extension DrillEvent: StoredEvent {
    public var eventType: String {
        switch self {
        case .drillScheduled: "DrillScheduled"
        case .drillStarted: "DrillStarted"
        }
    }

    public var schemaVersion: Int { 1 }

    public func encodedData() throws -> Data {
        let encoder = EventJSON.encoder()
        switch self {
        case .drillScheduled(let p): return try encoder.encode(p)
        case .drillStarted(let p): return try encoder.encode(p)
        }
    }

    public static func decode(eventType: String, data: Data) throws(EventDecodingError) -> DrillEvent {
        do {
            let decoder = EventJSON.decoder()
            switch eventType {
            case "DrillScheduled": return .drillScheduled(try decoder.decode(DrillScheduled.self, from: data))
            case "DrillStarted": return .drillStarted(try decoder.decode(DrillStarted.self, from: data))
            default: throw EventDecodingError.unknownEventType(eventType)
            }
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw .malformedData(eventType: eventType, detail: "\(error)")
        }
    }
}
