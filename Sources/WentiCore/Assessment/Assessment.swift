/// How units are scored (考核): a weighted mean of their rates, less points for each
/// concern left overdue. The weights are the organisation's (a config file); the defaults
/// follow the three-rate practice (response, resolution, satisfaction) with the method's
/// own "every item answered" and on-time completion beside them.
public struct AssessmentWeights: Sendable, Hashable, Codable {
    public var response: Double
    public var onTime: Double
    public var resolution: Double
    public var satisfaction: Double
    public var everyItemAnswered: Double
    public var ownGround: Double
    /// Points taken off per concern overdue at the end of the period.
    public var overduePenalty: Double
    /// The least activity (`Figures.activity`: found + solved + overdue) that earns a score:
    /// a unit below it is not scored nor ranked ("无数据"), so that a unit that found and
    /// solved nothing cannot top the list on the rates of one stray feedback.
    public var minimumActivity: Int

    public init(response: Double = 25, onTime: Double = 20, resolution: Double = 20, satisfaction: Double = 20,
                everyItemAnswered: Double = 15, ownGround: Double = 0, overduePenalty: Double = 2,
                minimumActivity: Int = 1) throws(AssessmentError) {
        for (name, value) in [("response", response), ("on-time", onTime), ("resolution", resolution), ("satisfaction", satisfaction),
                              ("every-item-answered", everyItemAnswered), ("own-ground", ownGround), ("overdue-penalty", overduePenalty)]
        where value < 0 || !value.isFinite {
            throw .negativeWeight(name, value)
        }
        guard response + onTime + resolution + satisfaction + everyItemAnswered + ownGround > 0 else { throw .allWeightsZero }
        guard minimumActivity >= 1 else { throw .minimumActivityBelowOne(minimumActivity) }
        self.response = response
        self.onTime = onTime
        self.resolution = resolution
        self.satisfaction = satisfaction
        self.everyItemAnswered = everyItemAnswered
        self.ownGround = ownGround
        self.overduePenalty = overduePenalty
        self.minimumActivity = minimumActivity
    }

    public static let standard = try! AssessmentWeights()

    /// The rates with their weights, in the order the ranking shows them.
    func parts(of figures: Figures) -> [(rate: Double?, weight: Double)] {
        [(figures.responseRate, response), (figures.onTimeRate, onTime), (figures.resolutionRate, resolution),
         (figures.satisfactionRate, satisfaction), (figures.everyItemAnsweredRate, everyItemAnswered), (figures.ownGroundRate, ownGround)]
    }
}

public enum AssessmentError: Error, Equatable, Sendable, Labelled {
    case negativeWeight(String, Double)
    case allWeightsZero
    case minimumActivityBelowOne(Int)

    public var label: LocalizedText {
        switch self {
        case .negativeWeight(let name, let value):
            LocalizedText(zh: "权重 \(name) 不能为负数或非数值（现为 \(value)）", en: "weight \(name) must not be negative or not a number (got \(value))")
        case .allWeightsZero:
            LocalizedText(zh: "各项比率的权重不能全为 0", en: "the rates' weights cannot all be 0")
        case .minimumActivityBelowOne(let value):
            LocalizedText(zh: "最低活动量至少为 1（现为 \(value)）", en: "the minimum activity must be at least 1 (got \(value))")
        }
    }
}

/// One unit's score and the figures behind it.
public struct UnitScore: Sendable, Hashable {
    public var unitID: UnitID
    public var figures: Figures
    /// 0...100, or nil when the unit had nothing to measure in the period (无数据).
    public var score: Double?
    public var rank: Int?

    /// The score as shown: one decimal, or "无数据" / "no data".
    public func scoreText(_ language: Language) -> String {
        score.map { String(format: "%.1f", $0) } ?? (language == .zh ? "无数据" : "no data")
    }
}

public enum Assessment {
    /// Scores `units` on their rolled-up figures: Σ weight·rate / Σ weight over the rates the
    /// unit has (a rate with nothing to divide by is left out, not counted as 0), × 100,
    /// less the overdue penalty, floored at 0. A unit with less activity than the weights'
    /// minimum has no score. Ranked best first; ties share a rank; unscored units last.
    ///
    /// Rank every unit of the level, then hide what a viewer may not look at
    /// (`shown(_:to:)`): ranks are the organisation's, not the viewer's.
    public static func rank(_ units: [UnitID], figures: [UnitID: Figures], weights: AssessmentWeights) -> [UnitScore] {
        var scores = units.map { unit -> UnitScore in
            let unitFigures = figures[unit] ?? Figures()
            let scored = unitFigures.activity >= weights.minimumActivity ? score(unitFigures, weights: weights) : nil
            return UnitScore(unitID: unit, figures: unitFigures, score: scored, rank: nil)
        }
        scores.sort { lhs, rhs in
            switch (lhs.score, rhs.score) {
            case let (l?, r?): l != r ? l > r : lhs.unitID < rhs.unitID
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): lhs.unitID < rhs.unitID
            }
        }
        var previous: (score: Double, rank: Int)?
        for index in scores.indices {
            guard let score = scores[index].score else { continue }
            let rank = previous.map { $0.score == score ? $0.rank : index + 1 } ?? index + 1
            scores[index].rank = rank
            previous = (score, rank)
        }
        return scores
    }

    /// The entries of a ranking a viewer may look at (nil: all), their ranks untouched.
    public static func shown(_ ranking: [UnitScore], to units: Set<UnitID>?) -> [UnitScore] {
        guard let units else { return ranking }
        return ranking.filter { units.contains($0.unitID) }
    }

    /// The red list (红榜) and the black list (黑榜): the best and the worst `mark` scored
    /// units, at most a third of the scored units each so the two never meet. Aligned with
    /// `ranking` (which is best first); nil for the units on neither.
    public static func standings(_ ranking: [UnitScore], mark: Int) -> [Standing?] {
        let scored = ranking.filter { $0.score != nil }.count
        let listed = max(0, min(mark, scored / 3))
        return ranking.indices.map { index in
            guard ranking[index].score != nil else { return nil }
            return index < listed ? .top : index >= scored - listed ? .bottom : nil
        }
    }

    public enum Standing: String, Sendable, Labelled {
        case top, bottom

        public var label: LocalizedText {
            switch self {
            case .top: LocalizedText(zh: "红榜", en: "top")
            case .bottom: LocalizedText(zh: "黑榜", en: "bottom")
            }
        }
    }

    public static func score(_ figures: Figures, weights: AssessmentWeights) -> Double? {
        let present = weights.parts(of: figures).compactMap { part in part.rate.map { ($0, part.weight) } }.filter { $0.1 > 0 }
        let total = present.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        let weighted = present.reduce(0) { $0 + $1.0 * $1.1 } / total * 100
        let score = max(0, weighted - Double(figures.overdue) * weights.overduePenalty)
        return (score * 10).rounded() / 10
    }
}
