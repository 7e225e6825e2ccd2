import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of an imported file into text: UTF-8 with or without a byte-order mark,
/// or GB18030 (a superset of GBK, what Chinese Excel writes). Anything else is refused with
/// the offset of the first byte that fits neither.
///
/// Being valid UTF-8 is not enough to be UTF-8: GBK bytes are valid UTF-8 often enough (系统
/// is `CF B5 CD B3`, which UTF-8 reads as "ϵͳ"). Without a byte-order mark, when the bytes
/// read both ways, the reading whose non-ASCII characters look like Chinese text wins.
public enum TextDecoding {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "UTF-8"
        case gb18030 = "GB18030"

        /// The encoding a user names: UTF-8 / utf8, GB18030 / GBK / GB2312, any case.
        public init?(name: String) {
            switch name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
            case "utf8": self = .utf8
            case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
            default: return nil
            }
        }
    }

    public struct Failure: Error, Equatable, Sendable {
        /// Byte offset of the first undecodable byte.
        public var offset: Int
    }

    /// Decodes `data`, in `forced` when given, else in the encoding detected.
    public static func decode(_ data: Data, forced: Encoding? = nil) throws(Failure) -> (String, Encoding) {
        var bytes = [UInt8](data)
        let hadByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hadByteOrderMark && forced != .gb18030 { bytes.removeFirst(3) }
        switch forced {
        case .utf8?:
            guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(offset: firstInvalidUTF8Offset(bytes)) }
            return (text, .utf8)
        case .gb18030?:
            switch gb18030(bytes) {
            case .success(let text): return (text, .gb18030)
            case .failure(let failure): throw failure
            }
        case nil:
            break
        }
        let utf8 = String(validating: bytes, as: UTF8.self)
        let gb = gb18030(bytes)
        switch (utf8, gb) {
        case (let text?, .success(let other)) where !hadByteOrderMark:
            return chineseLikeness(other) >= 0.9 && chineseLikeness(text) < 0.5 ? (other, .gb18030) : (text, .utf8)
        case (let text?, _):
            return (text, .utf8)
        case (nil, .success(let text)):
            return (text, .gb18030)
        case (nil, .failure(let failure)):
            throw failure
        }
    }

    /// The share of a text's non-ASCII characters that a Chinese file plausibly holds:
    /// Han characters, CJK and full-width punctuation, general punctuation, emoji. 1 for a
    /// text of ASCII only.
    static func chineseLikeness(_ text: String) -> Double {
        var counts = LikenessCounts()
        counts.add(text)
        return counts.likeness
    }

    /// The counts behind `chineseLikeness`, added up chunk by chunk over a file read in pieces.
    struct LikenessCounts {
        var nonASCII = 0
        var plausible = 0

        var likeness: Double { nonASCII == 0 ? 1 : Double(plausible) / Double(nonASCII) }

        mutating func add(_ text: String) {
            for scalar in text.unicodeScalars where scalar.value >= 0x80 {
                nonASCII += 1
                switch scalar.value {
                case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F,  // Han
                     0x2E80...0x2FDF, 0x3000...0x303F, 0x3100...0x312F,                    // radicals, CJK punctuation, bopomofo
                     0xFF00...0xFFEF, 0xFE30...0xFE4F,                                     // full-width forms
                     0x2000...0x206F, 0x2460...0x24FF, 0x2100...0x214F,                    // punctuation, circled numbers, letterlike
                     0x00A0...0x00BF, 0x00D7, 0x00F7, 0xFEFF,                              // Latin-1 signs, ×, ÷, BOM
                     0x2190...0x23FF, 0x25A0...0x27BF, 0x1F000...0x1FAFF:                  // arrows, shapes, emoji
                    plausible += 1
                default:
                    continue
                }
            }
        }
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput, .error: return offset
            }
        }
    }

    /// Converts with glibc's iconv, which ships GB18030 on every Debian system.
    static func gb18030(_ bytes: [UInt8]) -> Result<String, Failure> {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return .failure(Failure(offset: 0)) }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let total = input.count
        var inLeft = total
        var outLeft = output.count
        let result: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1 else { return .failure(Failure(offset: total - inLeft)) }
        let produced = output.count - outLeft
        let text = output.prefix(produced).withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeRawBufferPointer(buffer).bindMemory(to: UInt8.self), as: UTF8.self)
        }
        return .success(text)
    }

    /// Encodes to GB18030 (for tests and for users who ask for it).
    public static func encodeGB18030(_ text: String) -> Data? {
        let converter = iconv_open("GB18030", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 4)
        var inLeft = input.count
        var outLeft = output.count
        let result: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1 else { return nil }
        return Data(output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) })
    }
}
