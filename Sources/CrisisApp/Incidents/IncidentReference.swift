import CrisisStore
import Foundation

/// Resolves what a person typed for an incident (a full UUID, or a unique
/// prefix of 8 or more characters, as git does with commits) to its stream.
public enum IncidentReference {
    public static let minimumPrefix = 8

    public static func resolve(_ text: String, in database: CrisisDatabase)
        async throws(EventStoreError)
        -> StreamID
    {
        let typed = text.lowercased().trimmingCharacters(in: .whitespaces)
        let bare = typed.hasPrefix("incident-") ? String(typed.dropFirst("incident-".count)) : typed
        if let uuid = UUID(uuidString: bare) {
            return .incident(uuid)
        }
        guard bare.count >= minimumPrefix, bare.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw .invalidInput(
                "\"\(text)\" is not an incident id; give the UUID `crisis incident open` printed, or at least its first \(minimumPrefix) characters"
            )
        }
        let pattern = "incident-" + bare + "%"
        var matches: [String] = []
        do {
            let rows = try await database.connection.query(
                "SELECT stream_id FROM crisis.streams WHERE stream_id LIKE \(pattern) ORDER BY stream_id LIMIT 3",
                logger: DatabaseConnector.quietLogger)
            for try await id in rows.decode(String.self) { matches.append(id) }
        } catch {
            throw ServerError.translateError(error)
        }
        switch matches.count {
        case 0:
            throw .invalidInput(
                "no incident has an id starting with \(bare); `crisis incident list` shows them")
        case 1:
            return try StreamID(matches[0])
        default:
            throw .invalidInput(
                "more than one incident has an id starting with \(bare) (\(matches.joined(separator: ", "))...); type more characters"
            )
        }
    }
}
