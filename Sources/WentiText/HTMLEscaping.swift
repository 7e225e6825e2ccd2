/// Text from data made safe inside HTML: the five specials as entities, and a line break
/// (kept by the sanitiser's multi-line mode) as <br>, since HTML would show it as a space.
/// One function for the template documents and the printed ones.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\n": escaped += "<br>"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
