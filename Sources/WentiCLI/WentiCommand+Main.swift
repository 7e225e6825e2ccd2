import ArgumentParser
import Foundation
import WentiText

extension WentiCommand {
    /// Parses the arguments and runs the command, printing ArgumentParser's own messages
    /// (an unknown option, a bad value, help) through the sanitiser: those quote what was
    /// typed, and an argument can hold an escape sequence as easily as a CSV cell can.
    public static func runPrintingSafely() -> Never {
        let exitCode: ExitCode
        do {
            var command = try parseAsRoot()
            try command.run()
            exitCode = .success
        } catch {
            exitCode = Self.exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let text = TextSanitizer.clean(message.hasSuffix("\n") ? message : message + "\n", mode: .printedLines)
                // Help and --version go to standard output; every failure to standard error.
                (exitCode == .success ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
            }
        }
        Foundation.exit(exitCode.rawValue)
    }
}
