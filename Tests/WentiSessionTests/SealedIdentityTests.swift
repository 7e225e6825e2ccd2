import Crypto
import Foundation
import GRDB
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiExchange
@testable import WentiSeal
@testable import WentiSession
@testable import WentiStore

/// The demo's anonymous reporters, as the seeds write them (`sealed:` in seeds/concerns.yaml).
let demoSealedIdentities = [
    "检修班派遣工，姓唐，联系方式在政工部登记", "输电班员工，本人要求不公开姓名", "客服班两名坐席，名单在政工部心理帮扶台账中",
    "城东所农电工代表，三人联名", "施工一队员工，政工员吴俊掌握", "运检部职工代表，听证会上提出", "营销部派遣工代表二人",
    "职代会代表提出，记录在听证会纪要附件", "多名职工代表在听证会上提出",
]

extension DemoFixture {
    /// The codes of the concerns with a sealed identity, in code order.
    func sealedCodes() async throws -> [ConcernCode] {
        try await store.envelopes(after: nil, limit: 100).map(\.code)
    }

    /// Every byte of the database file and its WAL, as a leaked copy would have them.
    func fileBytes() throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { data.append(wal) }
        return data
    }

    func leaked(_ texts: [String]) throws -> [String] {
        let bytes = try fileBytes()
        return texts.filter { bytes.range(of: Data($0.utf8)) != nil }
    }

    var anonymousIntake: NewConcern {
        NewConcern(title: "班组长安排加班不公平", categoryID: "team-burden", channel: .hotline,
                   reporter: .anonymous(sealedIdentity: .toSeal("变电运维班员工，电话在政工部")), unitID: "t-bdyw")
    }
}

/// The sealed reporter for every role through every read path, and opening it.
@Suite("Sealed reporter identities")
struct SealedIdentityTests {
    @Test func noReadPathOfAnyRoleCarriesAnIdentityAndOnlyStaffLearnThereIsOne() async throws {
        let fixture = try await DemoFixture()
        let code = try #require(try await fixture.sealedCodes().first)
        for login in ["zg-zhao", "ld-zhou", "bz-zheng", "bzz-li", "yg-song"] {
            let session = try await fixture.session(login)
            var texts: [String] = []
            if let concern = try? await session.concern(code) {
                texts.append("\(concern)")
                let expected: Reporter = .anonymous(sealedIdentity: session.principal.role == .politicalWork ? .sealed : nil)
                #expect(concern.reporter == expected, "\(login)")
            }
            try await session.eachConcern(ConcernQuery()) { batch in texts.append(batch.map { "\($0)" }.joined()) }
            texts.append("\(try await session.page(ConcernQuery(), after: nil, limit: 500).rows)")
            for meeting in try await session.meetings() { texts.append("\(await session.concerns(of: meeting))") }
            texts.append("\(try await session.agenda(unit: "co", month: YearMonth("2026-12")!))")
            if let log = try? await session.log(code) { texts.append("\(log)") }
            let csv = try await ConcernExport(session: session).data(ConcernQuery(), format: .csv)
            let json = try await ConcernExport(session: session).data(ConcernQuery(), format: .json)
            texts.append(String(decoding: csv, as: UTF8.self) + String(decoding: json, as: UTF8.self))
            let seen = demoSealedIdentities.filter { identity in texts.contains { $0.contains(identity) } }
            #expect(seen.isEmpty, "\(login) read \(seen)")
        }
    }

    @Test func theDatabaseFileAndItsWALHoldNoIdentity() async throws {
        let fixture = try await DemoFixture()
        await #expect(try await fixture.sealedCodes().count == demoSealedIdentities.count)
        _ = try await fixture.session("bzz-li").intake(fixture.anonymousIntake)
        #expect(try fixture.leaked(demoSealedIdentities + ["变电运维班员工，电话在政工部"]).isEmpty)
        // The schema refuses the old column, whoever writes.
        await #expect(throws: DatabaseError.self) {
            try await fixture.store.writer.write { db in try db.execute(sql: "UPDATE concern SET sealed_identity = '明文' WHERE anonymous = 1") }
        }
    }

    @Test func staffOpenWithAReasonAndTheirKeyAndEveryOpeningIsAudited() async throws {
        let fixture = try await DemoFixture()
        let zhao = try await fixture.session("zg-zhao")
        let code = try #require(try await fixture.sealedCodes().first)
        let text = try await zhao.openIdentity(code, reason: "回访核实本人意见", as: .person("zg-zhao"), with: TestKeys.zhao)
        #expect(demoSealedIdentities.contains(text))
        let opening = try #require(try await zhao.identityLog().last)
        #expect(opening.action == "open-sealed-identity" && opening.actorID == "zg-zhao")
        #expect(opening.changes.map(\.new) == [code.description, "回访核实本人意见"])
        // The concern's own log, which others read too, does not say it was opened.
        await #expect(!(try await zhao.log(code)).contains { $0.action == "open-sealed-identity" })
        await #expect(try await zhao.openIdentity(code, reason: "恢复密钥核对", as: .recovery, with: TestKeys.recovery) == text)
        await #expect(try await zhao.identityLog().filter { $0.action == "open-sealed-identity" }.count == 2)
    }

    @Test func aMissingReasonAnotherRoleAViewAndAForeignKeyAreEachRefusedAndOnlyTheKeyAttemptIsAudited() async throws {
        let fixture = try await DemoFixture()
        let code = try #require(try await fixture.sealedCodes().first)
        let before = try await fixture.auditCount()
        let zhao = try await fixture.session("zg-zhao")
        await #expect(throws: SessionError.reasonRequired(code)) { try await zhao.openIdentity(code, reason: "  ", as: .person("zg-zhao"), with: TestKeys.zhao) }
        let leader = try await fixture.session("ld-zhou")
        let refusal = try await #require(throws: SessionError.self) { try await leader.checkOpening(code, reason: "好奇") }
        #expect(refusal.label.zh.contains("周建国") && refusal.label.zh.contains("政工人员"), "\(refusal.label.zh)")
        await #expect(throws: SessionError.self) { try await leader.identityLog() }
        let viewing = try await zhao.viewing(as: "zg-qian")
        await #expect(throws: SessionError.self) { try await viewing.openIdentity(code, reason: "查看", as: .person("zg-zhao"), with: TestKeys.zhao) }
        let named = try #require(try await fixture.first { !$0.reporter.isAnonymous }).code
        await #expect(throws: StoreError.noSealedIdentity(named)) { try await zhao.checkOpening(named, reason: "查看") }
        await #expect(try await fixture.auditCount() == before, "no refusal before a key was tried wrote an audit entry")
        // A key that does not open it is an attempt, and the log says so.
        await #expect(throws: SealError.notWrappedTo(.person("zg-zhao"))) {
            try await zhao.openIdentity(code, reason: "查看", as: .person("zg-zhao"), with: IdentityKey.generate())
        }
        await #expect(try await fixture.auditCount() == before + 1)
        let attempt = try #require(try await zhao.identityLog().last)
        #expect(attempt.action == SealedIdentityAudit.failedOpening && attempt.actorID == "zg-zhao")
        #expect(attempt.changes.map(\.new) == [code.description, "查看", OpeningFailure.notWrappedToHolder.rawValue])
    }

    @Test func aWrongPassphraseAndAMissingKeyFileAreAuditedAttemptsThatOpenNothing() async throws {
        let fixture = try await DemoFixture()
        let code = try #require(try await fixture.sealedCodes().first)
        let zhao = try await fixture.session("zg-zhao")
        let protected = try ProtectedKey.protect(TestKeys.zhao, for: .person("zg-zhao"), passphrase: "正确的口令 correct", cost: .init(rounds: 1 << 10, blockSize: 8, parallelism: 1))
        await #expect(throws: SealError.wrongPassphrase) {
            try await zhao.openIdentity(code, reason: "回访") { (.person("zg-zhao"), try protected.unlock(passphrase: "猜一个口令 guess")) }
        }
        await #expect(throws: SessionError.noKeyFileHere(zhao.principal)) {
            try await zhao.openIdentity(code, reason: "回访") { throw SessionError.noKeyFileHere(zhao.principal) }
        }
        let failures = try await zhao.identityLog().filter { $0.action == SealedIdentityAudit.failedOpening }
        #expect(failures.map { $0.changes.last?.new } == [OpeningFailure.wrongPassphrase.rawValue, OpeningFailure.noKeyHere.rawValue])
        await #expect(try await zhao.identityLog().filter { $0.action == "open-sealed-identity" }.isEmpty)
        // The right passphrase opens it, and that is recorded as the opening it is.
        let text = try await zhao.openIdentity(code, reason: "回访") { (.person("zg-zhao"), try protected.unlock(passphrase: "正确的口令 correct")) }
        #expect(demoSealedIdentities.contains(text))
        await #expect(try await zhao.identityLog().last?.action == "open-sealed-identity")
    }

    // MARK: Envelopes bound to their concern

    @Test func anEnvelopeCopiedOntoAnotherConcernInTheFileDoesNotOpenThere() async throws {
        let fixture = try await DemoFixture()
        let codes = try await fixture.sealedCodes()
        let (from, to) = (codes[0], codes[1])
        let zhao = try await fixture.session("zg-zhao")
        #expect(demoSealedIdentities.contains(try await zhao.openIdentity(from, reason: "核对", as: .recovery, with: TestKeys.recovery)))
        // Someone with the file puts the first concern's reporter onto the second concern.
        try await fixture.store.writer.write { db in
            let ids = try codes.prefix(2).map { code in
                try Int64.fetchOne(db, sql: "SELECT id FROM concern WHERE year = ? AND seq = ?", arguments: [code.year, code.sequence])!
            }
            try db.execute(sql: "DELETE FROM identity_key WHERE concern_id = ?", arguments: [ids[1]])
            try db.execute(sql: "UPDATE identity_envelope SET ciphertext = (SELECT ciphertext FROM identity_envelope WHERE concern_id = ?) WHERE concern_id = ?",
                           arguments: [ids[0], ids[1]])
            try db.execute(sql: "INSERT INTO identity_key SELECT ?, holder, encapsulated, wrapped FROM identity_key WHERE concern_id = ?", arguments: [ids[1], ids[0]])
            // Claiming it was sealed before the binding does not help either.
            try db.execute(sql: "UPDATE identity_envelope SET bound = 0 WHERE concern_id = ?", arguments: [ids[1]])
        }
        let moved = try await #require(throws: SealError.self) { try await zhao.openIdentity(to, reason: "核对", as: .recovery, with: TestKeys.recovery) }
        #expect(moved == .damaged)
        await #expect(try await zhao.identityLog().last?.changes.last?.new == OpeningFailure.damaged.rawValue)
    }

    @Test func envelopesSealedBeforeTheBindingOpenAndAreBoundByTheirFirstOpeningOrByKeysBind() async throws {
        let fixture = try await DemoFixture()
        let codes = try await fixture.sealedCodes()
        let zhao = try await fixture.session("zg-zhao")
        // What v7 left: each ciphertext without its concern's code, under the same data key.
        var plain: [ConcernCode: String] = [:]
        for (code, envelope) in try await fixture.store.envelopes(after: nil, limit: 100) {
            let dataKey = try IdentitySeal.unwrap(envelope, as: .recovery, with: TestKeys.recovery)
            let text = try IdentitySeal.open(envelope, of: code, as: .recovery, with: TestKeys.recovery)
            plain[code] = text
            let old = try ChaChaPoly.seal(Data(text.utf8), using: dataKey).combined
            try await fixture.store.writer.write { db in
                try db.execute(sql: """
                    UPDATE identity_envelope SET ciphertext = ?, bound = 0
                    WHERE concern_id = (SELECT id FROM concern WHERE year = ? AND seq = ?)
                    """, arguments: [old, code.year, code.sequence])
            }
        }
        await #expect(try await zhao.oldEnvelopes() == codes.count)
        #expect(try await zhao.openIdentity(codes[0], reason: "回访", as: .person("zg-zhao"), with: TestKeys.zhao) == plain[codes[0]])
        #expect(try await fixture.store.envelope(codes[0])?.isBound == true, "the first opening binds it")
        await #expect(try await zhao.oldEnvelopes() == codes.count - 1)
        let result = try await zhao.bindOldEnvelopes(as: .person("zg-zhao"), with: TestKeys.zhao)
        #expect(result.bound == codes.count - 1 && result.notOpenable == 0)
        await #expect(try await zhao.oldEnvelopes() == 0)
        for code in codes {
            #expect(try await zhao.openIdentity(code, reason: "核对", as: .recovery, with: TestKeys.recovery) == plain[code], "every holder still opens \(code)")
        }
        #expect(try await zhao.identityLog().filter { $0.action == SealedIdentityAudit.bind }.map { $0.changes.first?.new } == ["1", String(codes.count - 1)])
    }

    // MARK: Keys over time

    @Test func aNewStaffKeyGetsNewReportsAtOnceAndOldOnesOnceGranted() async throws {
        let fixture = try await DemoFixture()
        let zhao = try await fixture.session("zg-zhao")
        let qian = try await fixture.session("zg-qian")
        let qianKey = IdentityKey.generate()
        try await qian.registerOwnKey(qianKey.publicKey)
        let old = try #require(try await fixture.sealedCodes().first)
        await #expect(throws: SealError.notWrappedTo(.person("zg-qian"))) { try await qian.openIdentity(old, reason: "回访", as: .person("zg-qian"), with: qianKey) }
        // Intake needs no private key: a team leader files it with public keys only.
        let new = try await fixture.session("bzz-li").intake(fixture.anonymousIntake).code
        await #expect(try await qian.openIdentity(new, reason: "回访", as: .person("zg-qian"), with: qianKey) == "变电运维班员工，电话在政工部")
        // 赵 grants what she can open; nothing is decrypted on the way.
        let granted = try await zhao.grant(to: fixture.person("zg-qian"), as: .person("zg-zhao"), with: TestKeys.zhao)
        #expect(granted.granted == demoSealedIdentities.count && granted.notOpenable == 0)
        await #expect(demoSealedIdentities.contains(try await qian.openIdentity(old, reason: "回访", as: .person("zg-qian"), with: qianKey)))
        await #expect(try await zhao.identityLog().contains { $0.action == "keys-grant" })
        // Only to political-work staff, and only to someone with a key.
        await #expect(throws: SessionError.notPoliticalWork(fixture.person("bzz-li"))) { try await zhao.checkGrant(to: fixture.person("bzz-li")) }
        await #expect(throws: SessionError.noKeyOf(fixture.person("zg-sun"))) { try await zhao.checkGrant(to: fixture.person("zg-sun")) }
    }

    @Test func aRemovedKeyOpensNothingFromThenOn() async throws {
        let fixture = try await DemoFixture()
        let zhao = try await fixture.session("zg-zhao")
        let qian = try await fixture.session("zg-qian")
        let qianKey = IdentityKey.generate()
        try await qian.registerOwnKey(qianKey.publicKey)
        _ = try await zhao.grant(to: fixture.person("zg-qian"), as: .person("zg-zhao"), with: TestKeys.zhao)
        try await zhao.removeKey(of: fixture.person("zg-qian"))
        let new = try await fixture.session("bzz-li").intake(fixture.anonymousIntake).code
        await #expect(throws: SealError.notWrappedTo(.person("zg-qian"))) { try await qian.openIdentity(new, reason: "回访", as: .person("zg-qian"), with: qianKey) }
        let old = try #require(try await fixture.sealedCodes().first)
        await #expect(throws: SealError.notWrappedTo(.person("zg-qian"))) { try await qian.openIdentity(old, reason: "回访", as: .person("zg-qian"), with: qianKey) }
        await #expect(try await zhao.openIdentity(new, reason: "回访", as: .person("zg-zhao"), with: TestKeys.zhao) == "变电运维班员工，电话在政工部")
        await #expect(throws: SessionError.noKeyOf(fixture.person("zg-qian"))) { try await zhao.removeKey(of: fixture.person("zg-qian")) }
    }

    @Test func someoneWhoLeavesPoliticalWorkIsNoLongerSealedTo() async throws {
        let fixture = try await DemoFixture()
        let keys = try await fixture.store.keyHolders().map(\.holder)
        #expect(Set(keys) == [.recovery, .person("zg-zhao")])
        // A key registered for a team leader (as if their role had changed since) is skipped.
        try await fixture.store.register(HolderKey(holder: .person("bzz-li"), publicKey: IdentityKey.generate().publicKey, addedAt: Date()),
                                   actor: fixture.person("zg-zhao"))
        await #expect(Set(try await fixture.store.keyHolders().map(\.holder)) == [.recovery, .person("zg-zhao")])
    }

    @Test func theRecoveryKeyBringsEverythingBackWhenEveryStaffKeyIsLost() async throws {
        let fixture = try await DemoFixture()
        let zhao = try await fixture.session("zg-zhao")
        // 赵's key file is gone: she makes a new key, which opens nothing old.
        let newKey = IdentityKey.generate()
        try await zhao.registerOwnKey(newKey.publicKey)
        let old = try #require(try await fixture.sealedCodes().first)
        await #expect(throws: SealError.notWrappedTo(.person("zg-zhao"))) { try await zhao.openIdentity(old, reason: "回访", as: .person("zg-zhao"), with: newKey) }
        let restored = try RecoveryCode.key(from: RecoveryCode.text(of: TestKeys.recovery),
                                            expectedPublicKey: try #require(try await zhao.holderKey(.recovery)).publicKey)
        let granted = try await zhao.grant(to: fixture.person("zg-zhao"), as: .recovery, with: restored)
        #expect(granted.granted == demoSealedIdentities.count)
        await #expect(demoSealedIdentities.contains(try await zhao.openIdentity(old, reason: "回访", as: .person("zg-zhao"), with: newKey)))
        await #expect(throws: SessionError.recoveryKeyExists) { try await zhao.registerRecoveryKey(IdentityKey.generate().publicKey) }
    }

    // MARK: A workspace made before identities were sealed

    /// Turns the fixture back into a workspace of schema v3: the identities in plain text in
    /// `concern.sealed_identity`, none of the v4 tables. Migrations only append, so this is
    /// exactly what v3 left on disk. Returns the plain texts by concern.
    func makeLegacy(_ fixture: DemoFixture) async throws -> [ConcernCode: String] {
        var plain: [ConcernCode: String] = [:]
        for (code, envelope) in try await fixture.store.envelopes(after: nil, limit: 100) {
            plain[code] = try IdentitySeal.open(envelope, of: code, as: .recovery, with: TestKeys.recovery)
        }
        let texts = plain
        try await fixture.store.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER concern_identity_never_plain_insert;
                DROP TRIGGER concern_identity_never_plain_update;
                DROP TABLE identity_key; DROP TABLE identity_envelope; DROP TABLE identity_awaiting_seal; DROP TABLE key_holder;
                DELETE FROM grdb_migrations WHERE identifier IN ('v4-sealed-identities', 'v8-bound-envelopes');
                """)
            for (code, text) in texts {
                try db.execute(sql: "UPDATE concern SET sealed_identity = ? WHERE year = ? AND seq = ?", arguments: [text, code.year, code.sequence])
            }
        }
        try await fixture.store.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return plain
    }

    @Test func theMigrationSealsOldPlainTextAndLeavesNoPageWithIt() async throws {
        let fixture = try await DemoFixture()
        let plain = try await makeLegacy(fixture)
        #expect(Set(plain.values) == Set(demoSealedIdentities))
        #expect(try fixture.leaked(demoSealedIdentities).count == demoSealedIdentities.count, "the legacy file has them all")
        // Opening it migrates: the text waits aside, nobody reads it, nothing new is written plain.
        let store = try await SQLiteStore(path: fixture.path, create: false, clock: fixture.clock)
        await #expect(try await store.identitiesAwaitingSeal() == demoSealedIdentities.count)
        let code = try #require(plain.keys.min())
        await #expect(try await store.concern(code, scope: .all).reporter == .anonymous(sealedIdentity: .sealed))
        await #expect(throws: StoreError.identityAwaitingSeal(code)) { try await store.envelope(code) }
        // The first staff key (and the recovery key) seal it all, erase it, and VACUUM.
        let zhao = try await Session.open(store: store, login: DemoFixture.creatorLogin)
        try await zhao.registerRecoveryKey(TestKeys.recovery.publicKey)
        let key = IdentityKey.generate()
        try await zhao.registerOwnKey(key.publicKey)
        await #expect(try await zhao.sealAwaitingIdentities() == demoSealedIdentities.count)
        await #expect(try await store.identitiesAwaitingSeal() == 0)
        #expect(try fixture.leaked(demoSealedIdentities).isEmpty, "no page of the file or the WAL keeps them")
        for (code, text) in plain {
            await #expect(try await zhao.openIdentity(code, reason: "迁移后核对", as: .person("zg-zhao"), with: key) == text)
        }
        await #expect(try await zhao.sealAwaitingIdentities() == 0, "a second run has nothing to do")
        await #expect(try await zhao.identityLog().contains { $0.action == "keys-seal-existing" && $0.changes.first?.new == "\(demoSealedIdentities.count)" })
    }
}
