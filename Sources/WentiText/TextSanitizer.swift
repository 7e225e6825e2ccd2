/// The one choke point for text from data: the database, an import, a paste, a file name.
///
/// Terminal control must never come from data. C0 and C1 controls, ESC and DEL become
/// visible Control Pictures (␛, ␡, ...) or U+FFFD, bidirectional overrides and isolates
/// become U+FFFD, so no stored string can move the cursor, retitle the terminal, clear the
/// screen or reorder what surrounds it. Each grapheme is then reduced to something ncurses
/// can hold in one cell: its first scalar plus at most four combining marks, with zero-width
/// joiners, variation selectors and skin-tone modifiers dropped (a family emoji shows as its
/// first person, two columns wide, as ncurses would draw it anyway).
public enum TextSanitizer {
    public enum Mode: Sendable {
        /// A line of a table or a field: line breaks become a visible ⏎, a tab one space.
        case singleLine
        /// A description or a note: line breaks stay, a tab becomes four spaces.
        case multiLine
        /// Lines printed to a terminal by the command line (messages, tab-separated counts,
        /// CSV or JSON shown on screen): line breaks and tabs stay as they are, every other
        /// control becomes visible.
        case printedLines
    }

    /// Cleans only as much of `text` as can fill `columns` columns of one line: every
    /// character takes at least one column, save the rare zero-width one, so twice the
    /// columns is more than can show. A screen cell never measures a 10,000-character title
    /// (or a megabyte) to draw its first forty columns.
    public static func clean(_ text: String, fillingAtMost columns: Int) -> String {
        let enough = max(0, columns) * 2 + 2
        guard text.utf8.count > enough else { return clean(text) }
        return clean(String(text.prefix(enough)))
    }

    public static func clean(_ text: String, mode: Mode = .singleLine) -> String {
        // Fast path: printable ASCII needs no work, and most of the table's text is short.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\r\n" || character == "\n" || character == "\r" {
                result += mode == .singleLine ? "⏎" : "\n"
                continue
            }
            if character == "\t" {
                switch mode {
                case .singleLine: result += " "
                case .multiLine: result += "    "
                case .printedLines: result += "\t"
                }
                continue
            }
            result += reduce(character)
        }
        return result
    }

    /// Whether any scalar of `text` would act on a terminal (anything `clean` replaces),
    /// line breaks and tabs aside. Machine formats printed to a terminal use it to say that
    /// what is shown is not byte for byte what a file would get.
    public static func containsTerminalControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar != "\n" && scalar != "\r" && scalar != "\t" && replacement(for: scalar) != nil
        }
    }

    /// One grapheme, made safe and at most one cell (or one wide cell) of ncurses.
    static func reduce(_ character: Character) -> String {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return "" }
        if let replacement = replacement(for: first) { return String(replacement) }
        var cell = String(first)
        var marks = 0
        while let next = scalars.next() {
            // A joiner ends the first emoji of a ZWJ sequence: the rest is not drawn.
            if next.value == 0x200D { break }
            if isDropped(next) { continue }
            if let replacement = replacement(for: next) {
                cell.unicodeScalars.append(replacement)
                continue
            }
            guard DisplayWidth.of(next) == 0 else {
                // A second spacing scalar inside one grapheme (e.g. a flag's second letter)
                // would overflow the cell; the first one stands for the whole.
                break
            }
            guard marks < 4 else { continue }
            cell.unicodeScalars.append(next)
            marks += 1
        }
        return cell
    }

    /// What replaces a scalar that must not reach the terminal, or nil if it may.
    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value)  // ␀ ... ␟ (␛ for ESC)
        case 0x7F: return "\u{2421}"                                      // ␡
        case 0x80...0x9F: return "\u{FFFD}"                               // C1 controls (CSI, OSC, ...)
        case 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"          // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: return "\u{FFFD}"                            // line and paragraph separators
        default: return nil
        }
    }

    /// Scalars that only change how the previous one looks; ncurses cannot hold them.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true   // variation selectors (VS16 included)
        case 0x1F3FB...0x1F3FF: return true                    // skin-tone modifiers
        case 0xE0020...0xE007F: return true                    // tag characters (subdivision flags)
        default: return false
        }
    }
}
