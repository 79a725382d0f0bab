// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Assay", targets: ["Assay"]),
        .library(name: "AssayServer", targets: ["AssayServer"]),
        .executable(name: "assay", targets: ["assay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // `partitioningIndex(where:)`: the library's binary searches over sorted offsets.
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
        // `assay serve` only (AssayServer target); the Assay library does not depend on these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Link flags for the system ICU only; never imported by Swift (see shared/ICU-NOTES.md).
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // Plain-named C wrappers over ICU; the public header has no ICU includes.
        .target(
            name: "ICUShim",
            dependencies: ["CICU"],
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        .target(name: "ICUKit", dependencies: ["ICUShim"]),
        // Include and link flags for the system libxml2 and zlib; never imported by Swift.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Plain-named C over libxml2's HTML parser (text extraction) and zlib (gzip members).
        .target(
            name: "WebShim",
            dependencies: ["CLibXML2", "CZlib"],
            linkerSettings: [.linkedLibrary("xml2"), .linkedLibrary("z")]
        ),
        .target(
            name: "Assay",
            dependencies: [
                "ICUKit",
                "WebShim",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ]
        ),
        // The HTTP service behind `assay serve` (Hummingbird 2 on SwiftNIO), kept out of the core library.
        .target(
            name: "AssayServer",
            dependencies: [
                "Assay",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "assay",
            dependencies: [
                "Assay",
                "AssayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers the test targets share (marked spans); not shipped in a product.
        .target(name: "AssaySupport", path: "Tests/AssaySupport"),
        // libFuzzer targets: `make fuzz` builds them with -sanitize=fuzzer and -DASSAY_FUZZ; a plain
        // build gets small stubs (see Sources/FuzzDecoder/FuzzDecoder.swift).
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["Assay", "CFuzzDriver"]),
        .executableTarget(name: "FuzzDecoder", dependencies: ["Assay", "FuzzSupport", "CFuzzDriver"]),
        .executableTarget(name: "FuzzStreamLine", dependencies: ["Assay", "FuzzSupport", "CFuzzDriver"]),
        .executableTarget(name: "FuzzPattern", dependencies: ["Assay", "FuzzSupport", "CFuzzDriver"]),
        .testTarget(name: "ICUKitTests", dependencies: ["ICUKit"]),
        .testTarget(name: "AssayTests", dependencies: ["Assay", "ICUKit", "AssaySupport"]),
        .testTarget(name: "AssayCLITests", dependencies: ["Assay"]),
        // Starts the service on a loopback port inside the test process and talks HTTP/1.1 to it with
        // a small socket client (HummingbirdTesting would build AsyncHTTPClient and BoringSSL too).
        .testTarget(
            name: "AssayServerTests",
            dependencies: [
                "Assay", "AssayServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Only the public API, imported without @testable: what another package can use.
        .testTarget(name: "AssayAPITests", dependencies: ["Assay", "AssaySupport"]),
    ],
    swiftLanguageModes: [.v6]
)
