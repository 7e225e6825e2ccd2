import WentiText

/// A plain-text table whose columns line up in a terminal with Chinese text. Every cell goes
/// through the sanitiser, so data can never carry a terminal control sequence to the screen.
struct Table {
    struct Column {
        var title: String
        /// The widest a cell may be; longer text is cut with `…`.
        var maxWidth: Int
    }

    var columns: [Column]
    var rows: [[String]] = []
    /// The columns that give up width, in this order, when the table is wider than `totalWidth`.
    var flexibleColumns: [Int] = []

    /// `totalWidth`: the terminal's width when printing to one; the flexible columns shrink
    /// (each down to 8 columns) so that lines do not wrap.
    func render(totalWidth: Int? = nil) -> String {
        let cleanRows = rows.map { $0.map { TextSanitizer.clean($0) } }
        var widths = columns.indices.map { index in
            min(columns[index].maxWidth,
                max(DisplayWidth.of(columns[index].title), cleanRows.map { DisplayWidth.of($0[index]) }.max() ?? 0))
        }
        if let totalWidth {
            for flexible in flexibleColumns {
                let excess = widths.reduce(0, +) + 2 * (widths.count - 1) - totalWidth
                guard excess > 0 else { break }
                widths[flexible] = max(min(8, widths[flexible]), widths[flexible] - excess)
            }
        }
        func line(_ cells: [String]) -> String {
            let fitted = cells.enumerated().map { TerminalText.fit($1, to: widths[$0]) }
            var text = fitted.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(columns.map(\.title))] + cleanRows.map(line)).joined(separator: "\n")
    }
}
