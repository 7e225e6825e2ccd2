/// Figures per unit, each unit counting its whole subtree (a department's figures include
/// its teams' libraries), for the dashboard, `wenti stats`, the assessment and the bulletin.
///
/// A pure function of every fact of the organisation: never of what one person may see, so
/// a unit's figures (and its score) are the same whoever looks. Which units a viewer may
/// look at is applied afterwards, with `shown(_:to:)`.
public enum UnitFigures {
    public static func rolledUp(_ facts: [ConcernFact], organisation: Organisation, period: Period, today: Day) -> [UnitID: Figures] {
        var builder = Builder(period: period, today: today)
        for fact in facts { builder.add(fact) }
        return builder.rolledUp(organisation)
    }

    /// Figures per library as facts stream past, then summed up the tree: memory stays one
    /// `Figures` per unit however many concerns there are.
    public struct Builder: Sendable {
        public let period: Period
        let asOf: Day
        var perLibrary: [UnitID: Figures] = [:]
        var perSolvingUnit: [UnitID: Figures] = [:]

        public init(period: Period, today: Day) {
            self.period = period
            asOf = min(period.to, today)
        }

        /// Counts the fact's finding where it was found, its escalations where they were
        /// submitted from, its handling in the library that holds it (see
        /// `Figures.distribute`), and its handling once more for its solving department.
        public mutating func add(_ fact: ConcernFact) {
            Figures.distribute(fact, in: period, asOf: asOf, into: &perLibrary,
                               foundIn: fact.originUnitID, escalatedFrom: \.fromUnitID, handledBy: fact.unitID)
            if let solving = fact.responsibleUnitID {
                Figures.distribute(fact, in: period, asOf: asOf, into: &perSolvingUnit,
                                   foundIn: nil, escalatedFrom: { _ in nil }, handledBy: solving)
            }
        }

        /// Each unit's figures with its whole subtree's (a fact counts once per unit on the
        /// path from the library where it counts to the company).
        public func rolledUp(_ organisation: Organisation) -> [UnitID: Figures] {
            var perUnit: [UnitID: Figures] = [:]
            for (library, figures) in perLibrary {
                for unit in organisation.pathToRoot(from: library) { perUnit[unit.id, default: Figures()].merge(figures) }
            }
            return perUnit
        }

        /// The solving departments' own view (解决部门): the handling figures (solved, on
        /// time, overdue, referred, closed, feedback) of the concerns each department was
        /// named to solve, wherever the concern's library is. Not rolled up: one department
        /// per concern, so the rows add up to the concerns that have one.
        public var bySolvingUnit: [UnitID: Figures] { perSolvingUnit }
    }

    /// The figures a viewer may look at: those of `units` (nil: every unit). Applied after
    /// the figures are computed over everything, so that it only hides, never changes.
    public static func shown(_ figures: [UnitID: Figures], to units: Set<UnitID>?) -> [UnitID: Figures] {
        guard let units else { return figures }
        return figures.filter { units.contains($0.key) }
    }
}

/// Concerns found per month, by category and by the unit they roll up to: which themes are
/// rising where (环比: the last month against the one before, or the last quarter against
/// the quarter before).
public struct Trends: Sendable {
    /// One series: what it counts and the count per month of `months`.
    public struct Series: Sendable, Hashable {
        public var categoryID: CategoryID
        /// nil: every unit.
        public var unitID: UnitID?
        public var counts: [Int]
        /// Months compared at a time: 1 (month on month) or 3 (quarter on quarter).
        public var window: Int

        /// Found in the last window, and in the window before it.
        public var latest: Int { counts.suffix(window).reduce(0, +) }
        public var before: Int { counts.dropLast(window).suffix(window).reduce(0, +) }
        /// The last window found more than the one before.
        public var isRising: Bool { counts.count >= 2 * window && latest > before }
        public var change: Int { latest - before }
        public var total: Int { counts.reduce(0, +) }
    }

    public var months: [YearMonth]
    /// Per category, every unit together; most found first.
    public var byCategory: [Series]
    /// Per category and roll-up unit (department or secondary unit), only those with any.
    public var byUnitAndCategory: [Series]

    public init(_ facts: [ConcernFact], months: [YearMonth], organisation: Organisation, window: Int = 1) {
        var builder = Builder(months: months, organisation: organisation, window: window)
        for fact in facts { builder.add(fact) }
        self = builder.trends
    }

    /// Counts facts as they stream past.
    public struct Builder: Sendable {
        let months: [YearMonth]
        let organisation: Organisation
        let window: Int
        let index: [YearMonth: Int]
        var categories: [CategoryID: [Int]] = [:]
        var pairs: [UnitAndCategory: [Int]] = [:]

        public init(months: [YearMonth], organisation: Organisation, window: Int = 1) {
            self.months = months
            self.organisation = organisation
            self.window = window
            index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        }

        public mutating func add(_ fact: ConcernFact) {
            guard let slot = index[fact.reportedOn.month] else { return }
            categories[fact.categoryID, default: Array(repeating: 0, count: months.count)][slot] += 1
            guard let unit = organisation.rollUpUnit(of: fact.originUnitID) else { return }
            pairs[UnitAndCategory(unit: unit.id, category: fact.categoryID), default: Array(repeating: 0, count: months.count)][slot] += 1
        }

        public var trends: Trends {
            Trends(months: months,
                   byCategory: categories.map { Series(categoryID: $0.key, unitID: nil, counts: $0.value, window: window) }
                       .sorted { ($0.total, $1.categoryID.rawValue) > ($1.total, $0.categoryID.rawValue) },
                   byUnitAndCategory: pairs.map { Series(categoryID: $0.key.category, unitID: $0.key.unit, counts: $0.value, window: window) }
                       .sorted { ($0.change, $0.total, $1.categoryID.rawValue, $1.unitID?.rawValue ?? "") > ($1.change, $1.total, $0.categoryID.rawValue, $0.unitID?.rawValue ?? "") })
        }
    }

    init(months: [YearMonth], byCategory: [Series], byUnitAndCategory: [Series]) {
        self.months = months
        self.byCategory = byCategory
        self.byUnitAndCategory = byUnitAndCategory
    }

    /// The trends a viewer may look at: the series of the units in `units`, and the
    /// category totals made of those series only (so no total counts a unit the viewer may
    /// not look at). The kept series are the organisation's, unchanged.
    public func shown(to units: Set<UnitID>) -> Trends {
        let kept = byUnitAndCategory.filter { $0.unitID.map(units.contains) ?? false }
        var totals: [CategoryID: [Int]] = [:]
        for series in kept {
            totals[series.categoryID, default: Array(repeating: 0, count: months.count)] =
                zip(totals[series.categoryID] ?? Array(repeating: 0, count: months.count), series.counts).map(+)
        }
        let window = byCategory.first?.window ?? kept.first?.window ?? 1
        return Trends(months: months,
                      byCategory: totals.map { Series(categoryID: $0.key, unitID: nil, counts: $0.value, window: window) }
                          .sorted { ($0.total, $1.categoryID.rawValue) > ($1.total, $0.categoryID.rawValue) },
                      byUnitAndCategory: kept)
    }

    /// The series rising month on month, the biggest rise first.
    public var rising: [Series] { byUnitAndCategory.filter(\.isRising) }

    struct UnitAndCategory: Hashable, Sendable {
        var unit: UnitID
        var category: CategoryID
    }

    /// `count` months ending with `last`, oldest first.
    public static func months(endingWith last: YearMonth, count: Int) -> [YearMonth] {
        var months = [last]
        while months.count < count { months.insert(months[0].previous, at: 0) }
        return months
    }
}
