import WentiTerminal
import WentiText

/// Several lines of editable text (a description, a note), right for Chinese like
/// `TextField`: the caret moves by whole characters, Up and Down keep the display column,
/// long lines wrap at the width (between any two characters), and the hardware cursor sits
/// at the caret for the input method.
public struct TextArea: Sendable, Equatable {
    public private(set) var text: String
    /// The caret, as a count of characters before it.
    public private(set) var caret: Int
    /// The first visual row shown.
    public private(set) var top = 0

    public init(_ text: String = "") {
        self.text = text
        caret = text.count
    }

    /// Rows of the text wrapped at `width`: each is a range of character offsets.
    func rows(width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0
        var used = 0
        for (offset, character) in text.enumerated() {
            if character == "\n" {
                rows.append(start..<offset)
                start = offset + 1
                used = 0
                continue
            }
            let w = DisplayWidth.of(TextSanitizer.clean(String(character)).first ?? " ")
            if used + w > width, offset > start {
                rows.append(start..<offset)
                start = offset
                used = 0
            }
            used += w
        }
        rows.append(start..<text.count)
        return rows
    }

    /// The visual row and display column of the caret.
    func caretPosition(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        let characters = Array(text)
        for (index, range) in rows.enumerated() {
            let endsHere = index == rows.count - 1 || caret < rows[index + 1].lowerBound
            if caret >= range.lowerBound && caret <= range.upperBound && endsHere {
                let column = characters[range.lowerBound..<caret].reduce(0) { $0 + DisplayWidth.of(TextSanitizer.clean(String($1)).first ?? " ") }
                return (index, column)
            }
        }
        return (rows.count - 1, 0)
    }

    /// Applies an editing key for an area `width` columns wide; false for keys it leaves alone.
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .enter: insert("\n")
        case .backspace:
            guard caret > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: caret - 1))
            caret -= 1
        case .delete:
            guard caret < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: caret))
        case .ctrl("u"):
            // Like a shell: everything from the start of the caret's line up to the caret.
            let characters = Array(text)
            var start = caret
            while start > 0 && characters[start - 1] != "\n" { start -= 1 }
            text = String(characters[..<start] + characters[caret...])
            caret = start
        case .left: caret = max(0, caret - 1)
        case .right: caret = min(text.count, caret + 1)
        case .up, .down:
            let rows = rows(width: width)
            let (row, column) = caretPosition(width: width)
            let target = key == .up ? row - 1 : row + 1
            guard rows.indices.contains(target) else { return true }
            caret = min(offset(inRow: rows[target], atColumn: column), lastCaret(in: rows, target))
        case .home:
            caret = rows(width: width)[caretPosition(width: width).row].lowerBound
        case .end:
            let rows = rows(width: width)
            caret = lastCaret(in: rows, caretPosition(width: width).row)
        default:
            return false
        }
        return true
    }

    /// The last caret offset that still shows on `row`: at a soft wrap the offset after the
    /// row's last character is drawn at the start of the next row, so it stops one before.
    private func lastCaret(in rows: [Range<Int>], _ row: Int) -> Int {
        let range = rows[row]
        let wrapsOnward = row < rows.count - 1 && rows[row + 1].lowerBound == range.upperBound && !range.isEmpty
        return wrapsOnward ? range.upperBound - 1 : range.upperBound
    }

    /// The character offset in `row` at or just before display column `column`.
    private func offset(inRow row: Range<Int>, atColumn column: Int) -> Int {
        let characters = Array(text)
        var used = 0
        for offset in row {
            let w = DisplayWidth.of(TextSanitizer.clean(String(characters[offset])).first ?? " ")
            if used + w > column { return offset }
            used += w
        }
        return row.upperBound
    }

    public mutating func insert(_ string: String) {
        text.insert(contentsOf: string, at: text.index(text.startIndex, offsetBy: caret))
        caret += string.count
    }

    /// Draws `height` rows from (x, y), scrolled so the caret row is visible.
    public mutating func draw(into grid: inout Grid, x: Int, y: Int, width: Int, height: Int, style: Style = .plain) {
        guard width > 0, height > 0 else { return }
        let rows = rows(width: width)
        let (row, column) = caretPosition(width: width)
        if row < top { top = row }
        if row >= top + height { top = row - height + 1 }
        let characters = Array(text)
        grid.fill(x: x, y: y, width: width, height: height, style: style)
        for (offset, range) in rows.dropFirst(top).prefix(height).enumerated() {
            grid.write(String(characters[range]), x: x, y: y + offset, style: style, limit: width)
        }
        grid.cursor = (x + min(column, width - 1), y + row - top)
    }
}
