import Foundation

/// What happened to a takedown request, in the past tense.
public enum RemovalEvent: Sendable, Equatable {
    case requested(RemovalRequested)
    case confirmed(RemovalResolved)
    case failed(RemovalResolved)
    case abandoned(RemovalResolved)

    /// Every removal event type name, in declaration order.
    public static let eventTypes = ["RemovalRequested", "RemovalConfirmed", "RemovalFailed", "RemovalAbandoned"]

    public var eventType: String {
        switch self {
        case .requested: "RemovalRequested"
        case .confirmed: "RemovalConfirmed"
        case .failed: "RemovalFailed"
        case .abandoned: "RemovalAbandoned"
        }
    }

    /// The removal the event is about.
    public var removalId: String {
        switch self {
        case .requested(let e): e.removalId
        case .confirmed(let e), .failed(let e), .abandoned(let e): e.removalId
        }
    }

    func encodedData(_ encoder: JSONEncoder) throws -> Data {
        switch self {
        case .requested(let p): try encoder.encode(p)
        case .confirmed(let p), .failed(let p), .abandoned(let p): try encoder.encode(p)
        }
    }

    /// The event for a stored type name, or nil when the name is not a removal event's.
    static func decode(eventType: String, data: Data, _ decoder: JSONDecoder) throws -> RemovalEvent? {
        switch eventType {
        case "RemovalRequested": .requested(try decoder.decode(RemovalRequested.self, from: data))
        case "RemovalConfirmed": .confirmed(try decoder.decode(RemovalResolved.self, from: data))
        case "RemovalFailed": .failed(try decoder.decode(RemovalResolved.self, from: data))
        case "RemovalAbandoned": .abandoned(try decoder.decode(RemovalResolved.self, from: data))
        default: nil
        }
    }

    /// One line of the timeline.
    public var sentence: String {
        switch self {
        case .requested(let e): "requested removal \(e.removalId) on \(e.platform): \(e.url)"
        case .confirmed(let e): "confirmed removal \(e.removalId)" + (e.detail.map { " — \($0)" } ?? "")
        case .failed(let e): "removal \(e.removalId) failed: \(e.detail ?? "")"
        case .abandoned(let e): "abandoned removal \(e.removalId): \(e.detail ?? "")"
        }
    }

    /// Folds the event into the incident's removals.
    func evolve(_ state: inout IncidentState, by: String, at: Date) {
        func resolve(_ e: RemovalResolved, _ status: Removal.Status) {
            guard let index = state.removals.firstIndex(where: { $0.id == e.removalId }) else { return }
            state.removals[index].status = status
            state.removals[index].history.append(RemovalStep(status: status, detail: e.detail, by: by, at: at))
        }
        switch self {
        case .requested(let e):
            state.removals.append(
                Removal(
                    id: e.removalId, platform: e.platform, url: e.url, status: .requested, requestedBy: by,
                    requestedAt: at, history: [RemovalStep(status: .requested, detail: nil, by: by, at: at)]))
        case .confirmed(let e): resolve(e, .confirmed)
        case .failed(let e): resolve(e, .failed)
        case .abandoned(let e): resolve(e, .abandoned)
        }
    }
}
