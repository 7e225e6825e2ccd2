import Foundation
import GRDB

/// What an existing file holds, found without changing a byte of it.
///
/// Opening a workspace used to run the migrator on every open: it took the write lock (so a
/// read waited behind another process's write and failed after 3 s), moved the schema cookie
/// on every `wenti list`, could not open a read-only file, and on another application's
/// SQLite file added wenti's tables and switched it to WAL before failing. The file is now
/// looked at through a read-only connection first, and written only to bring a wenti
/// workspace's schema up to date.
enum WorkspaceFile {
    enum Contents: Equatable {
        /// A file of no bytes, or an SQLite database with no tables: `init` may fill it.
        case empty
        /// A wenti workspace; `upToDate` when every migration has run.
        case workspace(upToDate: Bool)
        /// Something else: another application's database, or not SQLite at all.
        case foreign
        /// SQLite could not read it (no permission, a missing folder): its result code.
        case unreadable(String)
    }

    static func inspect(path: String) -> Contents {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 { return .empty }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: readablePath(path), configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if tables.isEmpty { return .empty }
                guard tables.contains("grdb_migrations") else { return .foreign }
                let migrator = Schema.migrator
                let applied = try migrator.appliedIdentifiers(db)
                // Ours when it carries our first migration; another GRDB application's file does not.
                guard let first = migrator.migrations.first, applied.contains(first) else { return .foreign }
                return .workspace(upToDate: try migrator.hasCompletedMigrations(db))
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return .foreign
        } catch let error as DatabaseError {
            return .unreadable("\(error.resultCode)")
        } catch {
            return .unreadable("\(error)")
        }
    }

    /// The name to open `path` by for reading. SQLite reads a WAL file only beside its
    /// `-wal` and `-shm` companions, which it cannot create in a folder this process may not
    /// write; when they are absent there, no process is writing the file either, and SQLite is
    /// told it will not change (`immutable`), so it reads without them.
    static func readablePath(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        guard access(directory.isEmpty ? "." : directory, W_OK) != 0, !FileManager.default.fileExists(atPath: path + "-wal") else { return path }
        let absolute = (path as NSString).isAbsolutePath ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Whether this process may change the file: the file and the folder its `-wal` and
    /// `-shm` companions live in must both be writable.
    static func isWritable(path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(directory.isEmpty ? "." : directory, W_OK) == 0
    }
}
