import Foundation

extension String {
    /// True when the text is nothing but whitespace: no text at all.
    var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

extension Optional where Wrapped == String {
    /// Optional free text (a note, evidence) kept exactly as typed; text of
    /// nothing but whitespace counts as none.
    var typedText: String? { flatMap { $0.isBlank ? nil : $0 } }
}
