// swift-tools-version:6.1
import Foundation
import PackageDescription

// The root package's identity is its folder's name, whatever the checkout is called.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

// Benchmarks live in their own package so that `swift test` on the main package does not build the
// benchmark harness. Run them with:  swift package --package-path Benchmarks benchmark
let package = Package(
    name: "StocktakeBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ExtractionBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "StocktakeText", package: root),
                .product(name: "StocktakeStore", package: root),
                .product(name: "StocktakeCore", package: root),
            ],
            path: "ExtractionBenchmark",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "LedgerBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "StocktakeLedger", package: root),
                .product(name: "StocktakeCore", package: root),
            ],
            path: "LedgerBenchmark",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "LibraryBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "StocktakeStore", package: root),
                .product(name: "StocktakeText", package: root),
                .product(name: "StocktakeLedger", package: root),
                .product(name: "StocktakeCore", package: root),
            ],
            path: "LibraryBenchmark",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
