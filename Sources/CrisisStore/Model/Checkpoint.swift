/// Where a reader of "all" has got to: the last (transaction, position) pair it processed.
///
/// Events are read in `(transaction_id, global_position)` order and only below the
/// oldest running transaction, so an event whose transaction commits late is
/// never skipped (see docs/event-store.md).
public struct Checkpoint: Sendable, Hashable, Codable, Comparable {
    public var transactionID: Int64
    public var globalPosition: Int64

    public init(transactionID: Int64, globalPosition: Int64) {
        self.transactionID = transactionID
        self.globalPosition = globalPosition
    }

    /// Before the first event.
    public static let start = Checkpoint(transactionID: 0, globalPosition: 0)

    public static func < (lhs: Checkpoint, rhs: Checkpoint) -> Bool {
        (lhs.transactionID, lhs.globalPosition) < (rhs.transactionID, rhs.globalPosition)
    }
}
