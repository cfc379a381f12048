import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A person's browser without the browser: cookies kept, redirects not followed (the tests
/// look at them), forms posted url-encoded.
final class WebClient: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String

        var location: String? { header("location") }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
        func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name }.map(\.1) }

        /// The value of the first `<input name=NAME value=...>` in the page.
        func input(_ name: String) -> String? {
            guard let range = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    let base: String
    private let client: HTTPClient
    private let cookies = Mutex<[String: String]>([:])

    init(base: String) {
        self.base = base
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async { try? await client.shutdown() }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Answer {
        try await send(path, method: .GET, body: nil, headers: headers)
    }

    func post(_ path: String, form: [(String, String)]) async throws -> Answer {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            path, method: .POST, body: body, headers: [("content-type", "application/x-www-form-urlencoded")])
    }

    func postJSON(_ path: String, _ json: [String: String], headers: [(String, String)] = []) async throws -> Answer {
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try await send(
            path, method: .POST, body: String(decoding: data, as: UTF8.self),
            headers: [("content-type", "application/json")] + headers)
    }

    /// Signs in through the form, as a person does; returns the answer to the POST.
    @discardableResult
    func signIn(_ name: String, password: String = ServedCrisis.password) async throws -> Answer {
        let form = try await get("/login")
        return try await post(
            "/login", form: [("csrf", form.input("csrf") ?? ""), ("next", "/"), ("name", name), ("password", password)])
    }

    func send(_ path: String, method: HTTPMethod, body: String?, headers: [(String, String)]) async throws -> Answer {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let cookie = cookies.withLock { $0.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookie.isEmpty { request.headers.add(name: "cookie", value: cookie) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 8 << 20)
        for set in response.headers["set-cookie"] {
            let pair = set.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            cookies.withLock { jar in
                if parts[1].isEmpty || set.lowercased().contains("max-age=0") {
                    jar[parts[0]] = nil
                } else {
                    jar[parts[0]] = parts[1]
                }
            }
        }
        return Answer(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: buffer))
    }

    var cookieNames: [String] { cookies.withLock { Array($0.keys) } }

    func setCookie(_ name: String, _ value: String) { cookies.withLock { $0[name] = value } }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
