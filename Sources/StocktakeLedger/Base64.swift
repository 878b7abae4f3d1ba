import Foundation

/// Standard base64 (RFC 4648 section 4), strict: padding required, no white space.
public enum Base64 {
    /// Encodes bytes.
    public static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// Decodes strictly; nil for anything that is not canonical standard base64.
    public static func decode(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.count % 4 == 0,
            text.utf8.allSatisfy({
                ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2F
                    || $0 == 0x3D
            }),
            let data = Data(base64Encoded: text)
        else { return nil }
        let bytes = [UInt8](data)
        guard encode(bytes) == text else { return nil }
        return bytes
    }
}

/// Lower-case hexadecimal, as key IDs, content hashes and file names are written.
public enum Hex {
    /// Encodes bytes as lower-case hex.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex of even length; nil for anything else.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let characters = Array(text)
        guard characters.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: characters.count, by: 2) {
            guard let byte = UInt8(String(characters[i..<i + 2]), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
