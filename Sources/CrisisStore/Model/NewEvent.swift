import Foundation

/// An event on its way into the store: what happened, before the database
/// gives it a version, an actor, a time and a hash.
public struct NewEvent: Sendable, Equatable {
    /// The largest `data` plus `metadata` the store accepts for one event, in bytes.
    public static let maximumBytes = 262_144
    /// The most events one append may carry.
    public static let maximumPerAppend = 1_000

    public var id: UUID
    public var type: String
    public var schemaVersion: Int
    /// A JSON object, UTF-8 encoded.
    public var data: Data
    /// A JSON object, UTF-8 encoded: command, correlation and causation ids, workflow version.
    public var metadata: Data

    public init(
        id: UUID = UUID(), type: String, schemaVersion: Int = 1, data: Data,
        metadata: Data = Data("{}".utf8)
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
    }

    /// Refuses what the append function would refuse, with the same sentences.
    func validate() throws(EventStoreError) {
        try NameRules.check(type, what: "event type")
        if schemaVersion < 1 {
            throw .invalidInput(
                "event \"\(type)\" has schema version \(schemaVersion); versions start at 1")
        }
        let size = data.count + metadata.count
        if size > Self.maximumBytes {
            throw .payloadTooLarge(
                "event \"\(type)\" is \(size) bytes; the limit is \(Self.maximumBytes) bytes per event")
        }
        try Self.requireObject(data, field: "data", type: type)
        try Self.requireObject(metadata, field: "metadata", type: type)
    }

    private static func requireObject(_ json: Data, field: String, type: String)
        throws(EventStoreError)
    {
        let parsed = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        guard parsed is [String: Any] else {
            throw .invalidInput("the \(field) of event \"\(type)\" is not a JSON object")
        }
    }
}
