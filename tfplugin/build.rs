//! Compiles `proto/` with protox (pure Rust, so no system `protoc` is needed) and tonic-build.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let files = ["../proto/tfplugin6.proto", "../proto/plugin.proto"];
    for f in files {
        println!("cargo:rerun-if-changed={f}");
    }
    let fds = protox::compile(files, ["../proto"])?;
    tonic_build::configure().build_client(false).build_server(true).compile_fds(fds)?;
    Ok(())
}
