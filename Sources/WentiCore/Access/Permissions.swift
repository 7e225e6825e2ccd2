/// How far a grant reaches: over which concerns, libraries or notices a role may take an action.
public enum Reach: String, Sendable, CaseIterable, Codable, Labelled {
    /// The whole company.
    case company
    /// The libraries the person owns: a team leader the team's L1 library, a department head
    /// the department's L2 library and its teams', a company leader the company's L3 library.
    case managed
    /// The library of the person's own unit (where an employee reports).
    case ownUnit = "own-unit"
    /// Concerns the person is the first responsible person for.
    case responsible
    /// Notices addressed to the person, or to a unit they own.
    case addressed

    public var label: LocalizedText {
        switch self {
        case .company: LocalizedText(zh: "全公司", en: "whole company")
        case .managed: LocalizedText(zh: "所管问题库", en: "libraries they own")
        case .ownUnit: LocalizedText(zh: "本单位问题库", en: "their unit's library")
        case .responsible: LocalizedText(zh: "本人负责的问题", en: "concerns they are responsible for")
        case .addressed: LocalizedText(zh: "发给本人或本单位的督办单", en: "notices addressed to them")
        }
    }
}

/// What an action is taken on, with what the reaches are judged by.
public enum PermissionTarget: Sendable, Hashable {
    /// A concern, as it stands.
    case concern(Concern)
    /// A unit's library (intake into it, its meeting, its figures).
    case unit(UnitID)
    /// A supervision notice: the unit and person it is addressed to, and its concern.
    case notice(toUnit: UnitID, toPerson: PersonID, concern: ConcernCode)
    /// Something of the whole company (its people, its bulletin, someone else's view).
    case company
}

/// The one permission table of the method: role × action × reach.
///
/// Derived from the method (see `docs/PERMISSIONS.md`, which a test keeps equal to this
/// table): political-work staff run the method (notices, meetings, feedback, bulletins,
/// practices); a team leader owns the team's L1 library, a department head L2 and the
/// department's subtree, company leaders L3; the first responsible person works the concerns
/// they own; an employee reports concerns and follows their own. Every write of the command
/// line and the terminal UI is checked here (through `Workflow` for concern commands).
public enum Permissions {
    /// The reaches each role has for each action; a missing entry is no grant.
    public static let table: [MethodAction: [Role: Set<Reach>]] = {
        let pw = Role.politicalWork, cl = Role.companyLeader, dh = Role.departmentHead, tl = Role.teamLeader, st = Role.staff
        // The library owners steer their libraries; political-work staff the whole company.
        let steer: [Role: Set<Reach>] = [pw: [.company], cl: [.managed], dh: [.managed], tl: [.managed]]
        // ...and the first responsible person works what they own, whatever their role.
        let work: [Role: Set<Reach>] = [pw: [.company], cl: [.managed, .responsible], dh: [.managed, .responsible],
                                        tl: [.managed, .responsible], st: [.responsible]]
        let methodOnly: [Role: Set<Reach>] = [pw: [.company]]
        let addressee: [Role: Set<Reach>] = [pw: [.company], cl: [.addressed], dh: [.addressed], tl: [.addressed], st: [.addressed]]
        let look: [Role: Set<Reach>] = [pw: [.company], cl: [.company], dh: [.managed], tl: [.managed]]
        return [
            .intake: [pw: [.company], cl: [.company], dh: [.managed], tl: [.managed], st: [.ownUnit]],
            .analyse: steer, .grade: steer, .plan: steer, .assign: steer, .define: steer,
            .start: work, .progress: work, .taskBook: work, .pledge: work, .solve: work, .link: work,
            .deadline: steer, .pause: steer,
            // The top tier has nowhere to escalate to: company leaders do not escalate.
            .escalate: [pw: [.company], dh: [.managed], tl: [.managed]],
            .refer: steer, .resume: steer, .batch: steer, .undo: steer,
            // Going back to the people is political-work staff's job, or the library owner's.
            .feedback: steer, .close: steer, .reopen: steer,
            .noticeIssue: methodOnly, .noticeChase: methodOnly, .noticeComplete: methodOnly,
            .noticeAcknowledge: addressee, .noticeReport: addressee, .noticeAnswer: addressee,
            .meetingPrepare: steer, .meetingDecide: steer, .meetingConfirm: steer,
            .practiceWrite: steer, .practiceApply: steer,
            // The method's records of where concerns come from are political-work staff's.
            .visitLog: methodOnly,
            .bulletin: look, .figures: look,
            .assessment: [pw: [.company], cl: [.company], dh: [.managed]],
            .people: methodOnly, .openSealedIdentity: methodOnly, .viewAs: methodOnly,
        ]
    }()

    public static func reaches(_ role: Role, _ action: MethodAction) -> Set<Reach> {
        table[action]?[role] ?? []
    }

    /// Nil when `person` may take `action` on `target`; else the refusal, in words.
    public static func refusal(_ person: Person, _ action: MethodAction, on target: PermissionTarget,
                               in organisation: Organisation) -> Refusal? {
        let reaches = reaches(person.role, action)
        if reaches.contains(where: { covers($0, person, target, organisation) }) { return nil }
        return Refusal(person: person, action: action, target: describe(target, organisation), grants: grants(for: action))
    }

    /// Everyone who may take `action` on `target`, library owners before political-work staff
    /// (so that "who will" names the people nearest the concern first), then by name.
    public static func people(whoMay action: MethodAction, on target: PermissionTarget, in organisation: Organisation) -> [Person] {
        let order: [Role] = [.staff, .teamLeader, .departmentHead, .companyLeader, .politicalWork]
        return organisation.people.values.filter { refusal($0, action, on: target, in: organisation) == nil }
            .sorted { (order.firstIndex(of: $0.role)!, $0.name, $0.id) < (order.firstIndex(of: $1.role)!, $1.name, $1.id) }
    }

    /// The units whose figures `person` may look at for `action` (figures, bulletin,
    /// assessment): nil for every unit, else the libraries they own (empty: none). Figures
    /// are computed over everything first; this only decides which rows are shown.
    public static func unitsShownInFigures(of person: Person, for action: MethodAction, in organisation: Organisation) -> Set<UnitID>? {
        let reaches = reaches(person.role, action)
        if reaches.contains(.company) { return nil }
        return reaches.contains(.managed) ? managedUnits(of: person, in: organisation) : []
    }

    /// The libraries a person owns (see `Reach.managed`).
    public static func managedUnits(of person: Person, in organisation: Organisation) -> Set<UnitID> {
        switch person.role {
        case .politicalWork: Set(organisation.units.keys)
        case .companyLeader: [organisation.company.id]
        case .departmentHead: organisation.subtree(of: person.unitID)
        case .teamLeader: organisation.unit(person.unitID)?.kind == .team ? [person.unitID] : []
        case .staff: []
        }
    }

    static func covers(_ reach: Reach, _ person: Person, _ target: PermissionTarget, _ organisation: Organisation) -> Bool {
        switch (reach, target) {
        case (.company, _):
            return true
        case (.managed, .concern(let concern)):
            return managedUnits(of: person, in: organisation).contains(concern.unitID)
        case (.managed, .unit(let unit)):
            return managedUnits(of: person, in: organisation).contains(unit)
        case (.ownUnit, .unit(let unit)):
            return unit == person.unitID
        case (.ownUnit, .concern(let concern)):
            return concern.unitID == person.unitID
        case (.responsible, .concern(let concern)):
            return concern.firstResponsibleID == person.id
        case (.addressed, .notice(let unit, let addressee, _)):
            return addressee == person.id || managedUnits(of: person, in: organisation).contains(unit)
        default:
            return false
        }
    }

    /// Who may take the action, role by role, in table order.
    static func grants(for action: MethodAction) -> [(role: Role, reaches: [Reach])] {
        Role.allCases.compactMap { role in
            let reaches = Self.reaches(role, action)
            return reaches.isEmpty ? nil : (role, Reach.allCases.filter(reaches.contains))
        }
    }

    static func describe(_ target: PermissionTarget, _ organisation: Organisation) -> LocalizedText? {
        func unitName(_ id: UnitID) -> String { organisation.unit(id)?.name ?? id.rawValue }
        switch target {
        case .concern(let concern):
            return LocalizedText(zh: "\(concern.code)（\(unitName(concern.unitID))）", en: "\(concern.code) (\(unitName(concern.unitID)))")
        case .unit(let unit):
            return LocalizedText(zh: unitName(unit), en: unitName(unit))
        case .notice(let unit, _, let concern):
            return LocalizedText(zh: "\(concern) 的督办单（发往\(unitName(unit))）", en: "on \(concern) (to \(unitName(unit)))")
        case .company:
            return nil
        }
    }
}

/// Why the permission table refuses: who, what, on what, and who may instead — names, never ids.
public struct Refusal: Error, Sendable, Equatable, Labelled {
    public var person: Person
    public var action: MethodAction
    public var target: LocalizedText?
    public var grants: [(role: Role, reaches: [Reach])]

    public static func == (lhs: Refusal, rhs: Refusal) -> Bool {
        lhs.person == rhs.person && lhs.action == rhs.action && lhs.target == rhs.target
    }

    public var label: LocalizedText {
        let who = person.nameWithRole
        let zhOn = target.map { "：\($0.zh)" } ?? ""
        let enOn = target.map { " \($0.en)" } ?? ""
        let zhMay = grants.map { "\($0.role.label.zh)（\($0.reaches.map(\.label.zh).joined(separator: "、"))）" }.joined(separator: "、")
        let enMay = grants.map { "\($0.role.label.en) (\($0.reaches.map(\.label.en).joined(separator: ", ")))" }.joined(separator: "; ")
        return LocalizedText(
            zh: "\(who.zh)无权\(action.label.zh)\(zhOn)" + (grants.isEmpty ? "" : "。可办理的是：\(zhMay)"),
            en: "\(who.en) may not \(action.label.en)\(enOn)" + (grants.isEmpty ? "" : ". Who may: \(enMay)"))
    }
}
