/// The permission table as a Markdown table: `docs/PERMISSIONS.md` carries it, and a test
/// keeps the document and `Permissions.table` equal; `wenti permissions` prints it.
public enum PermissionsDocument {
    public static func table(_ language: Language) -> String {
        var lines = ["| " + (language == .zh ? "操作" : "action") + " | " + Role.allCases.map { $0.label.text(language) }.joined(separator: " | ") + " |"]
        lines.append("|" + String(repeating: "---|", count: Role.allCases.count + 1))
        for action in MethodAction.allCases {
            let cells = Role.allCases.map { role -> String in
                let reaches = Reach.allCases.filter(Permissions.reaches(role, action).contains)
                return reaches.isEmpty ? "—" : reaches.map { $0.label.text(language) }.joined(separator: language == .zh ? "、" : ", ")
            }
            lines.append("| `\(action.rawValue)` " + action.label.text(language) + " | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
