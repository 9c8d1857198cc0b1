fn main() {
    std::process::exit(pairlint::cli::run());
}
