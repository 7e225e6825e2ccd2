import Foundation
import WentiCore

/// Where an operating-system account keeps its protected keys: `$XDG_CONFIG_HOME/wenti/keys`
/// (else `~/.config/wenti/keys`), one file per key named by its fingerprint, so one account
/// can hold keys for several workspaces. The folder is 0700 and each file 0600; a file holds
/// only a `ProtectedKey`, never the key in the clear.
public struct KeyFolder: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The account's folder, from the environment as given.
    public static func standard(environment: [String: String]) -> KeyFolder {
        let config: URL
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            config = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
            config = home.appendingPathComponent(".config")
        }
        return KeyFolder(url: config.appendingPathComponent("wenti").appendingPathComponent("keys"))
    }

    public func path(forFingerprint fingerprint: String) -> String {
        url.appendingPathComponent(fingerprint + ".key").path
    }

    /// Writes the protected key (replacing a file of the same key), readable by the account only.
    @discardableResult
    public func save(_ key: ProtectedKey) throws(SealError) -> String {
        let path = path(forFingerprint: key.fingerprint)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(key)
            // Created 0600 before any byte is written, then moved into place whole.
            let temporary = path + ".writing"
            FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600])
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: data)
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw .unreadableKeyFile(path)
        }
        return path
    }

    /// The protected key whose public key is `publicKey`, or nil when this account has none.
    public func load(publicKey: Data) throws(SealError) -> ProtectedKey? {
        let path = path(forFingerprint: IdentityKey.fingerprint(of: publicKey))
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
              let key = try? JSONDecoder().decode(ProtectedKey.self, from: data),
              key.format == ProtectedKey.format, key.publicKey == publicKey else {
            throw .unreadableKeyFile(path)
        }
        return key
    }
}
