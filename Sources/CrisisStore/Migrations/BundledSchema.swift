import CrisisSchema
import Foundation

/// The migrations directory inside the binary's resource bundle.
enum BundledSchema {
    static var directory: URL? { MigrationFiles.directory }
}
