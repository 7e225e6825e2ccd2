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
        let runs = pairs(concern.title)
        return entries.filter { $0.categoryIDs.contains(concern.categoryID) && !$0.sources.contains(concern.code) }
            .map { entry in (entry, runs.intersection(pairs(entry.title + entry.situation + entry.rootCause)).count) }
            .filter { $0.1 > 0 }
            .sorted { ($0.1, $1.0.id) > ($1.1, $0.0.id) }
            .prefix(limit).map(\.0)
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
