import Hummingbird
import NIOCore

/// A request's context: Hummingbird's core, and the client's address (for the sign-in throttle).
struct WebContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, for counting failed sign-ins.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
