import Foundation
import PostgresNIO

/// Where the page runner has got to (migration 0012): its checkpoint in the gap-safe "all"
/// order, one per login that runs it, and each incident's next moment at which time alone may
/// make a page owed. A pass works on the incidents written since the checkpoint and on those
/// whose moment has come.
public struct PageAgenda: Sendable {
    public let session: any DatabaseSession

    public init(session: any DatabaseSession) {
        self.session = session
    }

    /// The streams written after `checkpoint`, in the gap-safe order (below the oldest running
    /// transaction, so an event that commits late is read by a later pass, never skipped), up to
    /// `limit` events; and the checkpoint after the last event read (nil: none was).
    public func streamsWritten(after checkpoint: Checkpoint, limit: Int) async throws(EventStoreError)
        -> (streams: [String], last: Checkpoint?, events: Int)
    {
        let query: PostgresQuery = """
            SELECT stream_id, transaction_id::text::bigint AS transaction_number, global_position
            FROM crisis.events
            WHERE (transaction_id, global_position) > (\(String(checkpoint.transactionID))::xid8, \(checkpoint.globalPosition))
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY transaction_id, global_position
            LIMIT \(limit)
            """
        do {
            var streams: [String] = []
            var seen: Set<String> = []
            var last: Checkpoint?
            var events = 0
            for try await (stream, transaction, position) in try await session.run(query).decode(
                (String, Int64, Int64).self)
            {
                events += 1
                last = Checkpoint(transactionID: transaction, globalPosition: position)
                if seen.insert(stream).inserted { streams.append(stream) }
            }
            return (streams, last, events)
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// The runner's checkpoint for the login of this session (the start when it has none).
    public func checkpoint() async throws(EventStoreError) -> Checkpoint {
        do {
            let rows = try await session.run(
                """
                SELECT transaction_id, global_position FROM crisis.projection_checkpoints
                WHERE projection = 'pages:' || session_user
                """)
            for try await (transaction, position) in rows.decode((Int64, Int64).self) {
                return Checkpoint(transactionID: transaction, globalPosition: position)
            }
            return .start
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Moves the login's checkpoint on (never back: a slower runner of the same login that
    /// finishes later leaves the further one).
    public func advance(to checkpoint: Checkpoint) async throws(EventStoreError) {
        do {
            _ = try await session.run(
                """
                INSERT INTO crisis.projection_checkpoints (projection, transaction_id, global_position)
                VALUES ('pages:' || session_user, \(checkpoint.transactionID), \(checkpoint.globalPosition))
                ON CONFLICT (projection) DO UPDATE SET
                    transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position,
                    updated_at = clock_timestamp()
                WHERE (crisis.projection_checkpoints.transaction_id, crisis.projection_checkpoints.global_position)
                    < (EXCLUDED.transaction_id, EXCLUDED.global_position)
                """)
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// The incidents whose next moment has come by `now`.
    public func due(at now: Date) async throws(EventStoreError) -> [String] {
        do {
            var streams: [String] = []
            for try await stream in try await session.run(
                "SELECT stream_id FROM crisis.page_agenda WHERE next_check <= \(now) ORDER BY next_check"
            ).decode(String.self) {
                streams.append(stream)
            }
            return streams
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Sets an incident's next moment (nil: nothing will fall due without a new event).
    public func schedule(_ stream: String, nextCheck: Date?) async throws(EventStoreError) {
        do {
            if let nextCheck {
                _ = try await session.run(
                    """
                    INSERT INTO crisis.page_agenda (stream_id, next_check) VALUES (\(stream), \(nextCheck))
                    ON CONFLICT (stream_id) DO UPDATE SET
                        next_check = EXCLUDED.next_check, updated_at = clock_timestamp()
                    """)
            } else {
                _ = try await session.run("DELETE FROM crisis.page_agenda WHERE stream_id = \(stream)")
            }
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// The earliest moment on the agenda this login may see.
    public func earliest() async throws(EventStoreError) -> Date? {
        do {
            for try await next in try await session.run("SELECT min(next_check) FROM crisis.page_agenda").decode(
                Date?.self)
            {
                return next
            }
            return nil
        } catch {
            throw ServerError.translate(error)
        }
    }
}
