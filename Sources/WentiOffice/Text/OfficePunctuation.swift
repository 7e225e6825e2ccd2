/// Chinese documents use full-width punctuation throughout (GB/T 15834). Text from the data
/// is typed on ordinary keyboards and often carries half-width marks; they are converted
/// where they sit next to Chinese text, so "原因:人手不足" prints as "原因：人手不足" while
/// codes, dates and numbers ("DB-2026-001", "89.5%", "2026-11-20") stay as they are.
public enum OfficePunctuation {
    static let fullWidth: [Character: Character] = [
        ":": "：", ",": "，", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）",
    ]

    public static func chinese(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        // Whether each open bracket still unmatched was made full-width, so that its closing
        // one follows it even when English sits inside: "（DB-2026-001)" → "（DB-2026-001）".
        var openBrackets: [Bool] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard let wide = fullWidth[character] else {
                result.append(character)
                continue
            }
            let before = result.last { $0 != " " }
            let after = characters[index...].first { $0 != " " }
            var convert = isChinese(before) || isChinese(after)
            if character == "(" { openBrackets.append(convert) }
            if character == ")" { convert = openBrackets.popLast() ?? convert }
            guard convert else {
                result.append(character)
                continue
            }
            // A full-width mark carries its own spacing: the spaces typed around it go.
            while result.last == " " { result.removeLast() }
            result.append(wide)
            while index < characters.count, characters[index] == " " { index += 1 }
        }
        return result
    }

    static func isChinese(_ character: Character?) -> Bool {
        guard let scalar = character?.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
