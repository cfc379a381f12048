// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "crisis",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "crisis", targets: ["crisis"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // The pure core: events, commands, decide/evolve, workflows. No I/O.
        .target(
            name: "CrisisDomain",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The bundled workflow definitions (YAML), shipped inside the binary's resource bundle.
        .target(
            name: "CrisisWorkflows",
            path: "Workflows",
            sources: ["BundledWorkflows.swift"],
            resources: [
                .copy("viral-complaint.yaml"),
                .copy("phi-leak.yaml"),
                .copy("inappropriate-video.yaml"),
                .copy("overlays"),
            ]
        ),
        // The numbered SQL migrations, shipped inside the binary's resource bundle.
        .target(
            name: "CrisisSchema",
            path: "Schema",
            exclude: ["README.md"],
            sources: ["MigrationFiles.swift"],
            resources: [.copy("migrations")]
        ),
        // The event store: PostgreSQL schema, append, gap-safe reads, hash chain.
        .target(
            name: "CrisisStore",
            dependencies: [
                "CrisisDomain",
                "CrisisSchema",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Command handling, projections, deadlines, audit.
        .target(
            name: "CrisisApp",
            dependencies: [
                "CrisisDomain", "CrisisStore", "CrisisWorkflows",
                // Webhook pages (Slack, PagerDuty, generic JSON), signed with HMAC-SHA256.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The web face: `crisis serve`, pages for approvers and the commander, and the JSON API.
        .target(
            name: "CrisisWeb",
            dependencies: [
                "CrisisApp", "CrisisDomain", "CrisisStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Templates"), .copy("OpenAPI")]
        ),
        // The command-line face.
        .executableTarget(
            name: "crisis",
            dependencies: [
                // The CLI is a face on the application: it names the domain and the few store types
                // CrisisApp re-exports (Sources/CrisisApp/FaceVocabulary.swift), never the store.
                "CrisisApp",
                "CrisisWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: the Swift side of scripts/bench (the baselines are pgbench, psql and sha256sum).
        .executableTarget(
            name: "crisis-bench",
            dependencies: [
                "CrisisApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CrisisBench"
        ),
        // What every test suite shares: waits with a bound that fail saying what they waited for.
        .target(name: "CrisisTestSupport", path: "Tests/CrisisTestSupport"),
        .testTarget(
            name: "CrisisDomainTests",
            dependencies: [
                "CrisisDomain",
                "CrisisWorkflows",
                "CrisisTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // The PHI scanner's corpus: read from the source tree by the tests and scripts/phi-eval.
            exclude: ["PHI/Corpus"]
        ),
        .testTarget(name: "CrisisStoreTests", dependencies: ["CrisisStore", "CrisisApp", "CrisisTestSupport"]),
        .testTarget(
            name: "CrisisEndToEndTests",
            dependencies: [
                "CrisisApp", "CrisisTestSupport",
                // The web tests' HTTP client and WebDriver client (crisis serve in headless Chromium).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
