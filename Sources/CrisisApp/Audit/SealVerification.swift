import CrisisDomain
import CrisisStore
import Foundation
import PostgresNIO

/// `crisis audit seal` and `crisis audit verify --seal`: seals are made from,
/// and checked against, one repeatable-read snapshot, together with the
/// recomputed hash chains.
public struct SealVerification: Sendable {
    /// What verifying against a seal found.
    public struct Report: Sendable {
        public var chains: ChainVerifier.Report
        /// The first sealed stream head that no longer holds, if any.
        public var sealProblem: ChainProblem?
        public var streamsCompared: Int

        public var isIntact: Bool { chains.isIntact && sealProblem == nil }
    }

    public let database: CrisisDatabase

    public init(database: CrisisDatabase) {
        self.database = database
    }

    /// Verifies every chain and, when it holds, seals every stream head. A
    /// broken record is never sealed.
    public func seal(with key: SealSigningKey) async throws(CommandError) -> Seal {
        try await snapshot { connection, store in
            let view = try await RecordView.enter(on: connection)
            guard view.isComplete else {
                throw CommandError.refused(
                    Refusal(
                        .permissionNeedsSealer,
                        "a seal must cover every stream, and \(view.unseenStreams) streams (restricted incidents and their access logs) are hidden from this role; seal as a member of crisis_sealer (docs/access.md)."
                    ))
            }
            let heads = try await store.streamHeads()
            let chains = try await ChainVerifier().verify(events: try await store.allEventsByStream(), heads: heads)
            if let problem = chains.firstProblem {
                throw CommandError.badInput(
                    "the record does not verify, so it is not sealed: \(problem)")
            }
            var position: Int64 = 0
            var micros: Int64 = 0
            for try await (maximum, now) in try await connection.query(
                "SELECT coalesce(max(global_position), 0), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint FROM crisis.events",
                logger: DatabaseConnector.quietLogger
            ).decode((Int64, Int64).self) {
                position = maximum
                micros = now
            }
            return try Seal.make(
                heads: heads, globalPosition: position, sealedAtMicroseconds: micros,
                sealedAt: AuditTime.iso(micros), key: key)
        }
    }

    /// Recomputes the chains (of `stream`, or all) and checks that each sealed
    /// stream's event at its sealed version still has the sealed hash.
    public func verify(_ seal: Seal, stream: StreamID? = nil) async throws(CommandError) -> Report {
        try await snapshot { connection, store in
            let view = try await RecordView.enter(on: connection)
            let heads = try await store.streamHeads(only: stream)
            var chains = try await ChainVerifier().verify(
                events: try await store.allEventsByStream(from: stream), heads: heads)
            chains.streamsNotVisible = stream == nil ? view.unseenStreams : 0
            var report = Report(chains: chains, sealProblem: nil, streamsCompared: 0)
            // A sealed stream hidden from this role is not compared (and not taken for deleted).
            for sealed in seal.streams
            where (stream == nil || sealed.streamId == stream?.rawValue) && !view.hidden.contains(sealed.streamId) {
                report.streamsCompared += 1
                var found: (hash: [UInt8], position: Int64)?
                for try await (hash, position) in try await connection.query(
                    """
                    SELECT hash, global_position FROM crisis.events
                    WHERE stream_id = \(sealed.streamId) AND stream_version = \(sealed.version)
                    """, logger: DatabaseConnector.quietLogger
                ).decode((ByteBuffer, Int64).self) {
                    found = (Array(buffer: hash), position)
                }
                guard let found else {
                    report.sealProblem = ChainProblem(
                        streamID: sealed.streamId, streamVersion: sealed.version, globalPosition: nil,
                        reason:
                            "the seal of position \(seal.globalPosition) records this event, but it is no longer stored: history was deleted after the seal"
                    )
                    return report
                }
                if found.hash.hexString != sealed.headHash.lowercased() {
                    report.sealProblem = ChainProblem(
                        streamID: sealed.streamId, streamVersion: sealed.version, globalPosition: found.position,
                        reason:
                            "its hash is now \(found.hash.hexString), but the seal of position \(seal.globalPosition) (\(seal.sealedAt)) records \(sealed.headHash): the stream's history up to this event was rewritten after the seal"
                    )
                    return report
                }
            }
            return report
        }
    }

    private func snapshot<Result: Sendable>(
        _ body: (PostgresConnection, PostgresEventStore) async throws -> Result
    ) async throws(CommandError) -> Result {
        let store = database.store
        do {
            return try await database.connection.withTransaction(logger: DatabaseConnector.quietLogger) {
                connection in
                _ = try await connection.query(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                    logger: DatabaseConnector.quietLogger)
                return try await body(connection, store)
            }
        } catch let error as CommandError {
            throw error
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? CommandError { throw inner }
            throw .store(ServerError.translateError(error))
        } catch {
            throw .store(ServerError.translateError(error))
        }
    }
}
