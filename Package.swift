// swift-tools-version:6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Stocktake",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "StocktakeCore", targets: ["StocktakeCore"]),
        .library(name: "StocktakeText", targets: ["StocktakeText"]),
        .library(name: "StocktakeLedger", targets: ["StocktakeLedger"]),
        .library(name: "StocktakeStore", targets: ["StocktakeStore"]),
        .library(name: "StocktakePresentation", targets: ["StocktakePresentation"]),
        .library(name: "StocktakeServer", targets: ["StocktakeServer"]),
        .executable(name: "stocktake", targets: ["stocktake"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "StocktakeCore", swiftSettings: strictSettings),
        .target(name: "StocktakeText", dependencies: ["StocktakeCore"], swiftSettings: strictSettings),
        .target(
            name: "StocktakeLedger",
            dependencies: ["StocktakeCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StocktakeStore",
            dependencies: [
                "StocktakeCore", "StocktakeText", "StocktakeLedger",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StocktakePresentation",
            dependencies: ["StocktakeCore", "StocktakeStore", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates"), .copy("Catalogues"), .copy("Static")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StocktakeServer",
            dependencies: [
                "StocktakeCore", "StocktakeLedger", "StocktakeStore", "StocktakePresentation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "stocktake",
            dependencies: [
                "StocktakeCore", "StocktakeText", "StocktakeLedger", "StocktakeStore", "StocktakePresentation", "StocktakeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StocktakeCoreTests", dependencies: ["StocktakeCore", "StocktakeStore"], swiftSettings: strictSettings),
        .testTarget(name: "StocktakeTextTests", dependencies: ["StocktakeText", "StocktakeStore"], exclude: ["Fixtures", "Samples"], swiftSettings: strictSettings),
        .testTarget(name: "StocktakeLedgerTests", dependencies: ["StocktakeLedger"], swiftSettings: strictSettings),
        .testTarget(
            name: "StocktakeStoreTests", dependencies: ["StocktakeStore", "StocktakeText", "StocktakeLedger", "StocktakeCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StocktakePresentationTests", dependencies: ["StocktakePresentation", "StocktakeStore", "StocktakeCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StocktakeServerTests", dependencies: ["StocktakeServer", "StocktakeStore"], swiftSettings: strictSettings),
        .testTarget(
            name: "StocktakeCLITests",
            dependencies: ["stocktake", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings
        ),
    ]
)
