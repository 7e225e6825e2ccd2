/// How many terminal columns text takes, exactly as ncursesw (glibc's `wcwidth`) counts them.
///
/// The tables come from `tools/generate-width-table`; a scalar in neither table takes one
/// column. A `Character` (grapheme cluster) takes the width of its first scalar: the
/// sanitiser reduces emoji sequences and strips what ncurses cannot hold first, so that the
/// width measured here is the width drawn.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }  // ASCII fast path; controls never reach the screen
        if contains(wideRanges, value) { return 2 }
        if contains(zeroWidthRanges, value) { return 0 }
        return 1
    }

    public static func of(_ character: Character) -> Int {
        character.unicodeScalars.first.map(of) ?? 0
    }

    /// Columns of sanitised text (see `TextSanitizer`).
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
