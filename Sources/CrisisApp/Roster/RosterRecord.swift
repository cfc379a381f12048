import CrisisDomain
import CrisisStore

extension Roster {
    /// The roster stream's id.
    static func streamID() throws(CommandError) -> StreamID {
        do {
            return try StreamID(stream)
        } catch {
            throw .corrupt("\(stream) cannot name the roster stream: \(error)")
        }
    }

    /// Reads the roster as recorded now.
    static func load(from store: PostgresEventStore) async throws(CommandError) -> Roster {
        try await StreamFold<RosterDecider>(store: store).fold(streamID(), keepHistory: false).state
    }
}
