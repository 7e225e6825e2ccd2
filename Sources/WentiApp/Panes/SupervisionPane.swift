import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The supervision pane: the notices (open first) with their next node and lateness, the
/// selected notice's nodes and chasers, and side by side what is due soon and what is late.
@MainActor
enum SupervisionPane {
    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let zh = language == .zh
        let org = workspace.organisation
        let model = state.supervision
        let today = state.today
        let width = layout.width
        let noticesHeight = max(4, layout.contentHeight * 2 / 5)
        // Narrow screens give up the concern's id column (the line under the table names it).
        let showConcern = width >= 100
        var columns: [ListTable.Column] = [.init(title: zh ? "督办单" : "Notice", width: 11)]
        if showConcern { columns.append(.init(title: zh ? "问题" : "Concern", width: 11)) }
        columns += [.init(title: zh ? "标题" : "Title", width: 0), .init(title: zh ? "责任人" : "To", width: 7),
                    .init(title: zh ? "状态" : "State", width: zh ? 8 : 12), .init(title: zh ? "下一节点" : "Next node", width: 10),
                    .init(title: zh ? "问题逾期" : "Concern late", width: zh ? 8 : 12), .init(title: zh ? "催办" : "Chased", width: 6)]
        let notices = ListTable(
            columns: columns,
            rows: model.notices.map { notice in
                // The next node still ahead (none once all have passed) and, apart from it, how
                // late the concern itself is: "next 12-10, 11 days late" read as a late node.
                let concern = model.concerns[notice.concern]
                let late = concern.map { DeadlineClock.daysOverdue($0, today: today) } ?? 0
                let next = !notice.isOpen ? "" : notice.nextOpenNode(today: today)?.due.description ?? "—"
                var cells = [notice.id]
                if showConcern { cells.append(notice.concern.description) }
                let drifted = concern.map { !notice.drift(from: $0, today: today).isEmpty } ?? false
                cells += [concern?.title ?? "", (drifted ? "≠" : "") + (org.person(notice.toPersonID)?.name ?? notice.toPersonID.rawValue),
                          notice.state.label.text(language), next,
                          late > 0 && notice.isOpen ? UIText.late(late).text(language) : "",
                          notice.chasers.isEmpty ? "" : "\(notice.chasers.count)/\(notice.openChasers)"]
                return ListTable.Row(cells: cells, colour: notice.isOverdue(today: today) || late > 0 && notice.isOpen ? .red : nil,
                                     dim: !notice.isOpen)
            },
            selected: model.selected, empty: keys.keys(of: "notice-issue").first.map { zh ? "没有督办通知单（在问题库或会议中按 \($0) 下发）" : "No notices (\($0) issues one from the libraries or a meeting)" }
                ?? (zh ? "没有督办通知单" : "No notices"))
        notices.draw(into: &grid, x: 0, y: layout.contentTop, width: width, height: noticesHeight)

        var y = layout.contentTop + noticesHeight
        if let notice = model.notice {
            let nodes = notice.nodes.map { "\($0.due < today && notice.isOpen ? "✗" : "·") \($0.due) \($0.title)" }.joined(separator: "   ")
            grid.write("\(notice.concern) " + (zh ? "节点：" : "nodes: ") + TextSanitizer.clean(nodes), x: 1, y: y, style: Style(dim: true), limit: width - 2, marked: true)
            y += 1
            if let concern = model.concerns[notice.concern], let line = driftLine(notice.drift(from: concern, today: today), notice, org, keys: keys, zh: zh) {
                grid.write(line, x: 1, y: y, style: Style(bold: true), limit: width - 2, marked: true)
                y += 1
            }
            for chaser in notice.chasers.suffix(2) {
                let who = org.person(chaser.byID)?.name ?? chaser.byID.rawValue
                let answer = chaser.answeredOn.map { (zh ? "已回复 " : "answered ") + $0.description } ?? (zh ? "未回复" : "not answered")
                grid.write((zh ? "催办：" : "Chaser: ") + TextSanitizer.clean("\(chaser.on) \(who) \(chaser.text) — \(answer)"),
                           x: 1, y: y, style: Style(dim: true), limit: width - 2, marked: true)
                y += 1
            }
        }
        grid.write(String(repeating: "─", count: width), x: 0, y: y, style: Style(dim: true))
        let listsTop = y + 1
        let listsHeight = layout.contentTop + layout.contentHeight - listsTop
        let half = width / 2
        grid.write((zh ? "即将到期（\(model.horizon) 天内）\(model.dueSoon.count)" : "Due within \(model.horizon) days: \(model.dueSoon.count)"),
                   x: 1, y: listsTop, style: Style(bold: true), limit: half - 2)
        concernList(model.dueSoon, late: false, state, org, width: half - 1).draw(into: &grid, x: 0, y: listsTop + 1, width: half - 1, height: listsHeight - 1)
        for row in listsTop..<(listsTop + max(0, listsHeight)) { grid.write("│", x: half - 1, y: row, style: Style(dim: true)) }
        grid.write((zh ? "已逾期 \(model.overdueTotal)" : "Overdue: \(model.overdueTotal)"), x: half + 1, y: listsTop,
                   style: Style(bold: true, colour: model.overdueTotal > 0 ? .red : nil), limit: width - half - 2)
        concernList(model.overdue, late: true, state, org, width: width - half).draw(into: &grid, x: half, y: listsTop + 1, width: width - half, height: listsHeight - 1)
    }

    /// What changed on the concern since the notice went out, in words (nil: nothing).
    static func driftLine(_ drift: SupervisionNotice.Drift, _ notice: SupervisionNotice, _ org: Organisation, keys: ActionRegistry, zh: Bool) -> String? {
        guard !drift.isEmpty else { return nil }
        var parts: [String] = []
        if let person = drift.responsible {
            let now = org.person(person)?.name ?? person.rawValue
            let then = org.person(notice.toPersonID)?.name ?? notice.toPersonID.rawValue
            parts.append(zh ? "第一责任人已改为 \(now)（通知单下发给 \(then)）" : "first responsible person is now \(now) (the notice went to \(then))")
        }
        if let deadline = drift.deadline {
            parts.append(zh ? "问题期限已改为 \(deadline)（通知单末节点 \(notice.finalDue)）" : "the concern is now due \(deadline) (the notice's last node is \(notice.finalDue))")
        }
        // The key as the registry binds it (a user's keys.toml may move it).
        let reissue = keys.keys(of: "notice-reissue").first.map { zh ? "　\($0) 重新下发并替代" : "  \($0) reissues it as a replacement" } ?? ""
        return "≠ " + parts.joined(separator: zh ? "；" : "; ") + reissue
    }

    /// A narrow list gives up the owner column, so the title keeps some room.
    static func concernList(_ rows: [ConcernSummary], late: Bool, _ state: AppState, _ org: Organisation, width: Int) -> ListTable {
        let zh = state.language == .zh
        let showOwner = width >= 56
        var columns: [ListTable.Column] = [.init(title: zh ? "编号" : "ID", width: 11), .init(title: zh ? "等级" : "Grade", width: zh ? 4 : 7),
                                           .init(title: zh ? "标题" : "Title", width: 0)]
        if showOwner { columns.append(.init(title: zh ? "责任人" : "Owner", width: 6)) }
        columns.append(.init(title: late ? (zh ? "逾期" : "Late") : (zh ? "期限" : "Due"), width: late ? 8 : 10))
        return ListTable(
            columns: columns,
            rows: rows.map { row in
                // Due, but its meeting has not defined it yet: the step that is missing, said.
                let waiting = !late && Session.undefinedStages.contains(row.stage) ? (zh ? "[待界定] " : "[to define] ") : ""
                var cells = [row.code.description, row.grade?.label.text(state.language) ?? "-", waiting + TextSanitizer.clean(row.title)]
                if showOwner { cells.append(row.firstResponsibleID.flatMap { org.person($0)?.name } ?? "-") }
                cells.append(late ? UIText.late(row.daysOverdue).text(state.language) : row.due?.description ?? "")
                return ListTable.Row(cells: cells, colour: late ? .red : nil)
            },
            selected: nil, empty: zh ? "无" : "None")
    }
}

extension SupervisionPane: Pane {
    static var hints: [String] { ["quit", "help", "bulletin-export"] }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        let keep = state.supervision.notice?.id
        await StandardActions.attempt(&state) { state in
            let (notices, concerns) = try await env.session.visibleNotices()
            state.supervision.notices = notices
            state.supervision.concerns = concerns
            state.supervision.dueSoon = try await env.session.dueSoon(within: state.supervision.horizon)
            (state.supervision.overdue, state.supervision.overdueTotal) = try await env.session.overdue()
        }
        state.supervision.selected = keep.flatMap { id in state.supervision.notices.firstIndex { $0.id == id } }
            ?? min(state.supervision.selected, max(0, state.supervision.notices.count - 1))
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        state.supervision.selected = stepped(state.supervision.selected, by: delta, count: state.supervision.notices.count)
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        let open = state.supervision.notices.filter(\.isOpen).count
        return language == .zh ? "督办单 \(state.supervision.notices.count)（未完成 \(open)） · 逾期问题 \(state.supervision.overdueTotal)"
            : "\(state.supervision.notices.count) notices (\(open) open) · \(state.supervision.overdueTotal) concerns overdue"
    }
}
