import Foundation
import NIOCore
import PostgresNIO

/// The event store on PostgreSQL: every write is one call of
/// `crisis.append_events`, every read a plain SELECT.
public struct PostgresEventStore: EventStore {
    public let session: any DatabaseSession

    public init(session: any DatabaseSession) {
        self.session = session
    }

    public func append(
        _ events: [NewEvent], to stream: StreamID, expecting expected: ExpectedVersion, commandID: UUID
    ) async throws(EventStoreError) -> AppendResult {
        if events.isEmpty {
            throw .invalidInput("the batch holds no events; an append needs at least one")
        }
        if events.count > NewEvent.maximumPerAppend {
            throw .payloadTooLarge(
                "the batch holds \(events.count) events; the limit is \(NewEvent.maximumPerAppend) per append"
            )
        }
        for event in events {
            try event.validate()
        }
        let batch = Self.batchJSON(events)
        let expectedValue = expected.databaseValue
        let query: PostgresQuery = """
            SELECT event_id, stream_version, global_position,
                   (extract(epoch FROM recorded_at) * 1000000)::bigint, hash
            FROM crisis.append_events(\(stream.rawValue), \(expectedValue), \(commandID), \(batch)::jsonb)
            """
        do {
            var written: [AppendResult.Written] = []
            written.reserveCapacity(events.count)
            let rows = try await session.run(query)
            for try await (id, version, position, micros, hash) in rows.decode(
                (UUID, Int64, Int64, Int64, ByteBuffer).self)
            {
                written.append(
                    .init(
                        eventID: id, streamVersion: version, globalPosition: position,
                        recordedAtMicroseconds: micros, hash: Array(buffer: hash)))
            }
            await StoreActivity.announce(stream, on: session)
            return AppendResult(streamID: stream, events: written)
        } catch {
            if ServerError.sqlState(of: error) == "CR409" {
                throw .wrongExpectedVersion(
                    stream: stream.rawValue, expected: expected,
                    actual: Self.actualVersion(fromDetail: ServerError.detail(of: error)))
            }
            throw ServerError.translate(error)
        }
    }

    public func readStream(_ stream: StreamID, fromVersion version: Int64, limit: Int)
        async throws(EventStoreError) -> [RecordedEvent]
    {
        let query: PostgresQuery = """
            SELECT \(unescaped: RecordedEventRow.columns)
            FROM crisis.events
            WHERE stream_id = \(stream.rawValue) AND stream_version >= \(version)
            ORDER BY stream_version
            LIMIT \(limit)
            """
        return try await RecordedEventRow.collect(query, on: session)
    }

    public func readAll(after checkpoint: Checkpoint, limit: Int) async throws(EventStoreError)
        -> [RecordedEvent]
    {
        let transaction = String(checkpoint.transactionID)
        let query: PostgresQuery = """
            SELECT \(unescaped: RecordedEventRow.columns)
            FROM crisis.events
            WHERE (transaction_id, global_position) > (\(transaction)::xid8, \(checkpoint.globalPosition))
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY transaction_id, global_position
            LIMIT \(limit)
            """
        return try await RecordedEventRow.collect(query, on: session)
    }

    public func version(of stream: StreamID) async throws(EventStoreError) -> Int64 {
        do {
            let rows = try await session.run(
                "SELECT version FROM crisis.streams WHERE stream_id = \(stream.rawValue)")
            for try await version in rows.decode(Int64.self) {
                return version
            }
            return 0
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// The stream a command id already appended to, if it did: a client that
    /// lost the answer (a crash, an outage) retries with the same id and learns
    /// that its command is already in the record.
    public func streamOfRecordedCommand(_ commandID: UUID) async throws(EventStoreError) -> String? {
        do {
            let rows = try await session.run(
                "SELECT stream_id FROM crisis.commands WHERE command_id = \(commandID)")
            for try await stream in rows.decode(String.self) {
                return stream
            }
            return nil
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Every event of every stream in (stream, version) order, as one row
    /// stream with back-pressure: what verification and exports walk.
    public func allEventsByStream(from stream: StreamID? = nil) async throws(EventStoreError)
        -> some AsyncSequence<RecordedEvent, any Error>
    {
        let query: PostgresQuery
        if let stream {
            query = """
                SELECT \(unescaped: RecordedEventRow.columns) FROM crisis.events
                WHERE stream_id = \(stream.rawValue) ORDER BY stream_version
                """
        } else {
            query = """
                SELECT \(unescaped: RecordedEventRow.columns) FROM crisis.events
                ORDER BY stream_id, stream_version
                """
        }
        do {
            return try await session.run(query).map(RecordedEventRow.decode)
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Every stream's version and head hash as the `streams` table records them.
    public func streamHeads(only stream: StreamID? = nil) async throws(EventStoreError)
        -> [StreamHead]
    {
        let query: PostgresQuery =
            if let stream {
                "SELECT stream_id, version, head_hash FROM crisis.streams WHERE stream_id = \(stream.rawValue)"
            } else {
                "SELECT stream_id, version, head_hash FROM crisis.streams ORDER BY stream_id"
            }
        do {
            var heads: [StreamHead] = []
            for try await (id, version, hash) in try await session.run(query).decode(
                (String, Int64, ByteBuffer).self)
            {
                heads.append(StreamHead(streamID: id, version: version, hash: Array(buffer: hash)))
            }
            return heads
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// The batch as the JSON array the append function takes. `data` and
    /// `metadata` are already JSON objects and go in as they are.
    static func batchJSON(_ events: [NewEvent]) -> String {
        var json = "["
        for (index, event) in events.enumerated() {
            if index > 0 { json += "," }
            json += "{\"event_id\":\"\(event.id.uuidString)\",\"event_type\":"
            json += JSONText.quoted(event.type)
            json += ",\"schema_version\":\(event.schemaVersion),\"data\":"
            json += String(decoding: event.data, as: UTF8.self)
            json += ",\"metadata\":"
            json += String(decoding: event.metadata, as: UTF8.self)
            json += "}"
        }
        return json + "]"
    }

    /// Reads `actual=N` from the detail the append function gives with CR409.
    static func actualVersion(fromDetail detail: String?) -> Int64 {
        guard let detail, let range = detail.range(of: "actual=") else { return -1 }
        return Int64(detail[range.upperBound...].prefix(while: \.isNumber)) ?? -1
    }
}

/// A stream's version and head hash, as the `streams` table records them.
public struct StreamHead: Sendable, Equatable, Codable {
    public var streamID: String
    public var version: Int64
    public var hash: [UInt8]

    public init(streamID: String, version: Int64, hash: [UInt8]) {
        self.streamID = streamID
        self.version = version
        self.hash = hash
    }
}
