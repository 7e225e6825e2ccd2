import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through SQLite's C API, for the statements a bulk
/// insert runs once per row or per key (staged rows, their children, audit entries, the
/// figure rollup). GRDB's `StatementArguments` boxes every value as an existential and
/// copies the array; at 100,000 concerns those statements spent more time binding than
/// SQLite spent running them.
struct BoundStatement {
    /// Held, not only its handle: GRDB finalizes a statement it no longer holds itself (its
    /// cache is emptied when the schema changes, as a bulk insert's dropped indexes do).
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// Clears the previous row's bindings and state; call before binding a new row.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    /// Text, or NULL for nil. SQLite copies the bytes (SQLITE_TRANSIENT): the Swift string
    /// may go away before the statement runs.
    func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_text(handle, index, value, -1, Self.transient)
    }

    /// Binds any GRDB value (the concern row's columns come as such).
    func bind(_ index: Int32, _ value: DatabaseValue) {
        switch value.storage {
        case .null: sqlite3_bind_null(handle, index)
        case .int64(let number): sqlite3_bind_int64(handle, index, number)
        case .double(let number): sqlite3_bind_double(handle, index, number)
        case .string(let text): sqlite3_bind_text(handle, index, text, -1, Self.transient)
        case .blob(let data):
            _ = data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// Runs a statement that returns no row.
    func run() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a statement that returns one integer (an upsert's `RETURNING`).
    func runReturningInt() throws -> Int64 {
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else { throw error(code == SQLITE_DONE ? SQLITE_MISUSE : code) }
        let value = sqlite3_column_int64(handle, 0)
        // Stepped to the end, so the statement's write is complete before the next reset.
        let end = sqlite3_step(handle)
        guard end == SQLITE_DONE else { throw error(end) }
        return value
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound text before the Swift string goes away.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
