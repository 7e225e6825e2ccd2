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
