import ArgumentParser
import NIOCore
import NIOPosix

@main
enum BenchMain {
    static func main() async {
        // The store's writers and readers run on NIO's event loop instead of hopping
        // to Swift's cooperative pool for every row: less client CPU per append,
        // which on two shared cores is CPU the server gets (../shared/STACK.md).
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await CrisisBench.main()
    }
}
