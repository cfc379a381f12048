import Crypto
import Foundation

/// One numbered SQL file of `Schema/migrations`, such as `0001_event_store.sql`.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String
    /// SHA-256 of the file, hex: an applied migration must never change.
    public var checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Array(SHA256.hash(data: Data(sql.utf8))).hexString
    }

    /// Reads every `NNNN_name.sql` file of a directory, in version order.
    public static func load(from directory: URL) throws(EventStoreError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .schemaMismatch(
                "cannot read the migrations in \(directory.path): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for file in names.sorted() where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]),
                version > 0
            else {
                throw .schemaMismatch(
                    "migration file \(file) is not named NNNN_name.sql; rename it, e.g. 0002_add_projections.sql"
                )
            }
            if let clash = migrations.first(where: { $0.version == version }) {
                throw .schemaMismatch("migrations \(clash.name) and \(file) share version \(version)")
            }
            let sql: String
            do {
                sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            } catch {
                throw .schemaMismatch("cannot read migration \(file): \(error.localizedDescription)")
            }
            migrations.append(Migration(version: version, name: String(file), sql: sql))
        }
        return migrations
    }

    /// The migrations built into this binary.
    public static func bundled() throws(EventStoreError) -> [Migration] {
        guard let directory = BundledSchema.directory else {
            throw .schemaMismatch(
                "this crisis binary was built without its Schema/migrations resource bundle")
        }
        return try load(from: directory)
    }
}
