import CrisisStore
import Foundation
import PostgresNIO

/// The data keys one command works with (issue 13, crypto-shredding): how each incident's PHI
/// fields are written (``SealedFields/Writing``) and read (``SealedFields/Reading``), looked up
/// once per incident per command. Without a usable key file a command that needs the words is
/// refused (exit 2) before anything is written; a read shows what it can.
public actor IncidentKeys {
    let session: any DatabaseSession
    /// The key-encryption key, or why there is none.
    public nonisolated let keyEncryptionKey: Result<KeyEncryptionKey, KeyFileError>
    private var readings: [UUID: SealedFields.Reading] = [:]
    /// False only where crisis is measured against itself as it was before encryption
    /// (`crisis-bench sealing`): nothing is looked up, sealed or opened.
    private let sealing: Bool

    public init(session: any DatabaseSession, keyEncryptionKey: Result<KeyEncryptionKey, KeyFileError>) {
        self.init(session: session, keyEncryptionKey: keyEncryptionKey, sealing: true)
    }

    init(session: any DatabaseSession, keyEncryptionKey: Result<KeyEncryptionKey, KeyFileError>, sealing: Bool) {
        self.session = session
        self.keyEncryptionKey = keyEncryptionKey
        self.sealing = sealing
    }

    /// How the sealed fields of `stream` read; nil for a stream that is not an incident's.
    public func reading(_ stream: String) async throws(CommandError) -> SealedFields.Reading? {
        guard sealing, let incident = Self.incident(of: stream) else { return nil }
        if let known = readings[incident] { return known }
        let reading: SealedFields.Reading
        if let wrapped = try await wrappedKey(incident) {
            switch keyEncryptionKey {
            case .failure(let error): reading = .unreadable(error)
            case .success(let kek):
                do {
                    reading = .key(try kek.unwrap(wrapped.key, kekID: wrapped.kekID, incident: incident))
                } catch {
                    reading = .unreadable(error)
                }
            }
        } else {
            reading = .shredded
        }
        readings[incident] = reading
        return reading
    }

    /// How the fields of `stream`'s next events are written, `version` being the stream's
    /// version as folded: a new incident gets a key; one recorded before encryption stays in
    /// plaintext; a shredded one keeps none of its words. Refused (bad input, nothing written)
    /// when the incident has a key and the key file cannot open it.
    public func writing(_ stream: StreamID, version: Int64) async throws(CommandError) -> SealedFields.Writing {
        guard sealing, let incident = Self.incident(of: stream.rawValue) else { return .plaintext }
        if case .key(let key) = readings[incident] { return .seal(key) }
        let kek: KeyEncryptionKey
        let wrapped = try await wrappedKey(incident)
        if wrapped == nil, version > 0 {
            return try await recordsShredding(stream) ? .shredded : .plaintext
        }
        switch keyEncryptionKey {
        case .failure(let error): throw .badInput("\(error.description). Nothing was recorded.")
        case .success(let found): kek = found
        }
        let key: IncidentDataKey
        do {
            key = try await IncidentKeyring(session: session, keyEncryptionKey: kek).keyCreatingIfNeeded(for: incident)
        } catch {
            switch error {
            case .keyFile(let problem): throw .badInput("\(problem.description). Nothing was recorded.")
            case .store(let problem): throw .store(problem)
            }
        }
        readings[incident] = .key(key)
        return .seal(key)
    }

    /// Refuses (bad input) when there is no usable key-encryption key: checked before an opening
    /// writes anything (its workflow's publication included).
    public nonisolated func requireKeyFile() throws(CommandError) {
        if case .failure(let error) = keyEncryptionKey {
            throw .badInput("\(error.description). Nothing was recorded.")
        }
    }

    /// Forgets what was looked up about `incident` (its key was just shredded).
    public func forget(_ incident: UUID) {
        readings[incident] = nil
    }

    /// `text` (a stored string of `stream`, say a projected title) opened as far as this
    /// command can: `[shredded]` or `[encrypted]` where it cannot.
    public func open(_ text: String, of stream: String) async throws(CommandError) -> String {
        guard IncidentDataKey.isSealed(text), let reading = try await reading(stream) else { return text }
        do {
            return try SealedFields.open(text: text, reading)
        } catch {
            throw .corrupt(error.description)
        }
    }

    /// JSON text of `stream` (a projected state) with its sealed strings opened as far as this
    /// command can.
    public func openJSON(_ text: String, of stream: String) async throws(CommandError) -> String {
        let data = Data(text.utf8)
        guard SealedFields.containsSealed(data), let reading = try await reading(stream) else { return text }
        do {
            return String(decoding: try SealedFields.open(data, reading), as: UTF8.self)
        } catch {
            throw .corrupt(error.description)
        }
    }

    private func wrappedKey(_ incident: UUID) async throws(CommandError) -> (key: [UInt8], kekID: String)? {
        do {
            for try await (wrapped, kekID) in try await session.run(
                "SELECT wrapped_key, kek_id FROM crisis.incident_keys WHERE incident_id = \(incident)"
            ).decode((ByteBuffer, String).self) {
                return (Array(buffer: wrapped), kekID)
            }
            return nil
        } catch {
            throw .store(ServerError.translateError(error))
        }
    }

    private func recordsShredding(_ stream: StreamID) async throws(CommandError) -> Bool {
        do {
            for try await found in try await session.run(
                """
                SELECT EXISTS (SELECT 1 FROM crisis.events
                               WHERE stream_id = \(stream.rawValue) AND event_type = 'KeyShredded')
                """
            ).decode(Bool.self) {
                return found
            }
            return false
        } catch {
            throw .store(ServerError.translateError(error))
        }
    }

    static func incident(of stream: String) -> UUID? {
        guard stream.hasPrefix("incident-") else { return nil }
        return UUID(uuidString: String(stream.dropFirst("incident-".count)))
    }
}
