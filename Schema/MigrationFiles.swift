import Foundation

/// Where the numbered SQL migrations of `Schema/migrations` are found at run time.
public enum MigrationFiles {
    /// The directory holding `NNNN_name.sql` files, copied into the resource bundle at build time.
    public static var directory: URL? {
        Bundle.module.url(forResource: "migrations", withExtension: nil)
    }
}
