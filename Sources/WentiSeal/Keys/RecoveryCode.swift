import Foundation
import WentiCore

/// The recovery key as it is written on paper: its 32 private-key bytes in base32 (RFC 4648
/// alphabet: letters and the digits 2-7, none of 0/1/8/9 to confuse with O/I/B/g), in groups
/// of four. Typed back, case, spaces and hyphens do not matter; a typo is caught because the
/// key then no longer matches the public key the workspace keeps.
public enum RecoveryCode {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func text(of key: IdentityKey) -> String {
        let symbols = base32(key.privateKey.rawRepresentation)
        return stride(from: 0, to: symbols.count, by: 4).map { start in
            String(symbols[start..<min(start + 4, symbols.count)])
        }.joined(separator: "-")
    }

    /// The key `text` writes, checked against the workspace's recovery public key.
    public static func key(from text: String, expectedPublicKey: Data) throws(SealError) -> IdentityKey {
        let symbols = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        var bits = 0, value = 0
        var bytes: [UInt8] = []
        for symbol in symbols {
            guard let index = alphabet.firstIndex(of: symbol) else { throw .notTheRecoveryKey }
            value = (value << 5) | index
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((value >> bits) & 0xff))
                value &= (1 << bits) - 1
            }
        }
        guard bytes.count == 32, let key = try? IdentityKey(rawRepresentation: Data(bytes)), key.publicKey == expectedPublicKey else {
            throw .notTheRecoveryKey
        }
        return key
    }

    static func base32(_ data: Data) -> [Character] {
        var symbols: [Character] = []
        var bits = 0, value = 0
        for byte in data {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                symbols.append(alphabet[(value >> bits) & 31])
            }
            value &= (1 << bits) - 1
        }
        if bits > 0 { symbols.append(alphabet[(value << (5 - bits)) & 31]) }
        return symbols
    }
}
