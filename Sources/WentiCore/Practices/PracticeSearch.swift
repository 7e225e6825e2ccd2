import Foundation

/// Finding practice entries: by words (Chinese substrings, every word somewhere in the
/// entry), and by likeness to a concern (same category, shared runs of two characters).
public enum PracticeSearch {
    public static func matches(_ entry: PracticeEntry, text: String) -> Bool {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        guard !words.isEmpty else { return true }
        let haystack = ([entry.id, entry.title, entry.situation, entry.rootCause, entry.actions, entry.watchPoints] + entry.tags
                        + entry.sources.map(\.description)).joined(separator: "\n").lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }

    /// Entries sharing the concern's category, the most shared two-character runs of its
    /// title first; entries with no run in common are left out.
    public static func related(to concern: Concern, in entries: [PracticeEntry], limit: Int = 3) -> [PracticeEntry] {
        let runs = pairs(String(concern.title.prefix(comparedTitleLength)))
        return entries.filter { $0.categoryIDs.contains(concern.categoryID) && !$0.sources.contains(concern.code) }
            .map { entry in (entry, runs.intersection(pairs(entry.title + entry.situation + entry.rootCause)).count) }
            .filter { $0.1 > 0 }
            .sorted { ($0.1, $1.0.id) > ($1.1, $0.0.id) }
            .prefix(limit).map(\.0)
    }

    /// Solved concerns like `concern`, most alike first, at most `limit`: of its category,
    /// compared on title and root cause by the runs of two letters they share, each run
    /// weighted by how rare it is among the compared cases (log((n + 1) / cases holding it)),
    /// so that "员工" or "反映" say little and "补贴" or "报表" much. Runs from the
    /// organisation's unit names ("青山所", "运维班") are left out: two concerns of one
    /// place are not alike for that. A case must score `enough` to be suggested.
    ///
    /// Measured on the demo's seeds against hand-labelled pairs (the app's tests print it):
    /// the title-only likeness suggested 13 cases of which 3 were right; this suggests fewer
    /// and mostly right ones.
    public static func similar(to concern: Concern, among candidates: [Concern], organisation: Organisation,
                               limit: Int = 3) -> [Concern] {
        let pool = candidates.filter { $0.categoryID == concern.categoryID && $0.code != concern.code }
        let chosen = similar(to: concern, among: pool.map { (code: $0.code, runs: comparedRuns(of: $0)) }, organisation: organisation, limit: limit)
        return chosen.compactMap { code in pool.first { $0.code == code } }
    }

    /// The same, on candidates of the concern's category whose runs (`comparedRuns`) the
    /// caller keeps between calls, so that moving through a library does not rebuild them.
    public static func similar(to concern: Concern, among candidates: [(code: ConcernCode, runs: Set<String>)],
                               organisation: Organisation, limit: Int = 3) -> [ConcernCode] {
        let stop = placePairs(organisation)
        let pool = candidates.filter { $0.code != concern.code }
        let mine = comparedRuns(of: concern).subtracting(stop)
        let theirs = pool.map { $0.runs.subtracting(stop) }
        var holding: [String: Int] = [:]
        for set in theirs + [mine] { for run in set { holding[run, default: 0] += 1 } }
        let cases = Double(pool.count + 1)
        func weight(_ run: String) -> Double { log((cases + 1) / Double(holding[run] ?? 1)) }
        return zip(pool, theirs)
            .map { candidate, runs in (candidate.code, mine.intersection(runs).reduce(0) { $0 + weight($1) }) }
            .filter { $0.1 >= similarEnough }
            .sorted { ($0.1, $0.0) > ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }

    /// How much of a title and a root cause is compared. A likeness is decided by the words
    /// of a title and the start of its root cause; a title of 10,000 characters (from an old
    /// import) or a long root cause made every key of the libraries wait for their runs.
    public static let comparedTitleLength = Workflow.maximumTitleLength
    public static let comparedRootCauseLength = 400

    /// The runs of two letters `similar` compares a concern on.
    public static func comparedRuns(of concern: Concern) -> Set<String> {
        comparedRuns(title: concern.title, rootCause: concern.analysis.rootCause)
    }

    /// The same from the two texts alone (what a store reads for the candidates).
    public static func comparedRuns(title: String, rootCause: String) -> Set<String> {
        pairs(String(title.prefix(comparedTitleLength)) + "。" + String(rootCause.prefix(comparedRootCauseLength)))
    }

    /// The least score of a suggestion: about one run that no other compared case holds
    /// (log 21 ≈ 3.0 among twenty cases), or several commoner ones.
    public static let similarEnough = 3.0

    /// The runs of the unit names, and of their short forms ("青山供电所" is "青山所" in speech).
    static func placePairs(_ organisation: Organisation) -> Set<String> {
        var names: [String] = []
        for unit in organisation.unitsInTreeOrder {
            names.append(unit.name)
            if unit.name.hasSuffix("供电所") { names.append(String(unit.name.dropLast(3)) + "所") }
        }
        return names.reduce(into: Set<String>()) { $0.formUnion(pairs($1)) }
    }

    /// How alike two texts are: the runs of two letters they share.
    public static func likeness(_ a: String, _ b: String) -> Int {
        pairs(a).intersection(pairs(b)).count
    }

    /// Every run of two letters (punctuation and spaces dropped).
    static func pairs(_ text: String) -> Set<String> {
        let letters = Array(text.filter { $0.isLetter || $0.isNumber })
        guard letters.count >= 2 else { return [] }
        return Set((0..<(letters.count - 1)).map { String(letters[$0...($0 + 1)]) })
    }
}
