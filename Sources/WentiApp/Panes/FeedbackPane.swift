import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The feedback queue: solved concerns waiting for the return contact, the longest
/// waiting first, and under it whom to contact and what was done.
@MainActor
enum FeedbackPane {
    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let zh = language == .zh
        let org = workspace.organisation
        let model = state.feedbackQueue
        let today = state.today
        let width = layout.width
        let waits = model.concerns.map { today.days(since: $0.solvedOn ?? $0.reportedOn) }
        // The keys in short: the status bar has room for one hint, `?` says the rest.
        let keyHints = keys.hints([("feedback", LocalizedText(zh: "反馈", en: "record")), ("close", LocalizedText(zh: "关闭", en: "close")),
                                   ("reopen", LocalizedText(zh: "重开", en: "reopen"))], language)
        let summary = zh ? "待反馈 \(model.total) 个" + (waits.max().map { "，最久 \($0) 天" } ?? "") + "　" + keyHints
            : "\(model.total) awaiting feedback" + (waits.max().map { ", longest \($0) days" } ?? "") + "   " + keyHints
        grid.write(TerminalText.truncate(summary, to: width - 2), x: 1, y: layout.contentTop, style: Style(bold: true), limit: width - 2)
        let tableHeight = layout.tableHeight(showDetail: true)
        let table = ListTable(
            columns: [.init(title: zh ? "编号" : "ID", width: 11), .init(title: zh ? "标题" : "Title", width: 0),
                      .init(title: zh ? "单位" : "Unit", width: 10), .init(title: zh ? "办结日" : "Solved", width: 10),
                      .init(title: zh ? "已等" : "Waited", width: 6), .init(title: zh ? "责任人" : "Owner", width: 6),
                      .init(title: zh ? "上次反馈" : "Last answer", width: zh ? 8 : 12)],
            rows: zip(model.concerns, waits).map { concern, waited in
                ListTable.Row(cells: [concern.code.description, concern.title, org.unit(concern.unitID).map { UIText.unitName($0, fitting: 10) } ?? "-",
                                      concern.solvedOn?.description ?? "-", zh ? "\(waited)天" : "\(waited)d",
                                      concern.firstResponsibleID.flatMap { org.person($0)?.name } ?? "-",
                                      concern.latestFeedback?.satisfaction.label.text(language) ?? ""],
                              colour: waited > 14 ? .yellow : nil)
            },
            selected: model.selected, empty: zh ? "没有待反馈的问题：件件有回音" : "Nothing waits for feedback: every item answered")
        table.draw(into: &grid, x: 0, y: layout.contentTop + 1, width: width, height: tableHeight - 1)
        let detailY = layout.contentTop + tableHeight
        grid.write(String(repeating: "─", count: width), x: 0, y: detailY, style: Style(dim: true))
        guard let concern = model.concern else { return }
        let reporter = UIText.reporter(concern.reporter, opened: nil, language)
        var lines: [(String, Style)] = [
            ("\(concern.code)  \(concern.title)", Style(bold: true)),
            (UIText.fieldReporter.text(language) + reporter + (zh ? "  涉及人员 " : "  involved ") + (concern.involvedPeople.isBlank ? "-" : concern.involvedPeople), .plain),
        ]
        if !concern.plan.isBlank { lines.append((UIText.fieldPlan.text(language) + concern.plan, .plain)) }
        if let done = concern.notes.last { lines.append(((zh ? "办理：" : "Done: ") + "\(done.on) \(done.text)", .plain)) }
        for feedback in concern.feedback {
            lines.append(((zh ? "反馈：" : "Feedback: ") + "\(feedback.on) \(feedback.contact) \(feedback.method.label.text(language)) · "
                          + "\(feedback.effect.label.text(language)) · \(feedback.satisfaction.label.text(language))" + UIText.bracketed("\(feedback.score)/5", language), Style(dim: true)))
        }
        for (offset, line) in lines.prefix(layout.contentHeight - tableHeight - 1).enumerated() {
            grid.write(TextSanitizer.clean(line.0), x: 1, y: detailY + 1 + offset, style: line.1, limit: width - 2)
        }
    }
}

extension FeedbackPane: Pane {
    static var hints: [String] { ["quit", "help", "feedback"] }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        let keep = state.feedbackQueue.concern?.code
        await StandardActions.attempt(&state) { state in
            (state.feedbackQueue.concerns, state.feedbackQueue.total) = try await env.session.feedbackQueue()
        }
        state.feedbackQueue.selected = keep.flatMap { code in state.feedbackQueue.concerns.firstIndex { $0.code == code } }
            ?? min(state.feedbackQueue.selected, max(0, state.feedbackQueue.concerns.count - 1))
        // The triage actions (feedback, close, reopen) judge and act on the queue's selection.
        state.detail = state.feedbackQueue.concern
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        state.feedbackQueue.selected = stepped(state.feedbackQueue.selected, by: delta, count: state.feedbackQueue.concerns.count)
        state.detail = state.feedbackQueue.concern
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        language == .zh ? "待反馈 \(state.feedbackQueue.total)" : "\(state.feedbackQueue.total) awaiting feedback"
    }
}
