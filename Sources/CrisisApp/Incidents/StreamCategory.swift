import CrisisStore
import Foundation
import PostgresNIO

/// A kind of stream named `<prefix>-<uuid>` that people refer to by id:
/// incidents and policy proposals. Lists them, and resolves what a person
/// typed (a full UUID, or a unique prefix of 8 or more characters, as git
/// does with commits) to one of them.
struct StreamCategory: Sendable {
    /// `incident`, `policy`.
    let prefix: String
    /// What a person calls one: "incident", "proposal".
    let noun: String
    /// The command that creates one, and the one that lists them.
    let createdBy: String
    let listedBy: String

    static let incidents = StreamCategory(
        prefix: "incident", noun: "incident", createdBy: "crisis incident open", listedBy: "crisis incident list")
    static let proposals = StreamCategory(
        prefix: "policy", noun: "proposal", createdBy: "crisis policy propose", listedBy: "crisis policy list")

    static let minimumPrefix = 8

    /// Every stream of the category, oldest first.
    func streams(in database: CrisisDatabase) async throws(EventStoreError) -> [StreamID] {
        let pattern = prefix + "-%"
        var streams: [StreamID] = []
        do {
            let rows = try await database.connection.query(
                "SELECT stream_id FROM crisis.streams WHERE stream_id LIKE \(pattern) ORDER BY created_at, stream_id",
                logger: DatabaseConnector.quietLogger)
            for try await id in rows.decode(String.self) { streams.append(try StreamID(id)) }
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw ServerError.translateError(error)
        }
        return streams
    }

    /// The stream `text` names. A full UUID is taken as it is; a prefix must match exactly one stream.
    func resolve(_ text: String, in database: CrisisDatabase) async throws(EventStoreError) -> StreamID {
        let typed = text.lowercased().trimmingCharacters(in: .whitespaces)
        let bare = typed.hasPrefix(prefix + "-") ? String(typed.dropFirst(prefix.count + 1)) : typed
        if let uuid = UUID(uuidString: bare) {
            return try StreamID("\(prefix)-\(uuid.uuidString.lowercased())")
        }
        guard bare.count >= Self.minimumPrefix, bare.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw .invalidInput(
                "\"\(text)\" is not \(article) \(noun) id; give the id `\(createdBy)` printed, or at least its first \(Self.minimumPrefix) characters"
            )
        }
        let pattern = "\(prefix)-\(bare)%"
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
            throw .invalidInput("no \(noun) has an id starting with \(bare); `\(listedBy)` shows them")
        case 1:
            return try StreamID(matches[0])
        default:
            throw .invalidInput(
                "more than one \(noun) has an id starting with \(bare) (\(matches.joined(separator: ", "))...); type more characters"
            )
        }
    }

    /// Whether the stream exists and this person may see it (row-level security hides a
    /// restricted incident from the people not given it).
    func isVisible(_ stream: StreamID, in database: CrisisDatabase) async throws(EventStoreError) -> Bool {
        do {
            let rows = try await database.connection.query(
                "SELECT count(*) FROM crisis.streams WHERE stream_id = \(stream.rawValue)",
                logger: DatabaseConnector.quietLogger)
            for try await count in rows.decode(Int64.self) { return count > 0 }
            return false
        } catch {
            throw ServerError.translateError(error)
        }
    }

    private var article: String { noun.first.map { "aeiou".contains($0) } == true ? "an" : "a" }
}
