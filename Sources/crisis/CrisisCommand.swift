import CrisisApp

@main
struct CrisisCommand {
    static func main() {}
}
