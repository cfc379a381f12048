import Foundation

/// The append-only home of every stream: the one way events get in, and the
/// ways they are read back.
public protocol EventStore: Sendable {
    /// Appends a batch to one stream if the stream is at `expected`; all of
    /// the batch or none. A repeated `commandID` returns the first call's result
    /// and writes nothing.
    func append(
        _ events: [NewEvent], to stream: StreamID, expecting expected: ExpectedVersion, commandID: UUID
    ) async throws(EventStoreError) -> AppendResult

    /// Up to `limit` events of one stream from `version` on, in version order.
    func readStream(_ stream: StreamID, fromVersion version: Int64, limit: Int)
        async throws(EventStoreError) -> [RecordedEvent]

    /// Up to `limit` events of every stream after `checkpoint`, in gap-safe
    /// commit order: an event whose transaction commits late is never skipped.
    func readAll(after checkpoint: Checkpoint, limit: Int) async throws(EventStoreError)
        -> [RecordedEvent]

    /// The version of a stream: the number of events it holds (0 when it does not exist).
    func version(of stream: StreamID) async throws(EventStoreError) -> Int64
}

extension EventStore {
    /// Every event of one stream from `version` on, read page by page as the
    /// consumer asks, so memory stays flat however long the stream is.
    public func events(in stream: StreamID, fromVersion version: Int64 = 1, pageSize: Int = 1_000)
        -> PagedEvents
    {
        PagedEvents(pageSize: pageSize, idle: nil) { limit, last async throws(EventStoreError) in
            let next = last.map { $0.streamVersion + 1 } ?? version
            return try await readStream(stream, fromVersion: next, limit: limit)
        }
    }

    /// Follows "all" from `checkpoint` for as long as the consumer reads: pages
    /// of gap-safe events pulled on demand, and a short wait when caught up.
    public func subscribe(
        after checkpoint: Checkpoint, pageSize: Int = 500, idle: Duration = .milliseconds(100)
    ) -> PagedEvents {
        PagedEvents(pageSize: pageSize, idle: idle) { limit, last async throws(EventStoreError) in
            try await readAll(after: last?.checkpoint ?? checkpoint, limit: limit)
        }
    }
}

/// Events pulled from the store one page at a time, only when the consumer
/// asks for more: natural back-pressure, flat memory.
public struct PagedEvents: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent
    public typealias Failure = EventStoreError

    /// Reads the page after the last event seen (nil before the first).
    typealias PageReader =
        @Sendable (Int, RecordedEvent?) async throws(EventStoreError) -> [RecordedEvent]

    let pageSize: Int
    /// When set, the sequence never ends: it waits this long and asks again.
    let idle: Duration?
    let readPage: PageReader

    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let sequence: PagedEvents
        var buffer: [RecordedEvent] = []
        var index = 0
        var last: RecordedEvent?
        var exhausted = false

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(EventStoreError)
            -> RecordedEvent?
        {
            while index == buffer.count {
                if exhausted || Task.isCancelled { return nil }
                buffer = try await sequence.readPage(sequence.pageSize, last)
                index = 0
                if buffer.count < sequence.pageSize {
                    if let idle = sequence.idle {
                        if buffer.isEmpty {
                            do { try await Task.sleep(for: idle) } catch { return nil }
                        }
                    } else {
                        exhausted = true
                    }
                }
            }
            let event = buffer[index]
            index += 1
            last = event
            return event
        }

        public mutating func next() async throws(EventStoreError) -> RecordedEvent? {
            try await next(isolation: nil)
        }
    }
}
