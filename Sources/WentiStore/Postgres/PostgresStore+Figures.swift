import PostgresNIO
import WentiCore

extension PostgresStore {
    /// The rollup the server keeps (`ServerRollup`), read as `FigureRollupTable.read` reads
    /// SQLite's: what `FigureRollup.selected` says.
    public func figureRollup(period: ClosedRange<YearMonth>, trends: ClosedRange<YearMonth>, overdueOn day: Day) async throws(StoreError) -> [(FigureRollup.Key, Int)] {
        var sql = BoundSQL()
        let trendFrom = sql.bind(FigureRollup.monthNumber(trends.lowerBound)), trendTo = sql.bind(FigureRollup.monthNumber(trends.upperBound))
        let from = sql.bind(FigureRollup.monthNumber(period.lowerBound)), to = sql.bind(FigureRollup.monthNumber(period.upperBound))
        let judged = sql.bind(day.ordinal), month = sql.bind(FigureRollup.monthNumber(day.month)), monthStart = sql.bind(day.month.firstDay.ordinal)
        // The handling parts named, not "every part but": a NOT IN on the key's first column
        // made PostgreSQL scan the whole table (15 ms at 1,000,000 concerns; 4 ms by the key).
        let apart: [FigureRollup.Part] = [.found, .overdue, .overdueMonth]
        let handling = sql.bind(FigureRollup.Part.allCases.filter { !apart.contains($0) }.map(\.rawValue))
        let statement = sql.query("""
            SELECT part, bucket::bigint, unit_id, solving_unit_id, category_id, detail, n FROM wenti.figure_rollup
              WHERE part = 'found' AND (bucket BETWEEN \(trendFrom) AND \(trendTo) OR bucket BETWEEN \(from) AND \(to)) AND n <> 0
            UNION ALL
            SELECT part, bucket::bigint, unit_id, solving_unit_id, category_id, detail, n FROM wenti.figure_rollup
              WHERE part = ANY (\(handling)::text[]) AND bucket BETWEEN \(from) AND \(to) AND n <> 0
            UNION ALL
            SELECT 'overdue', \(judged)::bigint, unit_id, solving_unit_id, '', 0, sum(n)::bigint FROM (
              SELECT unit_id, solving_unit_id, n FROM wenti.figure_rollup WHERE part = 'overdueMonth' AND bucket < \(month)
              UNION ALL
              SELECT unit_id, solving_unit_id, n FROM wenti.figure_rollup WHERE part = 'overdue' AND bucket BETWEEN \(monthStart) AND \(judged)) o
            GROUP BY unit_id, solving_unit_id
            """)
        return try await connection.read { db in
            var rows: [(FigureRollup.Key, Int)] = []
            for try await (part, bucket, unit, solving, category, detail, n) in try await db.query(statement, logger: self.logger)
                .decode((String, Int, String, String, String, Int, Int64).self) {
                guard n != 0 else { continue }
                guard let part = FigureRollup.Part(rawValue: part) else { throw StoreError.database("figure rollup part \(part)") }
                rows.append((FigureRollup.Key(part: part, unitID: UnitID(unit), solvingUnitID: solving.isEmpty ? nil : UnitID(solving),
                                              categoryID: category.isEmpty ? nil : CategoryID(category), bucket: bucket, detail: detail), Int(n)))
            }
            return rows
        }
    }
}
