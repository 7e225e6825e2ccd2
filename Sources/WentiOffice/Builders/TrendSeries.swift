import WentiCore

/// Concerns found per month, by category and by unit (rolled up to departments), over the
/// months a bulletin looks back on. Fed one fact at a time beside `Bulletin.Builder`, so a
/// large library is never held in memory.
public struct TrendSeries: Sendable {
    public let months: [YearMonth]
    public private(set) var byCategory: [CategoryID: [Int]] = [:]
    public private(set) var byUnit: [UnitID: [Int]] = [:]
    let organisation: Organisation

    /// The months of `period`, or the six months ending with it when it is shorter, so a
    /// monthly bulletin still shows a trend.
    public init(period: Period, organisation: Organisation, minimumMonths: Int = 6) {
        var months = period.months
        while months.count < minimumMonths, let first = months.first { months.insert(first.previous, at: 0) }
        self.months = months
        self.organisation = organisation
    }

    public mutating func add(_ fact: ConcernFact) {
        guard let index = months.firstIndex(of: fact.reportedOn.month) else { return }
        byCategory[fact.categoryID, default: Array(repeating: 0, count: months.count)][index] += 1
        if let unit = organisation.rollUpUnit(of: fact.unitID) {
            byUnit[unit.id, default: Array(repeating: 0, count: months.count)][index] += 1
        }
    }

    /// The category chart, in the organisation's order of categories.
    public func categoryChart(_ categories: [Category], title: String, total: String, language: Language) -> TrendChart {
        TrendChart(title: title, months: months, rows: categories.compactMap { category in
            byCategory[category.id].map { TrendChart.Row(label: category.name.text(language), values: $0) }
        }, totalHeading: total)
    }

    /// The unit chart, in tree order.
    public func unitChart(title: String, total: String) -> TrendChart {
        TrendChart(title: title, months: months, rows: organisation.unitsInTreeOrder.compactMap { unit in
            byUnit[unit.id].map { TrendChart.Row(label: unit.name, values: $0) }
        }, totalHeading: total)
    }
}
