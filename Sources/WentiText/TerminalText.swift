/// Cutting, padding and wrapping sanitised text by display columns.
///
/// Every function works on whole characters and never splits a wide one. Callers pass text
/// that went through `TextSanitizer` (the widths assume it).
public enum TerminalText {
    /// The ellipsis that marks cut text; one column wide in glibc and in tmux.
    public static let ellipsis: Character = "…"

    /// At most `columns` columns: cut text ends in `…` (itself inside the limit).
    /// One pass that stops as soon as the text is known to be too long, so a long text costs
    /// no more than a short one.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let room = columns - DisplayWidth.of(ellipsis)
        var used = 0
        var cut: String.Index?   // where the text stops if it needs the ellipsis
        var index = text.startIndex
        while index < text.endIndex {
            let width = DisplayWidth.of(text[index])
            if cut == nil && used + width > room { cut = index }
            used += width
            if used > columns, let cut { return String(text[..<cut]) + String(ellipsis) }
            index = text.index(after: index)
        }
        return text
    }

    /// Exactly `columns` columns: cut with `…` when longer, padded with spaces when shorter.
    public static func fit(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut)))
    }

    /// Exactly `columns` columns, the text at the right (for numbers and dates).
    public static func fitRight(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        return String(repeating: " ", count: max(0, columns - DisplayWidth.of(cut))) + cut
    }

    /// Lines of at most `columns` columns. Latin words break at spaces (a word longer than a
    /// line is cut); Chinese text breaks between any two ideographs; explicit line breaks
    /// are kept. Trailing spaces of a broken line are dropped.
    public static func wrap(_ text: String, width columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for token in tokens(of: String(paragraph)) {
                let width = DisplayWidth.of(token)
                if used + width <= columns {
                    line += token
                    used += width
                    continue
                }
                if token.allSatisfy({ $0 == " " }) {
                    // A space at the break disappears.
                    lines.append(line)
                    line = ""
                    used = 0
                    continue
                }
                if used > 0 {
                    lines.append(trimmingTrailingSpaces(line))
                    line = ""
                    used = 0
                }
                // A token longer than a whole line is cut character by character.
                for character in token {
                    let w = DisplayWidth.of(character)
                    if used > 0 && used + w > columns {
                        lines.append(line)
                        line = ""
                        used = 0
                    }
                    line.append(character)
                    used += w
                }
            }
            lines.append(trimmingTrailingSpaces(line))
        }
        return lines
    }

    /// Break opportunities: runs of Latin letters stay together, runs of spaces stay
    /// together, every wide character (ideograph, kana, fullwidth punctuation) stands alone.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var currentIsSpace = false
        for character in text {
            let isSpace = character == " "
            if DisplayWidth.of(character) == 2 {
                if !current.isEmpty { tokens.append(current) }
                // Closing punctuation stays with what comes before it, an ideograph or a whole
                // Latin word ("Q-2026-0004）"): no line starts with ， or ）.
                if let last = tokens.last, isClosingPunctuation(character), !last.hasSuffix(" ") {
                    tokens[tokens.count - 1] = last + String(character)
                } else {
                    tokens.append(String(character))
                }
                current = ""
                continue
            }
            if !current.isEmpty && isSpace != currentIsSpace {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            currentIsSpace = isSpace
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func isClosingPunctuation(_ character: Character) -> Bool {
        "，。、；：？！）》」』】".contains(character)
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var result = line
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
