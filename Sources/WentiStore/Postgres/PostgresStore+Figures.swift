import PostgresNIO
import WentiCore

extension PostgresStore {
    /// The rollup the server keeps (`ServerRollup`): the rows of `months`, and the overdue
    /// counts on `day` summed per library and solving department.
    public func figureRollup(months: ClosedRange<YearMonth>, overdueOn day: Day) async throws(StoreError) -> [(FigureRollup.Key, Int)] {
        var sql = BoundSQL()
        let from = sql.bind(FigureRollup.monthNumber(months.lowerBound)), to = sql.bind(FigureRollup.monthNumber(months.upperBound))
        let judged = sql.bind(day.ordinal)
        let statement = sql.query("""
            SELECT part, bucket, unit_id, solving_unit_id, category_id, detail, n FROM wenti.figure_rollup
              WHERE part <> 'overdue' AND bucket BETWEEN \(from) AND \(to) AND n <> 0
            UNION ALL
            SELECT part, \(judged), unit_id, solving_unit_id, category_id, 0, sum(n)::bigint FROM wenti.figure_rollup
              WHERE part = 'overdue' AND bucket <= \(judged) GROUP BY part, unit_id, solving_unit_id, category_id
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
