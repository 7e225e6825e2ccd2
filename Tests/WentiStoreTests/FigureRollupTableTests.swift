import Foundation
import GRDB
import Testing
@testable import WentiCore
@testable import WentiStore

/// SQLite keeps the figure rollup by two paths: a statement per key for a concern's change,
/// one merge for a bulk insert's hundred thousand keys (`FigureRollupTable.bulkFrom`). Both
/// must leave the same counts, and no count of zero.
@Suite("The figure rollup's table")
struct FigureRollupTableTests {
    @Test func aLargeDeltaMergedAtOnceLeavesWhatKeyByKeyLeaves() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wenti-rollup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let merged = try SQLiteStore(path: directory.appendingPathComponent("merged.sqlite").path)
        let keyByKey = try SQLiteStore(path: directory.appendingPathComponent("keys.sqlite").path)

        // A pool of keys in every part, with and without a solving unit and a category.
        let parts = FigureRollup.Part.allCases
        let pool: [FigureRollup.Key] = (0..<400).map { i in
            FigureRollup.Key(part: parts[i % parts.count], unitID: UnitID("u\(i % 7)"), solvingUnitID: i % 3 == 0 ? nil : UnitID("s\(i % 5)"),
                             categoryID: i % 4 == 0 ? CategoryID("c\(i % 3)") : nil, bucket: 24_000 + i % 11, detail: i % 6)
        }
        // Deterministic deltas of -2…2 (never 0) on 300 keys a round: counts rise, fall, cross
        // zero and come back, as the overdue part's +1 and −1 do.
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var expected: [FigureRollup.Key: Int] = [:]
        for _ in 0..<8 {
            var delta: [FigureRollup.Key: Int] = [:]
            while delta.count < 300 {
                let n = next(4) - 2
                delta[pool[next(pool.count)]] = n >= 0 ? n + 1 : n
            }
            #expect(delta.count >= FigureRollupTable.bulkFrom)
            FigureRollup.add(delta, into: &expected)
            let whole = delta
            try await merged.write { db in try FigureRollupTable.apply(whole, in: db) }
            // The same changes in pieces small enough to go key by key.
            let pieces = Array(delta)
            for start in stride(from: 0, to: pieces.count, by: 50) {
                let piece = Dictionary(uniqueKeysWithValues: pieces[start..<min(start + 50, pieces.count)].map { ($0.key, $0.value) })
                try await keyByKey.write { db in try FigureRollupTable.apply(piece, in: db) }
            }
        }
        func rows(_ store: SQLiteStore) async throws -> [String] {
            try await store.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM figure_rollup ORDER BY part, bucket, unit_id, solving_unit_id, category_id, detail")
                    .map { "\($0["part"] as String) \($0["bucket"] as Int) \($0["unit_id"] as String) \($0["solving_unit_id"] as String) \($0["category_id"] as String) \($0["detail"] as Int) \($0["n"] as Int)" }
            }
        }
        let mergedRows = try await rows(merged)
        #expect(mergedRows == (try await rows(keyByKey)))
        #expect(mergedRows.count == expected.count, "a count that came to zero is gone")
        #expect(!mergedRows.contains { $0.hasSuffix(" 0") })
        #expect(expected.count < Set(pool).count, "some counts did come back to zero")
    }
}
