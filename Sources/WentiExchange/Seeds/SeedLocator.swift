import Foundation

/// Finds the seeds: an explicit folder, else `WENTI_SEEDS`, else the ones built into the
/// binary (`EmbeddedSeeds`, generated from the repository's `seeds/`), so that an installed
/// `wenti` runs the demo from any folder on any machine.
public enum SeedLocator {
    /// The seed folder to read, or nil for the built-in seeds.
    public static func directory(explicit: String?, environment: [String: String]) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["WENTI_SEEDS"], !fromEnvironment.isEmpty { return fromEnvironment }
        return builtIn
    }

    /// The built-in seeds: no folder at all.
    public static let builtIn: String? = nil

    /// The built-in seed files (name → text), for the test that keeps them equal to `seeds/`.
    public static var builtInFiles: [String: String] { EmbeddedSeeds.files }
}
