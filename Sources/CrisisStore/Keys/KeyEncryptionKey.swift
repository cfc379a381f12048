import Crypto
import Foundation

/// The key-encryption key (issue 13, crypto-shredding): an AES-256 key kept outside the
/// database, in the file `CRISIS_KEY_FILE` names (64 hex digits, mode 0600), that wraps each
/// incident's data key. Without it the PHI fields cannot be read; with it, nothing of a shredded
/// incident can be, since its data key is gone.
public struct KeyEncryptionKey: Sendable {
    /// The environment variable that names the key file.
    public static let variable = "CRISIS_KEY_FILE"

    let key: SymmetricKey
    /// The first 16 hex digits of SHA-256 of the key: stored with every wrapped key, so a wrong
    /// key file is named rather than found by a failed decryption.
    public let id: String

    init(raw: [UInt8]) {
        key = SymmetricKey(data: raw)
        id = String(Array(SHA256.hash(data: raw)).hexString.prefix(16))
    }

    /// A key that lives only as long as this process: for tests and tools that open a database
    /// themselves, never for a record anyone must read again.
    public static let ephemeral = KeyEncryptionKey(
        raw: Array(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))

    /// The key-encryption key the environment names: `CRISIS_KEY_FILE`, or on the embedded
    /// default (`embeddedHome` given) the file `key` under it, created when missing. Without
    /// either, the error says which variable to set.
    public static func fromEnvironment(_ environment: [String: String], embeddedHome: URL?) -> Result<
        KeyEncryptionKey, KeyFileError
    > {
        if let path = environment[variable], !path.isEmpty {
            return Result { () throws(KeyFileError) in try load(path) }
        }
        if let embeddedHome {
            return Result { () throws(KeyFileError) in
                try loadOrCreate(embeddedHome.appendingPathComponent("key").path)
            }
        }
        return .failure(
            KeyFileError(
                "\(variable) is not set: crisis needs the key-encryption key to read and write the words of an incident; set \(variable) to its file (64 hex digits, mode 0600; see docs/crypto-shredding.md)"
            ))
    }

    /// Reads the key file.
    public static func load(_ path: String) throws(KeyFileError) -> KeyEncryptionKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KeyFileError(
                "cannot read the key file \(path) (\(variable)): \(error.localizedDescription); point \(variable) at the key-encryption key"
            )
        }
        guard let raw = SealBytes.bytes(fromHex: text), raw.count == 32 else {
            throw KeyFileError(
                "\(path) (\(variable)) is not a crisis key-encryption key: 64 hex digits (32 random bytes) expected")
        }
        return KeyEncryptionKey(raw: raw)
    }

    /// Reads the key file, creating it (mode 0600, 32 random bytes) when there is none: what the
    /// embedded default does under `$CRISIS_HOME`.
    public static func loadOrCreate(_ path: String) throws(KeyFileError) -> KeyEncryptionKey {
        if !FileManager.default.fileExists(atPath: path) {
            let raw = Array(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
            do {
                try SealKey.write(raw.hexString + "\n", to: path, mode: 0o600)
            } catch {
                // Another process created it first: read theirs.
                if !FileManager.default.fileExists(atPath: path) { throw KeyFileError(error.description) }
            }
        }
        return try load(path)
    }

    /// The data key sealed for storage: nonce (12) || ciphertext (32) || tag (16), with the
    /// incident id as authenticated data, so a key copied to another incident does not open.
    public func wrap(_ dataKey: IncidentDataKey) throws(KeyFileError) -> [UInt8] {
        do {
            let raw = dataKey.key.withUnsafeBytes { Array($0) }
            let sealed = try AES.GCM.seal(raw, using: key, authenticating: Self.aad(dataKey.incident))
            guard let combined = sealed.combined else { throw KeyFileError("AES-GCM gave no combined form") }
            return Array(combined)
        } catch let error as KeyFileError {
            throw error
        } catch {
            throw KeyFileError("cannot wrap the data key of incident \(dataKey.incident): \(error)")
        }
    }

    /// Opens a stored data key; a key wrapped by another key-encryption key is refused naming it.
    public func unwrap(_ wrapped: [UInt8], kekID: String, incident: UUID) throws(KeyFileError) -> IncidentDataKey {
        guard kekID == id else {
            throw KeyFileError(
                "the data key of incident \(incident) was wrapped by key-encryption key \(kekID), but \(Self.variable) holds \(id); point \(Self.variable) at the key that was used"
            )
        }
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            let raw = try AES.GCM.open(box, using: key, authenticating: Self.aad(incident))
            return IncidentDataKey(incident: incident, key: SymmetricKey(data: raw))
        } catch {
            throw KeyFileError(
                "the stored data key of incident \(incident) does not open with \(Self.variable): it was altered or copied from another incident"
            )
        }
    }

    static func aad(_ incident: UUID) -> [UInt8] {
        Array("crisis-incident-key-v1:\(incident.uuidString.lowercased())".utf8)
    }
}

/// A key file that cannot be read or used, with what to do about it (the CLI answers exit 2).
public struct KeyFileError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
