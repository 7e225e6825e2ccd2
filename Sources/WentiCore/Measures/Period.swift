/// A span of whole days, both ends included: a month, a quarter, any range of months.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public let from: Day
    public let to: Day

    public init(from: Day, to: Day) {
        self.from = min(from, to)
        self.to = max(from, to)
    }

    public init(month: YearMonth) {
        self.init(from: month.firstDay, to: month.lastDay)
    }

    /// From the first day of `first` to the last day of `last`.
    public init(months first: YearMonth, _ last: YearMonth) {
        self.init(from: min(first, last).firstDay, to: max(first, last).lastDay)
    }

    /// The calendar quarter holding `month` (Q1 = 01–03 … Q4 = 10–12), never the three
    /// months ending with it: a quarter's figures must be the same whichever of its months
    /// the reader stands on.
    public init(quarterOf month: YearMonth) {
        let first = YearMonth(year: month.year, month: (month.month - 1) / 3 * 3 + 1)!
        self.init(months: first, first.next.next)
    }

    public func contains(_ day: Day?) -> Bool {
        guard let day else { return false }
        return from <= day && day <= to
    }

    /// The months the period touches, oldest first.
    public var months: [YearMonth] {
        var months: [YearMonth] = []
        var month = from.month
        while month <= to.month {
            months.append(month)
            month = month.next
        }
        return months
    }

    /// "2026-11" for a whole month, "2026-10..2026-12" for whole months, else the days.
    public var description: String {
        let first = from.month, last = to.month
        guard from == first.firstDay, to == last.lastDay else { return "\(from)..\(to)" }
        return first == last ? first.description : "\(first)..\(last)"
    }
}
