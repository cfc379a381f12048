import CrisisStore
import Foundation
import PostgresNIO
import Testing

/// Crypto-shredding, first step (issue 13, migration 0008): per-incident data keys wrapped by a
/// key-encryption key kept outside the database, and their destruction, the one deletion the
/// schema allows. The sealing of event fields is tested in SealedFieldsTests and end to end.
@Suite("Incident data keys and their shredding")
struct IncidentKeyTests {
    static func scratch(_ name: String) -> String {
        let work = ProcessInfo.processInfo.environment["CRISIS_TEST_WORK"] ?? NSTemporaryDirectory()
        return "\(work)/keys-\(UUID().uuidString)-\(name)"
    }

    static func event(_ type: String, _ json: String) -> NewEvent {
        NewEvent(type: type, data: Data(json.utf8))
    }

    @Test("the embedded default creates a key file of mode 0600 and reads the same key back")
    func keyFile() throws {
        let path = Self.scratch("kek")
        let created = try KeyEncryptionKey.loadOrCreate(path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try KeyEncryptionKey.loadOrCreate(path).id == created.id)
        #expect(try KeyEncryptionKey.load(path).id == created.id)
        let notAKey = Self.scratch("not-a-key")
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: notAKey))
        #expect(throws: KeyFileError.self) { try KeyEncryptionKey.load(notAKey) }
        do {
            _ = try KeyEncryptionKey.load(Self.scratch("missing"))
            Issue.record("a missing key file was accepted")
        } catch {
            #expect(error.description.contains("CRISIS_KEY_FILE"))
        }
    }

    @Test("a field sealed for one incident opens with its key only, and holds none of its words")
    func fieldSealing() throws {
        let first = IncidentDataKey.generate(for: UUID())
        let second = IncidentDataKey.generate(for: UUID())
        let words = "Patient Jane Roe, room 412, seen on the nurse's selfie"
        let sealed = try first.seal(words)
        #expect(IncidentDataKey.isSealed(sealed))
        #expect(!sealed.contains("Jane"))
        #expect(try first.open(sealed) == words)
        #expect(throws: KeyFileError.self) { try second.open(sealed) }
        #expect(try first.open("written before encryption") == "written before encryption")
    }

    @Test("an incident's key is stored once, wrapped; another key-encryption key is refused naming CRISIS_KEY_FILE")
    func storedOnce() async throws {
        try await TestDatabase.withDatabase { _, owner in
            let kek = try KeyEncryptionKey.loadOrCreate(Self.scratch("kek"))
            let keyring = IncidentKeyring(session: owner, keyEncryptionKey: kek)
            let incident = UUID()
            let key = try await keyring.keyCreatingIfNeeded(for: incident)
            let again = try await keyring.keyCreatingIfNeeded(for: incident)
            #expect(try again.open(try key.seal("same key")) == "same key")
            let other = IncidentKeyring(
                session: owner, keyEncryptionKey: try KeyEncryptionKey.loadOrCreate(Self.scratch("other")))
            do {
                _ = try await other.key(for: incident)
                Issue.record("a key wrapped by another key-encryption key was opened")
            } catch {
                #expect("\(error)".contains("CRISIS_KEY_FILE"))
            }
        }
    }

    @Test("a key is shredded only by a privacy officer, only once the incident records it; the chain still verifies")
    func shredding() async throws {
        try await TestDatabase.withDatabase { settings, owner in
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let officer = "keys_po_\(suffix)", writer = "keys_w_\(suffix)"
            for role in [officer, writer] { try await TestDatabase.createWriter(role, on: owner) }
            let store = PostgresEventStore(session: owner)
            _ = try await store.append(
                [Self.event("RolesGranted", "{\"person\": \"\(officer)\", \"roles\": [\"privacy-officer\"]}")],
                to: try StreamID("roster"), expecting: .any, commandID: UUID())
            let kek = try KeyEncryptionKey.loadOrCreate(Self.scratch("kek"))
            let incident = UUID()
            let stream = StreamID.incident(incident)
            let key = try await IncidentKeyring(session: owner, keyEncryptionKey: kek).keyCreatingIfNeeded(
                for: incident)
            let sealed = try key.seal("Jane Roe's chart")
            _ = try await store.append(
                [
                    Self.event("IncidentOpened", "{\"title\": \(Sample.JSONString(try key.seal("title")))}"),
                    Self.event("NoteAdded", "{\"text\": \(Sample.JSONString(sealed))}"),
                ], to: stream, expecting: .noStream, commandID: UUID())

            func shred(as role: String) async -> String? {
                var login = settings
                login.role = role
                do {
                    return try await TestDatabase.withConnection(login) { connection in
                        _ = try await IncidentKeyring(session: connection, keyEncryptionKey: kek).shred(incident)
                        return nil
                    }
                } catch {
                    return "\(error)"
                }
            }
            #expect(await shred(as: writer)?.contains("not a privacy officer") == true)
            #expect(await shred(as: officer)?.contains("KeyShredded") == true)
            var asOfficer = settings
            asOfficer.role = officer
            let destroyed = try await TestDatabase.withConnection(asOfficer) { connection in
                _ = try await PostgresEventStore(session: connection).append(
                    [Self.event("KeyShredded", "{\"reason\": \"six years after closing\"}")], to: stream,
                    expecting: .exactly(2), commandID: UUID())
                return try await IncidentKeyring(session: connection, keyEncryptionKey: kek).shred(incident)
            }
            #expect(destroyed)
            guard case .none = try await IncidentKeyring(session: owner, keyEncryptionKey: kek).key(for: incident)
            else {
                Issue.record("the key is still there after shredding")
                return
            }
            // No role deletes or changes keys directly, the owner included.
            let other = UUID()
            _ = try await IncidentKeyring(session: owner, keyEncryptionKey: kek).keyCreatingIfNeeded(for: other)
            for statement: PostgresQuery in [
                "DELETE FROM crisis.incident_keys", "UPDATE crisis.incident_keys SET kek_id = 'x'",
                "TRUNCATE crisis.incident_keys",
            ] {
                await #expect(throws: (any Error).self) {
                    _ = try await owner.query(statement, logger: DatabaseConnector.quietLogger).collect()
                }
            }
            // The stored ciphertext is unchanged, so every chain still verifies with no key.
            let report = try await ChainVerifier().verify(
                events: try await store.allEventsByStream(), heads: try await store.streamHeads())
            #expect(report.isIntact)
            #expect(report.eventsChecked == 4)
        }
    }
}
