// The default theme and UI strings are compiled into the binary (include_dir), so the
// binary must be rebuilt whenever they change.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=locales");
}
