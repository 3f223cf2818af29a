// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Walkshed",
    products: [
        .library(name: "Walkshed", targets: ["Walkshed"]),
        .library(name: "WalkshedFormats", targets: ["WalkshedFormats"]),
        .executable(name: "walkshed", targets: ["walkshed"]),
    ],
    targets: [
        .target(name: "Walkshed"),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate: whole-buffer zlib streams about twice as fast as zlib (PBF blobs, GeoTIFF tiles).
        .systemLibrary(name: "CDeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        .systemLibrary(name: "CMalloc"),
        // glibc's allocator controls exist on Linux only (AllocatorPolicy).
        .target(name: "WalkshedFormats", dependencies: ["Walkshed", "CZlib", "CDeflate", .target(name: "CMalloc", condition: .when(platforms: [.linux]))]),
        .target(name: "WalkshedServer", dependencies: ["Walkshed", "WalkshedFormats"]),
        .target(name: "WalkshedCLI", dependencies: ["Walkshed", "WalkshedFormats", "WalkshedServer"]),
        .executableTarget(name: "walkshed", dependencies: ["WalkshedCLI"]),
        .target(name: "WalkshedTestSupport", dependencies: ["Walkshed", "CZlib"], path: "Tests/WalkshedTestSupport"),
        .testTarget(name: "WalkshedTests", dependencies: ["Walkshed", "WalkshedTestSupport"]),
        .testTarget(name: "WalkshedFormatsTests", dependencies: ["Walkshed", "WalkshedFormats", "WalkshedTestSupport", "CZlib"],
                    exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["WalkshedTestSupport", "walkshed"], exclude: ["Golden", "Screenshots"]),
        .testTarget(name: "LibraryTests", dependencies: ["Walkshed", "WalkshedFormats", "WalkshedTestSupport", "walkshed"]),
    ],
    swiftLanguageModes: [.v6]
)
