// swift-tools-version:6.0
// Benchmarks for Walkshed, kept out of the root build: `swift run -c release --package-path Benchmarks walkshed-bench`.
import PackageDescription

let package = Package(
    name: "WalkshedBenchmarks",
    dependencies: [.package(name: "main", path: "..")],
    targets: [
        .executableTarget(name: "walkshed-bench", dependencies: [
            .product(name: "Walkshed", package: "main"),
            .product(name: "WalkshedFormats", package: "main"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
