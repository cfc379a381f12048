import CrisisApp
import CrisisStore
import Foundation
import PostgresNIO

/// Reading the words of stored events below the binary (issue 13): they are sealed with each
/// incident's key, so a test that reads them with SQL opens them with the run's key file.
enum StoredWords {
    /// Rows of "STREAM COMMAND-ID SEALED-TEXT" as "COMMAND-ID" to the opened texts, in row order.
    static func byCommand(_ rows: [String], _ settings: DatabaseSettings) async throws -> [String: [String]] {
        let connection = try await DatabaseConnector.connect(settings)
        let keys = IncidentKeys(
            session: connection, keyEncryptionKey: .success(try KeyEncryptionKey.load(CrisisBinary.keyFile)))
        var texts: [String: [String]] = [:]
        do {
            for row in rows {
                let parts = row.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                let text = parts.count > 2 ? try await keys.open(parts[2], of: parts[0]) : ""
                texts[parts[1], default: []].append(text)
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return texts
    }
}
