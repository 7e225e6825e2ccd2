import WentiText

/// How a cell looks. Without colour (NO_COLOR, a monochrome terminal) reverse, bold,
/// underline and dim still carry every distinction the UI makes.
public struct Style: Sendable, Hashable {
    public enum Colour: Int, Sendable, Hashable, CaseIterable {
        case red = 1, green, yellow, blue, magenta, cyan
    }

    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false
    public var colour: Colour?

    public init(bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false, colour: Colour? = nil) {
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
        self.colour = colour
    }

    public static let plain = Style()
}

/// One terminal cell: a grapheme that fits one cell of ncurses, or the right half of a
/// wide one (`isContinuation`).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: Int
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .plain)
    static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}

/// The screen as values: what `render(state, size)` produces and a backend shows.
///
/// Writing keeps the grid consistent: text is sanitised, a wide character that would cross
/// the right edge (or the clip) becomes a space, and overwriting either half of a wide
/// character blanks the other half.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the hardware cursor should sit (a text field's caret), so that an input
    /// method's candidate window follows it; nil hides the cursor.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.x == rhs.cursor?.x && lhs.cursor?.y == rhs.cursor?.y
    }

    /// Writes `text` from column `x` of row `y`, at most `limit` columns (to the right edge by
    /// default). Returns the number of columns written.
    ///
    /// `marked`: a text that does not fit ends in `…`, so that a reader knows more was there
    /// (a sentence, a message); without it the text stops at the edge (a table's cell whose
    /// column rule already says so).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil, marked: Bool = false) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        if marked, end > x {
            return write(TerminalText.truncate(TextSanitizer.clean(text), to: end - x), x: x, y: y, style: style, limit: end - x)
        }
        var column = x
        for character in TextSanitizer.clean(text, fillingAtMost: end - x) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }   // a lone mark has no cell of its own
            if column + w > end {
                // A wide character that does not fit leaves a blank, never half of itself.
                if column < end { set(column, y, Cell(text: " ", width: 1, style: style)) }
                column = end
                break
            }
            if column >= 0 {
                set(column, y, Cell(text: String(character), width: w, style: style))
                if w == 2 { set(column + 1, y, .continuation(style)) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                set(column, row, Cell(text: " ", width: 1, style: style))
            }
        }
    }

    /// Sets one cell, blanking the other half of any wide character it cuts through.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0 {
            cells[index - 1] = Cell(text: " ", width: 1, style: cells[index - 1].style)
        } else if old.width == 2, x + 1 < width {
            cells[index + 1] = Cell(text: " ", width: 1, style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// The screen as plain text lines (a wide character once, its continuation omitted).
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}
