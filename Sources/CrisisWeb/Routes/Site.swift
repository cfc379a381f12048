import CrisisApp
import Foundation
import HTTPTypes
import Hummingbird

/// What every route shares: who is signed in, the templates, and how answers are made.
struct Site: Sendable {
    let desk: SignInDesk
    let templates: Templates
    let configuration: WebConfiguration
    /// The API's OpenAPI 3.1 document (`/api/v1/openapi.json`).
    let openAPI: String

    static let sessionCookie = "crisis_session"
    static let loginCookie = "crisis_login"

    /// The signed-in person behind a request's cookie, or nil (never signed in, signed out, idle too long).
    func person(_ request: Request) async -> PersonSession? {
        await desk.session(request.cookies[Self.sessionCookie]?.value)
    }

    /// For pages: the person, or a redirect to sign in that comes back here afterwards.
    func personOrSignIn(_ request: Request) async -> Gate<PersonSession> {
        if let person = await person(request) { return .success(person) }
        let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let target = "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
        return .failure(expired(Response.redirect(to: target, type: .found)))
    }

    /// For a form's POST: the person and the form, once its CSRF token matches; otherwise the
    /// answer to send (back to sign in when the session is gone, 403 when the token is wrong),
    /// and nothing is done.
    func postedForm(_ request: Request) async -> Gate<(PersonSession, FormBody)> {
        guard let person = await person(request) else {
            return .failure(expired(Response.redirect(to: "/login", type: .normal)))
        }
        let form: FormBody
        do {
            form = try await FormBody.read(request)
        } catch {
            return .failure(outcome(person, WebFailure(status: .contentTooLarge, "the form is larger than 1 MB")))
        }
        guard SecretToken.matches(form["csrf"], person.csrfToken) else {
            return .failure(
                outcome(
                    person,
                    WebFailure(
                        status: .forbidden, rule: "web.csrf",
                        "The form's CSRF token is missing or wrong, so nothing was done; reload the page and try again."
                    )
                ))
        }
        return .success((person, form))
    }

    /// The sign-in redirect, clearing a session cookie that no longer names a session.
    private func expired(_ response: Response) -> Response {
        var response = response
        response.setCookie(cookie(Self.sessionCookie, "", maxAge: 0))
        return response
    }

    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    /// An HTML page; never cached (it shows who is signed in and what they may do).
    func html(_ template: String, _ view: Any, status: HTTPResponse.Status = .ok) -> Response {
        let body = templates.render(template, view)
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// A sentence after a command: done, or refused with its rule.
    func outcome(_ person: PersonSession?, _ failure: WebFailure, back: String? = nil) -> Response {
        html(
            "outcome",
            OutcomeView(
                chrome: Chrome(person), heading: failure.rule == nil ? "Not done" : "Refused", refused: true,
                rule: failure.rule ?? "input", sentence: failure.sentence, back: back),
            status: failure.status)
    }

    func done(_ person: PersonSession, heading: String, _ sentence: String, back: String?) -> Response {
        html(
            "outcome",
            OutcomeView(
                chrome: Chrome(person), heading: heading, refused: false, rule: "", sentence: sentence, back: back))
    }
}

/// Whether a request may go on: with what it needs, or with the answer to send instead.
enum Gate<Value: Sendable>: Sendable {
    case success(Value)
    case failure(Response)
}

/// What the layout shows around every page: who is signed in, and the token its sign-out form carries.
struct Chrome: Sendable {
    var signedIn: Bool
    var person: String
    var csrf: String

    init(_ session: PersonSession?) {
        signedIn = session != nil
        person = session?.person ?? ""
        csrf = session?.csrfToken ?? ""
    }
}

struct OutcomeView {
    var chrome: Chrome
    var heading: String
    var refused: Bool
    var rule: String
    var sentence: String
    var back: String?
}
