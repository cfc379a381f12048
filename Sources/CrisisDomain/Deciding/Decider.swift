import Foundation

/// An aggregate's rules in one shape (Chassaing's decider): the state of a stream with no
/// events, how one recorded event changes the state, and the decision that turns a command
/// into events or refuses it. Pure: no I/O, no clock (time comes in with the decider).
///
/// Incidents, policy proposals and the roster are each one `Decider`; CrisisApp's
/// `CommandHandler` runs any of them against the event store (load, decide, append with the
/// expected version, decide again when someone else acted first), so a new aggregate brings
/// its rules and nothing else.
public protocol Decider: Sendable {
    associatedtype Command: Sendable
    associatedtype Event: Sendable
    associatedtype State: Sendable

    /// The state of a stream that has no events yet.
    static var initial: State { get }

    /// Folds one recorded event into the state. Total: an event that does not fit leaves the
    /// state as it was (apart from its version), since history is never refused on reading.
    static func evolve(_ state: consuming State, _ recorded: Recorded<Event>) -> State

    /// What `command` makes happen on `state`, or the rule that refuses it.
    func decide(_ command: Command, _ state: State) throws(Refusal) -> [Event]
}

extension Decider {
    /// The state after every event of `history`, in order.
    public static func fold(_ history: some Sequence<Recorded<Event>>) -> State {
        var state = initial
        for recorded in history { state = evolve(consume state, recorded) }
        return state
    }
}

/// An event as the store recorded it: who appended it (the database's session user), when, and
/// its place in its stream.
public struct Recorded<Event: Sendable>: Sendable {
    public var event: Event
    /// The PostgreSQL role that appended it.
    public var actor: String
    public var recordedAt: Date
    /// The event's position in its stream, starting at 1.
    public var version: Int64

    public init(event: Event, actor: String, recordedAt: Date, version: Int64) {
        self.event = event
        self.actor = actor
        self.recordedAt = recordedAt
        self.version = version
    }
}

extension Recorded: Equatable where Event: Equatable {}
