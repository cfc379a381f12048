import CrisisStore
import Foundation
import Testing

/// Sealing an event's PHI fields in place (issue 13): only the named string values change, every
/// other byte is kept, and a sealed field opens only with its own incident's key.
@Suite("Sealed PHI fields")
struct SealedFieldsTests {
    static let incident = UUID()
    static let key = IncidentDataKey.generate(for: incident)
    static let json =
        #"{"n":12,"ok":true,"posts":[{"platform":"x","url":"https://x.example/1"}],"text":"Jane \"JD\" Doe\n\u00e9","title":"t","z":null}"#

    static func sealed() throws -> String {
        String(
            decoding: try SealedFields.seal(
                Data(json.utf8), paths: ["text", "posts[].url", "absent"], .seal(key)), as: UTF8.self)
    }

    @Test("the named fields are sealed and nothing else changes")
    func sealsOnlyTheNamedFields() throws {
        let text = try Self.sealed()
        #expect(!text.contains("Jane") && !text.contains("x.example"))
        #expect(text.hasPrefix(#"{"n":12,"ok":true,"posts":[{"platform":"x","url":"crisis-enc-v1:"#))
        #expect(text.contains(#""title":"t","z":null}"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["text"] as? String).map(IncidentDataKey.isSealed) == true)
    }

    @Test("opened with the key, the data means what it did; shredded or unreadable, it says so")
    func opens() throws {
        let sealed = Data(try Self.sealed().utf8)
        let opened = try SealedFields.open(sealed, .key(Self.key))
        let original = try JSONSerialization.jsonObject(with: Data(Self.json.utf8)) as? NSDictionary
        #expect(try JSONSerialization.jsonObject(with: opened) as? NSDictionary == original)
        let shredded = String(decoding: try SealedFields.open(sealed, .shredded), as: UTF8.self)
        #expect(shredded.contains(#""text":"[shredded]""#) && shredded.contains(#""url":"[shredded]""#))
        let unreadable = String(
            decoding: try SealedFields.open(sealed, .unreadable(KeyFileError("no key"))), as: UTF8.self)
        #expect(unreadable.contains(#""text":"[encrypted]""#))
        // jsonb prints with spaces; opening works on what PostgreSQL returns as well.
        let spaced = Data(
            String(decoding: sealed, as: UTF8.self).replacingOccurrences(of: "\":", with: "\": ")
                .replacingOccurrences(of: ",\"", with: ", \"").utf8)
        #expect(
            try JSONSerialization.jsonObject(with: try SealedFields.open(spaced, .key(Self.key))) as? NSDictionary
                == original)
    }

    @Test("a field sealed for one incident does not open under another's key")
    func anotherIncidentsKey() throws {
        let sealed = Data(try Self.sealed().utf8)
        #expect(throws: KeyFileError.self) {
            try SealedFields.open(sealed, .key(IncidentDataKey.generate(for: UUID())))
        }
    }

    @Test("plaintext data (a store written before encryption) is read as it is")
    func plaintext() throws {
        let data = Data(Self.json.utf8)
        #expect(try SealedFields.open(data, .shredded) == data)
        #expect(try SealedFields.seal(data, paths: ["text"], .plaintext) == data)
        let replaced = String(decoding: try SealedFields.seal(data, paths: ["text"], .shredded), as: UTF8.self)
        #expect(replaced.contains(#""text":"[shredded]""#))
    }
}
