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

    /// Opens an existing workspace: an SQLite file, or a shared server when the location is a
    /// PostgreSQL URL. A missing file is an error, not a new empty database. The message names
    /// the file or server, which the store itself never does.
    func openStore(at path: String? = nil) async throws(CLIFailure) -> any WorkspaceStore {
        let path = path ?? databasePath
        let server = ServerLocation.isServerURL(path) ? try serverLocation(path) : nil
        do throws(StoreError) {
            if var location = server {
                do throws(StoreError) {
                    return try await PostgresStore.open(location)
                } catch .passwordRequired where location.password == nil && Self.hasTerminal {
                    // As psql does: asked only when the server wants one, never echoed.
                    location.password = try Self.askPassword(for: location, language: language)
                    return try await PostgresStore.open(location)
                }
            }
            let store = try SQLiteStore(path: path, create: false)
            _ = try await store.workspace()
            return store
        } catch {
            throw CLIFailure(LocalizedText(zh: "\(Self.shown(path))：\(error.label.zh)", en: "\(Self.shown(path)): \(error.label.en)"))
        }
    }

    /// A server URL with libpq's defaults from the environment (user, password file, CA).
    func serverLocation(_ url: String) throws(CLIFailure) -> ServerLocation {
        do {
            // ~/.pgpass is found through HOME first, as libpq does, then the account's home.
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return try ServerLocation.parse(url, environment: environment, home: home, account: Login.current())
        } catch {
            throw CLIFailure(LocalizedText(zh: error.message.zh, en: error.message.en))
        }
    }

    static var hasTerminal: Bool {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    static func askPassword(for location: ServerLocation, language: Language) throws(StoreError) -> String {
        do {
            return try SecretInput.readFromTerminal(LocalizedText(zh: "\(location.username)@\(location.shortDescription) 的密码：",
                                                                  en: "Password for \(location.username)@\(location.shortDescription):").text(language))
        } catch {
            throw .passwordRequired(role: location.username)
        }
    }

    /// How a location reads in a message (a URL as given: it never holds a password).
    static func shown(_ path: String) -> String { path }

    /// Where this person's own files about the workspace live (the intake draft, the office
    /// settings): beside an SQLite file, or for a server in the user data directory, one
    /// name per server and database.
    func localFilesBase(for location: String) -> String {
        guard ServerLocation.isServerURL(location) else { return location }
        let name = location.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "_" }.joined()
        return defaultPath(name: "shared/" + name)
    }

    /// The session of the account running wenti on the workspace, viewing as `--as` when
    /// asked; a view-as session announces itself on standard error.
    func openSession(at path: String? = nil) async throws -> Session {
        let store = try await openStore(at: path)
        // On a server the principal is the database role that logged in; locally the account.
        let login: String
        if let server = store as? PostgresStore {
            login = server.sessionUser
        } else if let account = Login.current() {
            login = account
        } else {
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
