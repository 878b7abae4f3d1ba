import Foundation
import StocktakeCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File operations with the durability the log needs: fsync, atomic replace, exclusive locks, positioned reads.
enum DurableFile {
    /// Writes `data` to `url` atomically: a temporary file, fsync, rename over, fsync the folder.
    static func writeAtomically(_ data: [UInt8], to url: URL, mode: mode_t = 0o644) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw failure("create", temporary) }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + written, data.count - written) }
            guard n > 0 else {
                close(fd)
                throw failure("write", temporary)
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw failure("sync", temporary)
        }
        close(fd)
        guard rename(temporary.path, url.path) == 0 else { throw failure("rename", url) }
        try syncDirectory(url.deletingLastPathComponent())
    }

    static func syncDirectory(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw failure("open", url) }
        defer { close(fd) }
        _ = fsync(fd)
    }

    static func failure(_ operation: String, _ url: URL) -> StocktakeError {
        StocktakeError(
            .ledger,
            "Could not \(operation) \(url.path) (\(String(cString: strerror(errno)))); check the disk and the folder's permissions.")
    }
}

/// An open file of the log: appends, positioned reads, truncation, fsync.
final class LogFile {
    let url: URL
    let fd: Int32

    init(_ url: URL, writable: Bool) throws {
        self.url = url
        if writable && !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        fd = open(url.path, writable ? O_RDWR : O_RDONLY)
        guard fd >= 0 else { throw DurableFile.failure("open", url) }
    }

    deinit { close(fd) }

    var length: UInt64 {
        var info = stat()
        fstat(fd, &info)
        return UInt64(info.st_size)
    }

    func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            guard n > 0 else {
                throw StocktakeError(
                    .ledgerMismatch,
                    "\(url.lastPathComponent) ends before byte \(offset + UInt64(count)): the log was truncated; run 'stocktake log verify'."
                )
            }
            done += n
        }
        return buffer
    }

    func append(_ data: [UInt8], at offset: UInt64) throws {
        var done = 0
        while done < data.count {
            let n = data.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, data.count - done, off_t(offset) + off_t(done)) }
            guard n > 0 else { throw DurableFile.failure("write", url) }
            done += n
        }
    }

    func truncate(to length: UInt64) throws {
        guard ftruncate(fd, off_t(length)) == 0 else { throw DurableFile.failure("truncate", url) }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw DurableFile.failure("sync", url) }
    }

    /// Takes an exclusive lock, waiting up to `wait` seconds for another writer to finish, then records this process as the holder.
    func lockExclusively(wait: Double) throws {
        let deadline = Date().addingTimeInterval(max(0, wait))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                let holder =
                    (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
                    ?? "another stocktake process"
                throw StocktakeError(
                    .busy,
                    "The log in \(url.deletingLastPathComponent().path) is being written by \(holder), and it did not finish within \(Int(wait)) seconds; nothing was written, so try again when it ends or set STOCKTAKE_LOCK_WAIT to wait longer."
                )
            }
            usleep(20_000)
        }
        let name = CommandLine.arguments.prefix(3).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " ")
        let holder = Array("process \(getpid()) (\(name))\n".utf8)
        _ = ftruncate(fd, 0)
        _ = holder.withUnsafeBytes { pwrite(fd, $0.baseAddress!, holder.count, 0) }
    }
}
