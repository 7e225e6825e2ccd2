import Foundation
import WentiCore
import WentiText

/// Everything the command line prints goes through here, so that no text from data or from
/// an argument reaches a terminal raw.
///
/// Text meant for people (tables, details, messages, errors) is always cleaned by
/// `TextSanitizer`: a control character in a title, a CSV cell or a mistyped argument shows
/// as a visible replacement, wherever the output goes. Machine formats (CSV, JSON, Markdown
/// and text documents) are written byte for byte to a file or a pipe, because a program
/// reading them needs the data exactly; only when standard output is a terminal are they
/// cleaned too, with a line on standard error saying so and how to get the exact bytes.
enum PrintedOutput {
    static func standardOutput(_ text: String) {
        write(TextSanitizer.clean(terminated(text), mode: .printedLines), to: FileHandle.standardOutput)
    }

    static func standardError(_ text: String) {
        write(TextSanitizer.clean(terminated(text), mode: .printedLines), to: FileHandle.standardError)
    }

    /// A machine format on standard output: exact to a file or pipe, cleaned on a terminal.
    static func exact(_ text: String, language: Language) {
        let text = terminated(text)
        guard isatty(STDOUT_FILENO) == 1 else { return write(text, to: FileHandle.standardOutput) }
        if TextSanitizer.containsTerminalControls(text) {
            standardError("wenti: " + (language == .zh
                ? "输出到终端：其中的控制字符已显示为可见符号（␛、�……）；要得到原样的数据，请重定向到文件或管道（> 文件 或 | 程序）"
                : "writing to a terminal: its control characters are shown as visible symbols (␛, �, …); redirect to a file or a pipe (> FILE or | PROGRAM) for the exact data"))
        }
        write(TextSanitizer.clean(text, mode: .printedLines), to: FileHandle.standardOutput)
    }

    /// Bytes of a machine format (an export streamed in pieces): passed through to a file or
    /// pipe; gathered and shown cleaned on a terminal.
    static func exactBytes(language: Language, _ produce: ((Data) throws -> Void) throws -> Void) rethrows {
        guard isatty(STDOUT_FILENO) == 1 else {
            return try produce { FileHandle.standardOutput.write($0) }
        }
        var gathered = Data()
        try produce { gathered.append($0) }
        exact(String(decoding: gathered, as: UTF8.self), language: language)
    }

    /// The same, for a producer that awaits (an export reading the store).
    static func exactBytes(language: Language, _ produce: ((Data) throws -> Void) async throws -> Void) async throws {
        guard isatty(STDOUT_FILENO) == 1 else {
            return try await produce { FileHandle.standardOutput.write($0) }
        }
        var gathered = Data()
        try await produce { gathered.append($0) }
        exact(String(decoding: gathered, as: UTF8.self), language: language)
    }

    private static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
