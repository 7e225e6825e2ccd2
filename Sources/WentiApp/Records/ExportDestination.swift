import Foundation

/// Where a document exported from the screen goes.
///
/// The typed path used to be taken relative to the folder wenti was started in, which the
/// person at the screen cannot see, and an existing file was replaced without a word. A
/// relative path now lives in the user's documents folder, the form shows the full path
/// from the start, and an existing file is replaced only when the person says so.
struct ExportDestination: Equatable {
    /// The documents folder: `XDG_DOCUMENTS_DIR`, else the one `user-dirs.dirs` names (on a
    /// Chinese desktop often ~/文档), else ~/Documents.
    static func documentsFolder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func expand(_ value: String) -> String {
            let unquoted = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return unquoted.replacingOccurrences(of: "$HOME", with: home)
        }
        if let folder = environment["XDG_DOCUMENTS_DIR"], !folder.isEmpty { return expand(folder) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home as NSString).appendingPathComponent(".config")
        if let text = try? String(contentsOfFile: (config as NSString).appendingPathComponent("user-dirs.dirs"), encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("XDG_DOCUMENTS_DIR=") {
                let folder = expand(String(line.dropFirst("XDG_DOCUMENTS_DIR=".count)))
                if !folder.isEmpty && folder != home { return folder }
            }
        }
        return (home as NSString).appendingPathComponent("Documents")
    }

    /// The full path for what was typed: `~` is the home folder, a relative path is inside
    /// the documents folder, and a path without an extension gets the format's.
    static func path(for typed: String, fileExtension: String, documents: String) -> String {
        var path = (typed.trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath
        if !(path as NSString).isAbsolutePath { path = (documents as NSString).appendingPathComponent(path) }
        if (path as NSString).pathExtension.isEmpty { path += "." + fileExtension }
        return (path as NSString).standardizingPath
    }
}
