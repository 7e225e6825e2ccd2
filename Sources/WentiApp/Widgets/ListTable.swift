import WentiTerminal
import WentiText

/// A simple table for the panes' lists: a header, rows of cells cut to their columns (one
/// column takes the width that is left), the selected row kept in view and marked with ▸
/// and reverse video (readable without colour).
struct ListTable {
    struct Column {
        var title: String
        /// 0: takes what the other columns leave.
        var width: Int
    }

    struct Row {
        var cells: [String]
        var colour: Style.Colour? = nil
        var dim = false
    }

    var columns: [Column]
    var rows: [Row]
    var selected: Int?
    var focused = true
    var empty: String
    /// A cell of the selected row picked out (the dashboard's figure that Enter opens):
    /// drawn the other way round from its row, so it stands out in colour and in text dumps.
    var selectedColumn: Int? = nil

    /// The selection's mark: ▸ where the keys go, ▹ in a pane beside it that keeps its place
    /// (only the focused pane shows an active one), a space elsewhere.
    static func marker(selected: Bool, focused: Bool) -> String {
        selected ? (focused ? "▸" : "▹") : " "
    }

    /// A selected row is bold and reversed in the focused pane only; beside it, plain.
    static func rowStyle(selected: Bool, focused: Bool, dim: Bool = false, colour: Style.Colour? = nil) -> Style {
        Style(bold: selected && focused, dim: (dim && !selected) || (selected && !focused), reverse: selected && focused, colour: colour)
    }

    func draw(into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        guard height > 0, width > 2 else { return }
        var widths = columns.map(\.width)
        let fixed = widths.reduce(0, +) + widths.count - 1 + 2
        if let flexible = widths.firstIndex(of: 0) { widths[flexible] = max(4, width - fixed) }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { TerminalText.fit(TextSanitizer.clean($0, fillingAtMost: $1), to: $1) }.joined(separator: " ")
        }
        grid.write("  " + line(columns.map(\.title)), x: x, y: y, style: Style(bold: true, underline: true), limit: width)
        let visible = height - 1
        guard !rows.isEmpty else {
            if visible > 0 { grid.write(empty, x: x + 2, y: y + 1, style: Style(dim: true), limit: width - 2) }
            return
        }
        let chosen = selected ?? -1
        let top = max(0, min(chosen - visible / 2, rows.count - visible))
        for (offset, row) in rows.dropFirst(top).prefix(max(0, visible)).enumerated() {
            let isSelected = top + offset == chosen
            let style = Self.rowStyle(selected: isSelected, focused: focused, dim: row.dim, colour: row.colour)
            grid.fill(x: x, y: y + 1 + offset, width: width, height: 1, style: style)
            grid.write(Self.marker(selected: isSelected, focused: focused) + " " + line(row.cells), x: x, y: y + 1 + offset, style: style, limit: width)
            if isSelected, let column = selectedColumn, row.cells.indices.contains(column), column < widths.count {
                let cellX = x + 2 + widths.prefix(column).reduce(0, +) + column
                guard cellX < x + width else { continue }
                let cellStyle = Style(bold: true, reverse: !focused, underline: true, colour: row.colour)
                grid.write(TerminalText.fit(TextSanitizer.clean(row.cells[column], fillingAtMost: widths[column]), to: widths[column]), x: cellX, y: y + 1 + offset,
                           style: cellStyle, limit: min(widths[column], x + width - cellX))
            }
        }
    }
}
