/// Which concerns a person may see: one value, with one meaning (`contains`), that every
/// backend translates (the SQLite store into SQL; the store conformance suite checks that
/// the translation and `contains` agree for every person of the demo).
public struct ConcernScope: Sendable, Hashable {
    /// Leadership and political-work staff see every concern.
    public var everything: Bool
    /// Every concern of these libraries, and every concern that left one of them upwards
    /// (so the lower tier can follow the outcome of what it escalated).
    public var libraries: Set<UnitID>
    /// Concerns referred to these departments (they must act on them).
    public var referredTo: Set<UnitID>
    /// Concerns these units are the responsible department of (they must solve them, and
    /// supervision notices are addressed to them), wherever the concern is filed.
    public var responsibleUnits: Set<UnitID>
    /// Concerns this person found, reported or is first responsible for.
    public var person: PersonID?

    public init(everything: Bool = false, libraries: Set<UnitID> = [], referredTo: Set<UnitID> = [],
                responsibleUnits: Set<UnitID> = [], person: PersonID? = nil) {
        self.everything = everything
        self.libraries = libraries
        self.referredTo = referredTo
        self.responsibleUnits = responsibleUnits
        self.person = person
    }

    public static let all = ConcernScope(everything: true)

    public func contains(_ concern: Concern) -> Bool {
        if everything || libraries.contains(concern.unitID) { return true }
        if concern.escalations.contains(where: { libraries.contains($0.fromUnitID) }) { return true }
        if let referral = concern.referral, concern.stage == .referred, referredTo.contains(referral.toUnitID) { return true }
        if let responsible = concern.responsibleUnitID, responsibleUnits.contains(responsible) { return true }
        guard let person else { return false }
        return concern.finderID == person || concern.reporter.personID == person || concern.firstResponsibleID == person
    }
}

/// Role scoping and the sealed reporter, in one place for every backend and front end.
public enum AccessPolicy {
    /// Political-work staff and company leaders see everything; a department head the
    /// department's libraries (its teams' included), what is referred to it and what it (or
    /// one of its teams) is the responsible department of; a team leader the team's library
    /// and what the team is responsible for; everyone also what they found, reported or are
    /// first responsible for.
    public static func scope(of person: Person, in organisation: Organisation) -> ConcernScope {
        switch person.role {
        case .politicalWork, .companyLeader:
            return .all
        case .departmentHead:
            let department = organisation.subtree(of: person.unitID)
            return ConcernScope(libraries: department, referredTo: [person.unitID], responsibleUnits: department, person: person.id)
        case .teamLeader:
            return ConcernScope(libraries: [person.unitID], responsibleUnits: [person.unitID], person: person.id)
        case .staff:
            return ConcernScope(person: person.id)
        }
    }

    /// Only political-work staff read an anonymous reporter's identity: they are the ones
    /// who must answer the person.
    public static func canReadSealedReporter(_ person: Person) -> Bool {
        Permissions.reaches(person.role, .openSealedIdentity).contains(.company)
    }

    /// The reporter as `viewer` may see it: a sealed identity is dropped for everyone else.
    public static func reporter(_ reporter: Reporter, shownTo viewer: Person) -> Reporter {
        if case .anonymous = reporter, !canReadSealedReporter(viewer) {
            return .anonymous(sealedIdentity: nil)
        }
        return reporter
    }

    /// The concern as `viewer` may read it: no sealed identity, and for an anonymous report
    /// no finder either unless the finder is political-work staff (who find as their job) or
    /// the viewer themselves, since a colleague who files anonymously is its finder.
    public static func redacted(_ concern: Concern, for viewer: Person, in organisation: Organisation) -> Concern {
        var copy = concern
        copy.reporter = reporter(concern.reporter, shownTo: viewer)
        if hidesFinder(concern, from: viewer, in: organisation) { copy.finderID = nil }
        return copy
    }

    /// Stands for the hidden finder of an anonymous report in an audit entry.
    public static let anonymousActor = PersonID("anonymous")

    /// A concern's audit entries as `viewer` may read them: when the concern hides its finder
    /// from them, the finder's own steps (the intake first of all) name no one, or the log
    /// would give away who filed anonymously.
    public static func redacted(_ entries: [AuditEntry], of concern: Concern, for viewer: Person, in organisation: Organisation) -> [AuditEntry] {
        guard hidesFinder(concern, from: viewer, in: organisation), let finder = concern.finderID else { return entries }
        return entries.map { entry in
            var copy = entry
            if copy.actorID == finder { copy.actorID = anonymousActor }
            return copy
        }
    }

    static func hidesFinder(_ concern: Concern, from viewer: Person, in organisation: Organisation) -> Bool {
        guard concern.reporter.isAnonymous, !canReadSealedReporter(viewer), let finder = concern.finderID, finder != viewer.id else { return false }
        return organisation.person(finder)?.role != .politicalWork
    }
}
