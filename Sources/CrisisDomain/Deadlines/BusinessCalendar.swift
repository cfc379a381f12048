import Foundation

/// Calendar arithmetic in the team's time zone: business days are Monday to Friday
/// (public holidays are not modelled), business hours come from the workflow.
public struct BusinessCalendar: Sendable {
    public var hours: BusinessHours
    private var calendar: Calendar

    public init(hours: BusinessHours) {
        self.hours = hours
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: hours.timeZone) ?? .gmt
        self.calendar = calendar
    }

    /// Whether `date` falls on a Saturday or Sunday in the team's time zone.
    public func isWeekend(_ date: Date) -> Bool {
        calendar.isDateInWeekend(date)
    }

    /// Whether `date` is inside business hours on a business day.
    public func isWithinBusinessHours(_ date: Date) -> Bool {
        guard !isWeekend(date) else { return false }
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minutes = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return minutes >= hours.opensAt && minutes < hours.closesAt
    }

    /// `date` moved forward by `duration`; business days skip weekends and keep the time of day.
    public func adding(_ duration: WorkflowDuration, to date: Date) -> Date {
        switch duration.unit {
        case .minutes: return date.addingTimeInterval(Double(duration.amount) * 60)
        case .hours: return date.addingTimeInterval(Double(duration.amount) * 3_600)
        case .calendarDays:
            return calendar.date(byAdding: .day, value: duration.amount, to: date)
                ?? date.addingTimeInterval(Double(duration.amount) * 86_400)
        case .businessDays:
            var result = date
            var remaining = duration.amount
            while remaining > 0 {
                result = calendar.date(byAdding: .day, value: 1, to: result) ?? result.addingTimeInterval(86_400)
                if !isWeekend(result) { remaining -= 1 }
            }
            return result
        }
    }

    /// `date` moved back by `duration` (a warning `warn-before` a deadline); business days skip
    /// weekends and keep the time of day.
    public func subtracting(_ duration: WorkflowDuration, from date: Date) -> Date {
        switch duration.unit {
        case .minutes: return date.addingTimeInterval(-Double(duration.amount) * 60)
        case .hours: return date.addingTimeInterval(-Double(duration.amount) * 3_600)
        case .calendarDays:
            return calendar.date(byAdding: .day, value: -duration.amount, to: date)
                ?? date.addingTimeInterval(-Double(duration.amount) * 86_400)
        case .businessDays:
            var result = date
            var remaining = duration.amount
            while remaining > 0 {
                result = calendar.date(byAdding: .day, value: -1, to: result) ?? result.addingTimeInterval(-86_400)
                if !isWeekend(result) { remaining -= 1 }
            }
            return result
        }
    }

    /// The first instant of the calendar year after the one containing `date`.
    public func startOfNextYear(after date: Date) -> Date {
        let year = calendar.component(.year, from: date)
        return calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1)) ?? date
    }
}
