import Foundation

/// Times as an audit prints and reads them: microseconds since 1970 UTC,
/// exactly as stored, never rounded through a `Double`.
public enum AuditTime {
    /// ISO 8601 with six fractional digits, in UTC (`2026-11-23T14:30:00.123456Z`),
    /// or at the fixed offset `zone` has at that moment (`...-05:00`).
    public static func iso(_ micros: Int64, in zone: TimeZone? = nil) -> String {
        let seconds = floorDivide(micros, 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let offset = zone.map { Int64($0.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))) } ?? 0
        let local = seconds + offset
        let days = floorDivide(local, 86_400)
        let secondOfDay = local - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        var text = String(format: "%04lld-%02lld-%02lldT", year, month, day)
        text += String(
            format: "%02lld:%02lld:%02lld.%06lld", secondOfDay / 3600, (secondOfDay % 3600) / 60, secondOfDay % 60,
            fraction)
        if zone == nil { return text + "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return text + sign + String(format: "%02lld:%02lld", minutes / 60, minutes % 60)
    }

    /// Reads ISO 8601 with an offset or `Z` and up to six fractional digits
    /// (`2026-11-23T09:30:00.123456-05:00`) as microseconds since 1970 UTC.
    public static func parseMicroseconds(_ text: String) -> Int64? {
        guard let tee = text.firstIndex(of: "T") else { return nil }
        let afterDate = text[text.index(after: tee)...]
        // hh:mm:ss is 8 characters; a fraction may follow, then the offset.
        guard afterDate.count > 8 else { return nil }
        let secondsEnd = afterDate.index(afterDate.startIndex, offsetBy: 8)
        var rest = afterDate[secondsEnd...]
        var fractionMicros: Int64 = 0
        if rest.first == "." {
            let digits = rest.dropFirst().prefix(while: \.isASCII).prefix(while: \.isNumber)
            guard !digits.isEmpty, digits.count <= 6, let value = Int64(digits) else { return nil }
            fractionMicros = value
            for _ in digits.count..<6 { fractionMicros *= 10 }
            rest = rest.dropFirst(1 + digits.count)
        }
        let whole = String(text[..<secondsEnd]) + String(rest)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: whole) else { return nil }
        return Int64(date.timeIntervalSince1970.rounded()) * 1_000_000 + fractionMicros
    }

    public static func date(_ micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// Howard Hinnant's days-to-civil: the proleptic Gregorian date of a day number.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
