/// Filling `{{placeholder}}` slots in a response template.
public enum TemplateText {
    /// Placeholder names in `body`, in order of first appearance, without duplicates.
    public static func placeholders(in body: String) -> [String] {
        var names: [String] = []
        var rest = body[...]
        while let open = rest.range(of: "{{") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else { break }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !names.contains(name) { names.append(name) }
            rest = after[close.upperBound...]
        }
        return names
    }

    /// The body with every placeholder replaced; the names of placeholders with no value are
    /// returned instead when any is missing.
    public static func render(_ body: String, values: [String: String]) -> Result<String, MissingValues> {
        let missing = placeholders(in: body).filter { values[$0] == nil }
        guard missing.isEmpty else { return .failure(MissingValues(names: missing)) }
        var text = body
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{{\(name)}}", with: value)
            text = text.replacingOccurrences(of: "{{ \(name) }}", with: value)
        }
        return .success(text)
    }

    /// Placeholders that were not given a value.
    public struct MissingValues: Error, Sendable, Equatable {
        public var names: [String]
    }
}
