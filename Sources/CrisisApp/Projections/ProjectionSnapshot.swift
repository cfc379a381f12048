import Foundation

/// How folded states are kept in projection rows: plain JSON with dates as
/// seconds (the exact `Double`, which `jsonb` keeps digit for digit), so a
/// state read back is equal to the one written. ISO 8601 text would round
/// recording times to milliseconds.
enum ProjectionSnapshot {
    /// Slashes unescaped, as `jsonb` prints them: a sealed field's base64 holds `/`, and the
    /// opener reads the string's bytes as they are (docs/crypto-shredding.md).
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
