import WentiCore
import WentiSession
import WentiTerminal
import WentiText

/// Row 0: the product, one tab per pane with its number key, and who is looking.
///
/// Who is looking is never cut, and the tab names stay words as long as they can: when the
/// whole bar does not fit, it gives up, in this order, the product's name, the full titles
/// of the other tabs (their short ones are abbreviations with a full stop), the spaces
/// between tabs, the current tab's full title, the role's long label; only then do the
/// farthest tabs shrink to their number keys. At 120 columns every title is whole in both
/// languages; at 80 every tab still has a name.
@MainActor
enum TopBar {
    /// One way of laying the bar out; `stages` lists them from the roomiest.
    struct Shape: Equatable {
        var brand = true
        var shortOthers = false
        var shortCurrent = false
        var tight = false
        var shortRole = false
        /// Tabs shown as their number key only.
        var numbers: Set<AppTab> = []
    }

    static let brand = " wenti 问题 "

    static func stages(current: AppTab) -> [Shape] {
        var shape = Shape()
        var result = [shape]
        shape.brand = false; result.append(shape)
        shape.shortOthers = true; result.append(shape)
        shape.tight = true; result.append(shape)
        shape.shortCurrent = true; result.append(shape)
        shape.shortCurrent = false; shape.shortRole = true; result.append(shape)
        shape.shortCurrent = true; result.append(shape)
        for tab in AppTab.allCases.reversed() where tab != current {
            shape.numbers.insert(tab); result.append(shape)
        }
        shape.numbers.insert(current); result.append(shape)
        return result
    }

    static func label(_ tab: AppTab, current: AppTab, _ shape: Shape, _ language: Language) -> String {
        let short = tab == current ? shape.shortCurrent : shape.shortOthers
        let name = shape.numbers.contains(tab) ? "" : " " + (short ? tab.shortTitle : tab.title).text(language)
        return " \(tab.rawValue)" + name + (shape.tight ? "" : " ")
    }

    /// What the bar says of who is looking: the principal and their role, or while viewing as
    /// someone else, whose view it is (read-only).
    static func who(_ session: Session, _ language: Language, short: Bool) -> String {
        let role = session.principal.role
        return session.viewHeader?.text(language)
            ?? "\(session.principal.name) · \((short ? role.shortLabel : role.label).text(language))"
    }

    static func width(_ shape: Shape, current: AppTab, who: String, _ language: Language) -> Int {
        AppTab.allCases.reduce(shape.brand ? DisplayWidth.of(brand) : 0) {
            $0 + DisplayWidth.of(label($1, current: current, shape, language))
        } + DisplayWidth.of(who) + 2
    }

    static func draw(_ state: AppState, _ env: AppEnvironment, into grid: inout Grid, layout: Layout) {
        let language = state.language
        grid.fill(x: 0, y: 0, width: layout.width, height: 1, style: Style(reverse: true))
        let all = stages(current: state.tab)
        let shape = all.first {
            width($0, current: state.tab, who: who(env.session, language, short: $0.shortRole), language) <= layout.width
        } ?? all[all.count - 1]
        let header = who(env.session, language, short: shape.shortRole)
        if shape.brand { grid.write(brand, x: 0, y: 0, style: Style(bold: true, reverse: true)) }
        var x = shape.brand ? DisplayWidth.of(brand) : 0
        for tab in AppTab.allCases {
            let text = label(tab, current: state.tab, shape, language)
            let current = tab == state.tab
            grid.write(text, x: x, y: 0, style: Style(bold: current, reverse: !current, underline: current))
            x += DisplayWidth.of(text)
        }
        let room = min(DisplayWidth.of(header), max(0, layout.width - x - 2))
        grid.write(TerminalText.truncate(header, to: room), x: layout.width - room - 1, y: 0,
                   style: Style(bold: env.session.isReadOnly, reverse: true), limit: room)
    }
}
