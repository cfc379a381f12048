import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Ed25519 key files for seals: the private key as 64 hex digits (file mode
/// 0600), the public key as 64 hex digits in `FILE.pub`.
public enum SealKey {
    /// Writes a new key pair; refuses to overwrite an existing file.
    public static func generate(to path: String) throws(SealKeyError) -> SealSigningKey {
        let key = Curve25519.Signing.PrivateKey()
        let publicPath = path + ".pub"
        for existing in [path, publicPath] where FileManager.default.fileExists(atPath: existing) {
            throw SealKeyError("\(existing) already exists; choose another --out or move it away first")
        }
        try write(Array(key.rawRepresentation).hexString + "\n", to: path, mode: 0o600)
        try write(Array(key.publicKey.rawRepresentation).hexString + "\n", to: publicPath, mode: 0o644)
        return SealSigningKey(key: key)
    }

    public static func loadPrivate(_ path: String) throws(SealKeyError) -> SealSigningKey {
        guard let raw = SealBytes.bytes(fromHex: try read(path)), raw.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw SealKeyError("\(path) is not a crisis private key (64 hex digits from `crisis audit keygen`)") }
        return SealSigningKey(key: key)
    }

    public static func loadPublic(_ path: String) throws(SealKeyError) -> SealVerifyingKey {
        guard let raw = SealBytes.bytes(fromHex: try read(path)), raw.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else {
            throw SealKeyError("\(path) is not a crisis public key (64 hex digits, the .pub of `crisis audit keygen`)")
        }
        return SealVerifyingKey(key: key)
    }

    private static func read(_ path: String) throws(SealKeyError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SealKeyError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Creates the file with `mode` from the start, so a private key is never readable by others.
    static func write(_ text: String, to path: String, mode: mode_t) throws(SealKeyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            throw SealKeyError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw SealKeyError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        _ = fchmod(descriptor, mode)
    }
}

/// A key file that cannot be made or read, with what to do about it.
public struct SealKeyError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The private half of a seal key pair.
public struct SealSigningKey: Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// Hex of the raw public key, as seals name their signer.
    public var publicKeyHex: String { Array(key.publicKey.rawRepresentation).hexString }
}

/// The public half of a seal key pair: what a regulator checks a seal with.
public struct SealVerifyingKey: Sendable {
    let key: Curve25519.Signing.PublicKey
}
