import Crypto
import Foundation

/// A signed statement of every stream's head hash at a global position.
/// Kept outside the database, it makes a later rewrite of history detectable,
/// even one by a superuser who recomputes every hash. Format: docs/audit.md.
public struct Seal: Sendable, Equatable, Codable {
    public static let formatName = "crisis-seal-v1"

    /// One stream's head as sealed.
    public struct SealedStream: Sendable, Equatable, Codable {
        public var streamId: String
        public var version: Int64
        /// Hex SHA-256 of the stream's event at `version`.
        public var headHash: String

        public init(streamId: String, version: Int64, headHash: String) {
            self.streamId = streamId
            self.version = version
            self.headHash = headHash
        }
    }

    public var format: String
    /// The highest global position visible when the seal was made.
    public var globalPosition: Int64
    public var sealedAt: String
    public var sealedAtMicroseconds: Int64
    /// Sorted by stream id (byte order of its UTF-8).
    public var streams: [SealedStream]
    /// Hex RFC 6962 Merkle root over the streams' leaves.
    public var merkleRoot: String
    /// Hex raw Ed25519 public key (32 bytes) of the signer.
    public var publicKey: String
    /// Hex Ed25519 signature over ``signedBytes``.
    public var signature: String

    /// Makes and signs a seal of `heads`.
    public static func make(
        heads: [StreamHead], globalPosition: Int64, sealedAtMicroseconds: Int64, sealedAt: String,
        key: SealSigningKey
    ) throws -> Seal {
        let streams = heads.filter { $0.version > 0 }
            .sorted { Array($0.streamID.utf8).lexicographicallyPrecedes(Array($1.streamID.utf8)) }
            .map { SealedStream(streamId: $0.streamID, version: $0.version, headHash: $0.hash.hexString) }
        var seal = Seal(
            format: formatName, globalPosition: globalPosition, sealedAt: sealedAt,
            sealedAtMicroseconds: sealedAtMicroseconds, streams: streams, merkleRoot: "",
            publicKey: key.publicKeyHex, signature: "")
        let root = try seal.computedRoot()
        seal.merkleRoot = root.hexString
        seal.signature = Array(try key.key.signature(for: seal.signedBytes(root: root))).hexString
        return seal
    }

    /// The Merkle root recomputed from the listed streams.
    public func computedRoot() throws(SealProblem) -> [UInt8] {
        var leaves: [[UInt8]] = []
        leaves.reserveCapacity(streams.count)
        for stream in streams {
            guard let hash = SealBytes.bytes(fromHex: stream.headHash), hash.count == 32 else {
                throw .malformed("the head hash of \(stream.streamId) is not 64 hex digits")
            }
            leaves.append(MerkleTree.leaf(streamID: stream.streamId, version: stream.version, headHash: hash))
        }
        return MerkleTree.root(leaves)
    }

    /// What the signature covers: frame("crisis-seal-v1") || global position
    /// (8 bytes) || sealed-at microseconds (8 bytes) || stream count (8 bytes) || root (32 bytes).
    public func signedBytes(root: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        SealBytes.appendFramed(Array(Self.formatName.utf8), to: &bytes)
        SealBytes.appendBigEndian(UInt64(bitPattern: globalPosition), to: &bytes)
        SealBytes.appendBigEndian(UInt64(bitPattern: sealedAtMicroseconds), to: &bytes)
        SealBytes.appendBigEndian(UInt64(streams.count), to: &bytes)
        bytes.append(contentsOf: root)
        return bytes
    }

    /// Checks the format, the Merkle root and the signature. With `trusted`,
    /// the signature must be by that key; without it, by the key the seal names.
    public func checkSignature(trusted: SealVerifyingKey?) throws(SealProblem) {
        guard format == Self.formatName else {
            throw .malformed("the format is \"\(format)\", not \(Self.formatName)")
        }
        let root = try computedRoot()
        guard root.hexString == merkleRoot.lowercased() else {
            throw .badSignature(
                "the Merkle root recomputed from the listed streams (\(root.hexString)) is not the sealed root \(merkleRoot): the stream list was altered"
            )
        }
        let key: Curve25519.Signing.PublicKey
        if let trusted {
            key = trusted.key
        } else {
            guard let raw = SealBytes.bytes(fromHex: publicKey),
                let named = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
            else { throw .malformed("the public key is not 64 hex digits of an Ed25519 key") }
            key = named
        }
        guard let signatureBytes = SealBytes.bytes(fromHex: signature),
            key.isValidSignature(signatureBytes, for: signedBytes(root: root))
        else {
            throw .badSignature(
                trusted == nil
                    ? "the signature does not verify with the key the seal names: the seal was altered"
                    : "the signature does not verify with the trusted public key: the seal was altered or signed by another key"
            )
        }
    }

    public static func decode(_ data: Data) throws(SealProblem) -> Seal {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Seal.self, from: data)
        } catch {
            throw .malformed("it is not a crisis seal (JSON): \(error)")
        }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Why a seal cannot be trusted as given.
public enum SealProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case badSignature(String)

    public var description: String {
        switch self {
        case .malformed(let reason): "the seal is malformed: \(reason)"
        case .badSignature(let reason): "the seal's signature does not hold: \(reason)"
        }
    }
}
