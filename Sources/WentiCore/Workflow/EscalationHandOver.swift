/// What an escalation (上报) hands over to the receiving tier, said out loud.
///
/// The receiving library defines the concern again at its own tri-party meeting and names
/// its own first responsible person: the lower tier's person is released (the one first
/// responsible person must belong to the tier that owns the concern), their pledge with
/// them, and a concern that was defined or being solved goes back to analysis. None of
/// this may happen silently, so the workflow records it as a progress note in these words
/// (when anything is handed over) and the concern's detail shows what is still to do
/// (`pending`).
public struct EscalationHandOver: Sendable, Hashable {
    /// Every hand-over note starts with this, so the detail can set it beside its escalation.
    public static let notePrefix = "上报交接："

    public var escalation: Escalation
    public var releasedFirstResponsibleID: PersonID?
    public var releasedPledge: Bool
    public var stageBefore: Stage
    public var stageAfter: Stage

    /// The hand-over of escalating `concern` as `escalation`.
    public init(escalating concern: Concern, as escalation: Escalation) {
        self.escalation = escalation
        releasedFirstResponsibleID = concern.firstResponsibleID
        releasedPledge = concern.pledge != nil
        stageBefore = concern.stage
        stageAfter = [.defined, .solving, .watch].contains(concern.stage) ? .analysing : concern.stage
    }

    /// Whether anything changes hands beyond the library: a person released, a pledge void,
    /// a stage undone. A concern escalated while still only found needs no note (the
    /// escalation record says it all, and a note would count as progress on it).
    public var handsOverWork: Bool { releasedFirstResponsibleID != nil || releasedPledge || stageAfter != stageBefore }

    /// Applies the hand-over to the escalated concern.
    public func apply(to concern: inout Concern, today: Day, author: PersonID, organisation: Organisation) {
        concern.firstResponsibleID = nil
        concern.pledge = nil
        concern.stage = stageAfter
        if handsOverWork { concern.notes.append(ProgressNote(on: today, authorID: author, text: note(organisation))) }
    }

    /// The recorded words (Chinese: the staff's working language; the note is data).
    /// "上报交接：由 青山供电所（L1）上报至 农网管理部（L2）；原第一责任人 王强 不再负责，责任状随之失效；阶段由「解决中」退回「分析中」；由 农网管理部 重新界定并指定第一责任人。"
    public func note(_ organisation: Organisation) -> String {
        func unit(_ id: UnitID) -> String { organisation.unit(id)?.name ?? id.rawValue }
        var parts = ["由 \(unit(escalation.fromUnitID))（\(escalation.fromTier.code)）上报至 \(unit(escalation.toUnitID))（\(escalation.toTier.code)）"]
        if let released = releasedFirstResponsibleID {
            let name = organisation.person(released)?.name ?? released.rawValue
            parts.append("原第一责任人 \(name) 不再负责" + (releasedPledge ? "，责任状随之失效" : ""))
        }
        if stageAfter != stageBefore {
            parts.append("阶段由「\(stageBefore.label.zh)」退回「\(stageAfter.label.zh)」")
        }
        parts.append("由 \(unit(escalation.toUnitID)) 重新界定并指定第一责任人")
        return Self.notePrefix + parts.joined(separator: "；") + "。"
    }

    /// What the receiving tier still owes after an escalation: its own first responsible
    /// person. nil once it has named one (or when the concern was never escalated).
    public static func pending(_ concern: Concern, organisation: Organisation) -> LocalizedText? {
        guard let last = concern.escalations.last, concern.firstResponsibleID == nil, concern.unitID == last.toUnitID,
              ![.closed, .referred].contains(concern.stage) else { return nil }
        let name = organisation.unit(last.toUnitID)?.name ?? last.toUnitID.rawValue
        return LocalizedText(zh: "已于 \(last.on) 上报，待 \(name) 重新界定并指定第一责任人",
                             en: "escalated on \(last.on); \(name) has yet to define it again and name its first responsible person")
    }

    /// The hand-over notes of `concern`, by the day of the escalation they record.
    public static func notes(of concern: Concern) -> [ProgressNote] {
        concern.notes.filter { $0.text.hasPrefix(notePrefix) }
    }
}
