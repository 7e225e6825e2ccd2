/// A count a reader can open (a cell of the dashboard, a row of `wenti stats`): which
/// concerns make it. One definition of "counted here" for the figures and for the list
/// behind them, so the list and the number cannot disagree.
public enum FigureMeasure: String, Sendable, CaseIterable, Hashable {
    case found, accepted, escalated, solved, overdue, referred, closed

    /// Where a concern is counted for this measure (see `Figures.distribute`).
    public enum Place: Sendable, Hashable {
        /// The library it was taken into, before any escalation.
        case foundIn
        /// The library that submitted it up (once per escalation).
        case escalatedFrom
        /// The library that holds it now.
        case handledBy
    }

    public var place: Place {
        switch self {
        case .found, .accepted: .foundIn
        case .escalated: .escalatedFrom
        case .solved, .overdue, .referred, .closed: .handledBy
        }
    }

    /// The measure's value in `figures`.
    public func value(in figures: Figures) -> Int {
        switch self {
        case .found: figures.found
        case .accepted: figures.accepted
        case .escalated: figures.escalated
        case .solved: figures.solved
        case .overdue: figures.overdue
        case .referred: figures.referred
        case .closed: figures.closed
        }
    }

    public var label: LocalizedText {
        switch self {
        case .found: LocalizedText(zh: "发现", en: "found")
        case .accepted: LocalizedText(zh: "受理", en: "accepted")
        case .escalated: LocalizedText(zh: "上报", en: "escalated")
        case .solved: LocalizedText(zh: "解决", en: "solved")
        case .overdue: LocalizedText(zh: "逾期", en: "overdue")
        case .referred: LocalizedText(zh: "转办", en: "referred")
        case .closed: LocalizedText(zh: "办结", en: "closed")
        }
    }
}

/// The concerns behind one figure: a measure, over a period judged on `asOf`, in a set of
/// libraries (a unit's subtree) or for a solving department, optionally of one category.
///
/// `includes` is the rule in Swift; the store turns the same cell into SQL (`ConcernQuery.figure`)
/// and a test checks that both find the same concerns on the demo.
public struct FigureCell: Sendable, Hashable {
    /// Whose figure it is.
    public enum Owner: Sendable, Hashable {
        /// Counted in these libraries (a unit and its subtree), at the measure's place.
        case libraries(Set<UnitID>)
        /// The solving department's own view: concerns it was named to solve.
        case solvingUnit(UnitID)
        /// Everywhere (a grade's or category's row).
        case everyone
    }

    public var measure: FigureMeasure
    public var period: Period
    /// The day "overdue" is judged on: `min(period.to, today)`.
    public var asOf: Day
    public var owner: Owner
    public var categoryID: CategoryID?

    public init(measure: FigureMeasure, period: Period, today: Day, owner: Owner, categoryID: CategoryID? = nil) {
        self.measure = measure
        self.period = period
        asOf = min(period.to, today)
        self.owner = owner
        self.categoryID = categoryID
    }

    /// The cell of `unit`'s rolled-up figures (the unit and its subtree).
    public static func unit(_ unit: UnitID, measure: FigureMeasure, period: Period, today: Day, organisation: Organisation,
                            categoryID: CategoryID? = nil) -> FigureCell {
        FigureCell(measure: measure, period: period, today: today, owner: .libraries(organisation.subtree(of: unit)), categoryID: categoryID)
    }

    /// Whether `fact` counts in this cell. For `.escalated` a concern counts once however
    /// many of its escalations fall in the cell (the figure counts each escalation; a
    /// concern escalated twice within one subtree and period is one row behind a 2).
    public func includes(_ fact: ConcernFact) -> Bool {
        if let categoryID, fact.categoryID != categoryID { return false }
        switch owner {
        case .solvingUnit(let unit):
            guard fact.responsibleUnitID == unit, measure.place == .handledBy else { return false }
            return countsByDate(fact)
        case .everyone:
            return countsByDate(fact)
        case .libraries(let units):
            switch measure.place {
            case .foundIn: return units.contains(fact.originUnitID) && countsByDate(fact)
            case .handledBy: return units.contains(fact.unitID) && countsByDate(fact)
            case .escalatedFrom: return fact.escalations.contains { units.contains($0.fromUnitID) && period.contains($0.on) }
            }
        }
    }

    /// The measure's own condition on the fact's dates and state, wherever it counts.
    private func countsByDate(_ fact: ConcernFact) -> Bool {
        switch measure {
        case .found: period.contains(fact.reportedOn)
        case .accepted: period.contains(fact.reportedOn) && fact.isAccepted
        case .escalated: fact.escalations.contains { period.contains($0.on) }
        case .solved: period.contains(fact.solvedOn)
        case .overdue: fact.isOverdue(on: asOf)
        case .referred: period.contains(fact.referredOn)
        case .closed: period.contains(fact.closedOn)
        }
    }
}
