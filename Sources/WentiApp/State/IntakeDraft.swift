import Foundation

/// The half-filled intake form on disk, written at every keystroke, so that a crash or a
/// closed terminal loses nothing; offered back at the next start, removed once the report
/// is filed or the form is cancelled.
public struct IntakeDraft: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func save(_ values: [String: String]) {
        guard let data = try? JSONEncoder().encode(values) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Atomic: a crash mid-write leaves the previous draft, never half of one.
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public func load() -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: data)
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
