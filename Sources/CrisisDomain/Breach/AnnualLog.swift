import Foundation

/// One breach of fewer than 500 individuals as the HHS annual log asks for it (45 CFR 164.408(c)):
/// reported no later than 60 days after the end of the calendar year of its discovery.
public struct AnnualLogEntry: Sendable, Equatable, Encodable {
    /// Where the entry stands.
    public enum Status: String, Sendable, Equatable, Encodable {
        /// Entered in the HHS portal (`notification record --to hhs`).
        case submitted
        /// Still to be submitted; due at `dueAt`.
        case toSubmit = "to-submit"
        /// Not submitted, and its due date has passed.
        case overdue
    }

    public var incidentId: UUID
    public var kind: String
    public var discoveredAt: Date
    /// Individuals affected as recorded; nil while the count is unknown (`assessment affected`).
    public var affected: Int?
    public var residentsByState: [String: Int]
    public var unreachable: Int?
    /// The platforms the disclosure was posted on (the portal's "location of breached information").
    public var platforms: [String]
    /// When individuals were first notified, and how many notices were recorded in all.
    public var individualsFirstNotifiedAt: Date?
    public var individualsNotified: Int
    public var substituteNoticeAt: Date?
    public var mediaNoticeAt: Date?
    /// When the entry was made in the HHS portal, and the portal's confirmation.
    public var submittedAt: Date?
    public var hhsLogEntry: String?
    public var dueAt: Date
    /// The last day to submit, in the workflow's time zone (`2027-03-01`): `dueAt` is the
    /// moment that day ends.
    public var lastDay: String
    public var status: Status
}

/// The HHS annual log of `year`: every breach of fewer than 500 discovered that year (in each
/// workflow's own time zone), ordered by discovery, and whether it is submitted, still to
/// submit, or overdue at `now`. Built from the deadline the workflow names `hhs-annual-log`, so
/// it lists the incidents whose annual clock applies, which includes every presumed breach whose
/// population is not recorded or recorded as unknown: until it is known, it may be under 500.
public func annualLog(
    _ incidents: [(state: IncidentState, definition: WorkflowDefinition)], year: Int, now: Date
) -> [AnnualLogEntry] {
    var entries: [AnnualLogEntry] = []
    for (state, definition) in incidents {
        // A drill rehearses the clocks but never starts a real one (issue 16).
        guard let id = state.id, let discovered = state.discoveredAt, !state.isDrill else { continue }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: definition.businessHours.timeZone) ?? .gmt
        // The clock applies while the number is unknown or not recorded: it may be under 500.
        guard let clock = deadlines(state, definition, now: now).first(where: { $0.name == "hhs-annual-log" }),
            calendar.component(.year, from: clock.startedAt.addingTimeInterval(-1)) == year  // starts when the year ends
        else { continue }
        let dueAt = clock.dueAt
        let notices = state.breach.notifications
        let individuals = notices.filter(\.countsAsWrittenNotice)
        let hhs = notices.filter { $0.recipient == .hhs }.min { $0.notifiedAt < $1.notifiedAt }
        let submitted = hhs?.notifiedAt
        let status: AnnualLogEntry.Status =
            submitted != nil ? .submitted : (dueAt < now ? .overdue : .toSubmit)
        entries.append(
            AnnualLogEntry(
                incidentId: id, kind: definition.kind, discoveredAt: discovered, affected: state.breach.affected?.total,
                residentsByState: state.breach.affected?.residentsByState ?? [:],
                unreachable: state.breach.affected?.unreachable, platforms: state.posts.map(\.platform),
                individualsFirstNotifiedAt: individuals.map(\.notifiedAt).min(),
                individualsNotified: individuals.reduce(0) { $0 + ($1.count ?? 0) },
                substituteNoticeAt: notices.filter { $0.recipient == .substitute }.map(\.notifiedAt).min(),
                mediaNoticeAt: notices.filter { $0.recipient == .media }.map(\.notifiedAt).min(),
                submittedAt: submitted, hhsLogEntry: hhs?.logEntry, dueAt: dueAt,
                lastDay: lastDay(before: dueAt, calendar),
                status: status))
    }
    return entries.sorted { ($0.discoveredAt, $0.incidentId.uuidString) < ($1.discoveredAt, $1.incidentId.uuidString) }
}

/// The calendar day (yyyy-MM-dd) that ends at `end`.
private func lastDay(before end: Date, _ calendar: Calendar) -> String {
    let day = calendar.dateComponents([.year, .month, .day], from: end.addingTimeInterval(-1))
    return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
}
