import Foundation
import Hummingbird

/// `/login` and `/logout`: a person signs in with their database role name and password.
struct SignInRoutes: Sendable {
    let site: Site

    func register(on router: Router<WebContext>) {
        router.get("/login") { request, _ in
            let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
            return signInPage(next: next, name: "", problem: nil, status: .ok)
        }
        router.post("/login") { request, context in
            let form: FormBody
            do {
                form = try await FormBody.read(request)
            } catch {
                return signInPage(
                    next: "/", name: "", problem: "the form is larger than 1 MB", status: .contentTooLarge)
            }
            let next = Self.safeNext(form["next"])
            let name = form.text("name") ?? ""
            // The sign-in form's token must match its cookie; a post with no cookie (another
            // site's form: SameSite=Strict keeps the cookie home) is refused, never matched.
            let cookie = request.cookies[Site.loginCookie]?.value ?? ""
            guard !cookie.isEmpty, SecretToken.matches(form["csrf"], cookie) else {
                return signInPage(
                    next: next, name: name,
                    problem: "the sign-in form had expired (its CSRF token did not match); type your password again",
                    status: .forbidden)
            }
            do {
                let session = try await site.desk.signIn(
                    name: name, password: form["password"] ?? "", from: context.clientAddress)
                var response = Response.redirect(to: next, type: .normal)
                response.setCookie(site.cookie(Site.sessionCookie, session.id))
                response.setCookie(site.cookie(Site.loginCookie, "", maxAge: 0))
                return response
            } catch {
                let failure = error as? SignInDesk.Failure ?? .unavailable("the sign-in did not finish")
                return signInPage(next: next, name: name, problem: failure.message, status: failure.status)
            }
        }
        router.post("/logout") { request, _ in
            switch await site.postedForm(request) {
            case .failure(let response):
                return response
            case .success(let (person, _)):
                await site.desk.signOut(person.id)
                var response = Response.redirect(to: "/login", type: .normal)
                response.setCookie(site.cookie(Site.sessionCookie, "", maxAge: 0))
                return response
            }
        }
    }

    /// The sign-in form with a fresh token, also set as a cookie: the POST must carry both.
    private func signInPage(next: String, name: String, problem: String?, status: HTTPResponse.Status) -> Response {
        let token = SecretToken.make()
        var response = site.html(
            "login",
            SignInView(chrome: Chrome(nil), loginToken: token, next: next, name: name, problem: problem),
            status: status)
        response.setCookie(site.cookie(Site.loginCookie, token))
        return response
    }

    /// Only a path on this server: never another site (`//host`, `https://...`), and no control
    /// character or space (a browser drops a tab, turning `/\t/evil.example` into `//evil.example`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else { return "/" }
        return next
    }
}

struct SignInView {
    var chrome: Chrome
    var loginToken: String
    var next: String
    var name: String
    var problem: String?
}
