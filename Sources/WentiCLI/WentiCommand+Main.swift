import ArgumentParser
import Foundation
import WentiText

extension WentiCommand {
    /// Prints ArgumentParser's own message for `error` (an unknown option, a bad value,
    /// help) through the sanitiser and exits with its code: those messages quote what was
    /// typed, and an argument can hold an escape sequence as easily as a CSV cell can.
    static func exitPrintingSafely(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            let text = TextSanitizer.clean(message.hasSuffix("\n") ? message : message + "\n", mode: .printedLines)
            // Help and --version go to standard output; every failure to standard error.
            (code == .success ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
        }
        Foundation.exit(code.rawValue)
    }
}
