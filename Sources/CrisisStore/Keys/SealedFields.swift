import CrisisDomain
import Foundation

/// The one place an event's PHI fields are sealed on their way into the store and opened on
/// their way out (issue 13, crypto-shredding). It rewrites string values of the event's JSON
/// data in place, byte for byte, so every other value (numbers, dates, ids) is stored exactly as
/// the domain encoded it, and the hash chain covers the ciphertext.
public enum SealedFields {
    /// How the fields of one incident are written.
    public enum Writing: Sendable {
        /// Left as they are: not an incident, or an incident recorded before encryption.
        case plaintext
        /// Sealed with the incident's data key.
        case seal(IncidentDataKey)
        /// The incident's key was shredded: nothing more of its words can be kept.
        case shredded
    }

    /// How the sealed fields of one incident read.
    public enum Reading: Sendable {
        case key(IncidentDataKey)
        /// The key is gone: every sealed field reads `[shredded]`.
        case shredded
        /// The key exists but cannot be opened here (no or another key file): every sealed field
        /// reads `[encrypted]`, and the reason says which variable to set.
        case unreadable(KeyFileError)
    }

    /// What a read shows in place of a field it cannot open (no key file).
    public static let unreadable = UnreadableWords.encrypted

    /// `data` with each of `paths` sealed (or, for a shredded incident, replaced).
    public static func seal(_ data: Data, paths: [String], _ writing: Writing) throws(KeyFileError) -> Data {
        if paths.isEmpty { return data }
        let replacement: (String) throws(KeyFileError) -> String
        switch writing {
        case .plaintext: return data
        case .seal(let key): replacement = { text throws(KeyFileError) in try key.seal(text) }
        case .shredded: replacement = { _ in IncidentDataKey.shredded }
        }
        let targets = Set(paths)
        var rewriter = JSONStringRewriter(Array(data), trackingPaths: true)
        let rewritten = try rewriter.rewrite { path, literal throws(KeyFileError) in
            guard targets.contains(path) else { return nil }
            return JSONStringRewriter.literal(try replacement(try JSONStringRewriter.text(of: literal)))
        }
        return Data(rewritten)
    }

    /// Whether any field of `data` is sealed.
    public static func containsSealed(_ data: Data) -> Bool {
        data.range(of: markerData) != nil
    }

    /// `data` with every sealed string opened, or replaced by what `reading` allows.
    public static func open(_ data: Data, _ reading: Reading) throws(KeyFileError) -> Data {
        guard containsSealed(data) else { return data }
        var rewriter = JSONStringRewriter(Array(data), trackingPaths: false)
        let opened = try rewriter.rewrite { _, literal throws(KeyFileError) in
            guard literal.count > marker.count,
                literal[literal.startIndex..<literal.startIndex + marker.count].elementsEqual(marker)
            else { return nil }
            // Base64 needs no escapes: the literal's bytes between the quotes are the field.
            let field = String(decoding: literal.dropFirst().dropLast(), as: UTF8.self)
            return JSONStringRewriter.literal(try openField(field, reading))
        }
        return Data(opened)
    }

    /// One stored string opened (a plaintext one is returned as it is).
    public static func open(text field: String, _ reading: Reading) throws(KeyFileError) -> String {
        guard IncidentDataKey.isSealed(field) else { return field }
        return try openField(field, reading)
    }

    private static func openField(_ field: String, _ reading: Reading) throws(KeyFileError) -> String {
        switch reading {
        case .key(let key): try key.open(field)
        case .shredded: IncidentDataKey.shredded
        case .unreadable: unreadable
        }
    }

    /// A sealed field as it starts in JSON text: the quote and the prefix.
    private static let marker = Array(("\"" + IncidentDataKey.prefix).utf8)
    private static let markerData = Data(marker)
}

/// Walks JSON text and copies it, letting a caller replace string values (never keys), each
/// named by its path (`key`, `key.inner`, `key[]`, `key[].inner`).
struct JSONStringRewriter {
    private let input: [UInt8]
    private let trackingPaths: Bool
    private var index = 0
    private var output: [UInt8] = []

    typealias Replace = (String, ArraySlice<UInt8>) throws(KeyFileError) -> [UInt8]?

    init(_ input: [UInt8], trackingPaths: Bool) {
        self.input = input
        self.trackingPaths = trackingPaths
        output.reserveCapacity(input.count * 2)
    }

    mutating func rewrite(_ replace: Replace) throws(KeyFileError) -> [UInt8] {
        try value(path: "", replace)
        copyWhitespace()
        guard index == input.count else { throw Self.malformed }
        return output
    }

    private mutating func value(path: String, _ replace: Replace) throws(KeyFileError) {
        copyWhitespace()
        guard index < input.count else { throw Self.malformed }
        switch input[index] {
        case UInt8(ascii: "{"):
            copy()
            copyWhitespace()
            if peek(UInt8(ascii: "}")) { return copy() }
            while true {
                copyWhitespace()
                let key = try stringRange()
                output += input[key]
                copyWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw Self.malformed }
                copy()
                let inner =
                    trackingPaths
                    ? (path.isEmpty ? "" : path + ".")
                        + String(decoding: input[key].dropFirst().dropLast(), as: UTF8.self)
                    : ""
                try value(path: inner, replace)
                copyWhitespace()
                if peek(UInt8(ascii: ",")) {
                    copy()
                    continue
                }
                guard peek(UInt8(ascii: "}")) else { throw Self.malformed }
                return copy()
            }
        case UInt8(ascii: "["):
            copy()
            copyWhitespace()
            if peek(UInt8(ascii: "]")) { return copy() }
            let inner = trackingPaths ? path + "[]" : ""
            while true {
                try value(path: inner, replace)
                copyWhitespace()
                if peek(UInt8(ascii: ",")) {
                    copy()
                    continue
                }
                guard peek(UInt8(ascii: "]")) else { throw Self.malformed }
                return copy()
            }
        case UInt8(ascii: "\""):
            let range = try stringRange()
            if let replaced = try replace(path, input[range]) {
                output += replaced
            } else {
                output += input[range]
            }
        default:
            // A number, true, false or null: copied up to the next delimiter.
            while index < input.count, !Self.isDelimiter(input[index]) { copy() }
        }
    }

    /// The range of the string literal at `index` (quotes included); moves past it.
    private mutating func stringRange() throws(KeyFileError) -> Range<Int> {
        guard peek(UInt8(ascii: "\"")) else { throw Self.malformed }
        let start = index
        index += 1
        while index < input.count {
            switch input[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""):
                index += 1
                return start..<index
            default: index += 1
            }
        }
        throw Self.malformed
    }

    private func peek(_ byte: UInt8) -> Bool { index < input.count && input[index] == byte }

    private mutating func copy() {
        output.append(input[index])
        index += 1
    }

    private mutating func copyWhitespace() {
        while index < input.count, Self.isWhitespace(input[index]) { copy() }
    }

    // Switches, not sets: these run once per byte of every event read (a set hashes each byte).
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): true
        default: isWhitespace(byte)
        }
    }
    private static let malformed = KeyFileError(
        "an event's data is not well-formed JSON; its fields cannot be sealed or opened")

    /// The text of a JSON string literal (quotes included).
    static func text(of literal: ArraySlice<UInt8>) throws(KeyFileError) -> String {
        if !literal.contains(UInt8(ascii: "\\")) {
            return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self)
        }
        guard let text = try? JSONDecoder().decode(String.self, from: Data(literal)) else { throw malformed }
        return text
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string literal.
    static func literal(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
