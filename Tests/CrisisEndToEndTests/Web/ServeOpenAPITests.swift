import CrisisTestSupport
import Foundation
import NIOHTTP1
import Testing

/// The committed OpenAPI 3.1 document (Sources/CrisisWeb/OpenAPI/openapi.json) against the
/// server: served as committed, naming every API route the sources register, and every answer
/// of every documented operation fits the schema documented for its status.
@Suite("crisis serve: the OpenAPI document")
struct ServeOpenAPITests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/CrisisWeb")

    static func committed() throws -> [String: Any] {
        let data = try Data(contentsOf: sources.appendingPathComponent("OpenAPI/openapi.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `(METHOD, /api/v1/...)` for every API route the sources register: `api.get/post("...")` in
    /// the routes, and every `path: "..."` of the incident command catalog under `/incidents/{id}/`.
    static func registeredRoutes() throws -> Set<String> {
        var routes: Set<String> = []
        let routesDirectory = sources.appendingPathComponent("Routes")
        let api = try String(contentsOf: routesDirectory.appendingPathComponent("APIRoutes.swift"), encoding: .utf8)
        for match in api.matches(of: /api\.(get|post)\("([^"]+)"\)/) {
            routes.insert("\(match.1.uppercased()) /api/v1\(templated(String(match.2)))")
        }
        let intake = try String(
            contentsOf: routesDirectory.appendingPathComponent("IntakeRoutes.swift"), encoding: .utf8)
        for match in intake.matches(of: /router\.(get|post)\("\/api\/v1([^"]+)"\)/) {
            routes.insert("\(match.1.uppercased()) /api/v1\(templated(String(match.2)))")
        }
        let catalog = try String(
            contentsOf: routesDirectory.appendingPathComponent("IncidentCommandCatalog.swift"), encoding: .utf8)
        for match in catalog.matches(of: /path: "([^"]+)"/) {
            routes.insert("POST /api/v1/incidents/{id}/\(templated(String(match.1)))")
        }
        return routes
    }

    /// `:name` → `{name}`.
    static func templated(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
        }.joined(separator: "/")
    }

    static func documentedOperations(_ document: [String: Any]) -> Set<String> {
        var operations: Set<String> = []
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for method in (item as? [String: Any] ?? [:]).keys { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    @Test("every API route the server registers is in the committed document, and nothing else is")
    func everyRouteDocumented() throws {
        let routes = try Self.registeredRoutes()
        #expect(routes.count > 20, "the routes were found: \(routes)")
        #expect(routes.contains("POST /api/v1/incidents/{id}/messages/{message}/approve"))
        let documented = Self.documentedOperations(try Self.committed())
        #expect(routes.subtracting(documented).isEmpty, "not documented: \(routes.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(routes).isEmpty, "documented, not served: \(documented.subtracting(routes).sorted())"
        )
    }

    @Test(
        "the server serves the committed document, and each documented operation's answers fit their documented schemas"
    )
    func answersFitTheDocument() async throws {
        try await ServedCrisis.with { served in
            let document = try Self.committed()
            var checker = Conformance(document: document)
            let api = WebClient(base: served.baseURL)
            defer { Task { await api.shutdown() } }
            let served_ = try await api.get("/api/v1/openapi.json")
            let servedDocument = try JSONSerialization.jsonObject(with: Data(served_.body.utf8)) as? NSDictionary
            #expect(servedDocument == document as NSDictionary, "served as committed")
            checker.check("GET", "/api/v1/openapi.json", served_)

            func call(
                _ method: String, _ template: String, _ path: String, _ body: Any? = nil, as token: String? = nil
            ) async throws -> [String: Any] {
                var headers = [("content-type", "application/json")]
                if let token { headers.append(("authorization", "Bearer \(token)")) }
                let text = try body.map {
                    String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self)
                }
                let answer = try await api.send(
                    path, method: HTTPMethod(rawValue: method), body: text, headers: headers)
                checker.check(method, template, answer)
                return (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]) ?? [:]
            }
            func token(_ name: String) async throws -> String {
                let answer = try await call(
                    "POST", "/api/v1/session", "/api/v1/session", ["name": name, "password": ServedCrisis.password])
                return answer["token"] as? String ?? ""
            }
            _ = try await call("POST", "/api/v1/session", "/api/v1/session", ["name": "e2e_lee", "password": "wrong"])
            let alice = try await token("e2e_alice")
            let sam = try await token("e2e_sam")
            let pat = try await token("e2e_pat")
            let lee = try await token("e2e_lee")
            _ = try await call("GET", "/api/v1/incidents", "/api/v1/incidents", as: nil)
            let opened = try await call(
                "POST", "/api/v1/incidents", "/api/v1/incidents",
                [
                    "kind": "phi-leak", "title": "Chart in a selfie", "platform": "instagram",
                    "url": "https://i.example/p/1",
                ],
                as: alice)
            _ = try await call("POST", "/api/v1/incidents", "/api/v1/incidents", ["kind": "phi-leak"], as: alice)
            let id = try #require(opened["id"] as? String)
            let base = "/api/v1/incidents/\(id)"
            let t = "/api/v1/incidents/{id}"
            _ = try await call("GET", "/api/v1/incidents", "/api/v1/incidents", as: alice)
            _ = try await call("POST", t + "/notes", base + "/notes", ["text": "Reporter called"], as: alice)
            _ = try await call("POST", t + "/notes", base + "/notes", [:], as: alice)
            _ = try await call(
                "POST", t + "/assignments", base + "/assignments", ["role": "commander", "to": "e2e_alice"], as: alice)
            _ = try await call("POST", t + "/actions/{action}", base + "/actions/no-such-action", [:], as: alice)
            _ = try await call(
                "POST", t + "/messages", base + "/messages", ["channel": "public", "body": "We are looking into it."],
                as: sam)
            _ = try await call(
                "POST", t + "/messages/{message}/edit", base + "/messages/m1/edit",
                ["body": "We are looking into a post."], as: sam)
            _ = try await call("POST", t + "/messages/{message}/submit", base + "/messages/m1/submit", as: sam)
            _ = try await call("POST", t + "/messages/{message}/approve", base + "/messages/m1/approve", as: sam)
            _ = try await call(
                "POST", t + "/messages/{message}/reject", base + "/messages/m1/reject", ["reason": "too vague"], as: lee
            )
            _ = try await call("POST", t + "/messages/{message}/submit", base + "/messages/m1/submit", as: sam)
            _ = try await call("POST", t + "/messages/{message}/approve", base + "/messages/m1/approve", as: lee)
            _ = try await call("POST", t + "/messages/{message}/approve", base + "/messages/m1/approve", as: pat)
            _ = try await call(
                "POST", t + "/messages/{message}/publish", base + "/messages/m1/publish",
                ["url": "https://x.example/1"], as: sam)
            _ = try await call(
                "POST", t + "/removals", base + "/removals", ["platform": "instagram", "url": "https://i.example/p/1"],
                as: alice)
            _ = try await call(
                "POST", t + "/removals/{removal}/fail", base + "/removals/r1/fail", ["reason": "no violation"],
                as: alice)
            _ = try await call(
                "POST", t + "/removals/{removal}/abandon", base + "/removals/r1/abandon", ["reason": "account deleted"],
                as: alice)
            _ = try await call(
                "POST", t + "/removals", base + "/removals", ["platform": "x", "url": "https://x.example/2"], as: alice)
            _ = try await call(
                "POST", t + "/removals/{removal}/confirm", base + "/removals/r2/confirm", ["evidence": "404"], as: alice
            )
            _ = try await call("POST", t + "/removals/{removal}/confirm", base + "/removals/r9/confirm", [:], as: alice)
            _ = try await call(
                "POST", t + "/assessment/factors", base + "/assessment/factors",
                ["factor": 1, "finding": "Name legible"], as: pat)
            _ = try await call(
                "POST", t + "/assessment/conclusion", base + "/assessment/conclusion",
                ["conclusion": "breach", "reason": "seen by many"], as: pat)
            _ = try await call("POST", t + "/close", base + "/close", ["note": "early"], as: alice)
            _ = try await call("GET", "/api/v1/approvals", "/api/v1/approvals", as: lee)
            _ = try await call("GET", "/api/v1/freeze", "/api/v1/freeze?account=x:hospital", as: alice)
            _ = try await call("GET", "/api/v1/freeze", "/api/v1/freeze?account=nonsense", as: alice)
            _ = try await call("GET", "/api/v1/pages", "/api/v1/pages?open=true", as: alice)
            _ = try await call("POST", "/api/v1/pages/{page}/ack", "/api/v1/pages/no-such-page/ack", [:], as: alice)
            _ = try await call("POST", "/api/v1/session/end", "/api/v1/session/end", as: sam)
            _ = try await call("POST", "/api/v1/session/end", "/api/v1/session/end", as: sam)
            // This server has no intake configured: the listening tools' endpoint says so (503).
            _ = try await call("POST", "/api/v1/intake/mentions", "/api/v1/intake/mentions", [])

            #expect(checker.problems.isEmpty, "\(checker.problems.joined(separator: "\n"))")
            let unexercised = Self.documentedOperations(document).subtracting(checker.exercised)
            #expect(unexercised.isEmpty, "documented but not exercised: \(unexercised.sorted())")
        }
    }
}

/// Checks answers against the document: the operation exists, the status is documented, and
/// the body fits the schema (type, required, properties, items, enum, $ref: what the document uses).
struct Conformance {
    let document: [String: Any]
    var problems: [String] = []
    var exercised: Set<String> = []

    mutating func check(_ method: String, _ template: String, _ answer: WebClient.Answer) {
        let name = "\(method) \(template)"
        exercised.insert(name)
        let paths = document["paths"] as? [String: Any] ?? [:]
        guard let operation = (paths[template] as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            problems.append("\(name): not in the document")
            return
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let response = responses[String(answer.status)] as? [String: Any] else {
            problems.append("\(name): status \(answer.status) is not documented (\(answer.body.prefix(200)))")
            return
        }
        let content = (response["content"] as? [String: Any])?["application/json"] as? [String: Any]
        guard let schema = content?["schema"] else { return }
        guard let value = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8), options: [.fragmentsAllowed])
        else {
            problems.append("\(name) \(answer.status): the body is not JSON")
            return
        }
        validate(value, against: schema, at: "\(name) \(answer.status) body")
    }

    mutating func validate(_ value: Any, against schemaValue: Any, at place: String) {
        guard var schema = schemaValue as? [String: Any] else { return }
        if let reference = schema["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
            schema =
                ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]
                ?? [:]
        }
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty && !types.contains(where: { Self.isOfType(value, $0) }) {
            problems.append("\(place): \(type(of: value)) is not \(types)")
            return
        }
        if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) {
            problems.append("\(place): \"\(text)\" is not one of \(allowed)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(place): lacks \(key) (has \(object.keys.sorted()))")
            }
            for (key, inner) in schema["properties"] as? [String: Any] ?? [:] {
                if let property = object[key] { validate(property, against: inner, at: "\(place).\(key)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, item) in array.enumerated() { validate(item, against: items, at: "\(place)[\(index)]") }
        }
    }

    static func isOfType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        case "boolean":
            guard let number = value as? NSNumber else { return false }
            return number.doubleValue == 0 || number.doubleValue == 1
        case "integer":
            guard let number = value as? NSNumber else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number":
            return value is NSNumber
        default: return true
        }
    }
}
