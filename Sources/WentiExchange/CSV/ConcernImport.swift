import Foundation
import WentiCore
import WentiSession
import WentiStore

/// A problem in an imported file, with its line and column.
public struct ImportError: Error, Equatable, Sendable, Labelled {
    public var file: String
    public var line: Int?
    public var column: String?
    public var problem: LocalizedText

    public var label: LocalizedText {
        var zhPlace = file
        var enPlace = file
        if let line {
            zhPlace += " 第 \(line) 行"
            enPlace += " line \(line)"
        }
        if let column {
            zhPlace += "，\(column) 列"
            enPlace += ", column \(column)"
        }
        return LocalizedText(zh: "\(zhPlace)：\(problem.zh)", en: "\(enPlace): \(problem.en)")
    }
}

/// Reads concerns from CSV (UTF-8 with or without BOM, or GB18030) and stores them all in
/// one transaction, or none: the first bad cell stops the import before anything is written.
///
/// The file is read in pieces, three times, and never held whole: once to tell its
/// encoding, once to check every row (nothing is kept but what the checks before writing
/// need: `ImportPlan`), and once more into the store's transaction, `batchSize` rows at a
/// time. A syntax problem anywhere in the file is reported before a bad cell: a quote left
/// open swallows the rows after it, and what those rows seem to say is not what is wrong.
public struct ConcernImport {
    let session: Session

    /// Rows per batch handed to the store in the second reading: with `ReadAhead` two
    /// batches ahead, about 6,000 concerns are in memory at once.
    static let batchSize = 2_000

    public init(session: Session) {
        self.session = session
    }

    public struct Outcome: Sendable {
        /// The stored concerns' codes, in the file's order.
        public var codes: [ConcernCode]
        /// The encoding the file was read in.
        public var encoding: TextDecoding.Encoding
    }

    @discardableResult
    public func run(data: Data, file: String, encoding forced: TextDecoding.Encoding? = nil) async throws -> Outcome {
        try await run(.data(data), file: file, encoding: forced)
    }

    @discardableResult
    public func run(_ source: ImportSource, file: String, encoding forced: TextDecoding.Encoding? = nil) async throws -> Outcome {
        let stamp = source.stamp()
        let reading: TextDecoding.Reading
        do {
            reading = try TextDecoding.detect(source, forced: forced)
        } catch {
            throw Self.importError(error, file: file, forced: forced)
        }
        let builder = ImportedConcern(workspace: session.workspace, actor: session.principal, file: file,
                                      today: session.today(), now: session.now())
        let plan = try check(source, reading, file: file, forced: forced, builder: builder)
        let second = try SecondReading(ImportRows(source, reading, file: file, forced: forced, builder: builder), expected: plan.count,
                                       unchanged: { source.stamp() == stamp })
        let ahead = ReadAhead { try second.nextBatch() }
        do {
            let codes = try await session.importConcerns(plan, batches: { try ahead.next() })
            ahead.stop()
            return Outcome(codes: codes, encoding: reading.encoding)
        } catch {
            ahead.stop()
            // The second reading's own failure (the file changed since the first) is the one to tell.
            throw second.failure ?? error
        }
    }

    /// The first reading: every row is built and checked; the first bad row is reported,
    /// unless the rest of the file holds a syntax problem, which comes first.
    private func check(_ source: ImportSource, _ reading: TextDecoding.Reading, file: String, forced: TextDecoding.Encoding?,
                       builder: ImportedConcern) throws -> ImportPlan {
        var rows = try ImportRows(source, reading, file: file, forced: forced, builder: builder)
        var plan = ImportPlan()
        var seenCodes: Set<ConcernCode> = []
        var firstProblem: (any Error)? = rows.headerProblem
        while let record = try rows.nextRecord() {
            guard firstProblem == nil else { continue }   // only the syntax is still checked
            do {
                guard let concern = try rows.concern(from: record) else { continue }
                if concern.code.sequence != 0 && !seenCodes.insert(concern.code).inserted {
                    throw ImportError(file: file, line: record.line, column: "code", problem: LocalizedText(
                        zh: "编号 \(concern.code) 在文件中重复", en: "id \(concern.code) appears twice in the file"))
                }
                plan.add(concern)
            } catch {
                firstProblem = error
            }
        }
        if let firstProblem { throw firstProblem }
        return plan
    }

    static func importError(_ error: any Error, file: String, forced: TextDecoding.Encoding?) -> any Error {
        switch error {
        case let failure as TextDecoding.Failure:
            if let forced {
                return ImportError(file: file, line: nil, column: nil, problem: LocalizedText(
                    zh: "文件不是 \(forced.rawValue) 编码（第 \(failure.offset) 字节无法识别）",
                    en: "the file is not \(forced.rawValue) (undecodable byte at offset \(failure.offset))"))
            }
            return ImportError(file: file, line: nil, column: nil, problem: LocalizedText(
                zh: "文件既不是 UTF-8 也不是 GB18030 编码（第 \(failure.offset) 字节无法识别）",
                en: "the file is neither UTF-8 nor GB18030 (undecodable byte at offset \(failure.offset))"))
        case is ImportSourceUnreadable:
            return ImportError(file: file, line: nil, column: nil, problem: LocalizedText(zh: "无法读取文件", en: "cannot read the file"))
        default:
            return error
        }
    }

    static func syntaxError(_ problem: CSVRecordReader.Problem, header: [String], file: String) -> ImportError {
        let name = header.indices.contains(problem.field - 1) ? header[problem.field - 1] : ""
        let column = name.isEmpty ? String(problem.field) : name
        switch problem.kind {
        case .unterminatedQuote:
            return ImportError(file: file, line: problem.line, column: nil, problem: LocalizedText(
                zh: "CSV 格式错误：此行开始的引号没有闭合（字段中的引号须写成两个 \"\"）",
                en: "CSV syntax error: the quote opened on this line is never closed (a quote inside a field is written twice: \"\")"))
        case .nul:
            return ImportError(file: file, line: problem.line, column: column, problem: LocalizedText(
                zh: "单元格中有 NUL 字符（U+0000），其后的文字会丢失；请从文件中删去它再导入",
                en: "the cell holds a NUL character (U+0000), which would cut off the text after it; remove it from the file and import again"))
        }
    }
}

/// The second reading of a checked file, batch by batch, for the store. `nextBatch` is
/// called by `ReadAhead`'s thread only, one call after another; `failure` is read once that
/// thread has stopped.
final class SecondReading: @unchecked Sendable {
    private var rows: ImportRows
    private let expected: Int
    /// Whether the file is as it was when the first reading began (same size, same time of
    /// last change), asked once the last batch is read, before the store commits.
    private let unchanged: () -> Bool
    private var delivered = 0
    /// What went wrong in this reading, kept for the import to report in its own words.
    private(set) var failure: (any Error)?

    init(_ rows: ImportRows, expected: Int, unchanged: @escaping () -> Bool) {
        self.rows = rows
        self.expected = expected
        self.unchanged = unchanged
    }

    func nextBatch() throws -> [Concern]? {
        do {
            var batch: [Concern] = []
            batch.reserveCapacity(ConcernImport.batchSize)
            while batch.count < ConcernImport.batchSize, let record = try rows.nextRecord() {
                if let problem = rows.headerProblem { throw problem }
                if let concern = try rows.concern(from: record) { batch.append(concern) }
            }
            delivered += batch.count
            if batch.isEmpty && (delivered != expected || !unchanged()) || delivered > expected { throw changed() }
            return batch.isEmpty ? nil : batch
        } catch {
            failure = failure ?? (error as? ImportError ?? changed())
            throw error
        }
    }

    private func changed() -> ImportError {
        ImportError(file: rows.file, line: nil, column: nil, problem: LocalizedText(
            zh: "文件在导入过程中被改动（检查之后，写入之前）；未导入任何内容，请再导入一次",
            en: "the file changed during the import (after it was checked, before it was written); nothing was imported, import it again"))
    }
}

/// A file's records as concerns: the header read first, each later record turned into a
/// concern by `ImportedConcern`, blank records skipped.
struct ImportRows {
    let file: String
    private var reader: CSVRecordReader
    private let builder: ImportedConcern
    private var header: [String] = []
    private var index: [ConcernCSVColumn: Int] = [:]
    private let forced: TextDecoding.Encoding?
    /// What is wrong with the header (an unknown or a missing column), if anything.
    private(set) var headerProblem: ImportError?

    init(_ source: ImportSource, _ reading: TextDecoding.Reading, file: String, forced: TextDecoding.Encoding?, builder: ImportedConcern) throws {
        self.file = file
        self.builder = builder
        self.forced = forced
        do {
            reader = CSVRecordReader(try TextDecoding.DecodedChunks(source, reading))
        } catch {
            throw ConcernImport.importError(error, file: file, forced: forced)
        }
        header = (try nextRecord()?.fields ?? []).map(\.trimmed)
        do {
            index = try Self.columns(of: header, file: file)
        } catch let problem as ImportError {
            headerProblem = problem
        }
    }

    /// The next record; a syntax problem, a decoding failure or an unreadable file as the
    /// import's own error.
    mutating func nextRecord() throws -> CSVRecordReader.Record? {
        do {
            return try reader.next()
        } catch let problem as CSVRecordReader.Problem {
            throw ConcernImport.syntaxError(problem, header: header, file: file)
        } catch {
            throw ConcernImport.importError(error, file: file, forced: forced)
        }
    }

    /// The record's concern; nil for a blank record.
    func concern(from record: CSVRecordReader.Record) throws -> Concern? {
        if record.fields.allSatisfy({ $0.isEmpty }) { return nil }
        guard record.fields.count <= header.count else {
            throw ImportError(file: file, line: record.line, column: nil, problem: LocalizedText(
                zh: "有 \(record.fields.count) 个字段，表头只有 \(header.count) 列",
                en: "\(record.fields.count) fields but the header has \(header.count) columns"))
        }
        return try builder.concern(from: RowCells(cells: record.fields, index: index, line: record.line, file: file))
    }

    private static func columns(of header: [String], file: String) throws -> [ConcernCSVColumn: Int] {
        var index: [ConcernCSVColumn: Int] = [:]
        for (position, name) in header.enumerated() where !name.isEmpty {
            guard let column = ConcernCSVColumn(rawValue: name) else {
                throw ImportError(file: file, line: 1, column: name, problem: LocalizedText(
                    zh: "未知的列（可用：\(ConcernCSVColumn.allCases.map(\.rawValue).joined(separator: ","))）",
                    en: "unknown column (known: \(ConcernCSVColumn.allCases.map(\.rawValue).joined(separator: ",")))"))
            }
            index[column] = position
        }
        for column in ConcernCSVColumn.required where index[column] == nil {
            throw ImportError(file: file, line: 1, column: column.rawValue, problem: LocalizedText(zh: "缺少必需的列", en: "required column is missing"))
        }
        return index
    }
}

/// The cells of one CSV record, looked up by column, with errors that name the place.
struct RowCells {
    var cells: [String]
    var index: [ConcernCSVColumn: Int]
    var line: Int
    var file: String

    subscript(_ column: ConcernCSVColumn) -> String {
        guard let position = index[column], position < cells.count else { return "" }
        return cells[position].trimmed
    }

    func failure(_ column: ConcernCSVColumn?, zh: String, en: String) -> ImportError {
        ImportError(file: file, line: line, column: column?.rawValue, problem: LocalizedText(zh: zh, en: en))
    }
}
