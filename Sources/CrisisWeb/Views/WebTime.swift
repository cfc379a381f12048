import Foundation

/// Times as the pages show them: UTC to the minute, and the time left in words (not colour).
enum WebTime {
    static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// "3 h 20 min left" or "overdue by 12 min".
    static func left(until due: Date, now: Date) -> String {
        let seconds = Int(due.timeIntervalSince(now))
        let minutes = abs(seconds) / 60
        let words =
            minutes >= 48 * 60
            ? "\(minutes / 1440) days" : minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
        return seconds >= 0 ? "\(words) left" : "overdue by \(words)"
    }
}
