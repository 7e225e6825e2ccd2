import Foundation
import TOMLKit
import WentiTerminal

/// The user's key overrides, a TOML file:
///
/// ```toml
/// [keys]
/// move-down = ["j", "Down", "C-n"]
/// quit = "Q"
/// ```
///
/// An action listed here gets exactly these keys instead of its defaults. Found at
/// `$XDG_CONFIG_HOME/wenti/keys.toml`, else `~/.config/wenti/keys.toml`; none is fine.
public enum KeymapFile {
    public static func defaultPath(environment: [String: String]) -> String {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (configHome as NSString).appendingPathComponent("wenti/keys.toml")
    }

    /// The overrides in the file at `path`; none when there is no file.
    public static func load(path: String) throws(KeymapError) -> [String: [Key]] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: "cannot read the file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(KeymapError) -> [String: [Key]] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .unreadable(path: path, reason: "\(error.description) at line \(error.source.begin.line), column \(error.source.begin.column)")
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard let keys = table["keys"]?.table else { return [:] }
        var overrides: [String: [Key]] = [:]
        for (action, value) in keys {
            let names: [String]
            if let single = value.string {
                names = [single]
            } else if let list = value.array {
                names = list.compactMap(\.string)
            } else {
                throw .unreadable(path: path, reason: "keys.\(action) must be a key name or a list of key names")
            }
            overrides[action] = try names.map { name throws(KeymapError) in
                guard let key = Key(name: name) else { throw .unknownKey(name, action: action) }
                return key
            }
        }
        return overrides
    }
}
