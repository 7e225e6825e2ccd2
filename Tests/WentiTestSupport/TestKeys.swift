import Foundation
import WentiCore
import WentiSeal

/// The keys test workspaces seal identities to, made once per test process: the demo
/// creator's (赵雅琴) and a recovery key. Tests open with them as the staff would.
public enum TestKeys {
    public static let zhao = IdentityKey.generate()
    public static let recovery = IdentityKey.generate()

    /// The holders a test demo registers before its seeds go in.
    public static func demoHolders(creator: PersonID = "zg-zhao") -> [HolderKey] {
        [HolderKey(holder: .recovery, publicKey: recovery.publicKey, addedAt: Date(timeIntervalSince1970: 0)),
         HolderKey(holder: .person(creator), publicKey: zhao.publicKey, addedAt: Date(timeIntervalSince1970: 0))]
    }
}
