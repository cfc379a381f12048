import Foundation

/// Arguments arrive as bytes. Swift would quietly replace a byte sequence that
/// is not UTF-8 with U+FFFD, and crisis would then record something other than
/// what was typed; such an argument is refused before anything runs.
enum ArgumentEncoding {
    /// A sentence naming the first argument that is not UTF-8, or nil.
    static func problem() -> String? {
        for index in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            if String(validatingCString: argument) == nil {
                return "Argument \(index) is not valid UTF-8 text, so it cannot be recorded as typed; "
                    + "check the terminal's encoding (locale) or paste the text again."
            }
        }
        return nil
    }
}
