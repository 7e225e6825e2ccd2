/// The `:` command line's Chinese names. Every action answers to its id (`escalate`) and to
/// the method's own word for it (`上报`), and both complete with Tab. The ids are kept for
/// keys.toml and scripts; the Chinese names are what a political-work staff member says.
enum CommandNames {
    /// Each action's Chinese name, by id: one word each, unique (a test checks every action
    /// of the registry has one, and that no two share it).
    static let chinese: [String: String] = [
        // moving and views
        "move-down": "下移", "move-up": "上移", "page-down": "下翻", "page-up": "上翻", "first": "开头", "last": "末尾",
        "go-to-unit": "转到单位", "switch-focus": "切换", "toggle-detail": "详情", "filter": "筛选", "clear-filter": "清除筛选",
        "sort": "排序", "goto": "转到", "widen": "全部单位",
        "tab-libraries": "问题库", "tab-meetings": "会议", "tab-supervision": "督办", "tab-feedback": "反馈页",
        "tab-practices": "实践库", "tab-dashboard": "统计", "tab-finding": "发现来源",
        "detail-down": "详情下翻", "detail-up": "详情上翻",
        "view-mine": "我负责的", "view-overdue": "逾期", "view-to-define": "待界定", "view-awaiting": "待反馈", "view-watch": "观察中",
        "mark": "标记", "mark-range": "范围标记", "clear-marks": "清除标记",
        // triage and what follows a grade
        "intake": "登记", "analyse": "分析", "grade": "定级", "escalate": "上报", "progress": "进展", "plan": "方案",
        "assign": "第一责任人", "define": "界定", "start": "开始解决", "undo": "撤销", "agenda": "列入议程", "batch": "批处理",
        "solve": "办结", "feedback": "反馈", "refer": "转办", "close": "关闭", "reopen": "重新打开",
        "task": "任务书", "task-state": "任务完成", "pledge": "责任状", "deadline": "调整期限", "pause": "暂停计时",
        "unpause": "恢复计时", "resume": "收回转办", "link": "关联", "open-identity": "查看身份",
        // meetings, supervision, practices, figures
        "meeting-prepare": "生成议程", "meeting-decide": "会议决定", "meeting-confirm": "确认纪要", "meeting-export": "导出会议",
        "notice-issue": "下发督办", "notice-reissue": "重发督办", "notice-acknowledge": "签收", "notice-progress": "已报进展", "notice-complete": "督办完成",
        "notice-chase": "催办", "notice-chaser-answered": "催办已回复", "notice-export": "导出通知单", "bulletin-export": "督办简报",
        "horizon-wider": "多看七天", "horizon-narrower": "少看七天",
        "practice-write-up": "写成实践", "practice-search": "搜索实践", "practice-clear-search": "清除搜索", "practice-apply": "应用实践",
        "dashboard-view": "切换统计", "dashboard-previous": "上个月", "dashboard-next": "下个月", "dashboard-quarter": "按季度",
        "dashboard-figure-left": "上一指标", "dashboard-figure-right": "下一指标", "dashboard-open": "打开明细",
        // the finding sources
        "visit-log": "记录走访", "visit-quota": "走访定额", "finding-open": "来源问题", "finding-intake": "据此登记",
        "finding-previous": "上月走访", "finding-next": "下月走访",
        // the application
        "help": "帮助", "command": "命令", "view-as": "视角", "language": "语言", "mouse": "鼠标", "suspend": "挂起", "quit": "退出",
    ]

    static let byChineseName: [String: String] = Dictionary(chinese.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

    /// The action a typed name means: its id, or its Chinese name.
    static func action(named name: String, in registry: ActionRegistry) -> AppAction? {
        registry.action(name) ?? byChineseName[name].flatMap(registry.action)
    }

    /// Every name the command line completes: the registry's ids and their Chinese names.
    static func names(in registry: ActionRegistry) -> [String] {
        registry.actions.flatMap { action in [action.id] + (chinese[action.id].map { [$0] } ?? []) }
    }
}
