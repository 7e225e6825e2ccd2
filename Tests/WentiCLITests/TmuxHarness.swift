import Foundation
import Testing
import WentiTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// tmux as the terminal emulator for end-to-end tests: a private server on its own socket,
/// commands spawned with `posix_spawn`, an empty signal mask and no inherited descriptors
/// (Foundation.Process hands the daemonised server its own pipes and blocks signals).
final class TmuxHarness {
    let directory: URL
    let socket: String

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("s").path
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `tmux -S socket ARGS`; returns its exit status and standard output.
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let argv = ["/usr/bin/tmux", "-S", socket] + arguments
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // new-session forks the server, which keeps its stdout: never a pipe we wait on.
        if arguments.first == "new-session" {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        InheritedDescriptors.closeAll(in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let status = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        close(pipe[1])
        guard status == 0 else {
            close(pipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(pipe[0], &buffer, buffer.count)
            if n <= 0 { break }
            data.append(buffer, count: n)
        }
        close(pipe[0])
        var exit: Int32 = 0
        waitpid(pid, &exit, 0)
        return ((exit >> 8) & 0xFF, String(decoding: data, as: UTF8.self))
    }

    func screen(_ target: String = "w") throws -> [String] {
        try run(["capture-pane", "-p", "-t", target]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func value(_ format: String, _ target: String = "w") throws -> String {
        try run(["display-message", "-p", "-t", target, format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `predicate` holds (20 s at most: a loaded CI machine is slow to
    /// start a debug binary); returns the last screen. A timeout is a test failure of its own,
    /// with the screen it saw.
    @discardableResult
    func waitFor(_ target: String = "w", timeout: TimeInterval = 20, _ predicate: ([String]) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var lines = try screen(target)
        while !predicate(lines) {
            if Date() > deadline {
                Issue.record(Comment(rawValue: "timed out waiting for the screen:\n" + lines.joined(separator: "\n")))
                return lines
            }
            // Suspended, not blocked: the thread runs another test meanwhile.
            try await Task.sleep(for: .milliseconds(20))
            lines = try screen(target)
        }
        return lines
    }
}
