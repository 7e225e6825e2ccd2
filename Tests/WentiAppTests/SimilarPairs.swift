import WentiCore

/// Which solved seed concern is a right "similar" suggestion for which seed concern: the
/// same underlying problem, so that its handling would help (labelled by hand from the
/// seeds' titles and root causes, before the new likeness was tuned). A suggestion not
/// listed here counts as wrong. Numbers are the seeds' sequence (Q-2026-00NN).
enum SimilarPairs {
    static let right: [Int: Set<Int>] = [
        // Ranking pressure: complaints that cost a year's bonus ↔ counselling for customer service staff.
        11: [14],
        // Night shifts without rest ↔ no compensatory rest after repairs.
        2: [10],
        // Indicators that do not fit the work ↔ weekly ranking notices of uncontrollable indicators.
        31: [42], 8: [42],
        // Training that does not fit the job.
        64: [50],
        // The written exam (调考) weighing on staff ↔ skill contests instead of written exams.
        23: [32], 59: [32],
        // Allowances whose standards never moved: high-altitude, motorbike, phone, lunch, uniform.
        43: [9, 24, 33, 63], 24: [9, 33, 63], 33: [9, 24, 63], 63: [9, 24, 33], 9: [24, 33, 63],
        // Buildings and equipment left unrepaired: heating, air conditioning, a leaking dormitory.
        38: [20, 25], 25: [20], 20: [25],
        // Safety gear waiting for inspection or replacement.
        7: [35],
        // Paperwork: reports, ledger checks, activity material, records typed twice.
        1: [19, 52, 60], 19: [1, 52, 60], 52: [1, 19, 60], 60: [1, 19, 52],
    ]

    /// Suggestions made and how many of them were right.
    struct Tally: CustomStringConvertible {
        var made = 0
        var right = 0

        var precision: Double { made == 0 ? 0 : Double(right) / Double(made) }

        mutating func count(_ query: ConcernCode, _ suggestions: [ConcernCode]) {
            let expected = SimilarPairs.right[query.sequence] ?? []
            made += suggestions.count
            right += suggestions.filter { expected.contains($0.sequence) }.count
        }

        var description: String { "\(right)/\(made) right, precision \(Figures.percent(made == 0 ? nil : precision))" }
    }
}
