import CrisisApp
import CrisisDomain
import CrisisStore
import HTTPTypes

/// A command or read that did not succeed, as the web answers it: the CLI's exit codes become
/// HTTP statuses (refused: 409, or 403 when the rule is about who may act; bad input: 400;
/// unavailable: 503), with the rule id and the same sentence.
struct WebFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var rule: String?
    var sentence: String

    init(status: HTTPResponse.Status, rule: String? = nil, _ sentence: String) {
        self.status = status
        self.rule = rule
        self.sentence = sentence
    }

    init(_ error: any Error) {
        switch error {
        case let failure as WebFailure:
            self = failure
        case let command as CommandError:
            self.init(command)
        case let store as EventStoreError:
            self.init(store)
        default:
            self.init(status: .internalServerError, "the server could not finish the request")
        }
    }

    init(_ error: CommandError) {
        switch error {
        case .refused(let refusal):
            self.init(status: Self.status(of: refusal.id), rule: refusal.rule, refusal.message)
        case .badInput(let sentence):
            self.init(status: .badRequest, sentence)
        case .conflict(let sentence):
            self.init(status: .conflict, sentence)
        case .corrupt(let sentence):
            self.init(status: .internalServerError, sentence)
        case .store(let store):
            self.init(store)
        }
    }

    init(_ error: EventStoreError) {
        switch error {
        case .invalidInput(let sentence), .payloadTooLarge(let sentence), .commandReused(let sentence):
            self.init(status: .badRequest, sentence)
        case .permissionDenied(let sentence):
            self.init(status: .forbidden, sentence)
        case .unavailable(let sentence), .schemaMismatch(let sentence):
            self.init(status: .serviceUnavailable, sentence)
        case .wrongExpectedVersion:
            self.init(status: .conflict, error.message)
        case .database(_, let message):
            self.init(status: .internalServerError, message)
        }
    }

    /// Refusals about who may act are 403; refusals about the incident's state are 409.
    static func status(of rule: Refusal.Rule) -> HTTPResponse.Status {
        if rule.isAboutArguments { return .badRequest }
        if rule.rawValue.hasPrefix("permission.") { return .forbidden }
        switch rule {
        case .actionRole, .messageApproverLacksRole, .messageAuthorCannotApprove, .pageNotYours,
            .messageOneApprovalPerPerson:
            return .forbidden
        default:
            return .conflict
        }
    }
}
