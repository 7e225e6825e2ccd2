import Foundation

/// One field that a change altered, as text for people to read in the audit log.
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var old: String
    public var new: String

    public init(field: String, old: String, new: String) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// One line of the append-only audit log (流程记录): who did what, when, to what.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var at: Date
    public var actorID: PersonID
    public var action: String
    /// The concern code, or the id of a meeting, notice or practice.
    public var subject: String
    public var changes: [FieldChange]

    public init(sequence: Int64 = 0, at: Date, actorID: PersonID, action: String, subject: String, changes: [FieldChange]) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.action = action
        self.subject = subject
        self.changes = changes
    }
}

/// Computes what a command changed, by comparing the concern before and after, so that no
/// command can forget to report a field. A sealed reporter identity is never written out.
public enum ChangeSet {
    /// What `command` changed from `old` to `new`, with the reason a command gives when the
    /// concern itself does not keep it (a deadline change, a pause): the audit log is the
    /// only place such a reason is kept.
    public static func of(_ command: ConcernCommand, from old: Concern, to new: Concern) -> [FieldChange] {
        var changes = between(old, new)
        switch command {
        case .setDeadline(_, let reason), .pause(let reason):
            changes.append(FieldChange(field: "reason", old: "", new: reason))
        default:
            break
        }
        return changes
    }

    public static func between(_ old: Concern?, _ new: Concern) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare<T: Equatable>(_ field: String, _ path: KeyPath<Concern, T>, _ render: (T) -> String) {
            let before = old.map { $0[keyPath: path] }
            let after = new[keyPath: path]
            if before != after {
                let oldText = before.map(render) ?? ""
                let newText = render(after)
                if old != nil || !newText.isEmpty { changes.append(FieldChange(field: field, old: oldText, new: newText)) }
            }
        }
        compare("title", \.title) { $0 }
        compare("description", \.description) { $0 }
        compare("category", \.categoryID) { $0.rawValue }
        compare("channel", \.channel) { $0.rawValue }
        compare("reporter", \.reporter) { $0.isAnonymous ? "anonymous" : "named" }
        compare("unit", \.unitID) { $0.rawValue }
        compare("tier", \.tier) { $0.code }
        compare("stage", \.stage) { $0.rawValue }
        compare("grade", \.grade) { $0?.rawValue ?? "" }
        compare("root-cause", \.analysis.rootCause) { $0 }
        compare("difficulty", \.analysis.difficulty) { $0?.rawValue ?? "" }
        compare("breadth", \.analysis.breadth) { $0?.rawValue ?? "" }
        compare("plan", \.plan) { $0 }
        compare("first-responsible", \.firstResponsibleID) { $0?.rawValue ?? "" }
        compare("responsible-unit", \.responsibleUnitID) { $0?.rawValue ?? "" }
        compare("pledge", \.pledge) { $0.map { "\($0.personID) \($0.signedOn)" } ?? "" }
        compare("deadline", \.deadline) { $0?.description ?? "" }
        compare("next-review", \.nextReview) { $0?.description ?? "" }
        compare("processing", \.processing) { $0?.label.en ?? "" }
        compare("tasks", \.tasks) { $0.map { "\($0.title)@\($0.due):\($0.state.rawValue)" }.joined(separator: "; ") }
        compare("note", \.notes) { $0.last?.text ?? "" }
        compare("escalation", \.escalations) { $0.last.map { "\($0.fromUnitID)→\($0.toUnitID): \($0.reason)" } ?? "" }
        compare("referral", \.referral) { $0.map { "\($0.toUnitID): \($0.explanation)" } ?? "" }
        compare("feedback", \.feedback) { $0.last.map { "\($0.satisfaction.rawValue)/\($0.effect.rawValue)/\($0.score)" } ?? "" }
        compare("paused-since", \.pausedSince) { $0?.description ?? "" }
        compare("paused-days", \.pausedDays) { String($0) }
        compare("closure", \.closure) {
            switch $0 {
            case nil: ""
            case .withFeedback: "with feedback"
            case .withoutFeedback(let reason): "without feedback: \(reason)"
            }
        }
        compare("links", \.links) { $0.map { "\($0.kind.rawValue):\($0.target)" }.joined(separator: ", ") }
        return changes
    }
}
