/// Which concerns a person may see.
public enum ConcernScope: Sendable, Hashable {
    /// Leadership and political-work staff.
    case everything
    /// The libraries of these units, plus concerns that these units submitted up
    /// (so the lower tier can follow the outcome of what it escalated).
    case units(Set<UnitID>)
}

/// Role scoping and the sealed reporter, in one place for the store, the CLI and the UI.
public enum AccessPolicy {
    /// A team's people see their team; a department head sees the department and its
    /// teams; company leaders and political-work staff see everything.
    public static func scope(of person: Person, in organisation: Organisation) -> ConcernScope {
        switch person.role {
        case .politicalWork, .companyLeader:
            return .everything
        case .departmentHead, .teamLeader, .staff:
            return .units(organisation.subtree(of: person.unitID))
        }
    }

    public static func canSee(_ concern: Concern, in scope: ConcernScope) -> Bool {
        switch scope {
        case .everything:
            return true
        case .units(let units):
            return units.contains(concern.unitID) || concern.escalations.contains { units.contains($0.fromUnitID) }
        }
    }

    /// Whether the person may triage and move concerns of the unit's library.
    /// Staff may report and add progress but not steer; the others manage their subtree.
    public static func canManage(_ person: Person, unit: UnitID, in organisation: Organisation) -> Bool {
        switch person.role {
        case .politicalWork, .companyLeader:
            return true
        case .departmentHead, .teamLeader:
            return organisation.subtree(of: person.unitID).contains(unit)
        case .staff:
            return false
        }
    }

    /// Whether `actor` may file a concern into the library of `unit` (it is in their scope).
    public static func canSee(unitLibraryOf unit: UnitID, actor: Person, in organisation: Organisation) -> Bool {
        switch scope(of: actor, in: organisation) {
        case .everything: true
        case .units(let units): units.contains(unit)
        }
    }

    /// Only political-work staff read an anonymous reporter's identity: they are the ones
    /// who must answer the person.
    public static func canReadSealedReporter(_ person: Person) -> Bool {
        person.role == .politicalWork
    }

    /// The reporter as `viewer` may see it: a sealed identity is dropped for everyone else.
    public static func reporter(_ reporter: Reporter, shownTo viewer: Person) -> Reporter {
        if case .anonymous = reporter, !canReadSealedReporter(viewer) {
            return .anonymous(sealedIdentity: nil)
        }
        return reporter
    }

    /// The concern as `viewer` may read it.
    public static func redacted(_ concern: Concern, for viewer: Person) -> Concern {
        var copy = concern
        copy.reporter = reporter(concern.reporter, shownTo: viewer)
        return copy
    }
}
