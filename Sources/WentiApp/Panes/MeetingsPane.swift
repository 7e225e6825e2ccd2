import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The meetings pane: the meetings on the left (next month's first), the selected one's
/// agenda on the right, and under it the selected item's three parties and decision.
@MainActor
enum MeetingsPane {
    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let zh = language == .zh
        let org = workspace.organisation
        let model = state.meetings
        let listWidth = max(layout.treeWidth, 26)
        let list = ListTable(
            columns: [.init(title: zh ? "月份" : "Month", width: 7), .init(title: zh ? "状态" : "State", width: zh ? 4 : 7),
                      .init(title: zh ? "单位" : "Unit", width: 0)],
            rows: model.meetings.map { meeting in
                ListTable.Row(cells: [meeting.month.description, stateLabel(meeting.state, language), org.unit(meeting.unitID)?.name ?? meeting.unitID.rawValue],
                              dim: meeting.state == .held)
            },
            selected: model.selected, focused: model.focus == .list,
            empty: keys.keys(of: "meeting-prepare").first.map { zh ? "还没有会议：按 \($0) 生成下月议程" : "No meetings yet: \($0) prepares next month's agenda" }
                ?? (zh ? "还没有会议" : "No meetings yet"))
        list.draw(into: &grid, x: 0, y: layout.contentTop, width: listWidth, height: layout.contentHeight)
        for y in layout.contentTop..<(layout.contentTop + layout.contentHeight) {
            grid.write("│", x: listWidth, y: y, style: Style(dim: true))
        }
        guard let meeting = model.meeting else { return }
        let x = listWidth + 1
        let width = layout.width - x
        let tableHeight = layout.tableHeight(showDetail: true)
        let decided = meeting.items.filter { $0.purpose == .define && $0.decision != nil }.count
        let toDefine = meeting.items.filter { $0.purpose == .define }.count
        let title = Meeting.name(of: meeting.id, in: org).text(language) + "  "
            + (meeting.heldOn.map { (zh ? "召开于 " : "held ") + $0.description } ?? (zh ? "待召开" : "planned"))
            + (toDefine == 0 ? "" : zh ? "  待界定 \(toDefine) 项，已决定 \(decided) 项" : "  \(decided) of \(toDefine) to define decided")
        grid.write(title, x: x + 1, y: layout.contentTop, style: Style(bold: true), limit: width - 1, marked: true)
        let items = ListTable(
            columns: [.init(title: "", width: 1), .init(title: zh ? "议题" : "Purpose", width: zh ? 8 : 12), .init(title: zh ? "编号" : "ID", width: 11),
                      .init(title: zh ? "标题" : "Title", width: 0), .init(title: zh ? "发现者" : "Finder", width: 6),
                      .init(title: zh ? "解决部门" : "Solving", width: 10)],
            rows: meeting.items.map { item in
                let mark = item.purpose != .define ? "·" : (item.decision == nil ? "□" : "✓")
                let deferred = item.deferredFrom == nil ? "" : (zh ? "[暂缓] " : "[deferred] ")
                return ListTable.Row(cells: [mark, item.purpose.label.text(language), item.concern.description,
                                             deferred + (model.concerns[item.concern]?.title ?? ""),
                                             item.parties.finderID.flatMap { org.person($0)?.name } ?? "-",
                                             item.parties.solvingUnitID.flatMap { org.unit($0)?.name } ?? "-"])
            },
            selected: model.item, focused: model.focus == .items, empty: zh ? "议程为空" : "The agenda is empty")
        items.draw(into: &grid, x: x, y: layout.contentTop + 1, width: width, height: tableHeight - 1)
        let detailY = layout.contentTop + tableHeight
        grid.write(String(repeating: "─", count: width), x: x, y: detailY, style: Style(dim: true))
        drawItem(state, workspace, meeting, keys: keys, into: &grid, x: x + 1, y: detailY + 1, width: width - 2, height: layout.contentHeight - tableHeight - 1)
    }

    static func stateLabel(_ state: Meeting.State, _ language: Language) -> String {
        switch state {
        case .planned: language == .zh ? "待开" : "planned"
        case .held: language == .zh ? "已开" : "held"
        }
    }

    static func drawItem(_ state: AppState, _ workspace: Workspace, _ meeting: Meeting, keys: ActionRegistry, into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        guard height > 0, let item = state.meetings.selectedItem else { return }
        let language = state.language
        let zh = language == .zh
        let org = workspace.organisation
        let concern = state.meetings.concerns[item.concern]
        let person = { (id: PersonID?) in id.flatMap { org.person($0)?.name } ?? "-" }
        let unit = { (id: UnitID?) in id.flatMap { org.unit($0)?.name } ?? "-" }
        var lines: [(String, Style)] = []
        if meeting.state == .held, let attendance = meeting.attendance {
            lines.append(((zh ? "主持 " : "Chair ") + person(attendance.chairID) + (zh ? " · 记录 " : " · recorder ") + person(attendance.recorderID)
                          + (zh ? " · 地点 " : " · place ") + attendance.place + (zh ? " · 参会 " : " · present: ") + attendance.attendees.joined(separator: "、"),
                          Style(dim: true)))
        }
        lines.append(("\(item.concern)  \(concern?.title ?? "")", Style(bold: true)))
        if let from = item.deferredFrom {
            lines.append((zh ? "\(from) 暂缓，本次再议" : "deferred at \(from), on the agenda again", .plain))
        }
        if meeting.state == .held, let snapshot = item.snapshot {
            // Minutes show the concern as the meeting left it, not as it stands now.
            lines.append(((zh ? "会时：" : "At the meeting: ") + snapshot.stage.label.text(language) + " · "
                          + (snapshot.grade?.label.text(language) ?? "-"), .plain))
        } else if let concern {
            let due = DeadlineClock.effectiveDeadline(of: concern, today: state.today).map { "  " + UIText.fieldDue.text(language) + $0.description } ?? ""
            lines.append(("\(concern.stage.label.text(language)) · " + (concern.grade?.label.text(language) ?? "-") + due, .plain))
        }
        lines.append(((zh ? "三方：发现者 " : "Parties: finder ") + person(item.parties.finderID)
                      + (zh ? "；涉及人员 " : "; involved ") + (item.parties.involved.isBlank ? "-" : item.parties.involved)
                      + (zh ? "；解决部门 " : "; solving ") + unit(item.parties.solvingUnitID), .plain))
        if let decision = item.decision {
            let deadline = decision.deadlineOverride.map { $0.description + UIText.bracketed(decision.deadlineReason ?? "", language) }
                ?? (zh ? "按等级规定" : "by the grade policy")
            lines.append(((zh ? "决定：" : "Decision: ") + decision.grade.label.text(language) + UIText.bracketed(decision.grade.stance.text(language), language)
                          + (zh ? "  第一责任人 " : "  first responsible ") + person(decision.firstResponsibleID)
                          + UIText.bracketed(unit(decision.responsibleUnitID), language) + (zh ? "  期限 " : "  deadline ") + deadline, Style(bold: true)))
            lines.append((UIText.fieldRootCause.text(language) + decision.analysis.rootCause, .plain))
            lines.append((UIText.fieldPlan.text(language) + decision.plan, .plain))
        } else if item.purpose == .define && meeting.state == .planned {
            let key = keys.keys(of: "meeting-decide").first?.description ?? ":meeting-decide"
            lines.append((zh ? "尚未决定：\(key) 记录根源、等级、方案、第一责任人" : "Not decided yet: \(key) records root cause, grade, plan, first responsible",
                          Style(dim: true)))
        }
        if item.purpose == .reportFeedback, let feedback = concern?.latestFeedback {
            lines.append(((zh ? "反馈：" : "Feedback: ") + "\(feedback.on) \(feedback.method.label.text(language)) · \(feedback.effect.label.text(language)) · "
                          + "\(feedback.satisfaction.label.text(language))" + UIText.bracketed("\(feedback.score)/5", language), .plain))
        }
        for (offset, line) in lines.prefix(height).enumerated() {
            grid.write(TextSanitizer.clean(line.0), x: x, y: y + offset, style: line.1, limit: width, marked: true)
        }
    }
}

extension MeetingsPane: Pane {
    static var hints: [String] { ["quit", "help", "meeting-prepare", "meeting-decide"] }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async { await refresh(&state, env, select: nil) }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment, select id: String?) async {
        let keep = id ?? state.meetings.meeting?.id
        await StandardActions.attempt(&state) { state in
            state.meetings.meetings = try await env.session.meetings()
            // Minutes just confirmed free what they deferred for `A` in the libraries.
            state.heldMeetings.formUnion(Session.held(state.meetings.meetings))
        }
        if let keep, let index = state.meetings.meetings.firstIndex(where: { $0.id == keep }) {
            state.meetings.selected = index
        } else {
            // The next meeting to prepare for, else the newest.
            state.meetings.selected = state.meetings.meetings.lastIndex { $0.state == .planned } ?? 0
        }
        await loadConcerns(&state, env)
    }

    static func loadConcerns(_ state: inout AppState, _ env: AppEnvironment) async {
        guard let meeting = state.meetings.meeting else {
            state.meetings.concerns = [:]
            return
        }
        state.meetings.concerns = await env.session.concerns(of: meeting)
        state.meetings.item = min(state.meetings.item, max(0, meeting.items.count - 1))
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        if state.meetings.focus == .list {
            let before = state.meetings.selected
            state.meetings.selected = stepped(before, by: delta, count: state.meetings.meetings.count)
            if before != state.meetings.selected {
                state.meetings.item = 0
                await loadConcerns(&state, env)
            }
        } else {
            state.meetings.item = stepped(state.meetings.item, by: delta, count: state.meetings.meeting?.items.count ?? 0)
        }
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        let zh = language == .zh
        guard let meeting = state.meetings.meeting else { return zh ? "没有会议" : "no meetings" }
        let define = meeting.items.filter { $0.purpose == .define }
        let decided = define.filter { $0.decision != nil }.count
        let unit = state.tree.first { $0.unit.id == meeting.unitID }?.unit.name ?? ""
        return zh ? "\(meeting.month) \(unit)三方会议 · 议题 \(meeting.items.count) 项" + (define.isEmpty ? "" : " · 已决定 \(decided)/\(define.count)")
            : "\(unit) meeting of \(meeting.month) · \(English.count(meeting.items.count, "item"))" + (define.isEmpty ? "" : " · \(decided) of \(define.count) decided")
    }
}
