import Crypto
import Foundation
import Testing
import WentiCore
@testable import WentiSeal

/// Sealing and opening without any store: the envelope, the passphrase-protected key, the
/// recovery key on paper, and the key lifecycle (add, remove, recover) as the session runs it.
@Suite("Sealed identities")
struct IdentitySealTests {
    let zhao = IdentityKey.generate()
    let song = IdentityKey.generate()
    let recovery = IdentityKey.generate()
    let code = ConcernCode(year: 2026, sequence: 12)

    func holders(_ pairs: (KeyHolder, IdentityKey)...) -> [HolderKey] {
        pairs.map { HolderKey(holder: $0.0, publicKey: $0.1.publicKey, addedAt: Date(timeIntervalSince1970: 0)) }
    }

    @Test func everyHolderOpensWhatWasSealedToThemAndNobodyElseDoes() throws {
        let envelope = try IdentitySeal.seal("检修班派遣工，姓唐", of: code, to: holders((.person("zg-zhao"), zhao), (.recovery, recovery)))
        #expect(!String(decoding: envelope.ciphertext, as: UTF8.self).contains("姓唐"))
        #expect(try IdentitySeal.open(envelope, of: code, as: .person("zg-zhao"), with: zhao) == "检修班派遣工，姓唐")
        #expect(try IdentitySeal.open(envelope, of: code, as: .recovery, with: recovery) == "检修班派遣工，姓唐")
        #expect(throws: SealError.notWrappedTo(.person("zg-song"))) { try IdentitySeal.open(envelope, of: code, as: .person("zg-song"), with: song) }
        // Someone else's key presented as 赵's holder does not open 赵's wrap.
        #expect(throws: SealError.notWrappedTo(.person("zg-zhao"))) { try IdentitySeal.open(envelope, of: code, as: .person("zg-zhao"), with: song) }
    }

    @Test func eachSealingUsesAFreshDataKey() throws {
        let to = holders((.recovery, recovery))
        let one = try IdentitySeal.seal("同一个人", of: code, to: to)
        let two = try IdentitySeal.seal("同一个人", of: code, to: to)
        #expect(one.ciphertext != two.ciphertext)
        #expect(one.keys[.recovery]?.encapsulated != two.keys[.recovery]?.encapsulated)
    }

    @Test func sealingNeedsAHolder() {
        #expect(throws: SealError.noHolders) { try IdentitySeal.seal("谁", of: code, to: []) }
    }

    @Test func aTamperedCiphertextDoesNotOpen() throws {
        var envelope = try IdentitySeal.seal("营销部派遣工代表二人", of: code, to: holders((.recovery, recovery)))
        envelope.ciphertext[envelope.ciphertext.count - 1] ^= 1
        #expect(throws: SealError.damaged) { try IdentitySeal.open(envelope, of: code, as: .recovery, with: recovery) }
    }

    @Test func anEnvelopeMovedToAnotherConcernDoesNotOpenThere() throws {
        let envelope = try IdentitySeal.seal("输电班员工老周", of: code, to: holders((.recovery, recovery)))
        let other = ConcernCode(year: 2026, sequence: 13)
        #expect(throws: SealError.damaged) { try IdentitySeal.open(envelope, of: other, as: .recovery, with: recovery) }
        // Marked as sealed before the binding, it does not open either: the tag covers the code.
        var downgraded = envelope
        downgraded.isBound = false
        #expect(throws: SealError.damaged) { try IdentitySeal.open(downgraded, of: code, as: .recovery, with: recovery) }
        #expect(try IdentitySeal.bind(envelope, of: code, as: .recovery, with: recovery) == nil, "a bound envelope is left as it is")
    }

    @Test func anEnvelopeSealedBeforeTheBindingOpensAndIsBoundUnderItsOwnDataKey() throws {
        // As sealed before: the same data key wrapped to the holders, the text without the code.
        let bound = try IdentitySeal.seal("营销部派遣工", of: code, to: holders((.person("zg-zhao"), zhao), (.recovery, recovery)))
        let dataKey = try IdentitySeal.unwrap(bound, as: .recovery, with: recovery)
        let old = SealedEnvelope(ciphertext: try ChaChaPoly.seal(Data("营销部派遣工".utf8), using: dataKey).combined, keys: bound.keys, isBound: false)
        #expect(try IdentitySeal.open(old, of: code, as: .person("zg-zhao"), with: zhao) == "营销部派遣工")
        // An old envelope still opens wherever it is put: that is what binding it ends.
        #expect(try IdentitySeal.open(old, of: ConcernCode(year: 2026, sequence: 13), as: .recovery, with: recovery) == "营销部派遣工")
        var rebound = old
        rebound.ciphertext = try #require(try IdentitySeal.bind(old, of: code, as: .person("zg-zhao"), with: zhao))
        rebound.isBound = true
        #expect(try IdentitySeal.open(rebound, of: code, as: .recovery, with: recovery) == "营销部派遣工", "every wrap still opens it")
        #expect(throws: SealError.damaged) { try IdentitySeal.open(rebound, of: ConcernCode(year: 2026, sequence: 13), as: .recovery, with: recovery) }
        #expect(throws: SealError.notWrappedTo(.person("zg-song"))) { try IdentitySeal.bind(old, of: code, as: .person("zg-song"), with: song) }
    }

    // MARK: The key lifecycle

    @Test func addingAStaffMemberRewrapsWithoutDecryptingAndRemovingStopsNewOnes() throws {
        // 赵 alone at first; 宋 joins: 赵 wraps the old concern's data key to 宋.
        let old = try IdentitySeal.seal("运检部职工代表", of: code, to: holders((.person("zg-zhao"), zhao), (.recovery, recovery)))
        var granted = old
        granted.keys[.person("zg-song")] = try IdentitySeal.rewrap(old, as: .person("zg-zhao"), with: zhao,
                                                                     to: holders((.person("zg-song"), song))[0])
        #expect(try IdentitySeal.open(granted, of: code, as: .person("zg-song"), with: song) == "运检部职工代表")
        #expect(granted.ciphertext == old.ciphertext, "re-wrapping leaves the ciphertext as it is")
        // 宋 is removed: what is taken in afterwards is sealed to the remaining holders only.
        let later = try IdentitySeal.seal("施工一队员工", of: code, to: holders((.person("zg-zhao"), zhao), (.recovery, recovery)))
        #expect(throws: SealError.notWrappedTo(.person("zg-song"))) { try IdentitySeal.open(later, of: code, as: .person("zg-song"), with: song) }
        // Nobody who cannot open an envelope can give it away.
        #expect(throws: SealError.notWrappedTo(.person("zg-song"))) {
            try IdentitySeal.rewrap(later, as: .person("zg-song"), with: song, to: holders((.person("x"), IdentityKey.generate()))[0])
        }
    }

    @Test func theRecoveryKeyOnPaperOpensEverythingWhenEveryStaffKeyIsLost() throws {
        let envelope = try IdentitySeal.seal("输电班员工", of: code, to: holders((.person("zg-zhao"), zhao), (.recovery, recovery)))
        let paper = RecoveryCode.text(of: recovery)
        #expect(paper.split(separator: "-").allSatisfy { $0.count <= 4 })
        // Typed back in lower case with spaces instead of hyphens, it is the same key.
        let typed = paper.lowercased().replacingOccurrences(of: "-", with: " ")
        let restored = try RecoveryCode.key(from: typed, expectedPublicKey: recovery.publicKey)
        #expect(try IdentitySeal.open(envelope, of: code, as: .recovery, with: restored) == "输电班员工")
        // A new staff key gets everything back from the recovery key.
        let newZhao = IdentityKey.generate()
        var regranted = envelope
        regranted.keys[.person("zg-zhao")] = try IdentitySeal.rewrap(envelope, as: .recovery, with: restored,
                                                                       to: holders((.person("zg-zhao"), newZhao))[0])
        #expect(try IdentitySeal.open(regranted, of: code, as: .person("zg-zhao"), with: newZhao) == "输电班员工")
    }

    @Test func aMistypedOrForeignRecoveryKeyIsRefused() {
        var paper = Array(RecoveryCode.text(of: recovery))
        paper[0] = paper[0] == "A" ? "B" : "A"
        #expect(throws: SealError.notTheRecoveryKey) { try RecoveryCode.key(from: String(paper), expectedPublicKey: recovery.publicKey) }
        #expect(throws: SealError.notTheRecoveryKey) { try RecoveryCode.key(from: "not a key 0189", expectedPublicKey: recovery.publicKey) }
        #expect(throws: SealError.notTheRecoveryKey) {
            try RecoveryCode.key(from: RecoveryCode.text(of: zhao), expectedPublicKey: recovery.publicKey)
        }
    }

    // MARK: The key file

    @Test func aProtectedKeyOpensWithItsPassphraseOnlyAndHoldsNoKeyInTheClear() throws {
        let protected = try ProtectedKey.protect(zhao, for: .person("zg-zhao"), passphrase: "江城 demo 口令")
        let file = try JSONEncoder().encode(protected)
        #expect(!file.contains(zhao.privateKey.rawRepresentation.base64EncodedData()))
        #expect(try protected.unlock(passphrase: "江城 demo 口令").publicKey == zhao.publicKey)
        #expect(throws: SealError.wrongPassphrase) { try protected.unlock(passphrase: "江城 demo 口令 ") }
        #expect(throws: SealError.passphraseTooShort(minimum: 8)) { try ProtectedKey.protect(zhao, for: .recovery, passphrase: "short") }
    }

    @Test func theKeyFolderKeepsKeysForTheAccountOnly() throws {
        let folder = KeyFolder(url: FileManager.default.temporaryDirectory.appendingPathComponent("wenti-keys-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: folder.url) }
        let protected = try ProtectedKey.protect(song, for: .person("zg-song"), passphrase: "correct horse")
        let path = try folder.save(protected)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: folder.url.path)[.posixPermissions] as? Int) == 0o700)
        #expect(try folder.load(publicKey: song.publicKey) == protected)
        #expect(try folder.load(publicKey: zhao.publicKey) == nil)
        #expect(KeyFolder.standard(environment: ["XDG_CONFIG_HOME": "/x"]).url.path == "/x/wenti/keys")
        #expect(KeyFolder.standard(environment: ["HOME": "/home/a"]).url.path == "/home/a/.config/wenti/keys")
    }
}

extension Data {
    func contains(_ other: Data) -> Bool { range(of: other) != nil }
}
