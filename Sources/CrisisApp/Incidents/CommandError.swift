import CrisisDomain
import CrisisStore

/// Why a command did not happen, sorted by what the person should do next.
public enum CommandError: Error, Sendable, CustomStringConvertible {
    /// A rule of the workflow or a permission refused it (recorded on the incident).
    case refused(Refusal)
    /// The input was wrong.
    case badInput(String)
    /// Others kept acting first; the command could not be applied.
    case conflict(String)
    /// The store failed or refused.
    case store(EventStoreError)
    /// Stored history could not be read back: a bug or a tampered record.
    case corrupt(String)

    public var description: String {
        switch self {
        case .refused(let refusal): refusal.message
        case .badInput(let message), .conflict(let message), .corrupt(let message): message
        case .store(let error): error.message
        }
    }
}

extension CommandError {
    /// An error met while paging through the record: crisis's own errors pass
    /// through, the store's are wrapped, and anything else (the page iterator
    /// failing underneath) is the store being unavailable.
    static func whileReading(_ error: any Error) -> CommandError {
        switch error {
        case let error as CommandError: error
        case let error as EventStoreError: .store(error)
        default: .store(.unavailable("\(error)"))
        }
    }
}
