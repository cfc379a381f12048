import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// `/api/v1/...`: the CLI's reads (the same JSON shapes `--json` prints) and commands, for
/// tools. A client signs in with `POST /api/v1/session` and sends the token it gets as
/// `Authorization: Bearer TOKEN` (no cookie, so no CSRF token); `Idempotency-Key` is the
/// CLI's `--command-id`.
struct APIRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        let api = router.group("/api/v1")
        let document = site.openAPI
        api.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: document)))
        }
        api.post("/session") { request, context in
            let body: [String: String]
            do {
                body = try await JSONBody.read(request)
            } catch {
                return JSONBody.failure(WebFailure(error))
            }
            do {
                let session = try await site.desk.signIn(
                    name: body["name"] ?? "", password: body["password"] ?? "", from: context.clientAddress)
                return JSONBody.response(["token": session.id, "person": session.person], status: .created)
            } catch {
                let failure = error as? SignInDesk.Failure ?? .unavailable("the sign-in did not finish")
                return JSONBody.failure(WebFailure(status: failure.status, failure.message))
            }
        }
        api.post("/session/end") { request, _ in
            await authorized(request) { person in
                await site.desk.signOut(person.id)
                return JSONBody.response(["signedOut": person.person])
            }
        }
        api.get("/approvals") { request, _ in
            await authorized(request) { person in
                let now = Date()
                let items = ApprovalQueueItem.queue(
                    try await person.run { handler in
                        let actor = try await handler.actor()
                        return try await ReadModels(handler: handler).approvals(for: actor)
                    }, now: now)
                return JSONBody.response(items)
            }
        }
        // For publishing tools that poll (issue 16): the answer of `crisis freeze check --json`;
        // HTTP 200 either way, `frozen` says whether the account may publish. Like the CLI, it
        // sees the freezes of the incidents its login may see.
        api.get("/freeze") { request, _ in
            await authorized(request) { person in
                guard let account = request.uri.queryParameters["account"], !account.isEmpty else {
                    return JSONBody.failure(
                        WebFailure(
                            status: .badRequest,
                            "name the account to check: GET /api/v1/freeze?account=PLATFORM:HANDLE"))
                }
                let typed = String(account)
                return JSONBody.response(
                    try await person.run { handler in
                        try await FreezeDesk(handler: handler, courier: .fromEnvironment()).check(typed)
                    })
            }
        }
        api.get("/incidents") { request, _ in
            await authorized(request) { person in
                JSONBody.response(try await person.run { try await ReadModels(handler: $0).incidents() })
            }
        }
        api.get("/pages") { request, _ in
            await authorized(request) { person in
                let open = request.uri.queryParameters["open"] == "true"
                let mine = request.uri.queryParameters["mine"] == "true"
                let baseURL = site.configuration.baseURL
                return JSONBody.response(
                    try await person.run { handler in
                        let me = mine ? try await handler.actor().databaseRole : nil
                        return try await PageDesk(handler: handler, baseURL: baseURL, courier: .fromEnvironment())
                            .list(open: open, for: me)
                    })
            }
        }
        api.post("/pages/:page/ack") { request, context in
            await authorized(request) { person in
                let pageId = context.parameters.get("page") ?? ""
                let body = try await JSONBody.read(request)
                let baseURL = site.configuration.baseURL
                let page = try await person.run(commandID: try JSONBody.idempotencyKey(request)) { handler in
                    try await PageDesk(handler: handler, baseURL: baseURL, courier: .fromEnvironment())
                        .acknowledge(pageId, note: body["note"])
                }
                return JSONBody.response(["page": page.id, "acknowledgedBy": page.acknowledgedBy ?? person.person])
            }
        }
        api.post("/incidents") { request, _ in
            await authorized(request) { person in
                let fields = try await JSONBody.fields(request)
                let opened = try await site.open(fields, by: person, commandID: try JSONBody.idempotencyKey(request))
                return JSONBody.response(["id": opened.id], status: .created)
            }
        }
        for route in IncidentCommandCatalog.routes {
            api.post(RouterPath("/incidents/:id/\(route.path)")) { request, context in
                await authorized(request) { person in
                    let incident = context.parameters.get("id") ?? ""
                    let fields = try await JSONBody.fields(request).with(route.values(context))
                    let after = try await site.run(
                        route, on: incident, fields: fields, by: person,
                        commandID: try JSONBody.idempotencyKey(request))
                    return try route.response(after, fields)
                }
            }
        }
    }

    /// Runs `body` for the person the bearer token names; 401 without one.
    private func authorized(_ request: Request, _ body: (PersonSession) async throws -> Response) async -> Response {
        let header = request.headers[.authorization] ?? ""
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : nil
        guard let person = await site.desk.session(token) else {
            return JSONBody.failure(
                WebFailure(
                    status: .unauthorized,
                    "sign in first: POST /api/v1/session with {\"name\", \"password\"}, then send Authorization: Bearer TOKEN"
                ))
        }
        do {
            return try await body(person)
        } catch {
            return JSONBody.failure(WebFailure(error))
        }
    }
}
