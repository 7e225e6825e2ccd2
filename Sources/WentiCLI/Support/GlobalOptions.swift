import ArgumentParser
import Foundation
import WentiCore
import WentiStore

/// The options every command shares: which database, who acts, which language.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace database (default: $WENTI_DB, else $XDG_DATA_HOME/wenti/wenti.sqlite).")
    var db: String?

    @Option(name: .customLong("as"), help: "The acting person's id (default: $WENTI_USER, else the workspace's default).")
    var actor: String?

    @Option(name: .long, help: "Language of messages and tables: zh or en (default from LC_ALL / LANG).")
    var lang: Language?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var language: Language { lang ?? Language.fromEnvironment(environment) }

    var actorID: PersonID? {
        if let actor, !actor.isEmpty { return PersonID(actor) }
        if let user = environment["WENTI_USER"], !user.isEmpty { return PersonID(user) }
        return nil
    }

    /// `--db`, else `WENTI_DB`, else `wenti.sqlite` in the user data directory.
    var databasePath: String { databasePath(defaultName: "wenti.sqlite") }

    /// The demo keeps its own default file, so that it never replaces the real workspace.
    func databasePath(defaultName: String) -> String {
        if let db, !db.isEmpty { return db }
        if let path = environment["WENTI_DB"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("wenti/" + defaultName)
    }

    /// Opens an existing workspace; a missing file is an error, not a new empty database.
    func openStore() throws(CLIFailure) -> SQLiteStore {
        do {
            let store = try SQLiteStore(path: databasePath, create: false)
            _ = try store.workspace()
            return store
        } catch {
            throw CLIFailure(error.label)
        }
    }
}

extension Language: ExpressibleByArgument {}
