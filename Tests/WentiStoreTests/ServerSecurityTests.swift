import Foundation
import Testing
import WentiTestSupport
@testable import WentiCore
@testable import WentiStore

/// The shared server enforces the permission table itself: each demo person logs in as their
/// own role, through wenti and through `psql` as someone bypassing wenti would, and is held to
/// exactly their scope. Every attempt that must fail is tried next to a control that must
/// work (the same statement by someone allowed), so a refusal cannot be a typo.
@Suite("Shared server security", .serialized)
struct ServerSecurityTests {
    static func codes(_ output: String) -> Set<String> {
        Set(output.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
    }

    /// Each person sees exactly `AccessPolicy.scope` of the demo, through wenti with no scope
    /// of its own (`.all`: the server alone narrows) and through `psql`.
    @Test func everyPersonSeesExactlyTheirScope() async throws {
        let (server, admin, clock) = try await TestServer.demo()
        var all: [Concern] = []
        try await admin.eachConcern(ConcernQuery(), scope: .all) { all += $0 }
        let organisation = try await admin.workspace().organisation
        var people = 0
        for person in organisation.people.values.sorted(by: { $0.id < $1.id }) {
            let expected = Set(all.filter(AccessPolicy.scope(of: person, in: organisation).contains).map(\.code.description))
            let store = try await server.store(as: person.id.rawValue, clock: clock)
            let listed = try await store.page(ConcernQuery(), scope: .all, after: nil, limit: 1000).rows.map(\.code.description)
            #expect(Set(listed) == expected, "\(person.name) through wenti")
            #expect(Self.codes(try server.psql(as: person.id.rawValue, "SELECT code FROM wenti.concern")) == expected, "\(person.name) through psql")
            await #expect(try store.count(ConcernQuery(), scope: .all, upTo: nil) == expected.count, "\(person.name) counted")
            people += 1
        }
        #expect(people == organisation.people.count && people > 30)
        print("shared server: \(people) people each see exactly their scope, through wenti and through psql")
    }

    /// Meetings follow the permission table's rule for each person: the meetings of the
    /// libraries they own, and any other meeting that has an item on a concern they see, with
    /// only those items — through wenti and, for the rows themselves, through `psql`.
    @Test func everyPersonSeesTheMeetingItemsOfTheirScope() async throws {
        let (server, admin, clock) = try await TestServer.demo()
        var all: [Concern] = []
        try await admin.eachConcern(ConcernQuery(), scope: .all) { all += $0 }
        let meetings = try await admin.meetings()
        let organisation = try await admin.workspace().organisation
        var narrowed = 0
        for person in organisation.people.values.sorted(by: { $0.id < $1.id }) {
            let scope = AccessPolicy.scope(of: person, in: organisation)
            let seen = Set(all.filter(scope.contains).map(\.code))
            var expected: [String: [ConcernCode]] = [:]
            for meeting in meetings {
                let items = meeting.items.map(\.concern).filter { scope.everything || seen.contains($0) }
                if scope.everything || scope.libraries.contains(meeting.unitID) || !items.isEmpty { expected[meeting.id] = items }
            }
            let store = try await server.store(as: person.id.rawValue, clock: clock)
            let listed = Dictionary(uniqueKeysWithValues: try await store.meetings().map { ($0.id, $0.items.map(\.concern)) })
            #expect(listed == expected, "\(person.name)")
            if expected.contains(where: { id, items in !scope.libraries.contains(meetings.first { $0.id == id }!.unitID) && !scope.everything }) {
                narrowed += 1
            }
        }
        #expect(narrowed > 0, "someone sees a meeting of another unit through an item of theirs")
        // The table itself is read whole only by those who see everything or own the library.
        #expect(try server.psql(as: "yg-song", "SELECT count(*) FROM wenti.meeting") == "0\n")
        print("shared server: meetings narrowed to their items for \(narrowed) people who own no library of them")
    }

    @Test func whatNoRoleMayDoIsRefusedOrWithoutEffect() async throws {
        let (server, admin, clock) = try await TestServer.demo()
        var refused = 0, withoutEffect = 0, controls = 0
        func mustFail(_ role: String, _ sql: String, _ what: Comment) {
            do {
                try server.psql(as: role, sql)
                Issue.record("not refused: \(what)")
            } catch {
                refused += 1
            }
        }
        func mustWork(_ role: String, _ sql: String, _ what: Comment) throws -> String {
            controls += 1
            return try server.psql(as: role, sql)
        }
        func adminRead(_ sql: String) throws -> String { try server.psql(as: TestServer.administrator, sql) }

        // A concern of 李强's team (t-bdyw), and one his staff member 宋佳 takes in herself.
        let song = try await server.store(as: "yg-song", clock: clock)
        let songPerson = try await song.workspace().organisation.person(PersonID("yg-song"))!
        let own = try await song.open(NewConcern(title: "班组休息室空调坏了", categoryID: "team-burden", channel: .other, finderID: "yg-song",
                                                  reporter: .named(name: "宋佳", personID: "yg-song"), unitID: "t-bdyw"), actor: songPerson)
        let teamConcern = try #require(Self.codes(try adminRead("SELECT code FROM wenti.concern WHERE unit_id = 't-bdyw' AND stage = 'analysing' ORDER BY id LIMIT 1")).first)
        let otherTeam = try #require(Self.codes(try adminRead("SELECT code FROM wenti.concern WHERE unit_id = 't-kf' ORDER BY id LIMIT 1")).first)

        // Reading and changing outside the scope: nothing is seen, nothing changes.
        #expect(try server.psql(as: "yg-song", "SELECT count(*) FROM wenti.concern WHERE code = '\(otherTeam)'") == "0\n")
        withoutEffect += 1
        let before = try adminRead("SELECT doc->>'title' FROM wenti.concern WHERE code = '\(otherTeam)'")
        _ = try server.psql(as: "yg-song", "UPDATE wenti.concern SET doc = jsonb_set(doc, '{title}', '\"改掉\"') WHERE code = '\(otherTeam)'")
        #expect(try adminRead("SELECT doc->>'title' FROM wenti.concern WHERE code = '\(otherTeam)'") == before)
        withoutEffect += 1

        // What one sees but may not decide: the finder grading her own concern.
        let bump = "jsonb_build_object('version', version + 1, 'updatedByID', session_user::text)"
        mustFail("yg-song", "UPDATE wenti.concern SET doc = doc || jsonb_build_object('grade', 'urgent') || \(bump) WHERE code = '\(own.code)'",
                 "an employee grading")
        // A change with psql that leaves no trace in the log, and the same change with its entry.
        mustFail("bzz-li", "UPDATE wenti.concern SET doc = doc || jsonb_build_object('grade', 'urgent') || \(bump) WHERE code = '\(own.code)'",
                 "a change that skips the audit log")
        _ = try mustWork("bzz-li", """
            UPDATE wenti.concern SET doc = doc || jsonb_build_object('grade', 'urgent') || \(bump) WHERE code = '\(own.code)';
            INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes) VALUES (0, 'bzz-li', 'grade', '\(own.code)', '[]')
            """, "the team leader grading, with its audit entry")
        // A change recorded as someone else's, or skipping the version.
        mustFail("bzz-li", "UPDATE wenti.concern SET doc = doc || jsonb_build_object('plan', 'x', 'version', version + 1, 'updatedByID', 'zg-zhao') WHERE code = '\(own.code)'",
                 "a change signed with another name")
        mustFail("bzz-li", "UPDATE wenti.concern SET doc = doc || jsonb_build_object('plan', 'x', 'updatedByID', session_user::text) WHERE code = '\(own.code)'",
                 "a change without a new version")

        // A tier changed by a plain UPDATE, and an escalation that skips a tier.
        mustFail("bzz-li", "UPDATE wenti.concern SET doc = doc || jsonb_build_object('tier', 2, 'unitID', 'd-yj') || \(bump) WHERE code = '\(teamConcern)'",
                 "a tier changed by UPDATE")
        let skip = "jsonb_build_object('fromUnitID','t-bdyw','toUnitID','co','fromTier',1,'toTier',3,'reason','x','on','2026-11-25','byID','bzz-li')"
        mustFail("bzz-li", """
            UPDATE wenti.concern SET doc = doc || jsonb_build_object('tier', 3, 'unitID', 'co', 'escalations', (doc->'escalations') || \(skip)) || \(bump)
            WHERE code = '\(teamConcern)'
            """, "an escalation two tiers up")
        mustFail("zg-zhao", "DELETE FROM wenti.concern WHERE code = '\(teamConcern)'", "deleting a concern")

        // Becoming someone else.
        mustFail("yg-song", "SET ROLE \"zg-zhao\"", "SET ROLE to another person")
        mustFail("yg-song", "SET ROLE wenti_owner", "SET ROLE to the owner")
        mustFail("yg-song", "SET SESSION AUTHORIZATION \"zg-zhao\"", "SET SESSION AUTHORIZATION")
        let seen = try server.psql(as: "yg-song", "SELECT count(*) FROM wenti.concern")
        #expect(try server.psql(as: "yg-song", "SELECT set_config('wenti.person', 'zg-zhao', false); SET request.jwt.claims = '{\"sub\":\"zg-zhao\"}'; SELECT count(*) FROM wenti.concern")
            .hasSuffix(seen), "a faked setting changes nothing")
        withoutEffect += 1

        // The sealed identities: no table is readable, the function is political-work staff's.
        let sealed = try #require(Self.codes(try adminRead("SELECT concern_code FROM wenti.identity_envelope ORDER BY 1 LIMIT 1")).first)
        mustFail("zg-zhao", "SELECT * FROM wenti.identity_envelope", "reading envelopes directly")
        mustFail("zg-zhao", "SELECT * FROM wenti.identity_key", "reading wrapped keys directly")
        mustFail("yg-song", "SELECT * FROM wenti.read_envelope('\(sealed)', 'curious', 0)", "an employee calling the envelope function")
        mustFail("bz-zheng", "SELECT * FROM wenti.read_envelope('\(sealed)', 'curious', 0)", "a department head calling it")
        let reads = try adminRead("SELECT count(*) FROM wenti.audit_log WHERE action = 'read-sealed-envelope'")
        _ = try mustWork("zg-zhao", "SELECT holder FROM wenti.read_envelope('\(sealed)', '回访', 0)", "political-work staff through the function")
        #expect(try adminRead("SELECT count(*) FROM wenti.audit_log WHERE action = 'read-sealed-envelope'") != reads, "the read is audited")

        // The audit log: nobody rewrites it, nobody writes in another's name.
        mustFail("zg-zhao", "DELETE FROM wenti.audit_log", "deleting audit rows")
        mustFail("zg-zhao", "UPDATE wenti.audit_log SET action = 'x'", "updating audit rows")
        mustFail("zg-zhao", "TRUNCATE wenti.audit_log", "truncating the audit log")
        mustFail("zg-zhao", "INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes) VALUES (0, 'zg-sun', 'x', 'y', '[]')",
                 "an audit row in another's name")
        mustFail("yg-song", "INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes) VALUES (0, 'yg-song', 'grade', '\(own.code)', '[]')",
                 "a step on a concern, in one's own name, without the change")
        _ = try mustWork("zg-zhao", "INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes) VALUES (0, 'zg-zhao', 'note', 'y', '[]')",
                         "an audit row in one's own name about no record")
        // Meetings are their units' records: an employee reads none (an agenda names concerns she may not see).
        #expect(try server.psql(as: "yg-song", "SELECT count(*) FROM wenti.meeting") == "0\n")
        #expect(try server.psql(as: "ld-zhou", "SELECT count(*) FROM wenti.meeting") == server.psql(as: TestServer.administrator, "SELECT count(*) FROM wenti.meeting"),
                "a company leader reads the company's meetings")
        withoutEffect += 1

        // The word search's role, which bypasses row-level security for wenti.word_matches only:
        // nobody becomes it, replaces its function or reads through it what they may not see.
        mustFail("zg-zhao", "SET ROLE wenti_search", "SET ROLE to the word search's role")
        mustFail("bzz-li", "CREATE OR REPLACE FUNCTION wenti.word_matches(word text, cap int) RETURNS text[] LANGUAGE sql AS $$ SELECT NULL::text[] $$",
                 "replacing the word search")
        mustFail("bzz-li", "ALTER FUNCTION wenti.word_matches(text, int) SECURITY INVOKER", "altering the word search")
        let otherTitle = try adminRead("SELECT lower(doc->>'title') FROM wenti.concern WHERE code = '\(otherTeam)'").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try adminRead("SELECT '\(otherTeam)' = ANY (wenti.word_matches('\(otherTitle)', 10))") == "t\n", "control: the administrator finds it")
        #expect(try server.psql(as: "yg-song", "SELECT coalesce(array_length(wenti.word_matches('\(otherTitle)', 10), 1), 0)") == "0\n",
                "another team's concern is not found through the word search")
        withoutEffect += 1

        // The kept word counts: nobody changes them, and someone who does not see every concern
        // reads none (they would say how many concerns she may not read hold a word).
        mustFail("zg-zhao", "UPDATE wenti.gram_count SET n = n + 1", "changing a kept word count")
        #expect(try server.psql(as: "yg-song", "SELECT count(*) FROM wenti.gram_count") == "0\n", "an employee reads no word count")
        #expect(try server.psql(as: "yg-song", "SELECT wenti.word_count('员') IS NULL") == "t\n", "nor through the function")
        #expect(try server.psql(as: "zg-zhao", "SELECT wenti.word_count('员') > 0") == "t\n", "control: political-work staff read them")
        withoutEffect += 1

        // A forged notification is a hint with no data: the change mark does not move.
        let mark = try adminRead("SELECT n FROM wenti.change_mark")
        _ = try server.psql(as: "yg-song", "NOTIFY wenti_changed, 'Q-2026-0001 closed'")
        #expect(try adminRead("SELECT n FROM wenti.change_mark") == mark)
        withoutEffect += 1

        #expect(refused == 23 && withoutEffect == 7)
        print("shared server: \(refused) attempts refused, \(withoutEffect) without effect, \(controls) allowed controls passed")
        _ = admin
    }

    /// A dump of the whole database, as an administrator or a backup would take it, holds
    /// ciphertext only: none of the seeds' sealed identities.
    /// Leaders' visits and their quota are political-work staff's records: everyone reads
    /// them, nobody else writes them, through wenti or psql; an audit entry about a visit
    /// comes with the visit.
    @Test func onlyPoliticalWorkStaffRecordVisitsAndSetTheQuota() async throws {
        let (server, _, clock) = try await TestServer.demo()
        let zhao = try await server.store(as: "zg-zhao", clock: clock)
        let zhaoPerson = try #require(try await zhao.workspace().organisation.person("zg-zhao"))
        let visit = try await zhao.add(LeaderVisit(id: "", leaderID: "bz-feng", unitID: "t-cd", on: Day("2026-11-20")!,
                                                   integration: .grassroots, findings: "抢修车辆不够"), actor: zhaoPerson)
        for role in ["yg-song", "bzz-li", "ld-zhou"] {
            #expect(Self.codes(try server.psql(as: role, "SELECT id FROM wenti.leader_visit")).contains(visit.id), "\(role) reads it")
            let doc = #"{"id":"ZF-2026-099","leaderID":"bz-feng","unitID":"t-cd","on":"2026-11-21","integration":"site","findings":"x"}"#
            #expect(throws: (any Error).self, "\(role) may not record a visit") {
                try server.psql(as: role, "INSERT INTO wenti.leader_visit (id, doc) VALUES ('ZF-2026-099', '\(doc)'::jsonb)")
            }
            #expect(throws: (any Error).self, "\(role) may not set the quota") {
                try server.psql(as: role, #"INSERT INTO wenti.setting VALUES ('visit-quota', '{"visitsPerMonth":9}'::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"#)
            }
            // Another setting is out of reach: the update finds no row it may change.
            _ = try? server.psql(as: role, #"UPDATE wenti.setting SET value = '[]'::jsonb WHERE key = 'categories'"#)
            #expect(try server.psql(as: TestServer.administrator, "SELECT jsonb_array_length(value) FROM wenti.setting WHERE key = 'categories'").trimmed == "8",
                    "\(role) changed no other setting")
            let song = try await server.store(as: role, clock: clock)
            let person = try #require(try await song.workspace().organisation.person(PersonID(role)))
            await #expect(throws: (any Error).self) {
                try await song.add(LeaderVisit(id: "", leaderID: "bz-feng", unitID: "t-cd", on: Day("2026-11-20")!, integration: .site, findings: "x"), actor: person)
            }
        }
        // Political-work staff may, through psql too, but no other setting; an audit row about
        // a visit nobody wrote is refused.
        try server.psql(as: "zg-zhao", #"INSERT INTO wenti.setting VALUES ('visit-quota', '{"visitsPerMonth":2}'::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"#)
        _ = try? server.psql(as: "zg-zhao", #"UPDATE wenti.setting SET value = '[]'::jsonb WHERE key = 'categories'"#)
        #expect(try server.psql(as: TestServer.administrator, "SELECT jsonb_array_length(value) FROM wenti.setting WHERE key = 'categories'").trimmed == "8")
        #expect(throws: (any Error).self) {
            try server.psql(as: "zg-zhao", "INSERT INTO wenti.audit_log (at, actor_id, action, subject, changes) VALUES (0, 'zg-zhao', 'visit-log', '\(visit.id)', '[]'::jsonb)")
        }
        #expect(Self.codes(try server.psql(as: "zg-zhao", "SELECT count(*) FROM wenti.leader_visit")) == ["7"])
    }

    @Test func aDumpOfTheServerHoldsNoSealedIdentity() async throws {
        let (server, _, _) = try await TestServer.demo()
        let seeds = try String(contentsOf: TestServer.repository.appendingPathComponent("seeds/concerns.yaml"), encoding: .utf8)
        let sealed = seeds.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("sealed: ") ? String(trimmed.dropFirst("sealed: ".count)) : nil
        }
        #expect(sealed.count >= 9)
        let dump = try TestServer.run(try TestServer.tool("pg_dump"), ["-h", server.socket, "-U", TestServer.administrator, "-d", server.database])
        #expect(dump.contains("identity_envelope"), "the dump has the envelopes' table")
        #expect(sealed.filter(dump.contains).isEmpty, "\(sealed.filter(dump.contains))")
        print("shared server: pg_dump of \(dump.utf8.count) bytes holds none of the \(sealed.count) sealed identities")
    }
}
