import StocktakeCore

/// C2SP tlog-tiles: tile paths, hash tiles and entry bundles for serving a log as static files.
public enum Tiles {
    /// Hashes (or entries) per full tile.
    public static let width: UInt64 = 256
    /// Tree levels per tile level.
    public static let height = 8
    /// The largest entry an entry bundle can hold (its length is a big-endian uint16).
    public static let maximumEntrySize = 65_535

    /// The path element for a tile index: groups of three digits, all but the last prefixed with x (1234067 → x001/x234/067).
    public static func indexPath(_ index: UInt64) -> String {
        var groups: [String] = []
        var n = index
        repeat {
            groups.insert(String(n % 1000).leftPadded(to: 3), at: 0)
            n /= 1000
        } while n > 0
        return groups.enumerated().map { $0.offset < groups.count - 1 ? "x" + $0.element : $0.element }.joined(separator: "/")
    }

    /// A hash tile's path: `tile/<L>/<N>[.p/<W>]`.
    public static func tilePath(level: Int, index: UInt64, width: UInt64) -> String {
        "tile/\(level)/\(indexPath(index))" + (width < Tiles.width ? ".p/\(width)" : "")
    }

    /// An entry bundle's path: `tile/entries/<N>[.p/<W>]`.
    public static func entriesPath(index: UInt64, width: UInt64) -> String {
        "tile/entries/\(indexPath(index))" + (width < Tiles.width ? ".p/\(width)" : "")
    }

    /// Every tile (hash tiles at every level) for a tree of `size` entries, as (path, bytes).
    public static func hashTiles(size: UInt64, source: some SubtreeHashSource) throws -> [(path: String, data: [UInt8])] {
        var tiles: [(String, [UInt8])] = []
        var level = 0
        while true {
            let treeLevel = level * height
            let count = size >> UInt64(treeLevel)
            if count == 0 { break }
            var tileIndex: UInt64 = 0
            while tileIndex * width < count {
                let start = tileIndex * width
                let tileWidth = min(width, count - start)
                var data: [UInt8] = []
                data.reserveCapacity(Int(tileWidth) * 32)
                for i in 0..<tileWidth { data += try source.hash(level: treeLevel, index: start + i).bytes }
                tiles.append((tilePath(level: level, index: tileIndex, width: tileWidth), data))
                tileIndex += 1
            }
            level += 1
        }
        return tiles
    }

    /// One hash tile: `width` hashes of tree level `level × height`, starting at hash `index × width`.
    public static func hashTile(level: Int, index: UInt64, width: UInt64, source: some SubtreeHashSource) throws -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(Int(width) * 32)
        for i in 0..<width { data += try source.hash(level: level * height, index: index * Tiles.width + i).bytes }
        return data
    }

    /// Reads a tile path below `tile/` (`0/x001/234`, `entries/000.p/7`): the level (nil for entries), the index and the width; nil for anything else.
    public static func parse(_ path: String) -> (level: Int?, index: UInt64, width: UInt64)? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.count <= 10 else { return nil }
        let level: Int?
        if parts[0] == "entries" {
            level = nil
        } else {
            guard parts[0].count <= 2, parts[0].allSatisfy(\.isASCII), let value = Int(parts[0]), value >= 0, value < 64,
                String(value) == parts[0]
            else { return nil }
            level = value
        }
        parts.removeFirst()
        var width = Tiles.width
        if parts.count >= 2, parts[parts.count - 2].hasSuffix(".p") {
            guard let w = UInt64(parts[parts.count - 1]), w >= 1, w < Tiles.width, String(w) == parts[parts.count - 1] else { return nil }
            width = w
            parts.removeLast()
            parts[parts.count - 1] = String(parts[parts.count - 1].dropLast(2))
        }
        var index: UInt64 = 0
        for (position, part) in parts.enumerated() {
            let last = position == parts.count - 1
            let digits = last ? part : (part.hasPrefix("x") ? String(part.dropFirst()) : "")
            guard digits.count == 3, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), let value = UInt64(digits) else { return nil }
            guard index <= (UInt64.max - value) / 1000 else { return nil }
            index = index * 1000 + value
        }
        guard indexPath(index) == parts.joined(separator: "/") else { return nil }
        return (level, index, width)
    }

    /// An entry bundle: each entry as a big-endian uint16 length and its bytes.
    public static func entryBundle(_ entries: [[UInt8]]) throws -> [UInt8] {
        var data: [UInt8] = []
        for entry in entries {
            guard entry.count <= maximumEntrySize else {
                throw StocktakeError(
                    .ledger, "An entry of \(entry.count) bytes does not fit an entry bundle; large content is logged by its hash.")
            }
            data += [UInt8(entry.count >> 8), UInt8(entry.count & 0xFF)] + entry
        }
        return data
    }
}
