import Crypto
import Foundation

/// The hash that links an event to the one before it in its stream, computed
/// from stored fields exactly as `crisis.event_hash` computes it in SQL.
/// The byte layout is documented in docs/hash-chain.md.
public enum EventHash {
    static let domainTag = Array("crisis-event-v1".utf8)

    public static func compute(for event: RecordedEvent, previousHash: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + event.data.count + event.metadata.count)
        appendFramed(domainTag, to: &bytes)
        appendFramed(previousHash, to: &bytes)
        appendFramed(Array(event.streamID.utf8), to: &bytes)
        appendBigEndian(UInt64(bitPattern: event.streamVersion), to: &bytes)
        withUnsafeBytes(of: event.eventID.uuid) { bytes.append(contentsOf: $0) }
        appendFramed(Array(event.type.utf8), to: &bytes)
        appendBigEndian(UInt32(truncatingIfNeeded: event.schemaVersion), to: &bytes)
        appendFramed(event.data, to: &bytes)
        appendFramed(event.metadata, to: &bytes)
        appendFramed(Array(event.actor.utf8), to: &bytes)
        appendBigEndian(UInt64(bitPattern: event.recordedAtMicroseconds), to: &bytes)
        return Array(SHA256.hash(data: bytes))
    }

    private static func appendFramed<Bytes: Collection<UInt8>>(
        _ field: Bytes, to bytes: inout [UInt8]
    ) {
        appendBigEndian(UInt32(field.count), to: &bytes)
        bytes.append(contentsOf: field)
    }

    private static func appendBigEndian<Integer: FixedWidthInteger>(
        _ value: Integer, to bytes: inout [UInt8]
    ) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}

extension Array where Element == UInt8 {
    /// Lower-case hexadecimal, as exports and seals print hashes.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
