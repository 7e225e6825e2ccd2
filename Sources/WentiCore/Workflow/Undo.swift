/// Taking an action back, where the method allows it: the commands that restore what the
/// action changed, per concern. Only changes that another command restores are undoable
/// (grade, plan, first responsible person, analysis, processing, and a practice applied:
/// its plan with its link); an escalation, a referral or a note stays, as the method wants
/// every step on record. The undo itself is a step of the audit log, so nothing is erased.
public struct Undo: Sendable, Equatable {
    /// One concern's way back, to apply at the version the action left it at.
    public struct Step: Sendable, Equatable {
        public var code: ConcernCode
        public var version: Int?
        public var commands: [ConcernCommand]

        public init(code: ConcernCode, version: Int?, commands: [ConcernCommand]) {
            self.code = code
            self.version = version
            self.commands = commands
        }
    }

    public var label: LocalizedText
    public var steps: [Step]

    public init(label: LocalizedText, steps: [Step]) {
        self.label = label
        self.steps = steps
    }

    /// What puts `before` back after `action` made it `after`, or why it cannot be taken back.
    /// Grade (with the deadline it set), plan, first responsible person, analysis and
    /// processing are restored as they were, cleared where they were empty; the one stage
    /// change restored is a first analysis (analysing back to found). Anything else the
    /// action changed (another stage, the library, a note, a referral, a closure, tasks)
    /// stays on record, and the refusal says which.
    public static func restoration(from before: Concern, to after: Concern, action: ConcernAction) throws(Refusal) -> Restoration {
        if before.stage != after.stage && !(before.stage == .found && after.stage == .analysing) {
            throw .notUndoable(action, field: .stage)
        }
        if before.unitID != after.unitID || before.escalations != after.escalations { throw .notUndoable(action, field: .library) }
        if before.notes != after.notes { throw .notUndoable(action, field: .notes) }
        if before.referral != after.referral { throw .notUndoable(action, field: .referral) }
        if before.closure != after.closure || before.feedback != after.feedback { throw .notUndoable(action, field: .closure) }
        if before.tasks != after.tasks || before.pledge != after.pledge { throw .notUndoable(action, field: .taskBook) }
        var restoration = Restoration(before)
        // A practice applied links the concern to its entry with the plan it brought: taking
        // the plan back takes the link too, or the concern would claim a practice it no longer
        // follows. Other links (a meeting's agenda, a duplicate) are records of their own and stay.
        let practicesAdded = after.links.filter { $0.kind == .practice && !before.links.contains($0) }
        if !practicesAdded.isEmpty { restoration.links = after.links.filter { !practicesAdded.contains($0) } }
        guard restoration != Restoration(after) else { throw .nothingChanged(action) }
        return restoration
    }
}

/// The fields an undo puts back, with the values they had: applied by
/// `ConcernCommand.takeBack` at the version the undone action left, so nothing in between is lost.
public struct Restoration: Sendable, Hashable {
    public var stage: Stage
    public var grade: Grade?
    public var deadline: Day?
    public var nextReview: Day?
    public var plan: String
    public var firstResponsibleID: PersonID?
    public var responsibleUnitID: UnitID?
    public var analysis: Analysis
    public var processing: ProcessingMode?
    /// The links as they were, where the action added a practice link (nil: links stay).
    public var links: [ConcernLink]?

    public init(_ concern: Concern) {
        stage = concern.stage
        grade = concern.grade
        deadline = concern.deadline
        nextReview = concern.nextReview
        plan = concern.plan
        firstResponsibleID = concern.firstResponsibleID
        responsibleUnitID = concern.responsibleUnitID
        analysis = concern.analysis
        processing = concern.processing
    }

    /// `concern` with these fields put back.
    func restored(on concern: Concern) -> Concern {
        var next = concern
        next.stage = stage
        next.grade = grade
        next.deadline = deadline
        next.nextReview = nextReview
        next.plan = plan
        next.firstResponsibleID = firstResponsibleID
        next.responsibleUnitID = responsibleUnitID
        next.analysis = analysis
        next.processing = processing
        if let links { next.links = links }
        return next
    }
}

extension Undo {
    /// Why the last action on a concern cannot be taken back.
    public enum Refusal: Error, Sendable, Equatable, Labelled {
        /// Nothing of the person's is the latest step on the concern.
        case nothingToUndo
        /// The action changed none of the fields an undo puts back (it only linked, say).
        case nothingChanged(ConcernAction)
        /// The step changed something that stays on record (a stage, an escalation, a note...).
        case notUndoable(ConcernAction, field: KeptField)

        public var label: LocalizedText {
            switch self {
            case .nothingToUndo:
                LocalizedText(zh: "这个问题最近一步不是您做的，没有可撤销的操作", en: "the latest step on this concern is not yours: nothing to undo")
            case .nothingChanged(let action):
                LocalizedText(zh: "“\(action.label.zh)”没有改变定级、方案、第一责任人、分析或处理方式，没有可撤销的内容",
                              en: "\(action.label.en) changed no grade, plan, first responsible person, analysis or processing: nothing to undo")
            case .notUndoable(let action, let field):
                LocalizedText(zh: "“\(action.label.zh)”不能撤销：\(field.label.zh)的变化留在记录里",
                              en: "\(action.label.en) cannot be undone: it changed \(field.label.en), which stays on record")
            }
        }
    }

    /// What an action changed that no undo takes back.
    public enum KeptField: String, Sendable, Equatable {
        case stage, library, notes, referral, closure, taskBook, other

        public var label: LocalizedText {
            switch self {
            case .stage: LocalizedText(zh: "阶段", en: "the stage")
            case .library: LocalizedText(zh: "所在问题库（上报）", en: "the library (an escalation)")
            case .notes: LocalizedText(zh: "进展记录", en: "the progress notes")
            case .referral: LocalizedText(zh: "转办", en: "a referral")
            case .closure: LocalizedText(zh: "反馈或关闭", en: "feedback or the closure")
            case .taskBook: LocalizedText(zh: "任务书或责任状", en: "the task book or pledge")
            case .other: LocalizedText(zh: "其他记录", en: "other records")
            }
        }
    }

    /// What takes back `person`'s latest action on `current`, from the audit log: the
    /// entries of one action share their time and actor, and each records the old value of
    /// every field it changed (see `ChangeSet`).
    public static func restoration(ofLatestBy person: PersonID, in log: [AuditEntry], current: Concern) throws(Refusal) -> Restoration {
        guard let last = log.last, last.actorID == person else { throw .nothingToUndo }
        let action = log.reversed().prefix { $0.actorID == person && $0.at == last.at }
        let kind = ConcernAction(rawValue: last.action) ?? .edit
        var before = current
        // Oldest step last, so that the earliest old value wins.
        for entry in action {
            let kind = ConcernAction(rawValue: entry.action) ?? .edit
            for change in entry.changes {
                let old = change.old
                switch change.field {
                case "stage":
                    guard let stage = Stage(rawValue: old) else { throw .notUndoable(kind, field: .stage) }
                    before.stage = stage
                case "grade": before.grade = old.isEmpty ? nil : Grade(rawValue: old)
                case "deadline": before.deadline = old.isEmpty ? nil : Day(old)
                case "next-review": before.nextReview = old.isEmpty ? nil : Day(old)
                case "plan": before.plan = old
                case "first-responsible": before.firstResponsibleID = old.isEmpty ? nil : PersonID(old)
                case "responsible-unit": before.responsibleUnitID = old.isEmpty ? nil : UnitID(old)
                case "root-cause": before.analysis.rootCause = old
                case "difficulty": before.analysis.difficulty = Difficulty(rawValue: old)
                case "breadth": before.analysis.breadth = Breadth(rawValue: old)
                case "processing":
                    if old.isEmpty { before.processing = nil; continue }
                    guard let mode = ProcessingMode(recorded: old) else { throw .notUndoable(kind, field: .other) }
                    before.processing = mode
                case "links": before.links = ConcernLink.recorded(old)
                case "note": throw .notUndoable(kind, field: .notes)
                case "unit", "tier", "escalation": throw .notUndoable(kind, field: .library)
                case "referral": throw .notUndoable(kind, field: .referral)
                case "feedback", "closure": throw .notUndoable(kind, field: .closure)
                case "tasks", "pledge": throw .notUndoable(kind, field: .taskBook)
                default: throw .notUndoable(kind, field: .other)
                }
            }
        }
        return try restoration(from: before, to: current, action: kind)
    }
}

extension ConcernLink {
    /// Reads back what the audit log records for links ("practice:SJ-2026-001, meeting:HY-…",
    /// see `ChangeSet`); an entry it cannot read is left out.
    static func recorded(_ text: String) -> [ConcernLink] {
        text.components(separatedBy: ", ").compactMap { item in
            guard let colon = item.firstIndex(of: ":"), let kind = Kind(rawValue: String(item[..<colon])) else { return nil }
            return ConcernLink(kind: kind, target: String(item[item.index(after: colon)...]))
        }
    }
}

extension ProcessingMode {
    /// Reads back what the audit log records (`label.en`): "stream" or "batch (group)".
    init?(recorded text: String) {
        if text == "stream" { self = .stream; return }
        guard text.hasPrefix("batch ("), text.hasSuffix(")") else { return nil }
        self = .batch(group: String(text.dropFirst("batch (".count).dropLast()))
    }
}
