fn main() {
    std::process::exit(slac::run(std::env::args_os()));
}
