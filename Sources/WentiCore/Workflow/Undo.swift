/// Taking an action back, where the method allows it: the commands that restore what the
/// action changed, per concern. Only changes that another command restores are undoable
/// (grade, plan, first responsible person, analysis, processing); an escalation, a referral
/// or a note stays, as the method wants every step on record.
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

    /// What restores `before` after `after`, or nil when something changed that no command restores.
    public static func inverse(from before: Concern, to after: Concern) -> [ConcernCommand]? {
        var commands: [ConcernCommand] = []
        if before.stage != after.stage || before.unitID != after.unitID || before.notes.count != after.notes.count
            || before.referral != after.referral || before.closure != after.closure || before.tasks != after.tasks {
            return nil
        }
        if before.grade != after.grade {
            guard let grade = before.grade else { return nil }
            commands.append(.grade(grade))
        }
        if before.plan != after.plan {
            guard !before.plan.isBlank else { return nil }
            commands.append(.plan(before.plan))
        }
        if before.firstResponsibleID != after.firstResponsibleID || before.responsibleUnitID != after.responsibleUnitID {
            guard let person = before.firstResponsibleID, let unit = before.responsibleUnitID else { return nil }
            commands.append(.assign(firstResponsible: person, department: unit))
        }
        if before.analysis != after.analysis {
            guard !before.analysis.rootCause.isBlank else { return nil }
            commands.append(.analyse(before.analysis))
        }
        if before.processing != after.processing {
            guard let processing = before.processing else { return nil }
            commands.append(.setProcessing(processing))
        }
        return commands.isEmpty ? nil : commands
    }
}

extension Undo {
    /// Why the last action on a concern cannot be taken back.
    public enum Refusal: Error, Sendable, Equatable, Labelled {
        /// Nothing of the person's is the latest step on the concern.
        case nothingToUndo
        /// The step changed something no command restores (a stage, an escalation, a note...).
        case notUndoable(ConcernAction, field: String)

        public var label: LocalizedText {
            switch self {
            case .nothingToUndo:
                LocalizedText(zh: "这个问题最近一步不是您做的，没有可撤销的操作", en: "the latest step on this concern is not yours: nothing to undo")
            case .notUndoable(let action, let field):
                LocalizedText(zh: "“\(action.label.zh)”不能撤销（改变了\(field)）：上报、转办、进展、阶段变化都留在记录里",
                              en: "\(action.label.en) cannot be undone (it changed \(field)): escalations, referrals, notes and stage changes stay on record")
            }
        }
    }

    /// The commands that take back `person`'s latest action on `current`, from the audit
    /// log: the entries of one action share their time and actor, and each records the old
    /// value of every field it changed (see `ChangeSet`).
    public static func inverse(ofLatestBy person: PersonID, in log: [AuditEntry], current: Concern) throws(Refusal) -> [ConcernCommand] {
        guard let last = log.last, last.actorID == person else { throw .nothingToUndo }
        let action = log.reversed().prefix { $0.actorID == person && $0.at == last.at }
        var before = current
        // Restored fields, oldest step last so that the earliest old value wins.
        for entry in action {
            let kind = ConcernAction(rawValue: entry.action) ?? .edit
            for change in entry.changes {
                switch change.field {
                case "grade":
                    guard let grade = Grade(rawValue: change.old) else { throw .notUndoable(kind, field: change.field) }
                    before.grade = grade
                case "plan":
                    guard !change.old.isBlank else { throw .notUndoable(kind, field: change.field) }
                    before.plan = change.old
                case "first-responsible":
                    guard !change.old.isEmpty else { throw .notUndoable(kind, field: change.field) }
                    before.firstResponsibleID = PersonID(change.old)
                case "responsible-unit":
                    guard !change.old.isEmpty else { throw .notUndoable(kind, field: change.field) }
                    before.responsibleUnitID = UnitID(change.old)
                case "root-cause":
                    guard !change.old.isBlank else { throw .notUndoable(kind, field: change.field) }
                    before.analysis.rootCause = change.old
                case "difficulty":
                    before.analysis.difficulty = Difficulty(rawValue: change.old)
                case "breadth":
                    before.analysis.breadth = Breadth(rawValue: change.old)
                case "processing":
                    guard let mode = ProcessingMode(recorded: change.old) else { throw .notUndoable(kind, field: change.field) }
                    before.processing = mode
                case "deadline", "next-review":
                    // A regrade sets them again from the grade policy.
                    continue
                default:
                    throw .notUndoable(kind, field: change.field)
                }
            }
        }
        guard let commands = inverse(from: before, to: current) else { throw .nothingToUndo }
        return commands
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
