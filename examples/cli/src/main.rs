fn main() {
    println!("oske {}", oske::VERSION);
}
