/// A sample's size, median and 90th percentile, as the policy review prints them.
///
/// The median is the middle value (the mean of the two middle values for an
/// even count); the 90th percentile is the nearest-rank one: the value at rank
/// ⌈0.9·n⌉ of the sorted sample. Both are nil for an empty sample.
public struct Distribution: Sendable, Equatable, Codable {
    public var count: Int
    public var median: Double?
    public var p90: Double?
    public var min: Double?
    public var max: Double?

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        min = sorted.first
        max = sorted.last
        guard !sorted.isEmpty else { return }
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up))
        p90 = sorted[Swift.max(rank, 1) - 1]
    }
}
