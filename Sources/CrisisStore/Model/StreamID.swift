import Foundation

/// The name of one append-only stream, such as `incident-<uuid>` or `roster`.
public struct StreamID: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The longest stream id the store accepts, in UTF-8 bytes.
    public static let maximumBytes = 200

    public let rawValue: String

    /// Checks the name the same way the append function does, so bad input
    /// is refused before a round trip.
    public init(_ rawValue: String) throws(EventStoreError) {
        try NameRules.check(rawValue, what: "stream id")
        self.rawValue = rawValue
    }

    /// The stream of one incident.
    public static func incident(_ id: UUID) -> StreamID {
        StreamID(trusted: "incident-\(id.uuidString.lowercased())")
    }

    init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(value)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The rules shared by stream ids and event types.
enum NameRules {
    static func check(_ value: String, what: String) throws(EventStoreError) {
        if value.isEmpty {
            throw .invalidInput("the \(what) is empty")
        }
        let bytes = value.utf8.count
        if bytes > StreamID.maximumBytes {
            throw .invalidInput(
                "the \(what) is \(bytes) bytes long; the limit is \(StreamID.maximumBytes) bytes")
        }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidInput("the \(what) contains control characters")
        }
    }
}
