import CrisisDomain
import Crypto
import Foundation

/// One incident's AES-256 data key: what its PHI fields are sealed with (AES-256-GCM). A sealed
/// field is stored as `crisis-enc-v1:` and the base64 of nonce || ciphertext || tag, with the
/// incident's stream id as authenticated data, so ciphertext copied into another incident does
/// not open (and the hash chain, which covers the stored text, names the event anyway).
public struct IncidentDataKey: Sendable {
    public let incident: UUID
    let key: SymmetricKey
    /// The incident's stream id, authenticated with every field (computed once, not per field).
    private let aad: [UInt8]

    /// The prefix of a sealed field.
    public static let prefix = "crisis-enc-v1:"
    /// What a read shows in place of a field whose key was shredded.
    public static let shredded = UnreadableWords.shredded

    init(incident: UUID, key: SymmetricKey) {
        self.incident = incident
        self.key = key
        self.aad = Array("incident-\(incident.uuidString.lowercased())".utf8)
    }

    /// A new random key for `incident`.
    public static func generate(for incident: UUID) -> IncidentDataKey {
        IncidentDataKey(incident: incident, key: SymmetricKey(size: .bits256))
    }

    /// Whether a stored field is sealed (else it was written before encryption, in plaintext).
    public static func isSealed(_ field: String) -> Bool { field.hasPrefix(prefix) }

    public func seal(_ text: String) throws(KeyFileError) -> String {
        do {
            let box = try AES.GCM.seal(Array(text.utf8), using: key, authenticating: aad)
            guard let combined = box.combined else { throw KeyFileError("AES-GCM gave no combined form") }
            return Self.prefix + combined.base64EncodedString()
        } catch let error as KeyFileError {
            throw error
        } catch {
            throw KeyFileError("cannot encrypt a field of incident \(incident): \(error)")
        }
    }

    /// The text of a sealed field (a plaintext field is returned as it is).
    public func open(_ field: String) throws(KeyFileError) -> String {
        guard Self.isSealed(field) else { return field }
        guard let data = Data(base64Encoded: String(field.dropFirst(Self.prefix.count))),
            let box = try? AES.GCM.SealedBox(combined: data),
            let raw = try? AES.GCM.open(box, using: key, authenticating: aad)
        else {
            throw KeyFileError(
                "a field of incident \(incident) does not open with its key: it was altered or copied from another incident"
            )
        }
        return String(decoding: raw, as: UTF8.self)
    }
}
