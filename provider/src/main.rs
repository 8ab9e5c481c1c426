//! `terraform-provider-segment`: started by Terraform, never by hand.

fn main() {
    tfplugin::serve(
        segment_provider::SegmentProvider::default(),
        tfplugin::ServeOptions { address: "registry.terraform.io/segsync/segment".into(), module: "provider.segment".into() },
    )
}
