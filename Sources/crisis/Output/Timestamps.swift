import Foundation

/// How times are printed: UTC, ISO 8601, to the second.
enum Timestamps {
    static func utc(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(
                separator: .omitted))
    }
}
