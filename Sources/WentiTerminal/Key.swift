/// A key press (or a pasted / input-method string, which arrives as characters).
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case character(Character)
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    case resize
    /// No key for a while (a second on the real terminal): time to look for others' changes.
    case tick
    /// A mouse click at a cell, or the wheel.
    case click(x: Int, y: Int)
    case wheelUp, wheelDown

    /// The tmux-style name: what key scripts, the help screen and keymap files use.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .ctrl(let c): "C-\(c)"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .backspace: "BSpace"
        case .delete: "DC"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PageUp"
        case .pageDown: "PageDown"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        case .tick: "Tick"
        case .click(let x, let y): "Click(\(x),\(y))"
        case .wheelUp: "WheelUp"
        case .wheelDown: "WheelDown"
        }
    }

    static let named: [String: Key] = [
        "Enter": .enter, "Escape": .escape, "Esc": .escape, "Tab": .tab, "BTab": .backTab,
        "BSpace": .backspace, "Backspace": .backspace, "DC": .delete, "Delete": .delete,
        "Up": .up, "Down": .down, "Left": .left, "Right": .right, "Home": .home, "End": .end,
        "Tick": .tick, "PageUp": .pageUp, "PPage": .pageUp, "PageDown": .pageDown, "NPage": .pageDown, "Space": .character(" "),
    ]

    /// Parses one key name: `j`, `Enter`, `C-d`, `F5`, `PageDown`, `Space`.
    public init?(name: String) {
        if let key = Key.named[name] {
            self = key
        } else if name.hasPrefix("C-"), name.count == 3, let c = name.last {
            self = .ctrl(Character(c.lowercased()))
        } else if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...24).contains(n) {
            self = .function(n)
        } else if name.count == 1, let c = name.first {
            self = .character(c)
        } else {
            return nil
        }
    }
}

/// A key script for the headless mode and the tests: tmux-style names separated by spaces.
/// A word that is not a key name is typed as literal text, character by character, so
/// Chinese goes in as written (`/ 报表 Enter`). `Space` types a space.
public enum KeyScript {
    public static func parse(_ script: String) -> [Key] {
        script.split(whereSeparator: { $0 == " " || $0 == "\n" }).flatMap { word -> [Key] in
            if let key = Key(name: String(word)) { return [key] }
            return word.map { Key.character($0) }
        }
    }
}
