import WentiCore
import WentiTerminal
import WentiText

/// A line with type-ahead over a known list (people, units, batch groups): typing narrows the
/// list shown under the field, Up and Down choose in it, Tab (or Enter, which then submits)
/// takes the chosen one. The screen shows names only; the value is the chosen option's
/// `value` (an id the form's resolvers read), or the typed text when it names no option.
public struct Picker: Sendable, Equatable {
    public struct Option: Sendable, Equatable {
        /// What the form's value is once this option is chosen.
        public var value: String
        /// What the field and the list show: a name.
        public var label: String
        /// Shown dim after the label in the list: a role and unit, a tier and parent.
        public var detail: LocalizedText
        /// Other names that choose it when typed whole: a unit's short names (运检部).
        public var aliases: [String]
        /// Words typing also finds it by, which do not choose it: a person's unit.
        public var related: [String]

        public init(value: String, label: String, detail: LocalizedText = LocalizedText(zh: "", en: ""), aliases: [String] = [], related: [String] = []) {
            self.value = value
            self.label = label
            self.detail = detail
            self.aliases = aliases
            self.related = related
        }
    }

    public private(set) var field: TextField
    public private(set) var options: [Option]
    /// The highlighted line of `matches`.
    public private(set) var selected = 0
    /// The rows the list shows at most.
    static let listRows = 5

    public init(_ options: [Option], text: String = "") {
        self.options = options
        field = TextField(text)
        if let option = options.first(where: { $0.value == text }) { field.set(option.label) }
    }

    /// The options the typed text matches, the best first: a name (the label or a short name)
    /// starting with it, then containing it, then a related word (a person's unit) containing
    /// it, then the label holding its characters in order (孙博 finds 孙文博). Within a rank the given order stays (it is
    /// the relevance the form chose). Nothing typed matches every option.
    public var matches: [Option] {
        let typed = field.text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return options }
        let lowered = typed.lowercased()
        func rank(_ option: Option) -> Int? {
            let label = option.label.lowercased()
            // A short name is a name: 运检 starts 运检部 (运维检修部) before it is inside 输电运检班.
            let names = [label] + option.aliases.map { $0.lowercased() }
            if names.contains(where: { $0.hasPrefix(lowered) }) { return 0 }
            if names.contains(where: { $0.contains(lowered) }) { return 1 }
            if option.related.contains(where: { $0.lowercased().contains(lowered) }) { return 2 }
            var rest = Substring(label)
            for character in lowered {
                guard let found = rest.firstIndex(of: character) else { return nil }
                rest = rest[rest.index(after: found)...]
            }
            return 3
        }
        return options.enumerated().compactMap { index, option in rank(option).map { (rank: $0, index: index, option: option) } }
            .sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.option)
    }

    /// The option the text names exactly (its label, value or one of its short names).
    public var chosen: Option? {
        let typed = field.text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        return options.first { $0.label == typed } ?? options.first { $0.value == typed } ?? options.first { $0.aliases.contains(typed) }
    }

    /// The form's value: the chosen option's value, else the text as typed.
    public var value: String { chosen?.value ?? field.text }

    /// Whether the list is worth showing: something typed that is not yet one option by its
    /// name. A short name (运维班) chooses its unit but keeps the list open on it, so that the
    /// person sees which unit that is (变电运维班).
    public var isOpen: Bool {
        guard let chosen else { return !field.text.isEmpty }
        return chosen.label != field.text.trimmingCharacters(in: .whitespaces)
    }

    /// Takes the highlighted match into the field; false when there is none to take.
    /// `onlyIfUnique`: only when the text matches one option alone (writing the form takes
    /// no guess among several; Tab and Enter take what is highlighted, as shown).
    @discardableResult
    public mutating func accept(onlyIfUnique: Bool = false) -> Bool {
        guard chosen == nil, !field.text.isEmpty else { return false }
        let matches = matches
        guard matches.indices.contains(selected), !onlyIfUnique || matches.count == 1 else { return false }
        field.set(matches[selected].label)
        selected = 0
        return true
    }

    /// Sets the value (an option's value or label, or any text).
    public mutating func set(_ value: String) {
        field.set(options.first { $0.value == value }?.label ?? value)
        selected = 0
    }

    /// Replaces the options (read after the form opened), keeping what was typed.
    public mutating func replaceOptions(_ options: [Option]) {
        let value = value
        self.options = options
        set(value)
    }

    /// Up and Down move in the list, everything else edits the text.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .down, .ctrl("n"):
            guard isOpen else { return false }
            selected = min(selected + 1, max(0, matches.count - 1))
        case .up, .ctrl("p"):
            guard isOpen else { return false }
            selected = max(0, selected - 1)
        case .character where chosen != nil:
            // A name already chosen (or prefilled) is replaced by what is typed, not appended to.
            field.set("")
            _ = field.handle(key)
            selected = 0
        default:
            guard field.handle(key) else { return false }
            selected = 0
        }
        return true
    }

    /// Draws the list under the field at (x, y): the matches around the highlighted one, and
    /// how many more there are, or that nothing matches.
    /// The rows `drawList` covers under the field (the options shown, and a line when there
    /// are more).
    var listHeight: Int {
        guard isOpen else { return 0 }
        let count = matches.count
        return count == 0 ? 0 : min(Self.listRows, count) + (count > Self.listRows ? 1 : 0)
    }

    func drawList(into grid: inout Grid, x: Int, y: Int, width: Int, language: Language) {
        guard isOpen, width > 4 else { return }
        let matches = matches
        let rows = min(Self.listRows, max(1, matches.count))
        let top = max(0, min(selected - rows / 2, matches.count - rows))
        if matches.isEmpty {
            // Said at the right end of the field's own line: a line below would read as the next field's value.
            let note = language == .zh ? "没有相符的" : "nothing matches"
            let noteWidth = DisplayWidth.of(note)
            if DisplayWidth.of(field.text) + noteWidth + 2 < width {
                grid.write(note, x: x + width - noteWidth, y: y - 1, style: Style(dim: true, underline: true), limit: noteWidth)
            }
            return
        }
        grid.fill(x: x, y: y, width: width, height: rows + (matches.count > rows ? 1 : 0))
        for (offset, option) in matches.dropFirst(top).prefix(rows).enumerated() {
            // A menu, not a value: every line starts with its marker, the chosen one with ▸.
            let highlighted = top + offset == selected
            let style = Style(bold: highlighted, reverse: highlighted)
            let label = (highlighted ? "▸ " : "  ") + TextSanitizer.clean(option.label)
            grid.fill(x: x, y: y + offset, width: width, height: 1, style: style)
            grid.write(label, x: x, y: y + offset, style: style, limit: width - 1)
            let used = DisplayWidth.of(label) + 2
            let detail = option.detail.text(language)
            if !detail.isEmpty, used < width - 2 {
                grid.write(TextSanitizer.clean(detail), x: x + used, y: y + offset, style: Style(dim: true, reverse: style.reverse), limit: width - used - 1)
            }
        }
        if matches.count > rows {
            let more = matches.count - rows
            grid.write(language == .zh ? "  … 另有 \(more) 个，继续输入或 ↑↓" : "  … \(more) more: type on, or ↑↓", x: x, y: y + rows, style: Style(dim: true), limit: width)
        }
    }
}
