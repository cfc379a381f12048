import Foundation

/// How folded states are kept in projection rows: plain JSON with dates as
/// seconds (the exact `Double`, which `jsonb` keeps digit for digit), so a
/// state read back is equal to the one written. ISO 8601 text would round
/// recording times to milliseconds.
enum ProjectionSnapshot {
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
