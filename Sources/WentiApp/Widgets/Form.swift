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
        /// A name typed with a list of the known ones under it (`Picker`).
        case pick(Picker)
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
            case .pick(let picker): picker.value
            }
        }
    }

    public var fields: [Field]
    public var focus = 0
    /// Lines said above the fields until the form is written (why it came back: someone
    /// else changed what it is about meanwhile).
    public var banner: [LocalizedText] = []

    public init(fields: [Field]) {
        self.fields = fields
    }

    /// Every field's value by id, the sensitive ones left out (what a draft saves).
    /// How many rows the focused picker's open list reaches below the form's last field, past
    /// the `spare` empty rows under it: the frame grows by as many, so the list never spills
    /// over its border onto the screen behind.
    public func listOverhang(spare: Int) -> Int {
        guard fields.indices.contains(focus), case .pick(let picker) = fields[focus].input else { return 0 }
        let below = fields.dropFirst(focus + 1).reduce(0) { rows, field in
            if case .lines(_, let height) = field.input { return rows + height }
            return rows + 1
        }
        return max(0, picker.listHeight - below - spare)
    }

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
            case .pick(var picker):
                picker.set(value)
                fields[index].input = .pick(picker)
            }
        }
    }

    /// Gives the picker `id` its options (read after the form was made), keeping its value.
    public mutating func setOptions(_ options: [Picker.Option], of id: String) {
        guard let index = fields.firstIndex(where: { $0.id == id }), case .pick(var picker) = fields[index].input else { return }
        picker.replaceOptions(options)
        fields[index].input = .pick(picker)
    }

    /// Takes the focused picker's highlighted name, as Tab would; false when there was none
    /// to take (the text already names one, or the field is no picker).
    @discardableResult
    public mutating func acceptFocusedPick(onlyIfUnique: Bool = false) -> Bool {
        guard fields.indices.contains(focus), case .pick(var picker) = fields[focus].input, picker.accept(onlyIfUnique: onlyIfUnique) else { return false }
        fields[focus].input = .pick(picker)
        fields[focus].message = nil
        return true
    }

    /// A name typed in part that matches one option alone becomes that option, in every
    /// picker (what writing the form does first; among several it takes no guess).
    public mutating func acceptUniquePicks() {
        for index in fields.indices {
            if case .pick(var picker) = fields[index].input, picker.accept(onlyIfUnique: true) { fields[index].input = .pick(picker) }
        }
    }

    /// Whether Enter is a new line here (the focused field has several lines) rather than
    /// the key that writes the form: the one rule of every form.
    public var enterIsNewLine: Bool {
        guard fields.indices.contains(focus), case .lines = fields[focus].input else { return false }
        return true
    }

    /// The keys of the form in a line: Enter's meaning follows the focused field.
    public func keysHint(submit: LocalizedText, _ language: Language) -> String {
        let zh = language == .zh
        let action = submit.text(language)
        return enterIsNewLine
            ? (zh ? "Tab 换栏  回车换行  C-s \(action)  Esc 取消" : "Tab next field  Enter new line  C-s \(action)  Esc cancel")
            : (zh ? "Tab 换栏  回车/C-s \(action)  Esc 取消" : "Tab next field  Enter/C-s \(action)  Esc cancel")
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
            // Tab takes the name highlighted under a picker, then moves on.
            acceptFocusedPick()
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
        case .pick(var picker):
            guard picker.handle(key) else { return false }
            fields[focus].input = .pick(picker)
        }
        fields[focus].message = nil
        return true
    }

    /// Checks every field with `validate` (and `required`); the values by id when all pass.
    public mutating func submit(_ validate: (Field) -> LocalizedText? = { _ in nil }) -> [String: String]? {
        acceptUniquePicks()
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
        var list: (picker: Picker, x: Int, y: Int, width: Int)?
        for index in fields.indices {
            let focused = index == focus
            let field = fields[index]
            let required = field.required ? "*" : " "
            grid.write(TerminalText.fit(field.label.text(language) + required, to: labelWidth), x: x, y: row, style: Style(bold: focused))
            let inputX = x + labelWidth
            var inputWidth = width - labelWidth
            if let message = field.message?.text(language) {
                // As much room as the typed value leaves (at least half the field): a message cut
                // short cannot be read, and its … says so when it still is.
                let typed = DisplayWidth.of(TextSanitizer.clean(field.value, mode: .singleLine))
                let messageWidth = min(DisplayWidth.of(message) + 2, max(inputWidth / 2, inputWidth - max(10, typed + 2)))
                inputWidth -= messageWidth
                grid.write("✗ " + message, x: inputX + inputWidth, y: row, style: Style(bold: true, colour: .red), limit: messageWidth, marked: true)
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
            case .pick(let picker):
                picker.field.draw(into: &grid, x: inputX, y: row, width: inputWidth - 1, style: style)
                if focused { list = (picker, inputX, row + 1, inputWidth - 1) }
                row += 1
            }
            if focused { cursor = grid.cursor }
        }
        // The focused picker's list lies over the fields below it, as a menu does.
        if let list { list.picker.drawList(into: &grid, x: list.x, y: list.y, width: list.width, language: language) }
        grid.cursor = cursor
    }
}
