import Foundation

/// What a commander or roster administrator asks of the on-call schedule.
public enum OnCallCommand: Sendable, Equatable {
    case addShift(role: String, person: String, from: Date, until: Date, level: Int)
    case removeShift(id: String)
    case setContact(person: String, email: String?, channels: [String])
    case addChannel(name: String, webhook: String, format: ChannelFormat, secretFile: String?)
}

/// The on-call schedule as a ``Decider``: shifts, contacts and channels, changed by the commander
/// or a roster administrator, each change an event on the `oncall` stream.
///
/// It lives in a stream of its own rather than the roster's: the database lets only role
/// administrators append to `roster` (migration 0005), and a commander must be able to fix
/// the schedule at 2 a.m. without database administration rights.
public struct OnCallDecider: Decider {
    public typealias Command = OnCallCommand
    public typealias Event = OnCallEvent
    public typealias State = OnCallSchedule

    /// Who changes the schedule by default: the commander (and anyone who may administer the roster).
    public static let schedulers = ["commander"]

    public var actor: Actor
    /// Whether the actor may administer the roster (a database role allowed to create roles).
    public var administersRoster: Bool
    /// Who is on the roster now: shifts and contacts name people on it.
    public var roster: Roster
    /// The organisational roles a shift may be for.
    public var roles: [String]

    public init(actor: Actor, administersRoster: Bool, roster: Roster, roles: [String]) {
        self.actor = actor
        self.administersRoster = administersRoster
        self.roster = roster
        self.roles = roles
    }

    public static var initial: OnCallSchedule { OnCallSchedule() }

    public static func evolve(_ state: consuming OnCallSchedule, _ recorded: Recorded<OnCallEvent>) -> OnCallSchedule {
        state.applying(recorded)
    }

    public func decide(_ command: OnCallCommand, _ schedule: OnCallSchedule) throws(Refusal) -> [OnCallEvent] {
        try arguments(command, schedule)
        guard administersRoster || actor.holdsAny(of: Self.schedulers) else {
            throw Refusal(
                .permissionRole,
                "\(actor.databaseRole) may not change the on-call schedule: that is for the commander or a roster administrator; ask one of them."
            )
        }
        switch command {
        case .addShift(let role, let person, let from, let until, let level):
            return [
                .shiftAdded(
                    ShiftAdded(
                        shiftId: "s\(schedule.shiftsAdded + 1)", role: role, person: person, from: from, until: until,
                        level: level))
            ]
        case .removeShift(let id):
            return [.shiftRemoved(ShiftRemoved(shiftId: id))]
        case .setContact(let person, let email, let channels):
            return [.contactSet(ContactSet(person: person, email: email, channels: channels))]
        case .addChannel(let name, let webhook, let format, let secretFile):
            return [.channelAdded(ChannelAdded(name: name, webhook: webhook, format: format, secretFile: secretFile))]
        }
    }

    /// The command's own arguments: bad input whoever gives them, so checked before permission.
    private func arguments(_ command: OnCallCommand, _ schedule: OnCallSchedule) throws(Refusal) {
        switch command {
        case .addShift(let role, let person, let from, let until, let level):
            guard roles.contains(role) else {
                throw Refusal(
                    .inputUnknownRole,
                    "There is no role \"\(role)\"; use one of: \(roles.joined(separator: ", ")).")
            }
            try onRoster(person)
            guard from < until else {
                throw Refusal(
                    .inputShiftEndsBeforeItStarts,
                    "A shift must end after it starts (--until after --from); check the two times.")
            }
            guard level == 1 || level == 2 else {
                throw Refusal(
                    .inputUnknownLevel,
                    "There is no on-call level \(level): 1 is paged first, 2 is the backup.")
            }
        case .removeShift(let id):
            guard schedule.shifts.contains(where: { $0.id == id }) else {
                throw Refusal(
                    .inputUnknownShift,
                    "There is no shift \(id) in force; `crisis oncall show` lists them with their ids.")
            }
        case .setContact(let person, let email, let channels):
            try onRoster(person)
            if let email, !Self.isEmailAddress(email) {
                throw Refusal(
                    .inputNotAnEmailAddress,
                    "\"\(email)\" is not an email address (name@example.org); check it and try again.")
            }
            for channel in channels where schedule.channels[channel] == nil {
                throw Refusal(
                    .inputUnknownChannel,
                    "There is no channel \"\(channel)\"; add it first with `crisis channel add`, or see `crisis channel list`."
                )
            }
            guard email != nil || !channels.isEmpty else {
                throw Refusal(
                    .inputRequired,
                    "A contact needs an --email or at least one --channel; give where \(person) is paged.")
            }
        case .addChannel(let name, let webhook, _, _):
            guard Self.isName(name) else {
                throw Refusal(
                    .inputBadChannelName,
                    "\"\(name)\" is not a usable channel name: use lower-case letters, digits and -, starting with a letter (e.g. legal-slack)."
                )
            }
            guard schedule.channels[name] == nil else {
                throw Refusal(
                    .inputChannelExists,
                    "There is already a channel \(name); `crisis channel list` shows it. Choose another name.")
            }
            guard Self.isWebURL(webhook) else {
                throw Refusal(
                    .inputNotAWebAddress,
                    "\"\(webhook)\" is not an http(s) address; a webhook is like https://hooks.example.org/crisis.")
            }
        }
    }

    private func onRoster(_ person: String) throws(Refusal) {
        guard !roster.roles(of: person).isEmpty else {
            throw Refusal(
                .inputNotOnRoster,
                "\(person) is not on the roster; add them first with `crisis roster add`, or see `crisis roster list`.")
        }
    }

    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { return false }
        return scheme == "http" || scheme == "https"
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.count <= 40 else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
