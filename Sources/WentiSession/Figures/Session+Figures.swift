import WentiCore
import WentiStore

/// The facts behind the figures, bulletins and assessment. A unit's figures count every
/// concern of the unit, whoever looks: which units someone may look at is the permission
/// (`figures`, `bulletin`, `assessment`), not a filter on what is counted.
extension Session {
    /// The unit whose subtree the viewer may look at for `action` (nil: the whole company),
    /// or the refusal when they may look at none.
    public func figuresRoot(for action: MethodAction) throws -> UnitID? {
        let reaches = Permissions.reaches(viewer.role, action)
        if reaches.contains(.company) { return nil }
        if reaches.contains(.managed), let root = Permissions.managedUnits(of: viewer, in: organisation).first(where: {
            organisation.parent(of: $0).map { !Permissions.managedUnits(of: viewer, in: organisation).contains($0.id) } ?? true
        }) {
            return root
        }
        throw SessionError.refused(Permissions.refusal(viewer, action, on: .company, in: organisation)!)
    }

    /// Streams the fact rows of `unit`'s subtree (nil: the whole company) for `action`.
    /// Runs on the caller's actor, so that `body` may add to the caller's own state.
    public nonisolated(nonsending) func eachFact(for action: MethodAction, query: ConcernQuery = ConcernQuery(), unit: UnitID?, titles: Bool,
                         _ body: (ConcernFact) throws -> Void) async throws {
        try require(action, on: unit.map { .unit($0) } ?? .company)
        var query = query
        if let unit { query.within = organisation.subtree(of: unit) }
        try await store.eachFact(query, scope: .all, titles: titles, body)
    }

    /// The units whose figures the viewer may look at for `action` (nil: every unit).
    public func unitsShownInFigures(for action: MethodAction) -> Set<UnitID>? {
        Permissions.unitsShownInFigures(of: viewer, for: action, in: organisation)
    }

    /// Every concern's fact row, for a viewer who may look at some figures of `action`: the
    /// figures are computed over the organisation and narrowed afterwards
    /// (`unitsShownInFigures`), so that a unit's figures never depend on who looks.
    /// Runs on the caller's actor, so that `body` may add to the caller's own state.
    public nonisolated(nonsending) func eachOrganisationFact(for action: MethodAction, titles: Bool, _ body: (ConcernFact) throws -> Void) async throws {
        if unitsShownInFigures(for: action)?.isEmpty == true {
            throw SessionError.refused(Permissions.refusal(viewer, action, on: .company, in: organisation)!)
        }
        try await store.eachFact(ConcernQuery(), scope: .all, titles: titles, body)
    }

    /// The figures per library and the trends of the whole organisation for `action` (see
    /// `eachOrganisationFact`): read from the store's kept rollup when the period is whole
    /// months (a dashboard's month or quarter), else counted from every fact.
    public func organisationFigures(for action: MethodAction, period: Period, today: Day, trendMonths: [YearMonth],
                                    window: Int) async throws -> (figures: UnitFigures.Builder, trends: Trends.Builder) {
        var figures = UnitFigures.Builder(period: period, today: today)
        var trends = Trends.Builder(months: trendMonths, organisation: organisation, window: window)
        guard FigureRollup.answers(period) else {
            try await eachOrganisationFact(for: action, titles: false) { fact in
                figures.add(fact)
                trends.add(fact)
            }
            return (figures, trends)
        }
        if unitsShownInFigures(for: action)?.isEmpty == true {
            throw SessionError.refused(Permissions.refusal(viewer, action, on: .company, in: organisation)!)
        }
        let rows = try await store.figureRollup(period: FigureRollup.months(of: period),
                                                trends: FigureRollup.months(of: trendMonths, or: period), overdueOn: min(period.to, today))
        for (key, n) in rows {
            figures.add(key, count: n)
            trends.add(key, count: n)
        }
        return (figures, trends)
    }

    /// The notices a bulletin of `unit`'s subtree (nil: the company) reports on.
    public func bulletinNotices(unit: UnitID?) async throws -> [SupervisionNotice] {
        try require(.bulletin, on: unit.map { .unit($0) } ?? .company)
        let notices = try await store.notices()
        guard let unit else { return notices }
        let units = organisation.subtree(of: unit)
        return notices.filter { units.contains($0.toUnitID) }
    }
}
