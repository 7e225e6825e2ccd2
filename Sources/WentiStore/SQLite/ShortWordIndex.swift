import GRDB

/// The index that finds words of one and two characters, which the trigram index never
/// finds: a second FTS5 table (`concern_chars`) whose tokens are every single character and
/// every pair of neighbouring characters of the searched texts.
///
/// FTS5's own tokenizers keep a run of Chinese as one token, so the text is indexed as
/// `tokens(of:)` writes it: "补贴费" becomes "补 补贴 贴 贴费 费", and the unicode61
/// tokenizer reads each of those as one token. A word of one or two characters is then one
/// token, looked up directly: no phrase query, so the index keeps no positions
/// (`detail=none`, the smallest FTS5 index), and a page of the newest matches reads a page
/// of the token's list, however common or rare the word. Only Chinese characters and ASCII
/// letters and digits are indexed; a pair is made only of two such characters next to each
/// other in one text, so "补，贴" does not hold "补贴". A word holding any other character
/// is not looked up here (`token(for:)` is nil) and is matched row by row as before, so
/// what is found never depends on the index.
///
/// The table is contentless (it stores no text, only the index), so deleting an entry needs
/// the text it was made from: the triggers rebuild it with `wenti_chars`, an SQL function
/// every connection of `SQLiteStore` registers. A tool without it (the sqlite3 shell) can
/// read the file, but its changes to the searched texts are refused, never left unindexed.
enum ShortWordIndex {
    static let table = "concern_chars"
    static let functionName = "wenti_chars"

    /// Chinese characters (the unified ideographs, extension A and the compatibility block)
    /// and ASCII letters and digits: characters the unicode61 tokenizer keeps as they are,
    /// apart from the ASCII case, which it folds as SQLite's `lower()` does.
    static func isIndexed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// The texts as the index reads them: "补贴 费用" becomes "补 补贴 贴 费 费用 用".
    static func tokens(of texts: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count } * 3)
        for text in texts {
            var previous: Unicode.Scalar?
            for scalar in text.unicodeScalars {
                guard isIndexed(scalar) else {
                    previous = nil
                    continue
                }
                if let previous {
                    // The pair ends where the single character starts: "补贴 贴".
                    out.append(contentsOf: String(previous).utf8)
                    out.append(contentsOf: String(scalar).utf8)
                    out.append(0x20)
                }
                out.append(contentsOf: String(scalar).utf8)
                out.append(0x20)
                previous = scalar
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The token of a word of one or two characters (as an FTS5 string), nil when the index
    /// cannot answer it (longer, or holding a character it does not keep).
    static func token(for word: String) -> String? {
        let scalars = Array(word.lowercased().unicodeScalars)
        guard (1...2).contains(scalars.count), scalars.allSatisfy(isIndexed) else { return nil }
        return "\"" + scalars.map(String.init).joined() + "\""
    }

    /// `wenti_chars(title, description, root_cause, plan)`: registered on every connection.
    static var function: DatabaseFunction {
        DatabaseFunction(functionName, argumentCount: 4, pure: true) { values in
            tokens(of: values.map { String.fromDatabaseValue($0) ?? "" })
        }
    }

    static let searchedColumns = "title, description, root_cause, plan"

    /// Creates the index and fills it from the concerns already there; from then on the
    /// triggers keep it on update, and every insert of `ConcernRows` adds its entries.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE \(table) USING fts5(text, content='', detail=none, tokenize='unicode61 remove_diacritics 0');
            INSERT INTO \(table)(rowid, text) SELECT id, \(functionName)(\(searchedColumns)) FROM concern ORDER BY id;
            CREATE TRIGGER concern_chars_delete AFTER DELETE ON concern BEGIN
              INSERT INTO \(table)(\(table), rowid, text)
              VALUES ('delete', old.id, \(functionName)(old.title, old.description, old.root_cause, old.plan));
            END;
            CREATE TRIGGER concern_chars_update AFTER UPDATE OF \(searchedColumns) ON concern
              WHEN old.title IS NOT new.title OR old.description IS NOT new.description
                OR old.root_cause IS NOT new.root_cause OR old.plan IS NOT new.plan BEGIN
              INSERT INTO \(table)(\(table), rowid, text)
              VALUES ('delete', old.id, \(functionName)(old.title, old.description, old.root_cause, old.plan));
              INSERT INTO \(table)(rowid, text) VALUES (new.id, \(functionName)(new.title, new.description, new.root_cause, new.plan));
            END;
            """)
    }

    /// Indexes one new concern (inserts are indexed by the writer, as the trigram index is).
    static let insertSQL = "INSERT INTO \(table)(rowid, text) VALUES (?, ?)"

    /// Indexes a whole staged batch with one statement.
    static let insertStagedSQL = "INSERT INTO \(table)(rowid, text) SELECT id, \(functionName)(\(searchedColumns)) FROM temp.concern_staging ORDER BY id"
}
