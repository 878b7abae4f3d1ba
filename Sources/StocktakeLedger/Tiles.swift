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

    /// An entry bundle: each entry as a big-endian uint16 length and its bytes.
    public static func entryBundle(_ entries: [[UInt8]]) throws -> [UInt8] {
        var data: [UInt8] = []
        for entry in entries {
            guard entry.count <= maximumEntrySize else {
                throw StocktakeError(.ledger, "An entry of \(entry.count) bytes does not fit an entry bundle; large content is logged by its hash.")
            }
            data += [UInt8(entry.count >> 8), UInt8(entry.count & 0xFF)] + entry
        }
        return data
    }
}
