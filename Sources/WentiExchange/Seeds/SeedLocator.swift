import Foundation

/// Finds the seed folder: an explicit path, else `WENTI_SEEDS`, else the repository's own
/// `seeds/` as it stood when this file was compiled (what `swift run wenti demo` uses).
public enum SeedLocator {
    public static func directory(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["WENTI_SEEDS"], !fromEnvironment.isEmpty { return fromEnvironment }
        return builtIn
    }

    /// `<repository>/seeds`, found from this source file's path at compile time.
    public static var builtIn: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent() // Seeds
            .deletingLastPathComponent() // WentiExchange
            .deletingLastPathComponent() // Sources
            .deletingLastPathComponent() // repository
            .appendingPathComponent("seeds").path
    }
}
