import Foundation
import Testing
import WentiExchange

/// The binary carries the seeds; `seeds/` is where they are edited. They must not drift.
@Suite struct EmbeddedSeedsTests {
    static var seedsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds")
    }

    @Test func embeddedSeedsMatchTheSeedsFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.seedsFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 6)
        #expect(SeedLocator.builtInFiles.keys.sorted() == names, "run scripts/embed-seeds.py: the seed files differ")
        for name in names {
            let onDisk = try String(contentsOf: Self.seedsFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(SeedLocator.builtInFiles[name] == onDisk, "run scripts/embed-seeds.py: \(name) differs from the built-in copy")
        }
    }

    @Test func noFolderMeansTheBuiltInSeeds() throws {
        #expect(SeedLocator.directory(explicit: nil, environment: [:]) == nil)
        #expect(SeedLocator.directory(explicit: nil, environment: ["WENTI_SEEDS": "/x"]) == "/x")
        let workspace = try SeedLoader(directory: nil).workspace()
        #expect(workspace.organisation.company.name == "江城供电公司")
    }
}
