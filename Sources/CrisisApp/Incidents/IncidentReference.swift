import CrisisStore
import Foundation

/// Resolves what a person typed for an incident (a full UUID, or a unique
/// prefix of 8 or more characters, as git does with commits) to its stream.
public enum IncidentReference {
    public static let minimumPrefix = StreamCategory.minimumPrefix

    public static func resolve(_ text: String, in database: CrisisDatabase)
        async throws(EventStoreError)
        -> StreamID
    {
        try await StreamCategory.incidents.resolve(text, in: database)
    }
}
