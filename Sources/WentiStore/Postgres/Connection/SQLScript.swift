import Foundation

/// A script of several SQL statements, split where PostgreSQL would end each one: at a
/// semicolon outside quotes, dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`) and comments.
/// The extended query protocol, which postgres-nio speaks, takes one statement at a time.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var characters = Array(script)[...]
        var dollarTag: String?
        var inQuote = false
        while let character = characters.popFirst() {
            if let tag = dollarTag {
                current.append(character)
                if character == "$", current.hasSuffix(tag) { dollarTag = nil }
                continue
            }
            if inQuote {
                current.append(character)
                if character == "'" { inQuote = false }
                continue
            }
            switch character {
            case "'":
                inQuote = true
                current.append(character)
            case "-" where characters.first == "-":
                // A comment runs to the end of the line.
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            case "$":
                // $tag$ opens a dollar-quoted string ($1, $2 are parameters, not tags).
                var tag = "$"
                var lookahead = characters
                while let next = lookahead.first, next.isLetter || next == "_" { tag.append(next); lookahead.removeFirst() }
                if lookahead.first == "$" {
                    tag.append("$")
                    lookahead.removeFirst()
                    characters = lookahead
                    current += tag
                    dollarTag = tag
                } else {
                    current.append(character)
                }
            case ";":
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            default:
                current.append(character)
            }
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }
}
