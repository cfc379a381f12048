import Foundation
import PostgresNIO

/// Each incident's data key, kept wrapped in `crisis.incident_keys` (migration 0008) and opened
/// with the key-encryption key. Row-level security hides the key of a restricted incident from
/// those who may not see it, as it hides the incident.
public struct IncidentKeyring: Sendable {
    let session: any DatabaseSession
    let keyEncryptionKey: KeyEncryptionKey

    public init(session: any DatabaseSession, keyEncryptionKey: KeyEncryptionKey) {
        self.session = session
        self.keyEncryptionKey = keyEncryptionKey
    }

    /// What the store holds for an incident.
    public enum Lookup: Sendable {
        case key(IncidentDataKey)
        /// No key: the incident was never encrypted (a store written before 0008), or it was
        /// shredded (its stream says which).
        case none
    }

    /// The incident's data key, if it has one.
    public func key(for incident: UUID) async throws(KeyringError) -> Lookup {
        do {
            for try await (wrapped, kekID) in try await session.run(
                "SELECT wrapped_key, kek_id FROM crisis.incident_keys WHERE incident_id = \(incident)"
            ).decode((ByteBuffer, String).self) {
                return .key(try keyEncryptionKey.unwrap(Array(buffer: wrapped), kekID: kekID, incident: incident))
            }
            return .none
        } catch let error as KeyFileError {
            throw .keyFile(error)
        } catch {
            throw .store(ServerError.translate(error))
        }
    }

    /// The incident's data key, created and stored when it has none (racing creators get the key
    /// stored first).
    public func keyCreatingIfNeeded(for incident: UUID) async throws(KeyringError) -> IncidentDataKey {
        if case .key(let existing) = try await key(for: incident) { return existing }
        do {
            let wrapped = try keyEncryptionKey.wrap(.generate(for: incident))
            for try await (stored, kekID) in try await session.run(
                """
                SELECT wrapped_key, kek_id
                FROM crisis.store_incident_key(\(incident), \(ByteBuffer(bytes: wrapped)), \(keyEncryptionKey.id))
                """
            ).decode((ByteBuffer, String).self) {
                return try keyEncryptionKey.unwrap(Array(buffer: stored), kekID: kekID, incident: incident)
            }
            throw KeyringError.store(.invalidInput("the database stored no key for incident \(incident)"))
        } catch let error as KeyringError {
            throw error
        } catch let error as KeyFileError {
            throw .keyFile(error)
        } catch {
            throw .store(ServerError.translate(error))
        }
    }

    /// Destroys the incident's data key (the one deletion the schema allows). The database
    /// refuses unless the caller is a privacy officer and the incident's stream already records
    /// the shredding. Returns whether a key was destroyed.
    public func shred(_ incident: UUID) async throws(KeyringError) -> Bool {
        do {
            for try await destroyed in try await session.run(
                "SELECT crisis.shred_incident_key(\(incident))"
            ).decode(Bool.self) {
                return destroyed
            }
            return false
        } catch {
            throw .store(ServerError.translate(error))
        }
    }
}

/// Why a data key could not be had: the key file, or the store.
public enum KeyringError: Error, Sendable, CustomStringConvertible {
    case keyFile(KeyFileError)
    case store(EventStoreError)

    public var description: String {
        switch self {
        case .keyFile(let error): error.description
        case .store(let error): "\(error)"
        }
    }
}
