// swift-tools-version:6.1
import PackageDescription

// Layers, bottom to top (see docs/ARCHITECTURE.md):
//   WentiCore      the 1234 domain: value types and rules, no I/O
//   WentiSeal      sealed identities: HPKE envelopes, passphrase-protected keys, the recovery key
//   WentiText      display width (generated from glibc), the sanitiser, cut/pad/wrap
//   WentiStore     persistence behind `WorkspaceStore`: an SQLite file (GRDB), or one PostgreSQL
//                  server for a whole department (postgres-nio), scoped by its row-level security
//   WentiSession   who is acting (the principal), every read scoped and every write checked
//   WentiExchange  seeds (YAML), CSV/JSON import and export, the synthetic generator
//   WentiReports   documents from editable templates: agenda, minutes, notice, bulletin
//   WentiOffice    official documents after GB/T 9704-2012: .docx (WordprocessingML) and print-ready HTML
//   WentiTerminal  the Grid, keys, and the ncurses and headless terminals
//   WentiApp       state, actions, layers, panes, widgets, zh/en strings: the terminal UI
//   WentiCLI       ArgumentParser commands: parse, call the layers below, print
//   wenti          the executable: wiring only
let package = Package(
    name: "wenti",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wenti", targets: ["wenti"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "WentiCore"),
        .target(name: "WentiText"),
        // Sealed identities: HPKE envelopes to the political-work staff's keys, keys kept under a
        // passphrase (scrypt), the recovery key. Pure: no store, no files, no terminal.
        .target(
            name: "WentiSeal",
            dependencies: [
                "WentiCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // ncursesw from the system (Debian: libncurses-dev); no pkgConfig, see shim.h.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "WentiTerminal", dependencies: ["WentiText", "CNCurses"]),
        .target(
            name: "WentiApp",
            dependencies: ["WentiCore", "WentiStore", "WentiSession", "WentiSeal", "WentiText", "WentiTerminal", "WentiReports", "WentiOffice", "WentiExchange", "TOMLKit"]
        ),
        .target(
            name: "WentiStore",
            dependencies: [
                "WentiCore", "WentiSeal",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for binding the rows of a bulk load without boxing each value.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // The shared mode (Sources/WentiStore/Postgres).
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Between the store and both front ends: the principal, view-as, the permission checks.
        .target(name: "WentiSession", dependencies: ["WentiCore", "WentiStore", "WentiSeal"]),
        .target(
            name: "WentiExchange",
            dependencies: [
                "WentiCore", "WentiStore", "WentiSession", "Yams", "TOMLKit",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Documents (agenda, minutes, notices, bulletins) from templates the organisation can edit.
        .target(
            name: "WentiReports",
            dependencies: ["WentiCore", "WentiText", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Official documents (GB/T 9704-2012 layout) as .docx and print-ready HTML; the organisation's
        // own details come from a TOML settings file beside the workspace.
        .target(
            name: "WentiOffice",
            dependencies: ["WentiCore", "WentiText", "TOMLKit", "ZIPFoundation"]
        ),
        .target(
            name: "WentiCLI",
            dependencies: [
                "WentiCore", "WentiStore", "WentiSession", "WentiSeal", "WentiExchange", "WentiText", "WentiTerminal", "WentiApp", "WentiReports", "WentiOffice",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "wenti", dependencies: ["WentiCLI"]),

        // What the test targets share: addressing the store by person id, as tests name people.
        .target(name: "WentiTestSupport", dependencies: ["WentiStore", "WentiSession", "WentiSeal", "WentiExchange"], path: "Tests/WentiTestSupport"),
        .testTarget(name: "WentiCoreTests", dependencies: ["WentiCore"]),
        .testTarget(name: "WentiTextTests", dependencies: ["WentiText"]),
        .testTarget(name: "WentiSealTests", dependencies: ["WentiSeal", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "WentiTerminalTests", dependencies: ["WentiTerminal", "CNCurses"]),
        .testTarget(
            name: "WentiAppTests",
            dependencies: ["WentiApp", "WentiExchange", "WentiTestSupport", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "WentiStoreTests", dependencies: ["WentiStore", "WentiExchange", "WentiTestSupport", "WentiSeal",
                                                          .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "WentiSessionTests", dependencies: ["WentiSession", "WentiExchange", "WentiTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                                                            .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "WentiExchangeTests", dependencies: ["WentiExchange", "WentiTestSupport", "WentiSeal"]),
        .testTarget(name: "WentiReportsTests", dependencies: ["WentiReports"]),
        .testTarget(name: "WentiOfficeTests", dependencies: ["WentiOffice", "ZIPFoundation"]),
        // Depends on the executable so that `swift test` builds the binary it spawns.
        .testTarget(name: "WentiCLITests", dependencies: ["WentiCLI", "wenti", "WentiTestSupport", "ZIPFoundation"]),
    ],
    swiftLanguageModes: [.v6]
)
