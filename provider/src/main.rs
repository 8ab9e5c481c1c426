//! `terraform-provider-segment`: started by Terraform, never by hand (`--version` excepted).

fn main() {
    if std::env::args().skip(1).any(|a| a == "--version" || a == "-version" || a == "-v") {
        use std::io::Write;
        let _ = writeln!(
            std::io::stdout().lock(),
            "terraform-provider-segment {} (registry.terraform.io/segsync/segment, plugin protocol {}.{})",
            env!("CARGO_PKG_VERSION"),
            tfplugin::PROTOCOL_VERSION,
            tfplugin::PROTOCOL_MINOR
        );
        return;
    }
    tfplugin::serve(
        segment_provider::SegmentProvider::default(),
        tfplugin::ServeOptions { address: "registry.terraform.io/segsync/segment".into(), module: "provider.segment".into() },
    )
}
