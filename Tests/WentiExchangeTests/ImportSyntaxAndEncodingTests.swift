import Foundation
import Testing
import WentiCore
import WentiExchange
import WentiStore
import WentiTestSupport

/// Issue 18: a faulty file is reported for what is wrong with it, where it is wrong, before
/// anything else, and no text is lost or garbled without a word.
@Suite("Import: CSV syntax, NUL and encodings", .serialized)
struct ImportSyntaxAndEncodingTests {
    func importing(_ data: Data, encoding: TextDecoding.Encoding? = nil, _ check: (Result<[Concern], ImportError>, TextDecoding.Encoding?) throws -> Void) async throws {
        let demo = try await DemoFixture()
        defer { demo.remove() }
        let before = try await demo.store.count(ConcernQuery(), viewer: nil)
        let importer = ConcernImport(session: try await demo.store.session(as: "zg-zhao"))
        do {
            let outcome = try await importer.run(data: data, file: "f.csv", encoding: encoding)
            var concerns: [Concern] = []
            for code in outcome.codes { concerns.append(try await demo.store.concern(code, scope: .all)) }
            try check(.success(concerns), outcome.encoding)
        } catch let error as ImportError {
            try check(.failure(error), nil)
            #expect(try await demo.store.count(ConcernQuery(), viewer: nil) == before, "a refused file writes nothing")
        }
    }

    @Test func anUnterminatedQuoteIsACSVSyntaxErrorOnItsLine() async throws {
        // The quote opens on line 3; the category on line 4 is fine but would be swallowed.
        let files = [
            ("title,category,channel,unit\n好,收入福利,hotline,t-hk\n\"没有闭合,收入福利,hotline,t-hk\n第三,收入福利,hotline,t-hk\n", 3),
            ("title,category,channel,unit\n好,收入福利,hotline,t-hk\n好,\"收入福利,hotline,t-hk\n", 3),
            ("title,category,channel,unit\r\n\"多行\r\n描述\",收入福利,hotline,t-hk\r\n坏,\"x\"\"y,hotline,t-hk\r\n", 4),
        ]
        for (text, line) in files {
            try await importing(Data(text.utf8)) { result, _ throws in
                guard case .failure(let error) = result else { Issue.record("accepted: \(text)"); return }
                #expect(error.line == line, "\(error.label.en)")
                #expect(error.problem.en.contains("CSV syntax error") && error.problem.en.contains("never closed"), "\(error.label.en)")
            }
        }
    }

    @Test func aNULInACellIsRefusedWithLineAndColumn() async throws {
        let text = "title,category,channel,unit,description\n好,收入福利,hotline,t-hk,全文\n坏,收入福利,hotline,t-hk,前半\(HostileText.nul)后半不能丢\n"
        try await importing(Data(text.utf8)) { result, _ throws in
            guard case .failure(let error) = result else { Issue.record("a NUL was imported silently"); return }
            #expect(error.line == 3 && error.column == "description", "\(error.label.en)")
            #expect(error.problem.en.contains("NUL"))
        }
        // In a quoted, multi-line field, the line is the one the NUL is on.
        let quoted = "title,category,channel,unit\n\"第一行\n第二\(HostileText.nul)行\",收入福利,hotline,t-hk\n"
        try await importing(Data(quoted.utf8)) { result, _ throws in
            guard case .failure(let error) = result else { Issue.record("a NUL was imported silently"); return }
            #expect(error.line == 3 && error.column == "title", "\(error.label.en)")
        }
    }

    /// GBK files whose bytes are also valid UTF-8: 系统 is CF B5 CD B3, which reads as "ϵͳ".
    @Test func gbkThatIsAlsoValidUTF8IsReadAsGB18030AndSaysSo() async throws {
        let csv = "title,category,channel,unit\n系统,career,hotline,t-hk\n"
        let gbk = try #require(TextDecoding.encodeGB18030(csv))
        #expect(String(validating: [UInt8](gbk), as: UTF8.self) != nil, "the bytes are valid UTF-8 too")
        try await importing(gbk) { result, used throws in
            #expect(try result.get().first?.title == "系统")
            #expect(used == .gb18030)
        }
        // Forcing UTF-8 reads it as UTF-8, and says so.
        try await importing(gbk, encoding: .utf8) { result, used throws in
            #expect(try result.get().first?.title == "ϵͳ")
            #expect(used == .utf8)
        }
        // Forcing an encoding the bytes are not is refused, naming the encoding.
        let utf8 = Data("title,category,channel,unit\n食堂晚上不开,收入福利,hotline,t-hk\n".utf8)
        try await importing(Data([0xFF, 0xFE]) + utf8, encoding: .utf8) { result, _ throws in
            guard case .failure(let error) = result else { Issue.record("accepted bytes that are not UTF-8"); return }
            #expect(error.problem.en.contains("not UTF-8") && error.problem.en.contains("offset 0"))
        }
        // Chinese text in UTF-8 stays UTF-8, even when its bytes also decode as GB18030.
        try await importing(utf8) { result, used throws in
            #expect(try result.get().first?.title == "食堂晚上不开")
            #expect(used == .utf8)
        }
    }
}
