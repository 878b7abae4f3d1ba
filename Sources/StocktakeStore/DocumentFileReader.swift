import Crypto
public import Foundation
import StocktakeCore
import StocktakeLedger
import StocktakeText
import ZIPFoundation

/// Reads a document file of any supported format into plain text, refusing what it cannot read with one sentence.
public enum DocumentFileReader {
    /// The formats Stocktake reads.
    public enum Format: String, Sendable {
        case text, markdown, html, docx, pdf
    }

    /// The largest file read as text, HTML or DOCX; larger ones are refused before reading, so memory stays bounded.
    public static let maximumTextBytes = 64 * 1024 * 1024
    /// The largest PDF handed to pdftotext.
    public static let maximumPDFBytes = 512 * 1024 * 1024

    /// Detects the format from the file's first bytes, then its extension.
    public static func format(of url: URL, head: Data) throws -> Format {
        let bytes = [UInt8](head.prefix(8))
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46]) { return .pdf }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard url.pathExtension.lowercased() == "docx" else {
                throw StocktakeError(
                    .unsupportedFormat,
                    "\(url.lastPathComponent) is a ZIP archive but not a DOCX file; give a text, Markdown, HTML, DOCX or PDF file.")
            }
            return .docx
        }
        switch url.pathExtension.lowercased() {
        case "html", "htm", "xhtml": return .html
        case "md", "markdown": return .markdown
        case "txt", "text", "": return .text
        case "docx", "pdf":
            throw StocktakeError(
                .unsupportedFormat,
                "\(url.lastPathComponent) is named .\(url.pathExtension) but its content is not; the file may be damaged.")
        case "doc", "rtf", "odt", "xlsx", "pptx", "epub":
            throw StocktakeError(
                .unsupportedFormat,
                "\(url.lastPathComponent) is a .\(url.pathExtension) file, which Stocktake does not read; save it as DOCX, PDF, HTML or text."
            )
        default:
            let sniff = String(decoding: head.prefix(512), as: UTF8.self).lowercased()
            if sniff.contains("<html") || sniff.contains("<!doctype html") { return .html }
            return .text
        }
    }

    /// Reads the file at `url` and returns its text and format.
    public static func read(_ url: URL) throws -> (text: String, format: Format) {
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw StocktakeError(.unreadableFile, "There is no file \(url.path); check the path.")
        }
        guard !isDirectory.boolValue else {
            throw StocktakeError(.unreadableFile, "\(url.path) is a folder; give one document file.")
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw StocktakeError(.unreadableFile, "\(name) cannot be read; check its permissions.")
        }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        guard size > 0, !head.isEmpty else {
            throw StocktakeError(.emptyInput, "\(name) is empty; there is nothing to extract.")
        }
        let format = try self.format(of: url, head: head)
        let limit = format == .pdf ? maximumPDFBytes : maximumTextBytes
        guard size <= limit else {
            throw StocktakeError(
                .tooLarge,
                "\(name) is \(size / 1_048_576) MiB, more than the \(limit / 1_048_576) MiB one document may have; split it into its documents and try again."
            )
        }
        switch format {
        case .pdf:
            return (try PDFText.text(of: url), .pdf)
        case .docx:
            return (try docxText(url), .docx)
        case .html:
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            return (HTMLText.text(from: try TextDecoding.decode(data, name: name)), .html)
        case .text, .markdown:
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            return (try TextDecoding.decode(data, name: name), format)
        }
    }

    /// SHA-256 of a file's bytes, hex, read in 1 MiB chunks so large files do not fill memory.
    public static func sha256(of url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw StocktakeError(.unreadableFile, "\(url.lastPathComponent) cannot be read; check the path and its permissions.")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Hex.encode(hasher.finalize())
    }

    static func docxText(_ url: URL) throws -> String {
        let name = url.lastPathComponent
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw StocktakeError(
                .unsupportedFormat, "\(name) is not a readable DOCX archive; open it in a word processor and save it again.")
        }
        guard let entry = archive["word/document.xml"] else {
            throw StocktakeError(
                .unsupportedFormat, "\(name) has no word/document.xml, so it is not a DOCX document; save it again as DOCX.")
        }
        guard entry.uncompressedSize <= UInt64(maximumTextBytes) else {
            throw StocktakeError(
                .tooLarge, "\(name) expands to more than \(maximumTextBytes / 1_048_576) MiB of XML; split the document and try again.")
        }
        var xml = Data()
        _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) }
        let text = try DocxText.text(fromDocumentXML: xml)
        guard !text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else {
            throw StocktakeError(.emptyInput, "\(name) has no text in its body; there is nothing to extract.")
        }
        return text
    }
}

/// Runs poppler's `pdftotext` to read a PDF's text, keeping page breaks as form feeds.
public enum PDFText {
    /// Where `pdftotext` is, searching PATH; nil when it is not installed.
    public static func toolPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/pdftotext"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The text of a PDF, or an error saying which package to install.
    public static func text(of url: URL) throws -> String {
        guard let tool = toolPath() else {
            throw StocktakeError(
                .missingTool,
                "Reading PDF needs pdftotext, which is not installed; install the poppler-utils package (apt-get install poppler-utils) and try again."
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-enc", "UTF-8", "-eol", "unix", url.path, "-"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var data = Data()
        while let chunk = try output.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
            data.append(chunk)
            if data.count > DocumentFileReader.maximumTextBytes {
                process.terminate()
                throw StocktakeError(
                    .tooLarge,
                    "\(url.lastPathComponent) holds more than \(DocumentFileReader.maximumTextBytes / 1_048_576) MiB of text; split it into its documents and try again."
                )
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StocktakeError(
                .unsupportedFormat,
                "pdftotext could not read \(url.lastPathComponent) (it may be damaged or encrypted); check the file opens in a PDF reader.")
        }
        let text = try TextDecoding.decode(data, name: url.lastPathComponent)
        return text
    }
}
