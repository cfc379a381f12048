import CrisisApp
import CrisisDomain
import Foundation
import Hummingbird

/// The one way the web runs an incident command, for forms and the API alike: the fields become
/// the command the CLI would give, which runs on the person's own connection through the same
/// handler as the CLI.
extension Site {
    /// Runs `route`'s command on the incident `reference` names; bad input is refused before
    /// the database is asked.
    func run(
        _ route: IncidentCommandRoute, on reference: String, fields: FormBody, by person: PersonSession,
        commandID: UUID?
    ) async throws -> LoadedIncident {
        if !route.readsIncident { _ = try route.command(fields, nil) }
        return try await person.run(commandID: commandID) { handler in
            let stream = try await IncidentReference.resolve(reference, in: handler.database)
            let before = route.readsIncident ? try await handler.load(stream) : nil
            return try await handler.execute(try route.command(fields, before), on: stream)
        }
    }

    /// A form's command: its CSRF token checked, then run; answered with what was done, or the
    /// refusal with its rule id and sentence. `incident` nil: the form names it in a field.
    func formCommand(
        _ route: IncidentCommandRoute, _ request: Request, incident: String?, parameters: [String: String],
        back defaultBack: String? = nil
    ) async -> Response {
        switch await postedForm(request) {
        case .failure(let response):
            return response
        case .success(let (person, form)):
            let fields = form.with(parameters)
            guard let incident = incident ?? fields.text("incident") else {
                return outcome(person, WebFailure(status: .badRequest, "the form names no incident"))
            }
            let back = SignInRoutes.safeNext(fields.text("back") ?? defaultBack ?? "/incidents/\(incident)")
            do {
                let after = try await run(route, on: incident, fields: fields, by: person, commandID: nil)
                return done(person, heading: route.heading, route.done(after, fields), back: back)
            } catch {
                return outcome(person, WebFailure(error), back: back)
            }
        }
    }

    /// `crisis incident open`: `kind`, `title`, `platform` and `url` in pairs (repeat them),
    /// `discoveredAt` / `detectedAt` (ISO 8601 with an offset), `drill`, `restricted`.
    /// The command id, when given, is the incident's id, as on the CLI.
    func open(_ fields: FormBody, by person: PersonSession, commandID: UUID?) async throws -> LoadedIncident {
        let kind = try fields.required("kind", "the workflow, e.g. viral-complaint")
        let title = try fields.required("title", "a short title, without patient detail")
        let platforms = fields.texts("platform")
        let urls = fields.texts("url")
        guard platforms.count == urls.count else {
            throw WebFailure(
                status: .badRequest,
                "give platform and url in pairs: \(platforms.count) platforms, \(urls.count) urls")
        }
        let restricted = fields.text("restricted") == "true"
        let opening = OpenIncident(
            id: commandID ?? UUID(), title: title,
            posts: zip(platforms, urls).map { PostReference(platform: $0, url: $1) },
            detectedAt: try Self.time(fields, "detectedAt"), discoveredAt: try Self.time(fields, "discoveredAt"),
            restriction: restricted ? fields.text("restrictionReason") ?? "restricted when opened" : nil,
            drill: fields.text("drill") == "true")
        return try await person.run(commandID: commandID) { handler in
            try await handler.open(kind: kind, opening)
        }
    }

    private static func time(_ fields: FormBody, _ name: String) throws -> Date? {
        guard let text = fields.text(name) else { return nil }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        guard let date = withFraction.date(from: text) ?? plain.date(from: text) else {
            throw WebFailure(
                status: .badRequest, "\(name) must be ISO 8601 with an offset, e.g. 2026-11-23T09:30:00-05:00")
        }
        return date
    }
}

/// The incident command forms: `POST /incidents/ID/...`, one route per command of the catalog,
/// and `POST /incidents` to open one.
struct IncidentCommandRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        for route in IncidentCommandCatalog.routes {
            router.post(RouterPath("/incidents/:id/\(route.path)")) { request, context in
                await site.formCommand(
                    route, request, incident: context.parameters.get("id"), parameters: route.values(context))
            }
        }
        router.post("/incidents") { request, _ in
            switch await site.postedForm(request) {
            case .failure(let response):
                return response
            case .success(let (person, form)):
                do {
                    let opened = try await site.open(form, by: person, commandID: nil)
                    return Response.redirect(to: "/incidents/\(opened.id)", type: .normal)
                } catch {
                    return site.outcome(person, WebFailure(error), back: "/")
                }
            }
        }
    }
}

extension IncidentCommandRoute {
    /// What the request's path names, by the route's parameter names.
    func values(_ context: WebContext) -> [String: String] {
        var values: [String: String] = [:]
        for name in parameterNames {
            if let value = context.parameters.get(name) { values[name] = value }
        }
        return values
    }
}
