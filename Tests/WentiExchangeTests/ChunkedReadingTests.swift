import Foundation
import Testing
import WentiTestSupport
@testable import WentiExchange

/// An import reads its file in pieces (`LineChunks`, `TextDecoding.DecodedChunks`,
/// `CSVRecordReader`). Cut anywhere, the pieces must give the records, the encoding and the
/// failures that reading the whole file at once gives.
@Suite("Import: reading a file in pieces")
struct ChunkedReadingTests {
    /// A CSV text with what makes cutting it hard: multi-line quoted fields, doubled quotes,
    /// CRLF and lone CR line breaks, blank lines, Chinese in every field, a missing last
    /// line break.
    static let awkward = "title,description,unit\r\n"
        + "\"多行\n描述\",\"他说\"\"不行\"\"，再说\",t-hk\n"
        + "\n"
        + "食堂,\"逗号,在里面\",t-kf\r"
        + "宿舍热水,\"\r\n\r\n\",t-hk\r\n"
        + "最后一行,没有换行,t-hk"

    static let expected: [(fields: [String], line: Int)] = [
        (["title", "description", "unit"], 1),
        (["多行\n描述", "他说\"不行\"，再说", "t-hk"], 2),
        ([""], 4),
        (["食堂", "逗号,在里面", "t-kf"], 5),
        (["宿舍热水", "\r\n\r\n", "t-hk"], 6),
        (["最后一行", "没有换行", "t-hk"], 9),
    ]

    private func records(_ data: Data, _ reading: TextDecoding.Reading, chunkSize: Int) throws -> [CSVRecordReader.Record] {
        var reader = CSVRecordReader(try TextDecoding.DecodedChunks(.data(data), reading, chunkSize: chunkSize))
        var all: [CSVRecordReader.Record] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    @Test(arguments: [1, 2, 3, 5, 8, 64, 1 << 20])
    func recordsAndLinesAreTheSameWhereverTheFileIsCut(_ chunkSize: Int) throws {
        let utf8 = Data(Self.awkward.utf8)
        let gb = try #require(TextDecoding.encodeGB18030(Self.awkward))
        for (data, encoding) in [(utf8, TextDecoding.Encoding.utf8), (gb, .gb18030)] {
            let read = try records(data, TextDecoding.Reading(encoding: encoding, skipsByteOrderMark: false), chunkSize: chunkSize)
            #expect(read.map(\.fields) == Self.expected.map(\.fields), "\(encoding), chunks of \(chunkSize)")
            #expect(read.map(\.line) == Self.expected.map(\.line), "\(encoding), chunks of \(chunkSize)")
        }
    }

    @Test func syntaxProblemsAreFoundAcrossPieces() throws {
        let reading = TextDecoding.Reading(encoding: .utf8, skipsByteOrderMark: false)
        let open = Data("a,b\n好,\"没有闭合\n第三行\n".utf8)
        let nul = Data("a,b\n好,\"第一行\n第二\(HostileText.nul)行\"\n".utf8)
        for chunkSize in [1, 4, 1 << 20] {
            #expect(throws: CSVRecordReader.Problem(kind: .unterminatedQuote, line: 2, field: 2)) { try records(open, reading, chunkSize: chunkSize) }
            #expect(throws: CSVRecordReader.Problem(kind: .nul, line: 3, field: 2)) { try records(nul, reading, chunkSize: chunkSize) }
        }
    }

    /// The encoding chosen and the offset of a bad byte are those of `TextDecoding.decode`
    /// on the whole file, with or without a byte-order mark, however the file is cut.
    @Test func detectionAgreesWithDecodingTheWholeFile() throws {
        let chinese = "title,unit\n系统,t-hk\n食堂晚上不开,t-hk\n"
        let gbk = try #require(TextDecoding.encodeGB18030(chinese))
        let bom = Data(TextDecoding.byteOrderMark)
        let files: [Data] = [
            Data(chinese.utf8), gbk, bom + Data(chinese.utf8), bom + gbk,
            Data("title,unit\nplain ascii,t-hk\n".utf8),
            Data(chinese.utf8) + Data([0xFF, 0xFE, 0x0A]),
            Data([0x80, 0x80, 0xFF, 0xFF, 0x00]),
        ]
        for (number, data) in files.enumerated() {
            for forced in [nil, TextDecoding.Encoding.utf8, .gb18030] {
                let whole: Result<TextDecoding.Encoding, TextDecoding.Failure>
                do {
                    whole = .success(try TextDecoding.decode(data, forced: forced).1)
                } catch {
                    whole = .failure(error)
                }
                let detected = Result { try TextDecoding.detect(.data(data), forced: forced) }
                switch (whole, detected) {
                case (.success(let encoding), .success(let reading)):
                    #expect(encoding == reading.encoding, "file \(number), forced \(String(describing: forced))")
                    let text = try TextDecoding.decode(data, forced: forced).0
                    var chunks = try TextDecoding.DecodedChunks(.data(data), reading, chunkSize: 3)
                    var pieces = ""
                    while let piece = try chunks.next() { pieces += piece }
                    #expect(pieces == text, "file \(number), forced \(String(describing: forced))")
                case (.failure(let failure), .failure(let error)):
                    #expect(error as? TextDecoding.Failure == failure, "file \(number), forced \(String(describing: forced))")
                default:
                    Issue.record("file \(number), forced \(String(describing: forced)): whole \(whole), in pieces \(detected)")
                }
            }
        }
    }
}

/// The import's second reading runs ahead on a thread of its own (`ReadAhead`).
@Suite("Import: reading ahead on a second thread")
struct ReadAheadTests {
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var produced = 0
        func next(upTo limit: Int, failingAt failure: Int? = nil) throws -> Int? {
            lock.lock()
            defer { lock.unlock() }
            if produced == failure { throw CocoaError(.fileReadCorruptFile) }
            guard produced < limit else { return nil }
            produced += 1
            return produced
        }
    }

    @Test func elementsComeInOrderThenTheEnd() throws {
        let counter = Counter()
        let ahead = ReadAhead(depth: 2) { try counter.next(upTo: 50) }
        var seen: [Int] = []
        while let n = try ahead.next() { seen.append(n) }
        ahead.stop()
        #expect(seen == Array(1...50))
        #expect(try ahead.next() == nil, "after the end, still the end")
    }

    @Test func aFailureIsHandedOnInItsPlaceAndOnce() throws {
        let counter = Counter()
        let ahead = ReadAhead(depth: 3) { try counter.next(upTo: 50, failingAt: 5) }
        var seen: [Int] = []
        #expect(throws: CocoaError.self) { while let n = try ahead.next() { seen.append(n) } }
        ahead.stop()
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(try ahead.next() == nil)
    }

    /// A consumer that gives up (the store refused the import) stops the producer, which
    /// stays at most `depth` ahead and then ends.
    @Test func stoppingEndsAProducerThatIsWaiting() throws {
        let counter = Counter()
        let ahead = ReadAhead(depth: 2) { try counter.next(upTo: 1_000_000) }
        #expect(try ahead.next() == 1)
        ahead.stop()
        counter.lock.lock()
        defer { counter.lock.unlock() }
        #expect(counter.produced <= 4, "\(counter.produced) produced")
    }
}
