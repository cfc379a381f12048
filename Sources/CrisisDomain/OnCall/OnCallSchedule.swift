import Foundation

/// Who is on call for which organisational role and when, where each person is paged, and the
/// channels pages go out on: folded from the `oncall` stream.
public struct OnCallSchedule: Sendable, Equatable {
    /// One person on call for one role over one period.
    public struct Shift: Sendable, Equatable, Codable {
        public var id: String
        public var role: String
        public var person: String
        public var from: Date
        public var until: Date
        public var level: Int
        public var addedBy: String

        /// Whether the shift covers the moment `at` (from inclusive, until exclusive).
        public func covers(_ at: Date) -> Bool { from <= at && at < until }

        /// Whether any part of the shift falls in `[start, end)`.
        public func overlaps(_ start: Date, _ end: Date) -> Bool { from < end && start < until }
    }

    /// Where one person is paged.
    public struct Contact: Sendable, Equatable, Codable {
        public var person: String
        public var email: String?
        public var channels: [String]
    }

    /// The shifts in force (removed ones are gone), in the order they were added.
    public internal(set) var shifts: [Shift] = []
    public internal(set) var contacts: [String: Contact] = [:]
    public internal(set) var channels: [String: ChannelAdded] = [:]
    /// How many shifts were ever added: the next shift's id is `s` and this plus one.
    public internal(set) var shiftsAdded = 0
    /// The stream's version: what the next change expects.
    public internal(set) var version: Int64 = 0

    public init() {}

    /// The people on call for `role` at `level` at the moment `at` (overlapping shifts: all of them).
    public func onCall(_ role: String, level: Int, at: Date) -> [String] {
        var people: [String] = []
        for shift in shifts where shift.role == role && shift.level == level && shift.covers(at) {
            if !people.contains(shift.person) { people.append(shift.person) }
        }
        return people
    }

    /// The roles, of `roles`, with nobody on call at any level at any time in `[from, from + days)`.
    public func gaps(in roles: [String], from: Date, days: Int = 7) -> [String] {
        let end = from.addingTimeInterval(Double(days) * 86_400)
        return roles.filter { role in !shifts.contains { $0.role == role && $0.overlaps(from, end) } }
    }

    /// The schedule after one more recorded event.
    func applying(_ recorded: Recorded<OnCallEvent>) -> OnCallSchedule {
        var next = self
        next.version = recorded.version
        switch recorded.event {
        case .shiftAdded(let e):
            next.shiftsAdded += 1
            next.shifts.append(
                Shift(
                    id: e.shiftId, role: e.role, person: e.person, from: e.from, until: e.until, level: e.level,
                    addedBy: recorded.actor))
        case .shiftRemoved(let e):
            next.shifts.removeAll { $0.id == e.shiftId }
        case .contactSet(let e):
            next.contacts[e.person] = Contact(person: e.person, email: e.email, channels: e.channels)
        case .channelAdded(let e):
            next.channels[e.name] = e
        }
        return next
    }
}
