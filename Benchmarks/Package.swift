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
        benchmarkTarget("ExtractionBenchmark", using: ["StocktakeText", "StocktakeStore", "StocktakeCore"]),
        benchmarkTarget("LedgerBenchmark", using: ["StocktakeLedger", "StocktakeCore"]),
        benchmarkTarget("ArsenalBenchmark", using: ["StocktakeCore", "StocktakeStore", "StocktakePresentation"]),
        benchmarkTarget("LibraryBenchmark", using: ["StocktakeStore", "StocktakeText", "StocktakeLedger", "StocktakeCore"]),
    ]
)

/// A benchmark executable in the folder of its name, using products of the root package.
func benchmarkTarget(_ name: String, using products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "package-benchmark")] + products.map { .product(name: $0, package: root) },
        path: name,
        swiftSettings: [.swiftLanguageMode(.v6)],
        plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    )
}
