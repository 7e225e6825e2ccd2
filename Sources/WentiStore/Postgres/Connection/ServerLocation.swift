import Foundation

/// Where a shared workspace lives and how to log in to it, from a PostgreSQL URL and the
/// libpq conventions people already use (`PGUSER`, `PGPASSWORD`, `~/.pgpass`, `PGSSLROOTCERT`).
///
/// - `postgresql://host[:port]/database`: TCP, always with verified TLS (the server's
///   certificate checked against the system's roots, or the company CA given by
///   `sslrootcert=FILE` or `PGSSLROOTCERT`).
/// - `postgresql:///database?host=/run/postgresql`: the Unix socket in that folder, where the
///   server can tell who connects (peer authentication) and TLS adds nothing.
///
/// A password is never part of the URL: one there is refused, so that it does not end up in
/// shell history or `ps`.
public struct ServerLocation: Sendable, Equatable {
    public enum Transport: Sendable, Equatable {
        case tcp(host: String, port: Int, caFile: String?)
        case socket(path: String)
    }

    public var transport: Transport
    public var database: String
    public var username: String
    /// From `PGPASSWORD` or `~/.pgpass`; nil when neither has one (peer authentication, or a prompt).
    public var password: String?

    /// Whether `text` names a server rather than a file.
    public static func isServerURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public enum Problem: Error, Equatable, Sendable {
        case notAURL(String)
        case passwordInURL
        case badPort(String)
        case unknownOption(String)

        public var message: (zh: String, en: String) {
            switch self {
            case .notAURL(let text):
                ("不是 PostgreSQL 地址：\(text)（应为 postgresql://主机/数据库 或 postgresql:///数据库?host=/套接字目录）",
                 "not a PostgreSQL URL: \(text) (expected postgresql://host/database or postgresql:///database?host=/socket/folder)")
            case .passwordInURL:
                ("地址中不能写密码：请用 PGPASSWORD 或 ~/.pgpass", "a password does not go in the URL: use PGPASSWORD or ~/.pgpass")
            case .badPort(let text):
                ("端口不是数字：\(text)", "the port is not a number: \(text)")
            case .unknownOption(let name):
                ("不认识的地址参数：\(name)（可用 host、port、user、sslrootcert）", "unknown URL option: \(name) (known: host, port, user, sslrootcert)")
            }
        }
    }

    /// Parses `text`, filling what it leaves out from `environment` as libpq does; the
    /// password file is read from `home`.
    public static func parse(_ text: String, environment: [String: String], home: String, account: String?) throws(Problem) -> ServerLocation {
        guard isServerURL(text), let components = URLComponents(string: text) else { throw .notAURL(text) }
        if components.password != nil { throw .passwordInURL }
        var options: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard ["host", "port", "user", "sslrootcert"].contains(item.name) else { throw .unknownOption(item.name) }
            options[item.name] = item.value ?? ""
        }
        let portText = options["port"] ?? components.port.map(String.init) ?? environment["PGPORT"] ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else { throw .badPort(portText) }
        let username = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? options["user"] ?? environment["PGUSER"] ?? account ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? (environment["PGDATABASE"] ?? username) : path
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? options["host"] ?? environment["PGHOST"] ?? "/run/postgresql"
        let transport: Transport = host.hasPrefix("/")
            ? .socket(path: (host as NSString).appendingPathComponent(".s.PGSQL.\(port)"))
            : .tcp(host: host, port: port, caFile: options["sslrootcert"] ?? environment["PGSSLROOTCERT"])
        var location = ServerLocation(transport: transport, database: database, username: username, password: nil)
        location.password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PasswordFile(path: environment["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass"))
                .password(host: host, port: port, database: database, username: username)
        return location
    }

    /// The server in a few words, for a status line: host and database, never the login.
    public var shortDescription: String {
        switch transport {
        case .tcp(let host, _, _): "\(host)/\(database)"
        case .socket: database
        }
    }

    /// How the location reads in messages: never the password.
    public var description: String {
        switch transport {
        case .tcp(let host, let port, _): "postgresql://\(username)@\(host):\(port)/\(database)"
        case .socket(let path): "postgresql:///\(database)?host=\((path as NSString).deletingLastPathComponent) (\(username))"
        }
    }
}

/// `~/.pgpass`: lines of host:port:database:username:password, `*` matching anything, `\:`
/// and `\\` escaped; the first matching line wins. Ignored, as libpq does, when others may
/// read it.
struct PasswordFile {
    let path: String

    func password(host: String, port: Int, database: String, username: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        // libpq matches a socket connection against the host "localhost".
        let wanted = [host.hasPrefix("/") ? "localhost" : host, String(port), database, username]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(of: String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func fields(of line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}
