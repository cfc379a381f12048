import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program and waits for it with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process.waitUntilExit` can miss the child's exit when called
/// from Swift concurrency on Linux (seen here: `pg_ctl` left a zombie and the
/// caller hung), and a pipe for the output would be inherited by the server
/// that `pg_ctl` starts. Output goes to a temporary file instead.
public enum ChildProcess {
    /// How a program ended and what it printed.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// True when the program outlived its delay and was sent the signal.
        public var signalled = false
    }

    /// Runs `program` with `environment` (nil: this process's), stdout and stderr apart.
    public static func capture(_ program: String, _ arguments: [String], environment: [String: String]? = nil)
        -> Result
    {
        let errorPath = temporaryPath("err")
        defer { unlink(errorPath) }
        var signalled = false
        let (status, output) = run(
            program, arguments, environment: environment, errorPath: errorPath, signalled: &signalled)
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Result(status: status, standardOutput: output, standardError: errors)
    }

    /// Runs `program` like ``capture(_:_:environment:)``, but sends it `signal` once `delay` has
    /// passed if it is still running (a crash test's kill). A program ended by a signal reports
    /// status 128 + the signal's number, as a shell does.
    /// `input`, when given, is what the program reads on its standard input (a mail for sendmail).
    public static func capture(
        _ program: String, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil,
        signal: Int32, after delay: Duration
    ) -> Result {
        let errorPath = temporaryPath("err")
        defer { unlink(errorPath) }
        var inputPath: String?
        if let input {
            let path = temporaryPath("in")
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data(input.utf8), attributes: [.posixPermissions: 0o600])
            else {
                return Result(
                    status: 127, standardOutput: "", standardError: "cannot write the input for \(program) to \(path)")
            }
            inputPath = path
        }
        defer { if let inputPath { unlink(inputPath) } }
        var signalled = false
        let (status, output) = run(
            program, arguments, environment: environment, errorPath: errorPath, inputPath: inputPath,
            signal: (signal, ContinuousClock.now.advanced(by: delay)), signalled: &signalled)
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Result(status: status, standardOutput: output, standardError: errors, signalled: signalled)
    }

    /// Runs `program`; stdout and stderr together.
    static func run(_ program: String, _ arguments: [String]) -> (status: Int32, output: String) {
        var signalled = false
        return run(program, arguments, environment: nil, errorPath: nil, signalled: &signalled)
    }

    private static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("crisis-\(getpid())-\(UUID().uuidString).\(suffix)").path
    }

    private static func run(
        _ program: String, _ arguments: [String], environment: [String: String]?, errorPath: String?,
        inputPath: String? = nil, signal: (number: Int32, at: ContinuousClock.Instant)? = nil, signalled: inout Bool
    ) -> (status: Int32, output: String) {
        let outputPath = temporaryPath("out")
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        // The server pg_ctl starts inherits the working directory: make it one
        // the server's user can enter, whatever directory crisis runs in.
        let shell = "/bin/sh"
        let command = [shell, "-c", "cd / && exec \"$0\" \"$@\"", program] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let environmentStrings: [UnsafeMutablePointer<CChar>?]? =
            environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            environmentStrings?.forEach { free($0) }
        }
        // Dispatch's worker threads block signals; a child must not inherit
        // that mask (a shell's `wait` would never see SIGCHLD, seen here).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid = pid_t()
        let spawned: Int32
        if let environmentStrings {
            spawned = environmentStrings.withUnsafeBufferPointer { pointers in
                posix_spawn(
                    &pid, shell, &actions, &attributes, argv, UnsafeMutablePointer(mutating: pointers.baseAddress))
            }
        } else {
            spawned = posix_spawn(&pid, shell, &actions, &attributes, argv, environ)
        }
        guard spawned == 0 else {
            return (127, "cannot run \(program): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        if let signal {
            if exited(pid, by: signal.at, status: &status) { return finished(status, outputPath) }
            // Still running at the deadline and not reaped, so the pid is still this child's.
            kill(pid, signal.number)
            signalled = true
        }
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR {
                return (127, "lost track of \(program): \(String(cString: strerror(errno)))")
            }
        }
        return finished(status, outputPath)
    }

    /// Polls for the child's exit until `deadline`; true when it exited (and was reaped) by then.
    /// Every millisecond for the first tenth of a second (a crash test's kill lands within a few
    /// milliseconds of its delay), then every 10 ms, so a long bound costs little CPU.
    private static func exited(_ pid: pid_t, by deadline: ContinuousClock.Instant, status: inout Int32) -> Bool {
        let started = ContinuousClock.now
        while ContinuousClock.now < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return true }
            let untilDeadline = deadline - ContinuousClock.now
            let step: Duration =
                ContinuousClock.now - started < .milliseconds(100) ? .milliseconds(1) : .milliseconds(10)
            let pause = min(step, max(untilDeadline, .zero))
            usleep(UInt32(pause.components.attoseconds / 1_000_000_000_000))
        }
        return waitpid(pid, &status, WNOHANG) == pid
    }

    private static func finished(_ status: Int32, _ outputPath: String) -> (status: Int32, output: String) {
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, output)
    }
}
