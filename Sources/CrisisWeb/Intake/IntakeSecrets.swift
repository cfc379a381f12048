import Foundation

/// The secret each social-listening source signs its batches with, from `CRISIS_INTAKE_SECRETS`:
/// either a directory holding one file per source (the file's name is the source, its contents
/// the secret) or a file of `source=secret` lines. Read again on every batch, so a secret is
/// rotated by changing the file; never logged, never stored in the event store.
struct IntakeSecrets: Sendable {
    let path: String

    /// The secret for `source`, or nil when the source is not configured.
    func secret(for source: String) -> String? {
        guard !source.isEmpty, !source.contains("/"), !source.hasPrefix(".") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            let file = URL(fileURLWithPath: path).appendingPathComponent(source).path
            return (try? String(contentsOfFile: file, encoding: .utf8)).map(Self.trimmed).flatMap(Self.nonEmpty)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = Self.trimmed(String(line))
            if trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            if Self.trimmed(String(trimmed[..<equals])) == source {
                return Self.nonEmpty(Self.trimmed(String(trimmed[trimmed.index(after: equals)...])))
            }
        }
        return nil
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
