import WentiCore
import WentiSession
import WentiStore
import WentiTerminal
import WentiText

/// The finding sources (发现来源), the two carriers of the method's "two combinations":
/// leaders' visits (硬约束: who went where, what they found, the concerns it brought in, and
/// each leader's month against the quota) and rewarded campaigns (正激励: their period, the
/// concerns they brought in, and the reward ledger). The three parts are listed on the left;
/// the right shows the selected part's rows and, under them, the selected row in full.
@MainActor
enum FindingPane {
    static func draw(_ state: AppState, _ workspace: Workspace, keys: ActionRegistry, into grid: inout Grid, layout: Layout) {
        let language = state.language
        let zh = language == .zh
        let model = state.finding
        let org = workspace.organisation
        let listWidth = layout.treeWidth
        let behind = model.standings.filter(\.isBehind).count
        let counts = [String(model.visits.count), behind > 0 ? "\(behind)!" : "✓", String(model.campaigns.count)]
        let sections = ListTable(
            columns: [.init(title: zh ? "来源" : "Source", width: 0), .init(title: "", width: 3)],
            rows: FindingState.Section.allCases.map { section in
                ListTable.Row(cells: [section.title.text(language), counts[section.rawValue]], colour: section == .quota && behind > 0 ? .red : nil)
            },
            selected: model.section.rawValue, focused: model.focus == .sections, empty: "")
        sections.draw(into: &grid, x: 0, y: layout.contentTop, width: listWidth, height: 4)
        // What the keys do here, as bound.
        let hints = [
            keys.hints([("visit-log", LocalizedText(zh: "记录走访", en: "log a visit"))], language),
            model.section == .quota ? "" : keys.hints([("finding-intake", LocalizedText(zh: "据此登记", en: "take one in"))], language),
            model.section == .quota ? "" : keys.hints([("finding-open", LocalizedText(zh: "看问题", en: "its concerns"))], language),
            model.section == .quota ? keys.hints([("finding-previous", LocalizedText(zh: "上月", en: "month before")),
                                                  ("finding-next", LocalizedText(zh: "下月", en: "after"))], language) : "",
            model.section == .quota ? keys.hints([("visit-quota", LocalizedText(zh: "定额", en: "quota"))], language) : "",
        ].filter { !$0.isEmpty }
        let hintLines = hints.flatMap { TerminalText.wrap($0, width: max(1, listWidth - 2)) }
        for (offset, line) in hintLines.prefix(max(0, layout.contentHeight - 5)).enumerated() {
            grid.write(line, x: 1, y: layout.contentTop + 5 + offset, style: Style(dim: true), limit: listWidth - 1)
        }
        for y in layout.contentTop..<(layout.contentTop + layout.contentHeight) {
            grid.write("│", x: listWidth, y: y, style: Style(dim: true))
        }
        let x = layout.tableX
        let width = layout.tableWidth
        let tableHeight = layout.tableHeight(showDetail: true)
        let focused = model.focus == .rows
        let person = { (id: PersonID) in org.person(id)?.name ?? "?" }
        let unit = { (id: UnitID) in org.unit(id)?.name ?? "?" }
        let table: ListTable
        switch model.section {
        case .visits:
            table = ListTable(
                columns: [.init(title: zh ? "日期" : "Date", width: 10), .init(title: zh ? "领导" : "Leader", width: 6),
                          .init(title: zh ? "单位" : "Unit", width: 10), .init(title: zh ? "融入" : "Serving", width: zh ? 8 : 10),
                          .init(title: zh ? "发现" : "Found", width: 0)],
                rows: model.visits.map { visit in
                    ListTable.Row(cells: [visit.on.description, person(visit.leaderID), unit(visit.unitID), visit.integration.label.text(language), visit.findings])
                },
                selected: model.selectedVisit, focused: focused,
                empty: keys.keys(of: "visit-log").first.map { zh ? "还没有走访记录：按 \($0) 记录" : "No visits recorded yet: \($0) records one" }
                    ?? (zh ? "还没有走访记录" : "No visits recorded yet"))
        case .quota:
            table = ListTable(
                columns: [.init(title: zh ? "领导" : "Leader", width: 6), .init(title: zh ? "职务" : "Role", width: zh ? 10 : 16),
                          .init(title: zh ? "单位" : "Unit", width: 0), .init(title: zh ? "走访" : "Visits", width: 6),
                          .init(title: zh ? "情况" : "Standing", width: zh ? 8 : 10)],
                rows: model.standings.map { standing in
                    let leader = org.person(standing.leaderID)
                    return ListTable.Row(cells: [leader?.name ?? "?", leader?.role.label.text(language) ?? "", leader.map { unit($0.unitID) } ?? "",
                                                 "\(standing.made)/\(standing.owed)",
                                                 standing.isBehind ? (zh ? "未完成" : "behind") : (zh ? "已完成" : "done")],
                                         colour: standing.isBehind ? .red : nil)
                },
                selected: model.selectedLeader, focused: focused, empty: zh ? "没有公司领导或部门负责人" : "No company leaders or department heads")
        case .campaigns:
            table = ListTable(
                columns: [.init(title: zh ? "活动" : "Campaign", width: 0), .init(title: zh ? "期间" : "Period", width: 21),
                          .init(title: zh ? "单位" : "Unit", width: 10)],
                rows: model.campaigns.map { campaign in
                    ListTable.Row(cells: [campaign.name, "\(campaign.startsOn)–\(campaign.endsOn)", unit(campaign.unitID)],
                                  dim: !campaign.runs(on: state.today))
                },
                selected: model.selectedCampaign, focused: focused, empty: zh ? "还没有有奖征集活动" : "No rewarded campaigns")
        }
        table.draw(into: &grid, x: x, y: layout.contentTop, width: width, height: tableHeight)
        let detailY = layout.contentTop + tableHeight
        grid.write(String(repeating: "─", count: width), x: x, y: detailY, style: Style(dim: true))
        let lines = detailLines(state, workspace, width: width - 2)
        LibrariesPane.drawScrolled(lines, scroll: model.detailScroll, keys: keys, language: language, into: &grid,
                                   x: x + 1, y: detailY + 1, width: width - 2, height: layout.contentHeight - tableHeight - 1)
    }

    /// The selected visit, leader or campaign in full.
    static func detailLines(_ state: AppState, _ workspace: Workspace, width: Int) -> [ConcernDetailLines.Line] {
        let language = state.language
        let zh = language == .zh
        let model = state.finding
        let org = workspace.organisation
        let colon = zh ? "：" : ": "
        var lines: [ConcernDetailLines.Line] = []
        func add(_ text: String, _ style: Style = .plain) {
            for line in TerminalText.wrap(TextSanitizer.clean(text, mode: .multiLine), width: max(1, width)) { lines.append((line, style)) }
        }
        func concernRows(_ rows: [ConcernSummary]) {
            for row in rows {
                add("\(row.code)  \(UIText.stageWord(row.stage, language))  \(row.title)")
            }
        }
        switch model.section {
        case .visits:
            guard let visit = model.visit else { return [] }
            let leader = org.person(visit.leaderID)
            add(visit.summary(org).text(language) + " · " + visit.integration.label.text(language), Style(bold: true))
            if let leader { add(leader.nameWithRole.text(language) + " · " + (org.unit(leader.unitID)?.name ?? ""), Style(dim: true)) }
            add((zh ? "发现" : "Found") + colon + visit.findings)
            add(model.visitConcernsTotal == 0 ? (zh ? "还没有据此登记的问题" : "No concern taken in from it yet")
                : (zh ? "带来的问题（\(model.visitConcernsTotal) 个）" : "Concerns it brought in (\(model.visitConcernsTotal))") + colon, Style(bold: true))
            concernRows(model.visitConcerns)
        case .quota:
            let month = model.month ?? state.today.month
            add(zh ? "\(month) 每位公司领导和部门负责人应走访 \(model.quota.visitsPerMonth) 次" : "\(month): each company leader and department head owes \(English.count(model.quota.visitsPerMonth, "visit"))",
                Style(bold: true))
            let behind = model.standings.filter(\.isBehind)
            add(behind.isEmpty ? (zh ? "本月都已完成" : "Nobody is behind this month")
                : (zh ? "未完成：" : "Behind: ") + behind.map { "\(org.person($0.leaderID)?.name ?? "?") \($0.made)/\($0.owed)" }.joined(separator: zh ? "、" : ", "),
                Style(colour: behind.isEmpty ? nil : .red))
            if let standing = model.standing {
                let visits = model.visits.filter { $0.leaderID == standing.leaderID && month.contains($0.on) }
                for visit in visits.sorted(by: { $0.on < $1.on }) {
                    add("· \(visit.on) " + (org.unit(visit.unitID)?.name ?? "") + colon + visit.findings, Style(dim: true))
                }
            }
        case .campaigns:
            guard let campaign = model.campaign else { return [] }
            add(campaign.name, Style(bold: true))
            add((zh ? "期间 " : "Period ") + "\(campaign.startsOn)–\(campaign.endsOn) · " + (org.unit(campaign.unitID)?.name ?? "")
                + " · " + (zh ? "奖励" : "reward") + colon + campaign.reward, Style(dim: true))
            guard let ledger = model.ledger, ledger.campaign.id == campaign.id else { return lines }
            add(zh ? "带来问题 \(ledger.entries.count) 个，已受理 \(ledger.earned.count) 个（受理即得奖励）"
                    : "\(English.count(ledger.entries.count, "concern")) brought in, \(ledger.earned.count) accepted (acceptance earns the reward)", Style(bold: true))
            // One line each: earned or not, the concern, who reported it, its title.
            for entry in ledger.entries {
                let who = entry.reporter ?? (zh ? "匿名（待本人认领）" : "anonymous (to be claimed)")
                // Not earned yet: the concern has still to be accepted (defined); its stage follows on the line.
                let earned = entry.earned ? (zh ? "✓ 获奖" : "✓ earned") : (zh ? "· 待受理后获奖" : "· once accepted")
                let line = "\(earned) \(entry.code) \(who) \(UIText.stageWord(entry.stage, language)) " + TextSanitizer.clean(entry.title)
                lines.append((TerminalText.truncate(line, to: max(1, width)), Style(dim: !entry.earned)))
            }
        }
        return lines
    }
}

extension FindingPane: Pane {
    static var hints: [String] { ["quit", "help", "visit-log", "finding-open"] }

    static func refresh(_ state: inout AppState, _ env: AppEnvironment) async {
        let keepVisit = state.finding.visit?.id
        let keepCampaign = state.finding.campaign?.id
        let keepLeader = state.finding.standing?.leaderID
        await StandardActions.attempt(&state) { state in
            let session = env.session
            state.finding.visits = try await session.visits()
            // Someone else recorded a visit: the intake's picker and the rules know it too.
            if Set(state.finding.visits.map(\.id)) != Set(session.workspace.visits.map(\.id)) { try await env.refreshSession() }
            state.finding.campaigns = session.workspace.campaigns.sorted { ($0.startsOn, $0.id) > ($1.startsOn, $1.id) }
            state.finding.quota = try await session.visitQuota()
            let month = state.finding.month ?? session.today().month
            state.finding.standings = try await session.visitStandings(in: month)
        }
        let model = state.finding
        state.finding.selectedVisit = keepVisit.flatMap { id in model.visits.firstIndex { $0.id == id } } ?? min(model.selectedVisit, max(0, model.visits.count - 1))
        state.finding.selectedCampaign = keepCampaign.flatMap { id in model.campaigns.firstIndex { $0.id == id } }
            ?? min(model.selectedCampaign, max(0, model.campaigns.count - 1))
        state.finding.selectedLeader = keepLeader.flatMap { id in model.standings.firstIndex { $0.leaderID == id } }
            ?? min(model.selectedLeader, max(0, model.standings.count - 1))
        await loadSelection(&state, env)
    }

    /// Reads what the selected row shows under the table: a visit's concerns, a campaign's ledger.
    static func loadSelection(_ state: inout AppState, _ env: AppEnvironment) async {
        await StandardActions.attempt(&state) { state in
            switch state.finding.section {
            case .visits:
                guard let visit = state.finding.visit else {
                    state.finding.visitConcerns = []
                    state.finding.visitConcernsTotal = 0
                    return
                }
                let (rows, total) = try await env.session.concerns(from: ConcernSource(kind: .leaderVisit, id: visit.id), limit: 50)
                state.finding.visitConcerns = rows
                state.finding.visitConcernsTotal = total
            case .campaigns:
                if let campaign = state.finding.campaign {
                    state.finding.ledger = try await env.session.rewardLedger(campaign)
                } else {
                    state.finding.ledger = nil
                }
            case .quota:
                break
            }
        }
    }

    static func move(_ state: inout AppState, _ env: AppEnvironment, by delta: Int) async {
        state.finding.detailScroll = 0
        if state.finding.focus == .sections {
            let sections = FindingState.Section.allCases
            let index = stepped(state.finding.section.rawValue, by: delta, count: sections.count)
            state.finding.section = sections[index]
        } else {
            switch state.finding.section {
            case .visits: state.finding.selectedVisit = stepped(state.finding.selectedVisit, by: delta, count: state.finding.visits.count)
            case .quota: state.finding.selectedLeader = stepped(state.finding.selectedLeader, by: delta, count: state.finding.standings.count)
            case .campaigns: state.finding.selectedCampaign = stepped(state.finding.selectedCampaign, by: delta, count: state.finding.campaigns.count)
            }
        }
        await loadSelection(&state, env)
    }

    static func status(_ state: AppState, _ language: Language) -> String {
        let zh = language == .zh
        let model = state.finding
        let month = model.month ?? state.today.month
        let behind = model.standings.filter(\.isBehind).count
        return (zh ? "走访 \(model.visits.count) 次" : English.count(model.visits.count, "visit"))
            + "  " + (zh ? "\(month) 未完成定额 \(behind) 人" : "\(month): \(behind) behind the quota")
            + "  " + (zh ? "征集活动 \(model.campaigns.count) 个" : English.count(model.campaigns.count, "campaign"))
    }
}
