/// How long a clock runs: `4 hours`, `60 days`, `15 business days`, or the short forms `4h`, `60d`, `15bd`, `30m`.
public struct WorkflowDuration: Sendable, Equatable, CustomStringConvertible {
    /// The unit a clock counts in.
    public enum Unit: String, Sendable, Equatable {
        case minutes
        case hours
        case calendarDays = "days"
        case businessDays = "business days"
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String {
        amount == 1 ? "1 \(unit.rawValue.dropLast())" : "\(amount) \(unit.rawValue)"
    }

    /// About how long it is, in seconds (a business day as 1.4 calendar days), for comparing
    /// two durations, never for computing a time: `BusinessCalendar` does that.
    public var roughSeconds: Double {
        switch unit {
        case .minutes: Double(amount) * 60
        case .hours: Double(amount) * 3_600
        case .calendarDays: Double(amount) * 86_400
        case .businessDays: Double(amount) * 86_400 * 1.4
        }
    }

    /// Parses a duration; returns nil when the text is not one.
    public static func parse(_ text: String) -> WorkflowDuration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard let amount = Int(digits), amount > 0 else { return nil }
        let rest = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let units: [String: Unit] = [
            "m": .minutes, "min": .minutes, "minute": .minutes, "minutes": .minutes,
            "h": .hours, "hour": .hours, "hours": .hours,
            "d": .calendarDays, "day": .calendarDays, "days": .calendarDays,
            "calendar day": .calendarDays, "calendar days": .calendarDays,
            "bd": .businessDays, "business day": .businessDays, "business days": .businessDays,
        ]
        guard let unit = units[rest] else { return nil }
        return WorkflowDuration(amount: amount, unit: unit)
    }
}
