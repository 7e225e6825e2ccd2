/// A plain-text table whose columns line up in a terminal with Chinese text.
struct Table {
    struct Column {
        var title: String
        /// The widest a cell may be; longer text is cut with `…`.
        var maxWidth: Int
    }

    var columns: [Column]
    var rows: [[String]] = []

    func render() -> String {
        let widths = columns.indices.map { index in
            min(columns[index].maxWidth,
                max(TextWidth.of(columns[index].title), rows.map { TextWidth.of($0[index]) }.max() ?? 0))
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                let fitted = TextWidth.fit(cell, to: widths[index])
                text += isLast ? String(fitted.reversed().drop(while: { $0 == " " }).reversed()) : fitted + "  "
            }
            return text
        }
        return ([line(columns.map(\.title))] + rows.map(line)).joined(separator: "\n")
    }
}
