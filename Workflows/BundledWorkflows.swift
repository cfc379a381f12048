import Foundation

/// The workflow definitions shipped inside the `crisis` binary: one YAML file per incident kind
/// plus the state overlays under `overlays/`.
public enum BundledWorkflows {
    /// The incident kinds that have a bundled definition, in a stable order.
    public static let kinds = ["viral-complaint", "phi-leak", "inappropriate-video"]

    /// The directory holding the bundled `*.yaml` files (and `overlays/`).
    public static var directory: URL? {
        Bundle.module.resourceURL
    }

    /// The URL of the bundled definition for `kind`, or nil when none is shipped.
    public static func url(forKind kind: String) -> URL? {
        Bundle.module.url(forResource: kind, withExtension: "yaml")
    }

    /// The directory holding the bundled state overlays.
    public static var overlaysDirectory: URL? {
        Bundle.module.url(forResource: "overlays", withExtension: nil)
    }
}
