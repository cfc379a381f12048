import Foundation
import NIOCore
import PostgresNIO

/// The one SELECT list and decoder for stored events, so every reader sees
/// every field the same way.
enum RecordedEventRow {
    // The transaction id is cast for decoding and renamed: an output column
    // named `transaction_id` would capture `ORDER BY transaction_id` (output
    // names win over input columns there), sorting by the cast instead of the
    // index, which made every page of the gap-safe read a full scan and sort.
    static let columns = """
        global_position, stream_id, stream_version, event_id, event_type, schema_version,
        data::text, metadata::text, command_id, actor,
        (extract(epoch FROM recorded_at) * 1000000)::bigint,
        transaction_id::text::bigint AS transaction_number, prev_hash, hash
        """

    static func decode(_ row: PostgresRow) throws -> RecordedEvent {
        let (
            position, stream, version, id, type, schema, data, metadata, command, actor, micros, xid,
            prev, hash
        ) =
            try row.decode(
                (
                    Int64, String, Int64, UUID, String, Int, String, String, UUID, String, Int64, Int64,
                    ByteBuffer, ByteBuffer
                ).self)
        return RecordedEvent(
            globalPosition: position, streamID: stream, streamVersion: version, eventID: id, type: type,
            schemaVersion: schema, data: Data(data.utf8), metadata: Data(metadata.utf8),
            commandID: command,
            actor: actor, recordedAtMicroseconds: micros, transactionID: xid,
            previousHash: Array(buffer: prev), hash: Array(buffer: hash))
    }

    static func collect(_ query: PostgresQuery, on session: any DatabaseSession)
        async throws(EventStoreError)
        -> [RecordedEvent]
    {
        do {
            var events: [RecordedEvent] = []
            for try await row in try await session.run(query) {
                events.append(try decode(row))
            }
            return events
        } catch {
            throw ServerError.translate(error)
        }
    }
}
