/// What the audit log recorded, in words: the one place a recorded field and its values
/// (ids of people and units, enum values, `kind:target` links) become what a person reads,
/// in Chinese or English. The detail's timeline, `wenti log` and every other reader of the
/// log go through here, so none of them prints "pledge: ∅ → bz-zheng" or "grade: general".
public struct ChangeWords: Sendable {
    public let organisation: Organisation
    public let categories: [Category]
    /// The visits a concern may name as its source (their ids are not for people).
    public let visits: [LeaderVisit]
    public let campaigns: [Campaign]

    public init(organisation: Organisation, categories: [Category], visits: [LeaderVisit] = [], campaigns: [Campaign] = []) {
        self.organisation = organisation
        self.categories = categories
        self.visits = visits
        self.campaigns = campaigns
    }

    /// Fields whose value is a long text: a reader is shown the new text, not "old → new".
    public static let textFields: Set<String> = ["title", "description", "root-cause", "plan", "note", "reason"]

    /// The name of a recorded field.
    public static func fieldName(_ field: String) -> LocalizedText {
        switch field {
        case "title": LocalizedText(zh: "标题", en: "title")
        case "description": LocalizedText(zh: "描述", en: "description")
        case "category": LocalizedText(zh: "类别", en: "category")
        case "channel": LocalizedText(zh: "渠道", en: "channel")
        case "reporter": LocalizedText(zh: "反映人", en: "reporter")
        case "unit": LocalizedText(zh: "所在问题库", en: "library")
        case "tier": LocalizedText(zh: "层级", en: "tier")
        case "stage": LocalizedText(zh: "阶段", en: "stage")
        case "grade": LocalizedText(zh: "等级", en: "grade")
        case "root-cause": LocalizedText(zh: "根源", en: "root cause")
        case "difficulty": LocalizedText(zh: "难易", en: "difficulty")
        case "breadth": LocalizedText(zh: "涉及面", en: "breadth")
        case "plan": LocalizedText(zh: "方案", en: "plan")
        case "first-responsible": LocalizedText(zh: "第一责任人", en: "first responsible")
        case "responsible-unit": LocalizedText(zh: "责任部门", en: "responsible unit")
        case "pledge": LocalizedText(zh: "责任状", en: "pledge")
        case "deadline": LocalizedText(zh: "期限", en: "deadline")
        case "next-review": LocalizedText(zh: "下次复查", en: "next review")
        case "processing": LocalizedText(zh: "处理方式", en: "processing")
        case "tasks": LocalizedText(zh: "任务书", en: "task book")
        case "note": LocalizedText(zh: "进展", en: "progress")
        case "escalation": LocalizedText(zh: "上报", en: "escalation")
        case "referral": LocalizedText(zh: "转办", en: "referral")
        case "feedback": LocalizedText(zh: "反馈", en: "feedback")
        case "paused-since": LocalizedText(zh: "暂停计时自", en: "clock paused since")
        case "paused-days": LocalizedText(zh: "累计暂停", en: "paused")
        case "closure": LocalizedText(zh: "关闭方式", en: "closure")
        case "links": LocalizedText(zh: "关联", en: "links")
        case "reason": LocalizedText(zh: "理由", en: "reason")
        case "state": LocalizedText(zh: "状态", en: "state")
        case "held-on": LocalizedText(zh: "召开日期", en: "held on")
        case "items": LocalizedText(zh: "议题", en: "items")
        default: LocalizedText(zh: field, en: field)
        }
    }

    /// What an audit row's action was, in words (a concern command, or a record's own step).
    public static func actionName(_ action: String) -> LocalizedText {
        if let concern = ConcernAction(rawValue: action) { return concern.label }
        if let method = MethodAction(rawValue: action) { return method.label }
        switch action {
        case "import": return LocalizedText(zh: "导入", en: "imported")
        case "generate": return LocalizedText(zh: "生成", en: "generated")
        case "seed": return LocalizedText(zh: "示例数据", en: "demo data")
        default: return LocalizedText(zh: action, en: action)
        }
    }

    /// One recorded value of `field` in words; "" stays "" (the caller says "none").
    public func value(_ field: String, _ raw: String, _ language: Language) -> String {
        guard !raw.isEmpty else { return "" }
        let zh = language == .zh
        func person(_ id: String) -> String { organisation.person(PersonID(id))?.name ?? (id == "anonymous" ? (zh ? "匿名" : "anonymous") : id) }
        func unit(_ id: String) -> String { organisation.unit(UnitID(id))?.name ?? id }
        switch field {
        case "category":
            return categories.first { $0.id.rawValue == raw }?.name.text(language) ?? raw
        case "channel":
            return Channel(rawValue: raw)?.label.text(language) ?? raw
        case "reporter":
            return raw == "anonymous" ? (zh ? "匿名" : "anonymous") : (zh ? "具名" : "named")
        case "unit", "responsible-unit":
            return unit(raw)
        case "stage":
            return Stage(rawValue: raw)?.label.text(language) ?? raw
        case "grade":
            return Grade(rawValue: raw)?.label.text(language) ?? raw
        case "difficulty":
            return Difficulty(rawValue: raw)?.label.text(language) ?? raw
        case "breadth":
            return Breadth(rawValue: raw)?.label.text(language) ?? raw
        case "first-responsible":
            return person(raw)
        case "pledge":
            // "bz-zheng 2026-10-28": who signed, and when.
            let parts = raw.split(separator: " ", maxSplits: 1).map(String.init)
            return person(parts[0]) + (parts.count > 1 ? (zh ? " 于 \(parts[1]) 签订" : " signed \(parts[1])") : "")
        case "processing":
            if raw == "stream" { return ProcessingMode.stream.label.text(language) }
            if raw.hasPrefix("batch ("), raw.hasSuffix(")") {
                return ProcessingMode.batch(group: String(raw.dropFirst(7).dropLast())).label.text(language)
            }
            return raw
        case "paused-days":
            return zh ? "\(raw) 天" : (raw == "1" ? "1 day" : "\(raw) days")
        case "tasks":
            return Self.tasks(raw).map { task(task: $0, language) }.joined(separator: zh ? "；" : "; ")
        case "escalation":
            // "t-bdyw→d-yj: reason"
            let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
            let units = parts[0].split(separator: "→").map { unit(String($0)) }.joined(separator: " → ")
            let reason = parts.count > 1 ? parts[1].trimmed : ""
            return units + (reason.isEmpty ? "" : (zh ? "：" : ": ") + reason)
        case "referral":
            // "d-rl: explanation"
            let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
            let explanation = parts.count > 1 ? parts[1].trimmed : ""
            return (zh ? "转 " : "to ") + unit(parts[0]) + (explanation.isEmpty ? "" : (zh ? "：" : ": ") + explanation)
        case "feedback":
            // "satisfied/confirmed/5"
            let parts = raw.split(separator: "/").map(String.init)
            guard parts.count == 3 else { return raw }
            let satisfaction = FeedbackRecord.Satisfaction(rawValue: parts[0])?.label.text(language) ?? parts[0]
            let effect = FeedbackRecord.Effect(rawValue: parts[1])?.label.text(language) ?? parts[1]
            return zh ? "\(satisfaction)，\(effect)，评分 \(parts[2])" : "\(satisfaction), \(effect), score \(parts[2])"
        case "closure":
            if raw == "with feedback" { return zh ? "有反馈" : "with feedback" }
            if raw.hasPrefix("without feedback: ") {
                return (zh ? "无反馈：" : "without feedback: ") + raw.dropFirst("without feedback: ".count)
            }
            return raw
        case "links":
            return raw.components(separatedBy: ", ").map { link -> String in
                let parts = link.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let kind = ConcernLink.Kind(rawValue: parts[0]) else { return link }
                return self.link(ConcernLink(kind: kind, target: parts[1]), language)
            }.joined(separator: zh ? "、" : ", ")
        case "state":
            return Meeting.State(rawValue: raw).map { $0 == .held ? (zh ? "已召开" : "held") : (zh ? "计划中" : "planned") }
                ?? SupervisionNotice.State(rawValue: raw)?.label.text(language) ?? raw
        default:
            return raw
        }
    }

    /// A link as a person reads it: "三方会议 2026-11 运维检修部", "问题 Q-2026-0012".
    public func link(_ link: ConcernLink, _ language: Language) -> String {
        switch link.kind {
        case .meeting: Meeting.name(of: link.target, in: organisation).text(language)
        default: link.kind.label.text(language) + " " + link.target
        }
    }

    /// One change in words: "等级 一般 → 急难", "第一责任人 郑国强", "进展：…".
    public func describe(_ change: FieldChange, _ language: Language) -> String {
        let zh = language == .zh
        let name = Self.fieldName(change.field).text(language)
        if Self.textFields.contains(change.field) {
            return name + (zh ? "：" : ": ") + change.new
        }
        if change.field == "tasks" {
            // Only the lines that changed: the task book would repeat itself on every step.
            let before = Set(Self.tasks(change.old))
            let changed = Self.tasks(change.new).filter { !before.contains($0) }
            return name + (zh ? "：" : ": ") + changed.map { task(task: $0, language) }.joined(separator: zh ? "；" : "; ")
        }
        let old = value(change.field, change.old, language)
        let new = value(change.field, change.new, language)
        let none = zh ? "无" : "none"
        if old.isEmpty { return name + " " + (new.isEmpty ? none : new) }
        return name + " " + old + " → " + (new.isEmpty ? none : new)
    }

    /// The lines of a recorded task book ("title@2026-11-01:done; …").
    static func tasks(_ raw: String) -> [TaskItem] {
        guard !raw.isEmpty else { return [] }
        return raw.components(separatedBy: "; ").compactMap { line in
            guard let at = line.lastIndex(of: "@") else { return nil }
            let rest = line[line.index(after: at)...]
            guard let colon = rest.lastIndex(of: ":"), let due = Day(String(rest[..<colon])),
                  let state = TaskItem.State(rawValue: String(rest[rest.index(after: colon)...])) else { return nil }
            return TaskItem(title: String(line[..<at]), due: due, state: state)
        }
    }

    func task(task: TaskItem, _ language: Language) -> String {
        language == .zh ? "\(task.title)（\(task.due)，\(task.state.label.zh)）" : "\(task.title) (\(task.due), \(task.state.label.en))"
    }

    /// The campaign or leader's visit a concern came from, in words: the campaign's name, or
    /// the leader, the unit and the day of the visit, never its id.
    public func source(_ source: ConcernSource, _ language: Language) -> String {
        switch source.kind {
        case .campaign:
            return campaigns.first { $0.id == source.id }?.name ?? (language == .zh ? "有奖征集活动" : "a rewarded campaign")
        case .leaderVisit:
            guard let visit = visits.first(where: { $0.id == source.id }) else { return language == .zh ? "领导走访" : "a leader's visit" }
            return visit.summary(organisation).text(language)
        }
    }
}

extension LeaderVisit {
    /// "周建国 2026-10-09 走访河口供电所": the leader, the day, the unit.
    public func summary(_ organisation: Organisation) -> LocalizedText {
        let leader = organisation.person(leaderID)?.name ?? "?"
        let unit = organisation.unit(unitID)?.name ?? "?"
        return LocalizedText(zh: "\(leader) \(on) 走访\(unit)", en: "\(leader) at \(unit) on \(on)")
    }
}

extension Meeting {
    /// A meeting as people name it, from its id: "2026-11 运维检修部三方会议" (the id holds
    /// the month and the unit's id, which is not for people).
    public static func name(of id: String, in organisation: Organisation) -> LocalizedText {
        let parts = id.split(separator: "-", maxSplits: 3).map(String.init)
        guard parts.count >= 3, parts[0] == "HY", let month = YearMonth("\(parts[1])-\(parts[2])") else {
            return LocalizedText(zh: "三方会议 \(id)", en: "meeting \(id)")
        }
        let unit: OrgUnit? = parts.count == 4 ? organisation.unit(UnitID(parts[3])) : organisation.company
        let name = unit?.name ?? "?"
        return LocalizedText(zh: "\(month) \(name)三方会议", en: "\(name) meeting of \(month)")
    }
}
