import PostgresNIO

/// How a watcher learns that events were appended, without reading them: the
/// announcement crisis's writers send after each append commits, and the
/// look a watcher takes once a second for appends nobody announced.
/// docs/performance.md says what each may miss and for how long.
public enum StoreActivity {
    /// The channel appends are announced on; the payload is the stream id.
    public static let channel = "crisis_events"

    /// Announces an append that has committed. Outside the append's own
    /// transaction: a transaction that notifies holds a database-wide lock
    /// through its commit's WAL flush, which made every appender commit one
    /// at a time. A statement with nothing to write flushes nothing, so its
    /// turn on that lock is short. Best effort: the append stands either way,
    /// and watchers also look for appends once a second.
    static func announce(_ stream: StreamID, on session: any DatabaseSession) async {
        let query: PostgresQuery = "SELECT pg_notify(\(channel), \(stream.rawValue))"
        guard let rows = try? await session.run(query) else { return }
        _ = try? await rows.collect()
    }

    /// Where a watcher's last look left off: the oldest transaction then
    /// running, and how many events had been recorded from it on.
    public struct Look: Sendable, Equatable {
        let since: Int64
        let count: Int64
    }

    /// Looks for appends since `previous` (`crisis.appended_since`, migration
    /// 0017): whether any committed since then, and where this look leaves
    /// off. The first look (no previous) finds nothing. Only counts: any role
    /// that may read the record may ask.
    public static func look(after previous: Look?, on session: any DatabaseSession)
        async throws(EventStoreError) -> (appended: Bool, next: Look)
    {
        do {
            let rows = try await session.run(
                "SELECT since_count, oldest_running, count_from_oldest FROM crisis.appended_since(\(previous?.since))")
            for try await (sinceCount, oldest, fromOldest) in rows.decode((Int64?, Int64, Int64).self) {
                let appended = previous.map { sinceCount != $0.count } ?? false
                return (appended, Look(since: oldest, count: fromOldest))
            }
            throw EventStoreError.unavailable("crisis.appended_since answered nothing")
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw ServerError.translate(error)
        }
    }
}
