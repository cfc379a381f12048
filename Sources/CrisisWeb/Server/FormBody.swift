import Foundation
import Hummingbird

/// A submitted form (`application/x-www-form-urlencoded`) or a JSON object, as name → values.
/// Its contents are never logged: what is typed into an incident may be PHI.
struct FormBody: Sendable {
    /// Every value given for each name, in the order given (a repeated field, a JSON array).
    var lists: [String: [String]]

    static let limit = 1 << 20

    init(lists: [String: [String]] = [:]) {
        self.lists = lists
    }

    init(fields: [String: String]) {
        lists = fields.mapValues { [$0] }
    }

    /// The first value given for `name`.
    subscript(_ name: String) -> String? { lists[name]?.first }

    /// A field with surrounding white space removed, nil when empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Every non-empty value given for `name`, trimmed.
    func texts(_ name: String) -> [String] {
        (lists[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The field, or a 400 that names it and says what to give.
    func required(_ name: String, _ what: String) throws -> String {
        guard let value = text(name) else {
            throw WebFailure(status: .badRequest, "give \(name): \(what)")
        }
        return value
    }

    /// The fields with `values` set as well (a route's path parameters win over the body).
    func with(_ values: [String: String]) -> FormBody {
        var copy = self
        for (name, value) in values { copy.lists[name] = [value] }
        return copy
    }

    static func read(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        let text = String(buffer: buffer)
        return FormBody(lists: parse(text))
    }

    static func parse(_ text: String) -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            lists[name, default: []].append(value)
        }
        return lists
    }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
