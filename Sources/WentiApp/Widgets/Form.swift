import WentiCore
import WentiTerminal
import WentiText

/// A form: labelled fields, Tab and BTab between them, and a validation message beside each
/// field that is wrong. `submit` checks every field and says which are wrong; only a form
/// without messages gives its values.
public struct Form: Sendable, Equatable {
    public enum Input: Sendable, Equatable {
        case line(TextField)
        /// A line drawn as dots (a passphrase); its value is never saved in a draft.
        case secret(TextField)
        case lines(TextArea, height: Int)
        /// A choice among options (Left / Right, or the first letters typed).
        case choice([LocalizedText], selected: Int)
    }

    public struct Field: Sendable, Equatable {
        public var id: String
        public var label: LocalizedText
        public var input: Input
        public var required: Bool
        /// Never written to disk with a draft (`values`): an identity, a passphrase.
        public var sensitive: Bool
        /// Set by `submit`: why the value is not acceptable.
        public var message: LocalizedText?

        public init(id: String, label: LocalizedText, input: Input, required: Bool = false, sensitive: Bool = false) {
            self.id = id
            self.label = label
            self.input = input
            self.required = required
            if case .secret = input { self.sensitive = true } else { self.sensitive = sensitive }
        }

        /// The field's value as text (a choice gives its index).
        public var value: String {
            switch input {
            case .line(let field), .secret(let field): field.text
            case .lines(let area, _): area.text
            case .choice(_, let selected): String(selected)
            }
        }
    }

    public var fields: [Field]
    public var focus = 0

    public init(fields: [Field]) {
        self.fields = fields
    }

    /// Every field's value by id, the sensitive ones left out (what a draft saves).
    public var values: [String: String] {
        Dictionary(uniqueKeysWithValues: fields.filter { !$0.sensitive }.map { ($0.id, $0.value) })
    }

    /// Puts saved values back (a restored draft); unknown ids and bad choices are ignored.
    public mutating func fill(_ values: [String: String]) {
        for index in fields.indices {
            guard let value = values[fields[index].id] else { continue }
            switch fields[index].input {
            case .line(var field):
                field.set(value)
                fields[index].input = .line(field)
            case .secret:
                break
            case .lines(_, let height):
                fields[index].input = .lines(TextArea(value), height: height)
            case .choice(let options, _):
                if let selected = Int(value), options.indices.contains(selected) {
                    fields[index].input = .choice(options, selected: selected)
                }
            }
        }
    }

    public func value(_ id: String) -> String { fields.first { $0.id == id }?.value ?? "" }

    /// Shows `message` beside the field `id` and moves there: a value the form accepted but
    /// what it names refused.
    public mutating func pin(_ message: LocalizedText, to id: String) {
        guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[index].message = message
        focus = index
    }

    /// Moves between fields or edits the focused one; false for keys the form leaves alone.
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        switch key {
        case .tab:
            focus = (focus + 1) % fields.count
            return true
        case .backTab:
            focus = (focus + fields.count - 1) % fields.count
            return true
        default:
            break
        }
        switch fields[focus].input {
        case .line(var field):
            guard field.handle(key) else { return false }
            fields[focus].input = .line(field)
        case .secret(var field):
            guard field.handle(key) else { return false }
            fields[focus].input = .secret(field)
        case .lines(var area, let height):
            guard area.handle(key, width: width) else { return false }
            fields[focus].input = .lines(area, height: height)
        case .choice(let options, let selected):
            switch key {
            case .left: fields[focus].input = .choice(options, selected: (selected + options.count - 1) % options.count)
            case .right, .character(" "): fields[focus].input = .choice(options, selected: (selected + 1) % options.count)
            default: return false
            }
        }
        fields[focus].message = nil
        return true
    }

    /// Checks every field with `validate` (and `required`); the values by id when all pass.
    public mutating func submit(_ validate: (Field) -> LocalizedText? = { _ in nil }) -> [String: String]? {
        for index in fields.indices {
            let field = fields[index]
            if field.required && field.value.isBlank {
                fields[index].message = LocalizedText(zh: "必填", en: "required")
            } else {
                fields[index].message = validate(field)
            }
        }
        if let first = fields.firstIndex(where: { $0.message != nil }) {
            focus = first
            return nil
        }
        return Dictionary(uniqueKeysWithValues: fields.map { ($0.id, $0.value) })
    }

    /// Draws the fields one under the other: label, input, and a message on the right.
    public mutating func draw(into grid: inout Grid, x: Int, y: Int, width: Int, language: Language) {
        let labelWidth = min(width / 3, (fields.map { DisplayWidth.of($0.label.text(language)) }.max() ?? 0) + 2)
        var row = y
        var cursor: (x: Int, y: Int)?
        for index in fields.indices {
            let focused = index == focus
            let field = fields[index]
            let required = field.required ? "*" : " "
            grid.write(TerminalText.fit(field.label.text(language) + required, to: labelWidth), x: x, y: row, style: Style(bold: focused))
            let inputX = x + labelWidth
            var inputWidth = width - labelWidth
            if let message = field.message?.text(language) {
                let messageWidth = min(DisplayWidth.of(message) + 2, inputWidth / 2)
                inputWidth -= messageWidth
                grid.write("✗ " + message, x: inputX + inputWidth, y: row, style: Style(bold: true, colour: .red), limit: messageWidth)
            }
            let style = Style(underline: true)
            switch field.input {
            case .line(let text):
                text.draw(into: &grid, x: inputX, y: row, width: inputWidth - 1, style: style)
                row += 1
            case .secret(let text):
                var dots = TextField()
                dots.set(String(repeating: "•", count: text.text.count))
                dots.draw(into: &grid, x: inputX, y: row, width: inputWidth - 1, style: style)
                row += 1
            case .lines(var area, let height):
                area.draw(into: &grid, x: inputX, y: row, width: inputWidth - 1, height: height, style: style)
                fields[index].input = .lines(area, height: height)
                row += height
            case .choice(let options, let selected):
                // Only the chosen option, with arrows and its place: long lists never hide it.
                let text = "◀ " + options[selected].text(language) + " ▶  \(selected + 1)/\(options.count)"
                grid.write(text, x: inputX, y: row, style: Style(bold: focused), limit: inputWidth)
                grid.cursor = nil
                row += 1
            }
            if focused { cursor = grid.cursor }
        }
        grid.cursor = cursor
    }
}
