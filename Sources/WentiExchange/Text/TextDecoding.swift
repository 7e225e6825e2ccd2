import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of an imported file into text: UTF-8 with or without a byte-order mark,
/// or GB18030 (a superset of GBK, what Chinese Excel writes). Anything else is refused with
/// the offset of the first byte that fits neither.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case gb18030 = "GB18030"
    }

    public struct Failure: Error, Equatable, Sendable {
        /// Byte offset of the first undecodable byte.
        public var offset: Int
    }

    public static func decode(_ data: Data) throws(Failure) -> (String, Encoding) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, .utf8)
        }
        switch gb18030(bytes) {
        case .success(let text): return (text, .gb18030)
        case .failure(let failure): throw failure
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
