/// The readable id of a concern: `Q-2026-0042` (year of intake, sequence within the year).
public struct ConcernCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    /// For each year, the largest sequence among `codes` (those with sequence 0, still to be
    /// allocated, do not count).
    public static func largestPerYear(_ codes: some Sequence<ConcernCode>) -> [Int: Int] {
        var largest: [Int: Int] = [:]
        for code in codes where code.sequence != 0 { largest[code.year] = max(largest[code.year] ?? 0, code.sequence) }
        return largest
    }

    /// Parses `Q-2026-0042` (case-insensitive `q`); nil for anything else.
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "Q", parts[1].count == 4,
              let year = Int(parts[1]), let sequence = Int(parts[2]), sequence > 0,
              parts[2].allSatisfy(\.isASCII) else { return nil }
        self.init(year: year, sequence: sequence)
    }

    /// The codes a typed number may mean, most likely first; nil when the text is no concern
    /// number at all. People type a code whole (`Q-2026-0068`, any case), without its letter
    /// (`2026-0068`), or only its sequence (`0068`, `68`): a bare sequence means this year's
    /// concern first, then the same number in each of the `yearsBack` years before.
    public static func candidates(for text: String, thisYear: Int, yearsBack: Int = 5) -> [ConcernCode]? {
        let typed = text.trimmed
        if let code = ConcernCode(typed) { return [code] }
        if let code = ConcernCode("Q-" + typed) { return [code] }
        guard (1...6).contains(typed.count), typed.allSatisfy({ $0.isASCII && $0.isNumber }),
              let sequence = Int(typed), sequence > 0 else { return nil }
        return (0...max(0, yearsBack)).map { ConcernCode(year: thisYear - $0, sequence: sequence) }
    }

    public var description: String {
        // Hand-padded: String(format:) goes through Foundation and showed up in bulk-insert profiles.
        let digits = String(sequence)
        return "Q-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public static func < (l: ConcernCode, r: ConcernCode) -> Bool { (l.year, l.sequence) < (r.year, r.sequence) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = ConcernCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a concern id like Q-2026-0042: \(text)")
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
