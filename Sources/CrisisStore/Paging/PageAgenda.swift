import Foundation
import PostgresNIO

/// Where the page runner stands (migration 0012): for each incident it worked on, the stream
/// version it had folded up to and the next moment at which time alone may make a page owed. A
/// pass works on the incidents written since and on those whose moment has come.
///
/// Stream versions, not a checkpoint in the gap-safe "all" order: that reader waits for the
/// oldest transaction running anywhere in the cluster, and a page must not (docs/paging.md).
public struct PageAgenda: Sendable {
    public let session: any DatabaseSession

    public init(session: any DatabaseSession) {
        self.session = session
    }

    /// The incident streams written since the runner last worked on them (or never worked on),
    /// then those whose next moment has come by `now`; oldest first within each.
    public func streamsToWork(at now: Date) async throws(EventStoreError) -> [String] {
        do {
            var streams: [String] = []
            for try await stream in try await session.run(
                """
                SELECT s.stream_id FROM crisis.streams s
                LEFT JOIN crisis.page_agenda a ON a.stream_id = s.stream_id
                WHERE s.stream_id LIKE 'incident-%'
                  AND (a.stream_id IS NULL OR a.paged_version < s.version OR a.next_check <= \(now))
                ORDER BY (a.stream_id IS NULL OR a.paged_version < s.version) DESC, s.created_at, s.stream_id
                """
            ).decode(String.self) {
                streams.append(stream)
            }
            return streams
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Records that the runner worked on `stream` up to `version`, and its next moment (nil:
    /// nothing falls due without a new event). A slower runner never moves a row back.
    public func worked(_ stream: String, upTo version: Int64, nextCheck: Date?) async throws(EventStoreError) {
        do {
            _ = try await session.run(
                """
                INSERT INTO crisis.page_agenda (stream_id, paged_version, next_check)
                VALUES (\(stream), \(version), \(nextCheck))
                ON CONFLICT (stream_id) DO UPDATE SET
                    paged_version = EXCLUDED.paged_version, next_check = EXCLUDED.next_check,
                    updated_at = clock_timestamp()
                WHERE crisis.page_agenda.paged_version <= EXCLUDED.paged_version
                """)
        } catch {
            throw ServerError.translate(error)
        }
    }

    /// Makes `stream` due again at `moment` without moving its version (an incident a pass could
    /// not work on).
    public func retry(_ stream: String, at moment: Date) async throws(EventStoreError) {
        do {
            _ = try await session.run(
                """
                INSERT INTO crisis.page_agenda (stream_id, paged_version, next_check)
                VALUES (\(stream), 0, \(moment))
                ON CONFLICT (stream_id) DO UPDATE SET next_check = EXCLUDED.next_check, updated_at = clock_timestamp()
                """)
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
