// swift-tools-version:6.0
// libFuzzer harnesses for Walkshed's readers. Not part of the root build; `run.sh` builds
// them with -sanitize=fuzzer,address and runs them. See README.md.
import PackageDescription

let harness = { (name: String) in
    Target.executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "WalkshedFormats", package: "main"),
                                                      .product(name: "Walkshed", package: "main")],
                            swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "WalkshedFuzz",
    dependencies: [.package(name: "main", path: "../..")],
    targets: [.target(name: "FuzzSupport", dependencies: [.product(name: "WalkshedFormats", package: "main")]), harness("FuzzOSMPBF"), harness("FuzzOSMXML"), harness("FuzzOSMLoad"), harness("FuzzPopulationCSV"), harness("FuzzGTFS"), harness("FuzzAsciiGrid"), harness("FuzzTargets"), harness("FuzzScenario"), harness("FuzzNetworkFile"), harness("FuzzDestinations"), harness("FuzzHTTPRequest"), harness("FuzzBatch"), harness("FuzzGeoTIFF")],
    swiftLanguageModes: [.v6]
)
