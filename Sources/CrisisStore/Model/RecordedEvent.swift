import Foundation

/// An event as the store holds it: every stored field, exactly as stored.
public struct RecordedEvent: Sendable, Equatable {
    public var globalPosition: Int64
    public var streamID: String
    /// 1 for the first event of a stream.
    public var streamVersion: Int64
    public var eventID: UUID
    public var type: String
    public var schemaVersion: Int
    /// The `jsonb` text PostgreSQL prints for `data`: the bytes the hash covers.
    public var data: Data
    /// The `jsonb` text PostgreSQL prints for `metadata`.
    public var metadata: Data
    public var commandID: UUID
    /// The PostgreSQL role that authenticated when the event was appended.
    public var actor: String
    /// Microseconds since 1970-01-01T00:00:00Z, as stored (no rounding through `Double`).
    public var recordedAtMicroseconds: Int64
    /// The transaction that wrote the event; local to one cluster, never exported.
    public var transactionID: Int64
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    public init(
        globalPosition: Int64, streamID: String, streamVersion: Int64, eventID: UUID, type: String,
        schemaVersion: Int, data: Data, metadata: Data, commandID: UUID, actor: String,
        recordedAtMicroseconds: Int64, transactionID: Int64, previousHash: [UInt8], hash: [UInt8]
    ) {
        self.globalPosition = globalPosition
        self.streamID = streamID
        self.streamVersion = streamVersion
        self.eventID = eventID
        self.type = type
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
        self.commandID = commandID
        self.actor = actor
        self.recordedAtMicroseconds = recordedAtMicroseconds
        self.transactionID = transactionID
        self.previousHash = previousHash
        self.hash = hash
    }

    public var recordedAt: Date {
        Date(timeIntervalSince1970: Double(recordedAtMicroseconds) / 1_000_000)
    }

    /// The position of this event in the gap-safe order of the "all" reader.
    public var checkpoint: Checkpoint {
        Checkpoint(transactionID: transactionID, globalPosition: globalPosition)
    }
}
