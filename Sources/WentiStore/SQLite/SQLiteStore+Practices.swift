import Foundation
import GRDB
import WentiCore

/// The three practice libraries: entries written from solved concerns.
extension SQLiteStore {
    // MARK: Practices

    public func add(_ draft: PracticeEntry, actor person: Person) async throws(StoreError) -> PracticeEntry {
        try await write { db in
            var practice = draft
            practice.id = try Self.nextRecordID(table: "practice", prefix: "SJ", year: practice.createdOn.civil.year, in: db)
            let sources = try practice.sources.map { code in
                guard let (_, concern) = try ConcernRows.load(code, in: db) else { throw PracticeError.unknownSource(code) }
                return concern
            }
            try practice.validate(sourceConcerns: sources)
            let tags = String(decoding: try JSONEncoder.sorted.encode(practice.tags), as: UTF8.self)
            try db.execute(sql: "INSERT INTO practice VALUES (?,?,?,?,?,?,?,?,?,?)", arguments: [
                practice.id, practice.library.rawValue, practice.title, practice.situation, practice.rootCause,
                practice.actions, practice.watchPoints, tags, practice.createdOn.ordinal, practice.authorID.rawValue,
            ])
            for category in practice.categoryIDs {
                try db.execute(sql: "INSERT INTO practice_category VALUES (?,?)", arguments: [practice.id, category.rawValue])
            }
            for code in practice.sources {
                try db.execute(sql: "INSERT INTO practice_source VALUES (?,?)", arguments: [practice.id, try Self.rowID(of: code, in: db)])
            }
            try appendAudit(db, actor: person.id, action: MethodAction.practiceWrite.rawValue, subject: practice.id, changes: [
                FieldChange(field: "library", old: "", new: practice.library.rawValue),
                FieldChange(field: "sources", old: "", new: practice.sources.map(\.description).joined(separator: ",")),
            ])
            return practice
        }
    }

    public func practices() async throws(StoreError) -> [PracticeEntry] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM practice ORDER BY created_on, id").map { row in
                let id = row.text("id")
                let categories = try String.fetchAll(db, sql: "SELECT category_id FROM practice_category WHERE practice_id = ? ORDER BY category_id", arguments: [id])
                let sources = try Row.fetchAll(db, sql: """
                    SELECT c.year, c.seq FROM practice_source s JOIN concern c ON c.id = s.concern_id
                    WHERE s.practice_id = ? ORDER BY c.year, c.seq
                    """, arguments: [id]).map { ConcernCode(year: $0.int("year"), sequence: $0.int("seq")) }
                return PracticeEntry(
                    id: id, library: try row.value("library"), title: row.text("title"), situation: row.text("situation"),
                    rootCause: row.text("root_cause"), actions: row.text("actions"), watchPoints: row.text("watch_points"),
                    categoryIDs: categories.map { CategoryID($0) },
                    tags: try JSONDecoder().decode([String].self, from: Data(row.text("tags").utf8)),
                    sources: sources, createdOn: row.day("created_on"), authorID: row.person("author_id"))
            }
        }
    }

    /// The next number of a record kept as PREFIX-YYYY-NNN (notices, practices), read inside
    /// the inserting transaction: SQLite's one writer makes it safe from a second process.
    static func nextRecordID(table: String, prefix letters: String, year: Int, in db: Database) throws -> String {
        let prefix = letters + String(format: "-%04d-", year)
        let last = try String.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id LIKE ?", arguments: [prefix + "%"])
            .compactMap { Int($0.dropFirst(prefix.count)) }.max() ?? 0
        return prefix + String(format: "%03d", last + 1)
    }

    static func rowID(of code: ConcernCode, in db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM concern WHERE year = ? AND seq = ?",
                                          arguments: [code.year, code.sequence]) else {
            throw StoreError.concernNotFound(code)
        }
        return id
    }
}
