import ArgumentParser
import Foundation
import WentiCore
import WentiStore
import WentiText

/// A failure to report as one line on standard error, with a non-zero exit code.
struct CLIFailure: Error {
    var message: LocalizedText
    var exitCode: Int32

    init(_ message: LocalizedText, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    init(zh: String, en: String, exitCode: Int32 = 1) {
        self.init(LocalizedText(zh: zh, en: en), exitCode: exitCode)
    }
}

/// Runs a command body and turns every failure into one line and an exit code:
/// 1 for refused input or rules, 3 for a conflict with someone else's change.
@discardableResult
nonisolated(nonsending) func reportingFailures<T>(_ options: GlobalOptions, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let failure as CLIFailure {
        printError(failure.message.text(options.language))
        throw ExitCode(failure.exitCode)
    } catch let error as StoreError {
        printError(error.label.text(options.language))
        if case .conflict = error { throw ExitCode(3) }
        throw ExitCode(1)
    } catch let error as any Labelled & Error {
        printError(error.label.text(options.language))
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    PrintedOutput.standardError("wenti: " + message)
}

/// A line about how the command runs (whose view it shows), on standard error so that the
/// output itself stays exactly what was asked for.
func printNotice(_ message: String) {
    PrintedOutput.standardError("wenti: " + message)
}

/// Writes text meant for people to standard output in one piece (large listings are built
/// first, then written), through the sanitiser.
func emit(_ text: String) {
    PrintedOutput.standardOutput(text)
}

/// The width of the terminal standard output goes to, or nil when it goes to a file or pipe
/// (then tables keep their full width).
func terminalColumns() -> Int? {
    guard isatty(STDOUT_FILENO) == 1 else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
