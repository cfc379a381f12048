import Foundation
import HTTPTypes
import Hummingbird

/// JSON in and out of the API, encoded as the CLI's `--json` is (ISO 8601 times, sorted keys).
enum JSONBody {
    static func response<Value: Encodable>(_ value: Value, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"error": {"rule": ..., "message": ...}}` with the failure's status.
    static func failure(_ failure: WebFailure) -> Response {
        struct Problem: Encodable {
            var rule: String?
            var message: String
        }
        return response(["error": Problem(rule: failure.rule, message: failure.sentence)], status: failure.status)
    }

    /// A JSON object whose values are strings (an empty body is an empty object).
    static func read(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: FormBody.limit)
        } catch {
            throw WebFailure(status: .contentTooLarge, "the body is larger than 1 MB")
        }
        if buffer.readableBytes == 0 { return [:] }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(buffer.readableBytesView))
        } catch {
            throw WebFailure(
                status: .badRequest, "the body is not a JSON object of strings, e.g. {\"note\": \"on my way\"}")
        }
    }

    /// A command's JSON body as fields: strings, numbers and booleans as text, an array of them
    /// as a repeated field, an object one level deep as `name.key` (a template's `set` values).
    static func fields(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: FormBody.limit)
        } catch {
            throw WebFailure(status: .contentTooLarge, "the body is larger than 1 MB")
        }
        if buffer.readableBytes == 0 { return FormBody() }
        let shape =
            "the body must be a JSON object of strings, numbers, booleans or lists of them, e.g. {\"text\": \"Reporter called\"}"
        guard let object = try? JSONDecoder().decode([String: Value].self, from: Data(buffer.readableBytesView))
        else { throw WebFailure(status: .badRequest, shape) }
        var lists: [String: [String]] = [:]
        for (name, value) in object {
            switch value {
            case .null:
                continue
            case .text(let text):
                lists[name] = [text]
            case .list(let texts):
                lists[name] = texts
            case .object(let inner):
                for (key, text) in inner { lists["\(name).\(key)"] = [text] }
            }
        }
        return FormBody(lists: lists)
    }

    /// One value of a command's JSON body.
    private enum Value: Decodable {
        case null
        case text(String)
        case list([String])
        case object([String: String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let scalar = try? container.decode(Scalar.self) {
                self = .text(scalar.text)
            } else if let list = try? container.decode([Scalar].self) {
                self = .list(list.map(\.text))
            } else {
                self = .object(try container.decode([String: Scalar].self).mapValues(\.text))
            }
        }
    }

    /// A string, number or boolean, as text.
    private struct Scalar: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                text = flag ? "true" : "false"
            } else if let whole = try? container.decode(Int.self) {
                text = String(whole)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    /// `Idempotency-Key`: a UUID, as the CLI's `--command-id`.
    static func idempotencyKey(_ request: Request) throws -> UUID? {
        guard let name = HTTPField.Name("Idempotency-Key"), let text = request.headers[name] else { return nil }
        guard let key = UUID(uuidString: text) else {
            throw WebFailure(
                status: .badRequest, "Idempotency-Key must be a UUID such as 3f2a9c1e-0b7d-4c55-9a61-1c2d3e4f5a6b")
        }
        return key
    }
}
