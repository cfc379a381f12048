import Foundation
import Testing

/// A real browser for the HTML crisis writes: the DOM headless Chromium
/// builds from a file, or nil (with a notice) on a developer's machine
/// without Chromium; under CI a missing browser fails the test.
enum HeadlessChromium {
    static func dom(of path: String, sourceLocation: SourceLocation = #_sourceLocation) async -> String? {
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        guard let chromium = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            // CI installs Chromium (.ci/run): there, a missing browser is a failure, not a skipped check.
            let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
            #expect(!inCI, "chromium is not installed, so \(path) was not rendered", sourceLocation: sourceLocation)
            print("notice: chromium is not installed; \(path) was not rendered in a browser")
            return nil
        }
        let rendered = await ChildProcessRunner.capture(
            chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(path)"],
            environment: ProcessInfo.processInfo.environment.merging(["HOME": NSTemporaryDirectory()]) { $1 })
        #expect(rendered.status == 0, "\(rendered.errors)", sourceLocation: sourceLocation)
        return rendered.output
    }
}
