import Mustache

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
            if Self.special.contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
