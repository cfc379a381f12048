import Yams

/// A place in a file (1-based line and column).
struct Spot: Sendable, Equatable {
    var line: Int
    var column: Int

    init(_ mark: Mark?) {
        line = mark?.line ?? 1
        column = mark?.column ?? 1
    }
}

/// A value read from the file with where it was written.
struct Located<Value> {
    var value: Value
    var at: Spot
}

/// Reads typed fields out of a YAML node tree, collecting every problem instead of stopping at the first.
struct YAMLFields {
    let file: String
    var problems: [WorkflowProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ at: Spot, _ code: String, _ message: String) {
        problems.append(WorkflowProblem(file: file, line: at.line, column: at.column, code: code, message: message))
    }

    /// The mapping at `node`, or a problem when it is something else.
    mutating func mapping(_ node: Node, _ what: String) -> Node.Mapping? {
        guard let mapping = node.mapping else {
            report(Spot(node.mark), "wrong-type", "\(what) must be a mapping of `key: value` lines.")
            return nil
        }
        return mapping
    }

    /// Reports keys that are not in `allowed` (usually typos).
    mutating func rejectUnknownKeys(_ mapping: Node.Mapping, allowed: [String], in what: String) {
        for (key, _) in mapping {
            guard let name = key.string, !allowed.contains(name) else { continue }
            report(
                Spot(key.mark), "unknown-field",
                "\(what) has an unknown field \"\(name)\"; the fields are: \(allowed.joined(separator: ", ")).")
        }
    }

    func node(_ mapping: Node.Mapping, _ key: String) -> Node? {
        mapping[key]
    }

    func spot(ofKey key: String, in mapping: Node.Mapping) -> Spot {
        for (k, _) in mapping where k.string == key { return Spot(k.mark) }
        return Spot(mapping.mark)
    }

    mutating func string(_ mapping: Node.Mapping, _ key: String, in what: String, required: Bool = true) -> Located<
        String
    >? {
        guard let node = mapping[key] else {
            if required { report(Spot(mapping.mark), "missing-field", "\(what) needs a \"\(key)\" field.") }
            return nil
        }
        guard let scalar = node.scalar else {
            report(
                Spot(node.mark), "wrong-type", "\"\(key)\" in \(what) must be a single value, not a list or mapping.")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty {
            report(Spot(node.mark), "missing-field", "\"\(key)\" in \(what) is empty.")
            return nil
        }
        return Located(value: text, at: Spot(node.mark))
    }

    mutating func int(_ mapping: Node.Mapping, _ key: String, in what: String, required: Bool = true) -> Located<Int>? {
        guard let text = string(mapping, key, in: what, required: required) else { return nil }
        guard let value = Int(text.value) else {
            report(text.at, "wrong-type", "\"\(key)\" in \(what) must be a whole number, not \"\(text.value)\".")
            return nil
        }
        return Located(value: value, at: text.at)
    }

    mutating func bool(_ mapping: Node.Mapping, _ key: String, in what: String) -> Bool {
        guard let text = string(mapping, key, in: what, required: false) else { return false }
        switch text.value.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            report(text.at, "wrong-type", "\"\(key)\" in \(what) must be true or false, not \"\(text.value)\".")
            return false
        }
    }

    /// A list of scalars; a single scalar is accepted as a one-element list.
    mutating func strings(_ mapping: Node.Mapping, _ key: String, in what: String) -> [Located<String>] {
        guard let node = mapping[key] else { return [] }
        if let scalar = node.scalar {
            return scalar.string.isEmpty ? [] : [Located(value: scalar.string, at: Spot(node.mark))]
        }
        guard let sequence = node.sequence else {
            report(Spot(node.mark), "wrong-type", "\"\(key)\" in \(what) must be a list.")
            return []
        }
        return sequence.compactMap { item in
            guard let scalar = item.scalar else {
                report(Spot(item.mark), "wrong-type", "each entry of \"\(key)\" in \(what) must be a single value.")
                return nil
            }
            return Located(value: scalar.string, at: Spot(item.mark))
        }
    }

    /// A list of mappings.
    mutating func mappings(_ mapping: Node.Mapping, _ key: String, in what: String, required: Bool = false) -> [Node
        .Mapping]
    {
        guard let node = mapping[key] else {
            if required { report(Spot(mapping.mark), "missing-field", "\(what) needs a \"\(key)\" list.") }
            return []
        }
        guard let sequence = node.sequence else {
            report(
                Spot(node.mark), "wrong-type", "\"\(key)\" in \(what) must be a list of entries starting with \"- \".")
            return []
        }
        return sequence.compactMap { mappingNode in
            mappingNode.mapping
                ?? {
                    report(
                        Spot(mappingNode.mark), "wrong-type",
                        "each entry of \"\(key)\" must be a mapping of `key: value` lines.")
                    return nil
                }()
        }
    }
}
