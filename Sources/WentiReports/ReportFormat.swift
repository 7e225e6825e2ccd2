import Mustache
import WentiText

/// The formats a document (minutes, agenda, notice, bulletin) is written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case md, html, txt

    /// The content type each format's templates declare in their first line
    /// (`{{% CONTENT_TYPE: ... }}`), so that user text is escaped for that format.
    var contentTypeName: String {
        switch self {
        case .md: "MARKDOWN"
        case .html: "HTML"
        case .txt: "TEXT"
        }
    }
}

/// Escapes what Markdown would read as markup, so a concern titled "*急*|修" prints as
/// typed instead of breaking a list or a table.
struct MarkdownContentType: MustacheContentType {
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~"]

    func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            // A line break of a multi-line value: a hard break, indented so that a list
            // item or paragraph goes on (a bare newline would join the lines into one).
            if character == "\n" {
                escaped += "  \n  "
                continue
            }
            if Self.special.contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

/// HTML as swift-mustache escapes it, with a line break of a multi-line value written as
/// <br> (HTML would show it as a space). Registered under the built-in's own name, so the
/// templates users have edited get it too.
struct HTMLLinesContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}
