import CSV
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
public struct ConcernImport {
    let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// Returns the stored concerns and the encoding the file was read in.
    @discardableResult
    public func run(data: Data, file: String, encoding forced: TextDecoding.Encoding? = nil) async throws -> (concerns: [Concern], encoding: TextDecoding.Encoding) {
        let text: String
        let encoding: TextDecoding.Encoding
        do {
            (text, encoding) = try TextDecoding.decode(data, forced: forced)
        } catch {
            if let forced {
                throw ImportError(file: file, line: nil, column: nil, problem: LocalizedText(
                    zh: "文件不是 \(forced.rawValue) 编码（第 \(error.offset) 字节无法识别）",
                    en: "the file is not \(forced.rawValue) (undecodable byte at offset \(error.offset))"))
            }
            throw ImportError(file: file, line: nil, column: nil, problem: LocalizedText(
                zh: "文件既不是 UTF-8 也不是 GB18030 编码（第 \(error.offset) 字节无法识别）",
                en: "the file is neither UTF-8 nor GB18030 (undecodable byte at offset \(error.offset))"))
        }
        var syntax = CSVSyntaxCheck()
        if let problem = syntax.firstProblem(in: text) {
            throw Self.syntaxError(problem, header: syntax.header, file: file)
        }
        let workspace = session.workspace
        let person = session.principal
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ImportError(file: file, line: 1, column: nil, problem: LocalizedText(zh: "无法解析 CSV：\(error)", en: "cannot parse the CSV: \(error)"))
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
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

        let builder = ImportedConcern(workspace: workspace, actor: person, file: file, today: session.today(), now: session.now())
        var concerns: [Concern] = []
        var seenCodes: Set<ConcernCode> = []
        var line = 2
        while let row = reader.next() {
            if row.allSatisfy({ $0.isEmpty }) {
                line += 1
                continue
            }
            guard row.count <= header.count else {
                throw ImportError(file: file, line: line, column: nil, problem: LocalizedText(
                    zh: "有 \(row.count) 个字段，表头只有 \(header.count) 列", en: "\(row.count) fields but the header has \(header.count) columns"))
            }
            let cells = RowCells(cells: row, index: index, line: line, file: file)
            let concern = try builder.concern(from: cells)
            if concern.code.sequence != 0 && !seenCodes.insert(concern.code).inserted {
                throw ImportError(file: file, line: line, column: "code", problem: LocalizedText(
                    zh: "编号 \(concern.code) 在文件中重复", en: "id \(concern.code) appears twice in the file"))
            }
            concerns.append(concern)
            // A record spans as many physical lines as its quoted fields hold line breaks.
            line += 1 + row.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
        }
        if let error = reader.error {
            throw ImportError(file: file, line: line, column: nil, problem: LocalizedText(zh: "CSV 格式错误：\(error)", en: "malformed CSV: \(error)"))
        }
        return (try await session.importConcerns(concerns), encoding)
    }

    static func syntaxError(_ problem: CSVSyntaxCheck.Problem, header: [String], file: String) -> ImportError {
        let name = header.indices.contains(problem.field - 1) ? header[problem.field - 1].trimmingCharacters(in: .whitespaces) : ""
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

/// The cells of one CSV record, looked up by column, with errors that name the place.
struct RowCells {
    var cells: [String]
    var index: [ConcernCSVColumn: Int]
    var line: Int
    var file: String

    subscript(_ column: ConcernCSVColumn) -> String {
        guard let position = index[column], position < cells.count else { return "" }
        return Self.trimmed(cells[position])
    }

    /// The cell without the white space around it: Unicode's White_Space property, the same
    /// characters as Foundation's `.whitespacesAndNewlines`. Done natively, and without a copy
    /// when nothing is to be cut (nearly every cell): Foundation's trimming bridges through
    /// NSString and was a sixth of an import's time.
    static func trimmed(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return cell }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return cell }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    func failure(_ column: ConcernCSVColumn?, zh: String, en: String) -> ImportError {
        ImportError(file: file, line: line, column: column?.rawValue, problem: LocalizedText(zh: zh, en: en))
    }
}
