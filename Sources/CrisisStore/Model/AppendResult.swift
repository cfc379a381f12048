import Foundation

/// What one append wrote (or, for a repeated command id, what the first call wrote).
public struct AppendResult: Sendable, Equatable {
    /// One entry per event, in stream order.
    public struct Written: Sendable, Equatable {
        public var eventID: UUID
        public var streamVersion: Int64
        public var globalPosition: Int64
        public var recordedAtMicroseconds: Int64
        public var hash: [UInt8]
    }

    public var streamID: StreamID
    public var events: [Written]

    /// The stream's version after the append.
    public var lastVersion: Int64 { events.last?.streamVersion ?? 0 }
}
