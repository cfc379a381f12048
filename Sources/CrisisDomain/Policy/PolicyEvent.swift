import Foundation

/// Something that happened to a policy proposal; stored in the proposal's own
/// stream (`policy-<uuid>`), with actor and time recorded by the database.
public enum PolicyEvent: Sendable, Equatable {
    case proposed(PolicyChangeProposed)
    case decided(PolicyChangeDecided)
    case adopted(PolicyChangeAdopted)

    public static let eventTypes = ["PolicyChangeProposed", "PolicyChangeDecided", "PolicyChangeAdopted"]

    public var eventType: String {
        switch self {
        case .proposed: "PolicyChangeProposed"
        case .decided: "PolicyChangeDecided"
        case .adopted: "PolicyChangeAdopted"
        }
    }

    /// Every policy event is still at its first schema.
    public var schemaVersion: Int { 1 }

    public func encodedData() throws -> Data {
        let encoder = EventJSON.encoder()
        switch self {
        case .proposed(let p): return try encoder.encode(p)
        case .decided(let p): return try encoder.encode(p)
        case .adopted(let p): return try encoder.encode(p)
        }
    }

    public static func decode(eventType: String, data: Data) throws(EventDecodingError) -> PolicyEvent {
        do {
            let decoder = EventJSON.decoder()
            switch eventType {
            case "PolicyChangeProposed": return .proposed(try decoder.decode(PolicyChangeProposed.self, from: data))
            case "PolicyChangeDecided": return .decided(try decoder.decode(PolicyChangeDecided.self, from: data))
            case "PolicyChangeAdopted": return .adopted(try decoder.decode(PolicyChangeAdopted.self, from: data))
            default: throw EventDecodingError.unknownEventType(eventType)
            }
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw .malformedData(eventType: eventType, detail: String(describing: error))
        }
    }

    /// What happened, in a sentence (without who and when).
    public var sentence: String {
        switch self {
        case .proposed(let e):
            "proposed a change to the \(e.workflowKind) workflow: \(e.change)"
                + (e.fromIncidents.isEmpty
                    ? ""
                    : " (from \(e.fromIncidents.map { $0.uuidString.lowercased().prefix(8) }.joined(separator: ", ")))")
        case .decided(let e): "\(e.accepted ? "accepted" : "rejected") the proposal: \(e.reason)"
        case .adopted(let e): "adopted in \(e.kind) workflow v\(e.version) (\(e.contentHash.prefix(12)))"
        }
    }
}

/// Payload of `PolicyChangeProposed`.
public struct PolicyChangeProposed: Sendable, Equatable, Codable {
    public var proposalId: UUID
    public var workflowKind: String
    public var change: String
    /// The incidents whose post-mortems motivate the change.
    public var fromIncidents: [UUID]
    /// The workflow version in force for that kind when proposed, if any was published.
    public var workflowVersion: Int?
    /// The what-if replay the proposal was argued with (issue 16); nil: none attached.
    public var whatIf: WhatIfEvidence?

    public init(
        proposalId: UUID, workflowKind: String, change: String, fromIncidents: [UUID], workflowVersion: Int?,
        whatIf: WhatIfEvidence? = nil
    ) {
        self.proposalId = proposalId
        self.workflowKind = workflowKind
        self.change = change
        self.fromIncidents = fromIncidents
        self.workflowVersion = workflowVersion
        self.whatIf = whatIf
    }
}

/// Payload of `PolicyChangeDecided`.
public struct PolicyChangeDecided: Sendable, Equatable, Codable {
    public var accepted: Bool
    public var reason: String

    public init(accepted: Bool, reason: String) {
        self.accepted = accepted
        self.reason = reason
    }
}

/// Payload of `PolicyChangeAdopted`: the workflow version that carries an accepted change.
public struct PolicyChangeAdopted: Sendable, Equatable, Codable {
    public var kind: String
    public var version: Int
    public var contentHash: String

    public init(kind: String, version: Int, contentHash: String) {
        self.kind = kind
        self.version = version
        self.contentHash = contentHash
    }
}

extension PolicyEvent: StoredEvent {}
