import Foundation
import Mustache

/// The server's HTML: mustache templates shipped in the target's resources, rendered with
/// HTML escaping (every `{{value}}` is escaped; the templates use no triple braces).
struct Templates: Sendable {
    let library: MustacheLibrary
    let stylesheet: String

    static func load() async throws -> Templates {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebStartupError("the server's templates are missing from the binary's resources")
        }
        let library = try await MustacheLibrary(directory: directory.path)
        let stylesheet = try String(contentsOf: directory.appendingPathComponent("crisis.css"), encoding: .utf8)
        return Templates(library: library, stylesheet: stylesheet)
    }

    func render(_ name: String, _ view: Any) -> String {
        library.render(view, withTemplate: name) ?? "<!DOCTYPE html><p>The page \(name) could not be drawn.</p>"
    }
}

/// The API's OpenAPI 3.1 document, shipped in the target's resources and served as it is.
enum OpenAPIDocument {
    static func load() throws -> String {
        guard let file = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "OpenAPI")
        else {
            throw WebStartupError("the API's OpenAPI document is missing from the binary's resources")
        }
        return try String(contentsOf: file, encoding: .utf8)
    }
}

/// Why the server did not start, in a sentence.
public struct WebStartupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
