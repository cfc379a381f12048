import CrisisStore
import Foundation

/// Resolves what a person typed for an incident (a full UUID, or a unique
/// prefix of 8 or more characters, as git does with commits) to its stream.
public enum IncidentReference {
    public static let minimumPrefix = StreamCategory.minimumPrefix

    /// An incident the person may not see (restricted, not given to them) is answered as one that
    /// does not exist, and the attempt is recorded in its access log (issue 13).
    public static func resolve(_ text: String, in database: CrisisDatabase)
        async throws(EventStoreError)
        -> StreamID
    {
        let stream: StreamID
        do {
            stream = try await StreamCategory.incidents.resolve(text, in: database)
        } catch {
            if case .invalidInput = error { await AccessLog(database: database).recordDeniedRead(text) }
            throw error
        }
        guard try await StreamCategory.incidents.isVisible(stream, in: database) else {
            await AccessLog(database: database).recordDeniedRead(text)
            throw .invalidInput(
                "there is no incident \(stream.rawValue.dropFirst("incident-".count)); `crisis incident list` shows them"
            )
        }
        return stream
    }
}
