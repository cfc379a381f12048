import Foundation

/// What is asked of an incident's public messages: drafted, edited, submitted for the approvals
/// the workflow names, approved or rejected, published in exactly the approved words.
public enum MessageCommand: Sendable, Equatable {
    case draft(channel: String, body: MessageBody)
    case edit(messageId: String, text: String)
    case submit(messageId: String)
    /// `role` names the organisational role the approval is given in; nil picks the first
    /// outstanding required role the approver holds. `textSHA256`, when given, is the digest of
    /// the words the approver read: an approval of words that changed meanwhile is refused.
    case approve(messageId: String, role: String?, note: String?, textSHA256: String? = nil)
    case reject(messageId: String, role: String?, reason: String)
    /// `text` is the text being published; it must be exactly the approved text.
    case publish(messageId: String, url: String, text: String)
    case overridePHIFinding(text: String, reason: String)

    public var name: CommandName {
        switch self {
        case .draft: .draftMessage
        case .edit: .editMessage
        case .submit: .submitMessage
        case .approve: .approveMessage
        case .reject: .rejectMessage
        case .publish: .publishMessage
        case .overridePHIFinding: .overridePHIFinding
        }
    }
}

/// A draft's text: typed in, or started from one of the workflow's templates.
public enum MessageBody: Sendable, Equatable {
    case text(String)
    case template(name: String, values: [String: String])
}
