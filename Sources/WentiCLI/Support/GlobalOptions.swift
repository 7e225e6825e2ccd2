import ArgumentParser
import Foundation
import WentiCore
import WentiSession
import WentiStore

/// The options every command shares: which workspace, whose view, which language. Who is
/// acting is not among them: it is the person whose login runs wenti.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace database (default: $WENTI_DB, else $XDG_DATA_HOME/wenti/wenti.sqlite, else the demo's).")
    var db: String?

    @Option(name: .customLong("as"), help: "View as this person (id or name), read-only; political-work staff only (default: $WENTI_USER).")
    var viewAs: String?

    @Option(name: .long, help: "Language of messages and tables: zh or en (default from LC_ALL / LANG).")
    var lang: Language?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var language: Language { lang ?? Language.fromEnvironment(environment) }

    /// Whose view was asked for: `--as`, else `WENTI_USER`.
    var viewAsName: String? {
        if let viewAs, !viewAs.isEmpty { return viewAs }
        if let user = environment["WENTI_USER"], !user.isEmpty { return user }
        return nil
    }

    /// `--db`, else `WENTI_DB`, else `wenti.sqlite` in the user data directory, else (when
    /// no real workspace exists yet) the demo's, so that `wenti demo` then `wenti list` works.
    var databasePath: String {
        if let explicit = explicitPath { return explicit }
        let real = defaultPath(name: "wenti.sqlite")
        let demo = defaultPath(name: "demo.sqlite")
        return !FileManager.default.fileExists(atPath: real) && FileManager.default.fileExists(atPath: demo) ? demo : real
    }

    var explicitPath: String? {
        if let db, !db.isEmpty { return db }
        if let path = environment["WENTI_DB"], !path.isEmpty { return path }
        return nil
    }

    /// The demo keeps its own default file, so that it never replaces the real workspace.
    func databasePath(defaultName: String) -> String {
        explicitPath ?? defaultPath(name: defaultName)
    }

    private func defaultPath(name: String) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("wenti/" + name)
    }

    /// Opens an existing workspace; a missing file is an error, not a new empty database.
    /// The message names the file, which the store itself never does.
    func openStore(at path: String? = nil) async throws(CLIFailure) -> SQLiteStore {
        let path = path ?? databasePath
        do {
            let store = try SQLiteStore(path: path, create: false)
            _ = try await store.workspace()
            return store
        } catch {
            throw CLIFailure(LocalizedText(zh: "\(path)：\(error.label.zh)", en: "\(path): \(error.label.en)"))
        }
    }

    /// The session of the account running wenti on the workspace, viewing as `--as` when
    /// asked; a view-as session announces itself on standard error.
    func openSession(at path: String? = nil) async throws -> Session {
        let store = try await openStore(at: path)
        guard let login = Login.current() else {
            throw CLIFailure(zh: "无法确定运行 wenti 的系统账号", en: "cannot tell which operating-system account runs wenti")
        }
        let session = try await Session.open(store: store, login: login, viewAs: viewAsName)
        if let header = session.viewHeader { printNotice(header.text(language)) }
        // A workspace from before sealing keeps its identities aside in plain text until then.
        if let waiting = try? await store.identitiesAwaitingSeal(), waiting > 0 {
            printNotice(LocalizedText(zh: "有 \(waiting) 个匿名身份仍是加密功能启用前的明文：请政工人员运行 wenti keys init 加密",
                                      en: "\(waiting) anonymous identities are still in plain text from before sealing: political-work staff, run wenti keys init").text(language))
        }
        return session
    }
}

extension Language: ExpressibleByArgument {}
