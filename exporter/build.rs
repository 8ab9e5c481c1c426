include!("../build/build_info.rs");

fn main() {
    emit_build_info();
}
