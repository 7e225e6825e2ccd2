import WentiCore
import WentiStore
import WentiText

/// Every string the terminal UI shows that does not come from data, in both languages.
/// One table: a missing translation is a compile error, not a blank on screen.
public enum UIText: Sendable, Hashable {
    case tabLibraries, noConcerns, noSelection
    case columnID, columnGrade, columnStage, columnTitle, columnUnit, columnOwner, columnDue
    case help, helpFilter, unknownCommand(String)
    case tooSmall(Int, Int), marked(Int), sortedBy(String), filter(String), mouse(Bool)
    case total(Int), atLeast(Int), late(Int), open, overdue, awaiting
    case fieldCategory, fieldChannel, fieldReporter, fieldFirstResponsible, fieldDue, fieldRootCause, fieldPlan
    case anonymous, anonymousSealed(openKey: String?), anonymousOpened(String)
    case goToUnit, confirmTitle, confirmYes, confirmNo, clearMarks(Int)

    /// "70 in all", or "10000+ in all" when counting stopped at the cap.
    static func count(of table: ConcernTableModel) -> UIText {
        table.totalIsCapped ? .atLeast(table.total) : .total(table.total)
    }

    public func text(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .tabLibraries: return zh ? "问题库" : "Libraries"
        case .noConcerns: return zh ? "没有符合条件的问题" : "No concerns match"
        case .noSelection: return zh ? "（未选中问题）" : "(no concern selected)"
        case .columnID: return zh ? "编号" : "ID"
        case .columnGrade: return zh ? "等级" : "Grade"
        case .columnStage: return zh ? "阶段" : "Stage"
        case .columnTitle: return zh ? "标题" : "Title"
        case .columnUnit: return zh ? "单位" : "Unit"
        case .columnOwner: return zh ? "责任人" : "Owner"
        case .columnDue: return zh ? "期限" : "Due"
        case .help: return zh ? "帮助：按键与命令" : "Help: keys and commands"
        case .helpFilter: return zh ? "输入以筛选，回车执行，Esc 关闭" : "type to filter, Enter runs, Esc closes"
        case .unknownCommand(let name): return zh ? "没有命令：\(name)" : "no such command: \(name)"
        case .tooSmall(let w, let h): return zh ? "终端太小：需要 \(w)×\(h)" : "terminal too small: need \(w)×\(h)"
        case .marked(let n): return zh ? "已标记 \(n)" : "\(n) marked"
        case .sortedBy(let name): return zh ? "排序：\(name)" : "sort: \(name)"
        case .filter(let text): return zh ? "筛选：\(text)" : "filter: \(text)"
        case .mouse(let on): return zh ? (on ? "鼠标已开启" : "鼠标已关闭") : (on ? "mouse on" : "mouse off")
        case .total(let n): return zh ? "共 \(n) 个" : "\(n) in all"
        case .atLeast(let n): return zh ? "共 \(n)+ 个" : "\(n)+ in all"
        case .late(let days): return zh ? "逾期\(days)天" : "\(days)d late"
        case .open: return zh ? "未结" : "open"
        case .overdue: return zh ? "逾期" : "late"
        case .awaiting: return zh ? "待反馈" : "awaiting feedback"
        case .fieldCategory: return zh ? "类别 " : "Category "
        case .fieldChannel: return zh ? "渠道 " : "Channel "
        case .fieldReporter: return zh ? "反映人 " : "Reporter "
        case .fieldFirstResponsible: return zh ? "第一责任人 " : "First responsible "
        case .fieldDue: return zh ? "期限 " : "due "
        case .fieldRootCause: return zh ? "根源：" : "Root cause: "
        case .fieldPlan: return zh ? "方案：" : "Plan: "
        case .anonymous: return zh ? "匿名" : "anonymous"
        case .anonymousSealed(let key?): return zh ? "匿名（身份已加密，\(key) 查看）" : "anonymous (identity sealed: \(key) opens it)"
        case .anonymousSealed(nil): return zh ? "匿名（身份已加密）" : "anonymous (identity sealed)"
        case .anonymousOpened(let who): return zh ? "匿名：\(who)（本次查看已记入审计）" : "anonymous: \(who) (this opening is audited)"
        case .goToUnit: return zh ? "转到单位（输入以查找）" : "Go to a unit (type to find)"
        case .confirmTitle: return zh ? "请确认" : "Please confirm"
        case .confirmYes: return zh ? "y 确定" : "y yes"
        case .confirmNo: return zh ? "n/Esc 取消" : "n/Esc no"
        case .clearMarks(let n): return zh ? "清除全部 \(n) 个标记？" : "Clear all \(n) marks?"
        }
    }
}

extension UIText {
    /// The reporter as a detail line shows it: a sealed identity as such (with the key that
    /// opens it, where the pane has one: `openKey`, from the registry), or the one this screen
    /// just opened (`opened`), which no other screen or list ever shows.
    static func reporter(_ reporter: Reporter, opened: String?, openKey: String? = nil, _ language: Language) -> String {
        switch reporter {
        case .named(let name, _): name.isEmpty ? "-" : name
        case .anonymous(.some): opened.map { UIText.anonymousOpened($0).text(language) } ?? UIText.anonymousSealed(openKey: openKey).text(language)
        case .anonymous(nil): UIText.anonymous.text(language)
        }
    }
}

extension UIText {
    /// A grade in one word, as the table's column shows it.
    static func gradeWord(_ grade: Grade, _ language: Language) -> String {
        guard language == .en else { return grade.label.zh }
        return grade == .urgent ? "urgent" : grade.label.en
    }

    /// A stage as every screen names it (a narrow column cuts it with "…", never renames it).
    static func stageWord(_ stage: Stage, _ language: Language) -> String {
        stage.label.text(language)
    }

    /// What each order is called.
    static func sortName(_ sort: ConcernQuery.Sort, _ language: Language) -> String {
        let zh = language == .zh
        switch sort {
        case .newest: return zh ? "最新在前" : "newest first"
        case .oldest: return zh ? "最早在前" : "oldest first"
        case .dueSoonest: return zh ? "期限最近在前" : "soonest due first"
        case .grade: return zh ? "按等级" : "by grade"
        case .stage: return zh ? "按阶段" : "by stage"
        }
    }

    /// "1 visit", "3 visits": an English count with its noun (regular plurals only).
    static func plural(_ n: Int, _ noun: String) -> String {
        English.count(n, noun)
    }

    /// A unit's name in at most `columns` columns: the name when it fits, else its shortest
    /// short name that does (short names name one unit each, so 变电运维班 and 变电检修班 stay
    /// 运维班 and 检修班 instead of both becoming 变电…), else the name cut.
    static func unitName(_ unit: OrgUnit, fitting columns: Int) -> String {
        let name = TextSanitizer.clean(unit.name)
        guard DisplayWidth.of(name) > columns else { return name }
        let alias = unit.aliases.map { TextSanitizer.clean($0) }.filter { DisplayWidth.of($0) <= columns }
            .min { DisplayWidth.of($0) < DisplayWidth.of($1) }
        return alias ?? TerminalText.truncate(name, to: columns)
    }

    /// "（…）" in Chinese, " (…)" in English.
    static func bracketed(_ text: String, _ language: Language) -> String {
        language == .zh ? "（\(text)）" : " (\(text))"
    }

    /// An escalation as the log records it ("t-bdyw→d-yj: reason"), with the units' names.
    static func escalationChange(_ recorded: String, _ organisation: Organisation, _ language: Language) -> String {
        let parts = recorded.split(separator: ":", maxSplits: 1).map(String.init)
        let units = parts[0].split(separator: "→").map { organisation.unit(UnitID(String($0)))?.name ?? String($0) }
        let reason = parts.count > 1 ? parts[1].trimmed : ""
        return units.joined(separator: "→") + (reason.isEmpty ? "" : (language == .zh ? "：" : ": ") + reason)
    }
}
