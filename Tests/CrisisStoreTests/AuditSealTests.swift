import CrisisApp
import CrisisStore
import Foundation
import Testing

@Suite("Audit: exact times, the seal's Merkle root and signature")
struct AuditSealTests {
    @Test("audit times print and read microseconds exactly, in UTC and at an offset")
    func times() throws {
        #expect(AuditTime.iso(0) == "1970-01-01T00:00:00.000000Z")
        #expect(AuditTime.iso(-1) == "1969-12-31T23:59:59.999999Z")
        let micros = try #require(AuditTime.parseMicroseconds("2026-11-23T09:30:00.25-05:00"))
        #expect(AuditTime.iso(micros) == "2026-11-23T14:30:00.250000Z")
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        #expect(AuditTime.iso(micros, in: zone) == "2026-11-23T09:30:00.250000-05:00")
        #expect(AuditTime.parseMicroseconds(AuditTime.iso(micros + 7)) == micros + 7)
        #expect(AuditTime.parseMicroseconds("2026-11-23 09:30") == nil)
        #expect(AuditTime.parseMicroseconds("2026-11-23T09:30:00.1234567Z") == nil)
    }

    @Test("the Merkle root follows RFC 6962 over the documented leaf bytes")
    func merkleRoot() {
        let leaves = [
            MerkleTree.leaf(streamID: "a", version: 1, headHash: [UInt8](repeating: 0, count: 32)),
            MerkleTree.leaf(streamID: "b", version: 2, headHash: [UInt8](repeating: 1, count: 32)),
            MerkleTree.leaf(streamID: "c", version: 3, headHash: [UInt8](repeating: 2, count: 32)),
        ]
        // Computed independently with Python's hashlib from docs/audit.md.
        #expect(MerkleTree.root(leaves).hexString == "69cb9bc99c124cf32e3267006b37a275573b2684477eb26c23e6297c7d471381")
        #expect(MerkleTree.root([]).hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleTree.root([leaves[1], leaves[0], leaves[2]]) != MerkleTree.root(leaves))
    }

    @Test("a seal verifies with its key; an edited stream list or another key does not")
    func signature() throws {
        let path = NSTemporaryDirectory() + "seal-test-\(UUID().uuidString).key"
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".pub")
        }
        let key = try SealKey.generate(to: path)
        let heads = [
            StreamHead(streamID: "roster", version: 3, hash: [UInt8](repeating: 9, count: 32)),
            StreamHead(streamID: "incident-x", version: 5, hash: [UInt8](repeating: 7, count: 32)),
        ]
        let seal = try Seal.make(
            heads: heads, globalPosition: 8, sealedAtMicroseconds: 1, sealedAt: AuditTime.iso(1), key: key)
        #expect(seal.streams.map(\.streamId) == ["incident-x", "roster"])
        try seal.checkSignature(trusted: try SealKey.loadPublic(path + ".pub"))
        try Seal.decode(try seal.encoded()).checkSignature(trusted: nil)

        var edited = seal
        edited.streams[0].version = 4
        #expect(throws: SealProblem.self) { try edited.checkSignature(trusted: nil) }
        var moved = seal
        moved.globalPosition = 9
        #expect(throws: SealProblem.self) { try moved.checkSignature(trusted: nil) }

        let otherPath = path + ".other"
        defer {
            try? FileManager.default.removeItem(atPath: otherPath)
            try? FileManager.default.removeItem(atPath: otherPath + ".pub")
        }
        _ = try SealKey.generate(to: otherPath)
        #expect(throws: SealProblem.self) {
            try seal.checkSignature(trusted: try SealKey.loadPublic(otherPath + ".pub"))
        }
    }
}
