import WentiTerminal
import WentiText

/// One line of editable text that is right for Chinese: the caret moves by whole characters,
/// Backspace removes a whole character (never half of one), a committed input-method string
/// or a paste arrives as characters and goes in whole, and the hardware cursor is placed at
/// the caret's display column so that the input method's candidate window follows it.
public struct TextField: Sendable, Equatable {
    public private(set) var text: String
    /// The caret, as a count of characters before it.
    public private(set) var caret: Int

    public init(_ text: String = "") {
        self.text = text
        caret = text.count
    }

    /// Applies an editing key; returns false for keys it does not handle.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            insert(String(c))
        case .backspace, .ctrl("h"):
            guard caret > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: caret - 1)
            text.remove(at: index)
            caret -= 1
        case .delete, .ctrl("d"):
            guard caret < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: caret))
        case .left, .ctrl("b"):
            caret = max(0, caret - 1)
        case .right, .ctrl("f"):
            caret = min(text.count, caret + 1)
        case .home, .ctrl("a"):
            caret = 0
        case .end, .ctrl("e"):
            caret = text.count
        case .ctrl("u"):
            text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: caret))
            caret = 0
        case .ctrl("k"):
            text.removeSubrange(text.index(text.startIndex, offsetBy: caret)...)
        default:
            return false
        }
        return true
    }

    public mutating func insert(_ string: String) {
        let index = text.index(text.startIndex, offsetBy: caret)
        text.insert(contentsOf: string, at: index)
        caret += string.count
    }

    public mutating func set(_ string: String) {
        text = string
        caret = string.count
    }

    /// Draws the field in `width` columns from (x, y), scrolled so the caret is visible, and
    /// puts the hardware cursor at the caret.
    public func draw(into grid: inout Grid, x: Int, y: Int, width: Int, style: Style = .plain) {
        guard width > 0 else { return }
        let clean = Array(TextSanitizer.clean(text))
        let before = clean.prefix(caret)
        var start = 0
        var caretColumn = before.reduce(0) { $0 + DisplayWidth.of($1) }
        // Scroll left-to-right until the caret (and the cell after it) fits.
        while caretColumn >= width, start < before.count {
            caretColumn -= DisplayWidth.of(clean[start])
            start += 1
        }
        grid.fill(x: x, y: y, width: width, height: 1, style: style)
        grid.write(String(clean[start...]), x: x, y: y, style: style, limit: width)
        grid.cursor = (x + caretColumn, y)
    }
}
