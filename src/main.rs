fn main() {
    let invocation = naskah::cli::parse();
    std::process::exit(naskah::commands::run(invocation));
}
