import Foundation
import Mustache

/// The document templates: the built-in ones, each replaceable by a file the organisation
/// edits (`<document>.<format>.mustache` in a templates folder; `wenti templates DIR`
/// writes the built-in ones there to start from).
public struct TemplateLibrary: Sendable {
    public enum Document: String, Sendable, CaseIterable {
        case agenda, minutes, notice, bulletin
    }

    private var templates: [String: MustacheTemplate] = [:]

    /// The built-in templates, with any found in `directory` taking their place.
    public init(directory: String? = nil) throws(TemplateError) {
        Self.registerContentTypes
        for document in Document.allCases {
            for format in ReportFormat.allCases {
                let name = Self.fileName(document, format)
                var source = DefaultTemplates.source(document, format)
                var origin = "built-in \(name)"
                if let directory {
                    let path = (directory as NSString).appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: path) {
                        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                            throw .unreadable(path: path)
                        }
                        source = text
                        origin = path
                    }
                }
                do {
                    templates[name] = try MustacheTemplate(string: source)
                } catch {
                    throw .invalid(path: origin, reason: "\(error)")
                }
            }
        }
    }

    public static func fileName(_ document: Document, _ format: ReportFormat) -> String {
        "\(document.rawValue).\(format.rawValue).mustache"
    }

    public func render(_ document: Document, _ format: ReportFormat, _ context: [String: Any]) -> String {
        templates[Self.fileName(document, format)]!.render(context)
    }

    /// Writes the built-in templates into `directory` (existing files are kept). Returns the
    /// paths written.
    public static func writeDefaults(to directory: String) throws(TemplateError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path: directory, reason: error.localizedDescription)
        }
        var written: [String] = []
        for document in Document.allCases {
            for format in ReportFormat.allCases {
                let path = (directory as NSString).appendingPathComponent(fileName(document, format))
                if FileManager.default.fileExists(atPath: path) { continue }
                guard FileManager.default.createFile(atPath: path, contents: Data(DefaultTemplates.source(document, format).utf8)) else {
                    throw .unwritable(path: path, reason: "cannot create the file")
                }
                written.append(path)
            }
        }
        return written
    }

    /// Content types are looked up while a template is parsed, so they are registered first.
    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLLinesContentType(), named: "HTML")
    }()
}

public enum TemplateError: Error, Equatable, Sendable {
    case unreadable(path: String)
    case invalid(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var message: String {
        switch self {
        case .unreadable(let path): "template \(path): cannot be read as UTF-8 text"
        case .invalid(let path, let reason): "template \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
