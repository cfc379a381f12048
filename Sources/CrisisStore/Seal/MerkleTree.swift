import Foundation
import Crypto

/// The Merkle tree hash of RFC 6962 (Certificate Transparency), section 2.1,
/// over the sealed stream heads: leaves are hashed with a 0x00 prefix, inner
/// nodes with 0x01, and a list of n > 1 leaves splits at the largest power of
/// two below n. docs/audit.md documents the leaf bytes.
public enum MerkleTree {
    /// The root over `leaves` (each leaf's data, not yet hashed). SHA-256 of
    /// nothing for an empty list.
    public static func root(_ leaves: [[UInt8]]) -> [UInt8] {
        guard !leaves.isEmpty else { return Array(SHA256.hash(data: [UInt8]())) }
        return node(leaves[...])
    }

    /// The leaf data of one sealed stream: frame(utf8 stream id) || version as
    /// 8 bytes big-endian || frame(head hash), where frame is a 4-byte
    /// big-endian length followed by the bytes.
    public static func leaf(streamID: String, version: Int64, headHash: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        SealBytes.appendFramed(Array(streamID.utf8), to: &bytes)
        SealBytes.appendBigEndian(UInt64(bitPattern: version), to: &bytes)
        SealBytes.appendFramed(headHash, to: &bytes)
        return bytes
    }

    private static func node(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1, let only = leaves.first {
            return Array(SHA256.hash(data: [0x00] + only))
        }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let middle = leaves.startIndex + split
        let left = node(leaves[..<middle])
        let right = node(leaves[middle...])
        return Array(SHA256.hash(data: [0x01] + left + right))
    }
}

/// Byte helpers shared by the seal's leaves and its signed statement.
enum SealBytes {
    static func appendFramed(_ field: [UInt8], to bytes: inout [UInt8]) {
        appendBigEndian(UInt32(field.count), to: &bytes)
        bytes.append(contentsOf: field)
    }

    static func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Lower-case hex to bytes; nil when the text is not hex.
    static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
