import Foundation

/// Why stored event data could not be turned back into an ``IncidentEvent``.
public enum EventDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownEventType(String)
    case malformedData(eventType: String, detail: String)

    public var description: String {
        switch self {
        case .unknownEventType(let type):
            "unknown event type \"\(type)\": this build of crisis does not know it; upgrade crisis to read this stream"
        case .malformedData(let type, let detail):
            "the data of a \(type) event does not match its schema: \(detail)"
        }
    }
}

extension IncidentEvent {
    /// The event's data as a JSON object with stable field names and ISO 8601 UTC dates
    /// with fractional seconds.
    public func encodedData() throws -> Data {
        let encoder = EventJSON.encoder()
        switch self {
        case .incidentOpened(let p): return try encoder.encode(p)
        case .roleAssigned(let p): return try encoder.encode(p)
        case .actionTaken(let p): return try encoder.encode(p)
        case .noteAdded(let p): return try encoder.encode(p)
        case .incidentLinked(let p): return try encoder.encode(p)
        case .evidenceCaptured(let p): return try encoder.encode(p)
        case .discoveryAmended(let p): return try encoder.encode(p)
        case .exclusionCheckRecorded(let p): return try encoder.encode(p)
        case .assessmentFactorRecorded(let p): return try encoder.encode(p)
        case .assessmentConcluded(let p): return try encoder.encode(p)
        case .assessmentRevised(let p): return try encoder.encode(p)
        case .breachCircumstancesRecorded(let p): return try encoder.encode(p)
        case .affectedPopulationRecorded(let p): return try encoder.encode(p)
        case .notificationRecorded(let p): return try encoder.encode(p)
        case .notificationNotOwedRecorded(let p): return try encoder.encode(p)
        case .lawEnforcementDelayRecorded(let p): return try encoder.encode(p)
        case .sanctionRecorded(let p): return try encoder.encode(p)
        case .deadlineMissed(let p): return try encoder.encode(p)
        case .deadlineEscalated(let p): return try encoder.encode(p)
        case .incidentClosed(let p): return try encoder.encode(p)
        case .commandRefused(let p): return try encoder.encode(p)
        case .message(let e): return try e.encodedData(encoder)
        case .removal(let e): return try e.encodedData(encoder)
        case .postMortem(let e): return try e.encodedData(encoder)
        case .paging(let e): return try e.encodedData(encoder)
        case .freeze(let e): return try e.encodedData(encoder)
        case .incidentRestricted(let p): return try encoder.encode(p)
        case .accessGranted(let p), .accessRevoked(let p): return try encoder.encode(p)
        case .auditAccessGranted(let p): return try encoder.encode(p)
        case .legalHoldPlaced(let p), .legalHoldReleased(let p): return try encoder.encode(p)
        case .keyShredded(let p): return try encoder.encode(p)
        case .privilegedNoteAdded(let p): return try encoder.encode(p)
        case .businessAssociateNoticeRecorded(let p): return try encoder.encode(p)
        }
    }

    /// Rebuilds an event from its stored type name and JSON data.
    public static func decode(eventType: String, data: Data) throws(EventDecodingError) -> IncidentEvent {
        do {
            switch eventType {
            case "IncidentOpened": return .incidentOpened(try payload(data))
            case "RoleAssigned": return .roleAssigned(try payload(data))
            case "ActionTaken": return .actionTaken(try payload(data))
            case "NoteAdded": return .noteAdded(try payload(data))
            case "IncidentLinked": return .incidentLinked(try payload(data))
            case "EvidenceCaptured": return .evidenceCaptured(try payload(data))
            case "DiscoveryAmended": return .discoveryAmended(try payload(data))
            case "ExclusionCheckRecorded": return .exclusionCheckRecorded(try payload(data))
            case "AssessmentFactorRecorded": return .assessmentFactorRecorded(try payload(data))
            case "AssessmentConcluded": return .assessmentConcluded(try payload(data))
            case "AssessmentRevised": return .assessmentRevised(try payload(data))
            case "BreachCircumstancesRecorded": return .breachCircumstancesRecorded(try payload(data))
            case "AffectedPopulationRecorded": return .affectedPopulationRecorded(try payload(data))
            case "NotificationRecorded": return .notificationRecorded(try payload(data))
            case "NotificationNotOwedRecorded": return .notificationNotOwedRecorded(try payload(data))
            case "LawEnforcementDelayRecorded": return .lawEnforcementDelayRecorded(try payload(data))
            case "SanctionRecorded": return .sanctionRecorded(try payload(data))
            case "DeadlineMissed": return .deadlineMissed(try payload(data))
            case "DeadlineEscalated": return .deadlineEscalated(try payload(data))
            case "IncidentClosed": return .incidentClosed(try payload(data))
            case "CommandRefused": return .commandRefused(try payload(data))
            case "IncidentRestricted": return .incidentRestricted(try payload(data))
            case "AccessGranted": return .accessGranted(try payload(data))
            case "AccessRevoked": return .accessRevoked(try payload(data))
            case "AuditAccessGranted": return .auditAccessGranted(try payload(data))
            case "LegalHoldPlaced": return .legalHoldPlaced(try payload(data))
            case "LegalHoldReleased": return .legalHoldReleased(try payload(data))
            case "KeyShredded": return .keyShredded(try payload(data))
            case PrivilegedNoteAdded.eventType: return .privilegedNoteAdded(try payload(data))
            case BusinessAssociateNoticeRecorded.eventType: return .businessAssociateNoticeRecorded(try payload(data))
            default:
                let decoder = EventJSON.decoder()
                if let message = try MessageEvent.decode(eventType: eventType, data: data, decoder) {
                    return .message(message)
                }
                if let removal = try RemovalEvent.decode(eventType: eventType, data: data, decoder) {
                    return .removal(removal)
                }
                if let postMortem = try PostMortemEvent.decode(eventType: eventType, data: data, decoder) {
                    return .postMortem(postMortem)
                }
                if let paging = try PagingEvent.decode(eventType: eventType, data: data, decoder) {
                    return .paging(paging)
                }
                if let freeze = try FreezeEvent.decode(eventType: eventType, data: data, decoder) {
                    return .freeze(freeze)
                }
                throw EventDecodingError.unknownEventType(eventType)
            }
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw .malformedData(eventType: eventType, detail: String(describing: error))
        }
    }

    private static func payload<P: Decodable>(_ data: Data) throws -> P {
        try EventJSON.decoder().decode(P.self, from: data)
    }
}

/// The JSON conventions of stored event data (and of state printed as JSON).
public enum EventJSON {
    /// A JSON encoder with sorted keys and ISO 8601 UTC dates with fractional seconds.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.dateStyle))
        }
        return encoder
    }

    /// A JSON decoder accepting ISO 8601 dates with or without fractional seconds.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? Self.dateStyle.parse(text) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not an ISO 8601 date")
        }
        return decoder
    }

    static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}

extension IncidentEvent: StoredEvent {}
