/// Text an attacker (or a broken file) puts where wenti prints data: one sample per class
/// of terminal control, for tests that send each class through every output path.
public enum HostileText {
    /// Each class by name. NUL is apart (`nul`): no argument can carry it, only a file.
    public static let classes: [(name: String, text: String)] = [
        ("C0", String(String.UnicodeScalarView((0x01...0x1F).compactMap(Unicode.Scalar.init)))),
        ("DEL", "\u{7F}"),
        ("C1", String(String.UnicodeScalarView((0x80...0x9F).compactMap(Unicode.Scalar.init)))),
        ("OSC title", "\u{1B}]0;pwned\u{07}"),
        ("OSC 52 clipboard", "\u{1B}]52;c;cHduZWQ=\u{07}"),
        ("DCS", "\u{1B}P1$qm\u{1B}\\"),
        ("CSI", "\u{1B}[2J\u{1B}[31m\u{9B}1m"),
        ("bidi", "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"),
    ]

    public static let nul = "\u{0}"

    /// Every class in one string, between Chinese words, as a title or a cell could hold it.
    public static let all = "问题" + classes.map(\.text).joined(separator: "中") + "结尾"

    /// The scalars of `text` that would act on a terminal: C0 controls (line feed, carriage
    /// return and tab aside), DEL, C1 controls, bidi embeddings, overrides and isolates.
    public static func rawControls(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A, 0x0D, 0x09: false
            case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }
}
