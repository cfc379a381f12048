/// Recomputes hash chains from what is stored and names the first event
/// that does not match: a changed field, a reordered or missing event, or a
/// stream head that no longer matches its last event.
public struct ChainVerifier: Sendable {
    /// What verification found.
    public struct Report: Sendable, Equatable {
        public var streamsChecked: Int = 0
        public var eventsChecked: Int = 0
        /// The first problem found, or nil when every chain checked verifies.
        public var firstProblem: ChainProblem?
        /// Streams the verifying role could not see (restricted incidents it was not given):
        /// not checked, so the report covers only the rest (issue 13).
        public var streamsNotVisible: Int = 0

        public var isIntact: Bool { firstProblem == nil }
    }

    public init() {}

    /// Walks events in (stream, version) order; `heads` are the `streams` rows
    /// for the same streams.
    public func verify<Events: AsyncSequence>(events: Events, heads: [StreamHead]) async throws
        -> Report
    where Events.Element == RecordedEvent {
        var report = Report()
        var expectedHeads = Dictionary(uniqueKeysWithValues: heads.map { ($0.streamID, $0) })
        var current: (stream: String, version: Int64, hash: [UInt8])?

        func finish(_ stream: (stream: String, version: Int64, hash: [UInt8])) -> ChainProblem? {
            guard let head = expectedHeads.removeValue(forKey: stream.stream) else {
                return ChainProblem(
                    streamID: stream.stream, streamVersion: stream.version, globalPosition: nil,
                    reason: "the stream has events but no row in crisis.streams")
            }
            if head.version != stream.version || head.hash != stream.hash {
                return ChainProblem(
                    streamID: stream.stream, streamVersion: stream.version, globalPosition: nil,
                    reason:
                        "the stream head records version \(head.version) with hash \(head.hash.hexString), but its events end at version \(stream.version) with hash \(stream.hash.hexString): events were removed or added behind the store's back"
                )
            }
            return nil
        }

        for try await event in events {
            if current?.stream != event.streamID {
                if let finished = current, let problem = finish(finished) {
                    report.firstProblem = problem
                    return report
                }
                current = (event.streamID, 0, [])
                report.streamsChecked += 1
            }
            guard var chain = current else { continue }
            report.eventsChecked += 1
            if let problem = check(event, after: chain) {
                report.firstProblem = problem
                return report
            }
            chain.version = event.streamVersion
            chain.hash = event.hash
            current = chain
        }
        if let finished = current, let problem = finish(finished) {
            report.firstProblem = problem
            return report
        }
        if let missing = expectedHeads.values.filter({ $0.version > 0 }).min(by: {
            $0.streamID < $1.streamID
        }) {
            report.firstProblem = ChainProblem(
                streamID: missing.streamID, streamVersion: 1, globalPosition: nil,
                reason: "the stream head records \(missing.version) events but none are stored")
        }
        return report
    }

    private func check(
        _ event: RecordedEvent, after chain: (stream: String, version: Int64, hash: [UInt8])
    )
        -> ChainProblem?
    {
        func problem(_ reason: String) -> ChainProblem {
            ChainProblem(
                streamID: event.streamID, streamVersion: event.streamVersion,
                globalPosition: event.globalPosition, reason: reason)
        }
        if event.streamVersion != chain.version + 1 {
            return problem(
                "expected version \(chain.version + 1) after \(chain.version), found \(event.streamVersion): an event is missing or out of order"
            )
        }
        if event.previousHash != chain.hash {
            return problem(
                "its previous hash \(event.previousHash.hexString) is not the hash of the event before it (\(chain.hash.hexString))"
            )
        }
        let recomputed = EventHash.compute(for: event, previousHash: chain.hash)
        if recomputed != event.hash {
            return problem(
                "its stored hash \(event.hash.hexString) does not match its content (recomputed \(recomputed.hexString)): the event was altered"
            )
        }
        return nil
    }
}

/// The first event (or stream head) whose hash chain does not hold.
public struct ChainProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    public var streamID: String
    public var streamVersion: Int64
    public var globalPosition: Int64?
    public var reason: String

    public init(streamID: String, streamVersion: Int64, globalPosition: Int64?, reason: String) {
        self.streamID = streamID
        self.streamVersion = streamVersion
        self.globalPosition = globalPosition
        self.reason = reason
    }

    public var description: String {
        let position = globalPosition.map { ", global position \($0)" } ?? ""
        return "stream \(streamID), version \(streamVersion)\(position): \(reason)"
    }
}
