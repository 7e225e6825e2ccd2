import WentiCore

/// What the first reading of an import file found, for the checks made before the second
/// reading writes it (`Session.importConcerns`): a million rows are checked without a
/// million concerns held in memory.
public struct ImportPlan: Sendable {
    /// The libraries the rows go into, each once, in the order they first appear.
    public private(set) var units: [UnitID] = []
    /// The codes the file gives, in its order.
    public private(set) var givenCodes: [ConcernCode] = []
    /// How many concerns the file holds.
    public private(set) var count = 0
    /// For each year, the largest sequence of a code the file gives.
    public var largestGiven: [Int: Int] { ConcernCode.largestPerYear(givenCodes) }
    private var knownUnits: Set<UnitID> = []

    public init() {}

    /// Notes a row's concern (its code's sequence is 0 when the file gives none).
    public mutating func add(_ concern: Concern) {
        count += 1
        if knownUnits.insert(concern.unitID).inserted { units.append(concern.unitID) }
        if concern.code.sequence != 0 { givenCodes.append(concern.code) }
    }
}
