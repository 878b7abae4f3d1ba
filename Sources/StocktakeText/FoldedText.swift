import Foundation

/// Text folded for matching, with a map back to positions in the original.
///
/// Folding applies NFKC per character (full-width forms, ligatures, circled letters, Arabic
/// presentation forms), lower-cases, maps Arabic-Indic digits to ASCII, and drops soft hyphens,
/// tatweel and Arabic diacritics. Every folded scalar remembers the original scalar it came from,
/// so a match in folded text gives offsets in the original text.
///
/// Loose folding, which the reference extractor uses to match names as people type them, goes further:
/// Latin letters lose their accents (`Etats-Unis` is `États-Unis`), ё is е, and in Arabic the alifs
/// carrying hamza or madda are bare alif (`الاسلحة` is `الأسلحة`), alif maqsura is ya and ta marbuta is ha.
public struct FoldedText: Sendable {
    /// The folded scalars.
    public let scalars: [Unicode.Scalar]
    /// For each folded scalar, the index of the original scalar it came from.
    public let origin: [Int]
    /// The number of scalars in the original text.
    public let originalCount: Int

    /// Folds `text` for matching; `loosely` also folds accents and Arabic spelling variants.
    public init(_ text: String, loosely: Bool = false) {
        var scalars: [Unicode.Scalar] = []
        var origin: [Int] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        origin.reserveCapacity(text.unicodeScalars.count)
        var index = 0
        var pendingSpace = -1  // origin of a space not yet emitted
        for scalar in text.unicodeScalars {
            FoldedText.fold(scalar, loosely: loosely) { folded in
                if folded == " " {
                    if pendingSpace < 0 { pendingSpace = index }
                    return
                }
                // A run of spaces becomes one, and none next to CJK, where spacing is typographic only.
                if pendingSpace >= 0 {
                    if let last = scalars.last, !last.isCJK, !folded.isCJK {
                        scalars.append(" ")
                        origin.append(pendingSpace)
                    }
                    pendingSpace = -1
                }
                scalars.append(folded)
                origin.append(index)
            }
            index += 1
        }
        self.scalars = scalars
        self.origin = origin
        self.originalCount = index
    }

    /// The original scalar range `[start, end)` that folded range `[from, to)` came from.
    public func originalRange(_ from: Int, _ to: Int) -> (start: Int, end: Int) {
        let start = from < origin.count ? origin[from] : originalCount
        let end = to > 0 ? origin[to - 1] + 1 : start
        return (start, max(start, end))
    }

    /// Folds one string for use as a key (aliases, queries).
    public static func key(_ text: String, loosely: Bool = false) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: FoldedText(text, loosely: loosely).scalars)
        return String(view)
    }

    /// Folds a single scalar, calling `emit` for each resulting scalar (none when it is dropped).
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, loosely: Bool = false, _ emit: (Unicode.Scalar) -> Void) {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A {
                emit(Unicode.Scalar(value + 0x20)!)
            } else if value == 0x0A || value == 0x0D || value == 0x09 {
                emit(" ")
            } else {
                emit(scalar)
            }
            return
        }
        if loosely, let spelling = LooseSpelling.fold(value) {
            emit(spelling)
            return
        }
        switch value {
        case 0x00AD, 0x0640, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF: return  // soft hyphen, tatweel, zero-width, marks
        case 0x064B...0x065F, 0x0670: return  // Arabic harakat and superscript alef
        case 0x0660...0x0669: emit(Unicode.Scalar(value - 0x0660 + 0x30)!); return  // Arabic-Indic digits
        case 0x06F0...0x06F9: emit(Unicode.Scalar(value - 0x06F0 + 0x30)!); return  // Extended Arabic-Indic digits
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: emit(" "); return  // spaces
        case 0x2010...0x2015, 0x2212: emit("-"); return  // dashes
        case 0x00B9, 0x00B2, 0x00B3, 0x2070...0x2079: return  // superscript footnote markers
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: emit(scalar); return  // CJK ideographs fold to themselves
        // Letters that are already folded.
        case 0x0430...0x045F, 0x0621...0x063A, 0x0641...0x064A, 0x00DF...0x00F6, 0x00F8...0x00FF: emit(scalar); return
        case 0x0410...0x042F: emit(Unicode.Scalar(value + 0x20)!); return  // Cyrillic capitals
        case 0x0400...0x040F: emit(Unicode.Scalar(value + 0x50)!); return
        case 0x00C0...0x00D6, 0x00D8...0x00DE: emit(Unicode.Scalar(value + 0x20)!); return  // Latin-1 capitals
        default: break
        }
        for folded in FoldCache.shared.fold(scalar) { emit(folded) }
    }
}

/// The spelling variants loose folding treats as one letter.
enum LooseSpelling {
    /// Lower-case base letters for the accented Latin letters from U+00C0 to U+024F (0 where there is none, as for ß or æ).
    static let latinBase: [UInt32] = (UInt32(0xC0)...0x24F).map { value in
        guard let scalar = Unicode.Scalar(value),
            let base = String(Character(scalar)).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.first,
            base.value >= 0x61 && base.value <= 0x7A
        else { return 0 }
        return base.value
    }

    @inline(__always)
    static func fold(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x00C0...0x024F:
            let base = latinBase[Int(value - 0xC0)]
            return base == 0 ? nil : Unicode.Scalar(base)
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"  // آ أ إ ٱ → ا
        case 0x0649: return "\u{064A}"  // ى → ي
        case 0x0629: return "\u{0647}"  // ة → ه
        case 0x0401, 0x0451: return "\u{0435}"  // Ё ё → е
        default: return nil
        }
    }
}

/// Caches NFKC plus lower-casing for scalars outside ASCII and the CJK blocks.
final class FoldCache: @unchecked Sendable {
    static let shared = FoldCache()
    private let lock = NSLock()
    private var table: [UInt32: [Unicode.Scalar]] = [:]

    func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        lock.lock()
        if let hit = table[scalar.value] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let folded = Array(String(Character(scalar)).precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
        lock.lock()
        table[scalar.value] = folded
        lock.unlock()
        return folded
    }
}

extension Unicode.Scalar {
    /// True for Han ideographs, kana and hangul: scripts written without spaces between words.
    @inline(__always)
    public var isCJK: Bool {
        if value < 0x3040 { return false }
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF, 0x3040...0x30FF, 0xAC00...0xD7AF, 0x31F0...0x31FF:
            return true
        default: return false
        }
    }

    /// True for letters and digits of any script (word characters for boundaries).
    @inline(__always)
    public var isWordCharacter: Bool {
        let v = value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F
        }
        if (0x4E00...0x9FFF).contains(v) || (0x0400...0x045F).contains(v) || (0x0621...0x064A).contains(v)
            || ((0x00C0...0x00FF).contains(v) && v != 0x00D7 && v != 0x00F7)
        {
            return true
        }
        if (0x3000...0x303F).contains(v) || (0xFF00...0xFF0F).contains(v) || (0x2000...0x206F).contains(v) { return false }
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// True for ASCII digits.
    public var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}
