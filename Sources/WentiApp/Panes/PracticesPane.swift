import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The practice libraries: the three libraries on the left, their entries (narrowed by `/`)
/// on the right, the selected entry in full below.
@MainActor
enum PracticesPane {
    static func libraryNames(_ language: Language) -> [String] {
        [language == .zh ? "全部" : "All"] + PracticeLibrary.allCases.map { $0.label.text(language) }
    }

    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let zh = language == .zh
        let model = state.practices
        let listWidth = layout.treeWidth
        let counts = [model.entries.count] + PracticeLibrary.allCases.map { library in model.entries.filter { $0.library == library }.count }
        let libraries = ListTable(
            columns: [.init(title: zh ? "实践库" : "Library", width: 0), .init(title: "", width: 3)],
            rows: zip(libraryNames(language), counts).map { ListTable.Row(cells: [$0, String($1)]) },
            selected: model.library, focused: model.focus == .libraries, empty: "")
        libraries.draw(into: &grid, x: 0, y: layout.contentTop, width: listWidth, height: 5)
        let hints = [keys.hints([("practice-search", LocalizedText(zh: "搜索", en: "search"))], language),
                     keys.hints([("practice-apply", LocalizedText(zh: "应用到批次", en: "apply to a batch"))], language),
                     keys.keys(of: "practice-write-up").first.map { zh ? "问题库中按 \($0) 把已解决的问题写成条目" : "\($0) in the libraries writes a solved concern up" } ?? ""]
            .filter { !$0.isEmpty }
        let hintLines = hints.flatMap { TerminalText.wrap($0, width: max(1, listWidth - 2)) }
        for (offset, line) in hintLines.prefix(max(0, layout.contentHeight - 6)).enumerated() {
            grid.write(line, x: 1, y: layout.contentTop + 6 + offset, style: Style(dim: true), limit: listWidth - 1)
        }
        for y in layout.contentTop..<(layout.contentTop + layout.contentHeight) {
            grid.write("│", x: listWidth, y: y, style: Style(dim: true))
        }
        let x = layout.tableX
        let width = layout.tableWidth
        let tableHeight = layout.tableHeight(showDetail: true)
        let org = workspace
        let shown = model.shown
        let table = ListTable(
            columns: [.init(title: zh ? "编号" : "ID", width: 11), .init(title: zh ? "库" : "Library", width: zh ? 10 : 18),
                      .init(title: zh ? "标题" : "Title", width: 0), .init(title: zh ? "类别" : "Category", width: 10),
                      .init(title: zh ? "来源" : "From", width: 11)],
            rows: shown.map { entry in
                ListTable.Row(cells: [entry.id, entry.library.label.text(language), entry.title,
                                      entry.categoryIDs.map { org.category($0)?.name.text(language) ?? $0.rawValue }.joined(separator: "、"),
                                      entry.sources.first.map { $0.description + (entry.sources.count > 1 ? "+" : "") } ?? ""])
            },
            selected: model.selected, focused: model.focus == .entries,
            empty: model.search.isEmpty ? (zh ? "这个库还没有条目" : "No entries in this library yet")
                : (zh ? "没有符合“\(model.search)”的条目" : "No entry matches \"\(model.search)\""))
        table.draw(into: &grid, x: x, y: layout.contentTop, width: width, height: tableHeight)
        let detailY = layout.contentTop + tableHeight
        grid.write(String(repeating: "─", count: width), x: x, y: detailY, style: Style(dim: true))
        guard let entry = model.entry else { return }
        var lines: [(String, Style)] = [("\(entry.id)  \(entry.title)", Style(bold: true))]
        let author = workspace.organisation.person(entry.authorID)?.name ?? entry.authorID.rawValue
        lines.append(("\(entry.library.label.text(language)) · \(entry.createdOn) · \(author)"
                      + (entry.tags.isEmpty ? "" : " · " + entry.tags.map { "#" + $0 }.joined(separator: " ")), Style(dim: true)))
        let parts: [(LocalizedText, String)] = [
            (LocalizedText(zh: "情况：", en: "Situation: "), entry.situation), (LocalizedText(zh: "根源：", en: "Root cause: "), entry.rootCause),
            (LocalizedText(zh: "做法：", en: "What was done: "), entry.actions), (LocalizedText(zh: "注意：", en: "Watch: "), entry.watchPoints),
            (LocalizedText(zh: "来源问题：", en: "From: "), entry.sources.map(\.description).joined(separator: ", ")),
        ]
        for (label, text) in parts where !text.isBlank {
            for line in TerminalText.wrap(TextSanitizer.clean(label.text(language) + text, mode: .multiLine), width: width - 2) {
                lines.append((line, .plain))
            }
        }
        for (offset, line) in lines.prefix(layout.contentHeight - tableHeight - 1).enumerated() {
            grid.write(line.0, x: x + 1, y: detailY + 1 + offset, style: line.1, limit: width - 2)
        }
    }
}

extension PracticesPane: Pane {
    static var hints: [String] { ["quit", "help", "practice-search"] }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        let keep = state.practices.entry?.id
        await StandardActions.attempt(&state) { state in state.practices.entries = try await env.session.practices() }
        let shown = state.practices.shown
        state.practices.selected = keep.flatMap { id in shown.firstIndex { $0.id == id } }
            ?? min(state.practices.selected, max(0, shown.count - 1))
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        if state.practices.focus == .libraries {
            let before = state.practices.library
            state.practices.library = stepped(before, by: delta, count: PracticeLibrary.allCases.count + 1)
            if before != state.practices.library { state.practices.selected = 0 }
        } else {
            state.practices.selected = stepped(state.practices.selected, by: delta, count: state.practices.shown.count)
        }
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        let shown = state.practices.shown.count
        return (language == .zh ? "条目 \(shown)/\(state.practices.entries.count)" : "\(shown) of \(state.practices.entries.count) entries")
            + (state.practices.search.isEmpty ? "" : "  " + UIText.filter(state.practices.search).text(language))
    }
}
