import Foundation

/// `wenti demo --no-tui --db PATH` made once per test process and copied to each new PATH.
///
/// Nearly every command-line test starts from the demo, and a debug build spends about 2.6 s
/// of CPU on each one (half of it in scrypt, which protects the demo creator's key and runs
/// unoptimised in a debug build). The copy is the real command's output: the workspace file,
/// and what it printed with its path replaced. Its key file is in the test process's own
/// config folder (`CommandLineTests.configHome`), which every copy shares, as the copies
/// share the key they were sealed to.
enum DemoTemplate {
    /// Only the plain form on a path that does not exist yet: a demo over an existing file
    /// (which it replaces or refuses), with options, or in another environment runs for real.
    static func copy(_ arguments: [String], environment: [String: String], executable: String?, input: Data?) throws -> CommandLineTests.Result? {
        guard arguments.count == 4, arguments[0] == "demo", arguments[1] == "--no-tui", arguments[2] == "--db",
              environment.isEmpty, executable == nil, input == nil,
              !FileManager.default.fileExists(atPath: arguments[3]) else { return nil }
        let made = try template.get()
        let target = arguments[3]
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: made.path + suffix) {
            try FileManager.default.copyItem(atPath: made.path + suffix, toPath: target + suffix)
        }
        var result = made.result
        result.out = result.out.replacingOccurrences(of: made.path, with: target)
        result.err = result.err.replacingOccurrences(of: made.path, with: target)
        return result
    }

    /// The one real run (its file stays in the temporary folder for the process's life).
    private static let template: Swift.Result<(path: String, result: CommandLineTests.Result), any Error> = Swift.Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-cli-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("d.sqlite").path
        let result = try CommandLineTests.runToEnd(["demo", "--no-tui", "--db", path], environment: [:], executable: nil, input: nil, copyingTheDemo: false)
        guard result.status == 0 else { throw DemoFailed(result: result) }
        return (path, result)
    }

    struct DemoFailed: Error, CustomStringConvertible {
        var result: CommandLineTests.Result
        var description: String { "wenti demo failed (\(result.status)): \(result.err)" }
    }
}
