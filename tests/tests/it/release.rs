//! Shipping: `.ci/release` archives and sums signed with a throwaway GPG key, the provider network
//! mirror served over HTTPS with a private CA to a real `terraform init` and `terraform providers
//! lock`, and what each binary's `--version` says.

use std::path::Path;
use std::process::Command;

use e2e::gitserver::{https_files, run};
use e2e::{repo_root, sibling_binary, Workdir};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn sha256_of(path: &Path) -> String {
    let out = run(Command::new("sha256sum").arg(path));
    out.split_whitespace().next().expect("sum").to_string()
}

fn gpg(home: &Path) -> Command {
    let mut c = Command::new("gpg");
    c.env("GNUPGHOME", home).args(["--batch", "--no-tty"]);
    c
}

fn mirror_config(url: &str) -> String {
    format!("provider_installation {{\n  network_mirror {{\n    url = \"{url}\"\n  }}\n}}\n")
}

fn main_tf() -> String {
    format!(
        "terraform {{\n  required_providers {{\n    segment = {{\n      source  = \"segsync/segment\"\n      version = \"{VERSION}\"\n    }}\n  }}\n}}\n"
    )
}

#[test]
fn release_archives_are_signed_and_the_network_mirror_installs_and_locks_the_provider() {
    let tmp = tempfile::tempdir().expect("tmp");
    let gnupg = tmp.path().join("gnupg");
    std::fs::create_dir_all(&gnupg).expect("gnupg");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&gnupg, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    }
    run(gpg(&gnupg).args(["--passphrase", "", "--quick-gen-key", "segsync release test <release@example.com>", "ed25519", "sign", "1d"]));

    // The release, from the binaries the tests run (no second build).
    let dist = tmp.path().join("dist");
    let printed = run(Command::new(repo_root().join(".ci/release"))
        .args(["--no-build", "--gpg-key", "release@example.com", "--out"])
        .arg(&dist)
        .env("GNUPGHOME", &gnupg));
    let zip_name = format!("terraform-provider-segment_{VERSION}_linux_amd64.zip");
    for name in [
        zip_name.clone(),
        format!("terraform-provider-segment_{VERSION}_manifest.json"),
        format!("terraform-provider-segment_{VERSION}_SHA256SUMS"),
        format!("terraform-provider-segment_{VERSION}_SHA256SUMS.sig"),
        format!("segsync-export_{VERSION}_linux_amd64.tar.gz"),
        format!("segsync-server_{VERSION}_linux_amd64.tar.gz"),
        "SHA256SUMS".into(),
        "SHA256SUMS.sig".into(),
    ] {
        assert!(dist.join(&name).is_file(), "{name} missing; .ci/release printed:\n{printed}");
        assert!(printed.contains(&name), "{name} not listed:\n{printed}");
    }
    // The binary inside is named as Terraform looks for it, and is the provider built here.
    let listing = run(Command::new("unzip").arg("-Z1").arg(dist.join(&zip_name)));
    assert_eq!(listing.trim(), format!("terraform-provider-segment_v{VERSION}"));
    let unpacked = tmp.path().join("unpacked");
    run(Command::new("unzip").arg("-q").arg(dist.join(&zip_name)).arg("-d").arg(&unpacked));
    assert_eq!(
        sha256_of(&unpacked.join(format!("terraform-provider-segment_v{VERSION}"))),
        sha256_of(&sibling_binary("terraform-provider-segment"))
    );
    let tar = run(Command::new("tar").arg("-tzf").arg(dist.join(format!("segsync-export_{VERSION}_linux_amd64.tar.gz"))));
    assert!(tar.lines().any(|l| l == format!("segsync-export_{VERSION}_linux_amd64/segsync-export")), "{tar}");

    // Sums hold, signatures verify, and a changed sums file does not.
    run(Command::new("sha256sum").arg("--check").arg("--strict").arg("SHA256SUMS").current_dir(&dist));
    run(Command::new("sha256sum")
        .arg("--check")
        .arg("--strict")
        .arg(format!("terraform-provider-segment_{VERSION}_SHA256SUMS"))
        .current_dir(&dist));
    for sums in ["SHA256SUMS".to_string(), format!("terraform-provider-segment_{VERSION}_SHA256SUMS")] {
        run(gpg(&gnupg).arg("--verify").arg(dist.join(format!("{sums}.sig"))).arg(dist.join(&sums)));
    }
    let forged = tmp.path().join("forged");
    std::fs::write(&forged, std::fs::read_to_string(dist.join("SHA256SUMS")).expect("sums").replacen('0', "1", 1)).expect("forged");
    let refused = gpg(&gnupg).arg("--verify").arg(dist.join("SHA256SUMS.sig")).arg(&forged).output().expect("gpg");
    assert!(!refused.status.success(), "a changed SHA256SUMS verified");

    // Reproducible: a second release of the same build is byte for byte the same.
    let again = tmp.path().join("again");
    run(Command::new(repo_root().join(".ci/release")).args(["--no-build", "--out"]).arg(&again));
    for name in [zip_name.clone(), format!("segsync-server_{VERSION}_linux_amd64.tar.gz"), "SHA256SUMS".into()] {
        assert_eq!(sha256_of(&dist.join(&name)), sha256_of(&again.join(&name)), "{name} differs between two releases");
    }

    // The network mirror over HTTPS (a private CA the client is told to trust).
    let (server, ca) = https_files(&tmp.path().join("https"), &dist.join("mirror"));
    let url = format!("https://127.0.0.1:{}/", server.port);
    let zh = format!("zh:{}", sha256_of(&dist.join(&zip_name)));
    // The mirror lists both hashes of the archive: `zh:` (of the zip) and `h1:` (of its content).
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dist.join(format!("mirror/registry.terraform.io/segsync/segment/{VERSION}.json"))).expect("doc"),
    )
    .expect("json");
    let hashes: Vec<String> =
        doc["archives"]["linux_amd64"]["hashes"].as_array().expect("hashes").iter().filter_map(|h| h.as_str().map(String::from)).collect();
    let h1 = hashes.iter().find(|h| h.starts_with("h1:")).expect("h1 hash").clone();
    assert!(hashes.contains(&zh), "{hashes:?}");
    let trusting = |w: &mut Workdir| {
        w.set_env("SSL_CERT_FILE", &ca.display().to_string());
        w.write("main.tf", &main_tf());
    };
    let mut w = Workdir::with_cli_config(&mirror_config(&url));
    trusting(&mut w);
    let init = w.ok(&["init", "-no-color", "-input=false"]);
    assert!(init.stdout.contains(&format!("Installed segsync/segment v{VERSION}")), "{}", init.all());
    let lock = w.read(".terraform.lock.hcl");
    // Terraform records the `h1:` of what it installed: the one the mirror announced.
    assert!(lock.contains(&format!("version     = \"{VERSION}\"")) && lock.contains(&h1), "lock file:\n{lock}");

    // `terraform providers lock` against the mirror writes the same hashes.
    std::fs::remove_file(w.path().join(".terraform.lock.hcl")).expect("rm lock");
    w.ok(&["providers", "lock", "-no-color", &format!("-net-mirror={url}"), "-platform=linux_amd64"]);
    let relocked = w.read(".terraform.lock.hcl");
    assert!(relocked.contains(&h1), "providers lock:\n{relocked}");

    // A clean checkout with that lock file installs only what the hashes allow.
    let mut fresh = Workdir::with_cli_config(&mirror_config(&url));
    trusting(&mut fresh);
    fresh.write(".terraform.lock.hcl", &relocked);
    fresh.ok(&["init", "-no-color", "-input=false"]);

    // Swap the archive in the mirror for another (the exporter's binary under the provider's
    // name): the lock file's hashes refuse it.
    let swapped = tmp.path().join("swapped.zip");
    let name_inside = unpacked.join(format!("terraform-provider-segment_v{VERSION}"));
    std::fs::copy(sibling_binary("segsync-export"), &name_inside).expect("swap");
    run(Command::new("zip").arg("-q").arg("-j").arg(&swapped).arg(&name_inside));
    let served = dist.join("mirror/registry.terraform.io/segsync/segment").join(&zip_name);
    std::fs::copy(&swapped, &served).expect("replace served zip");
    let mut tampered = Workdir::with_cli_config(&mirror_config(&url));
    trusting(&mut tampered);
    tampered.write(".terraform.lock.hcl", &relocked);
    let r = tampered.run(&["init", "-no-color", "-input=false"]);
    assert_ne!(r.code, 0, "init accepted an archive the lock file does not name:\n{}", r.all());
    assert!(r.all().contains("checksum") || r.all().contains("hash"), "{}", r.all());
    drop(server);
}

#[test]
fn every_binary_says_its_version_and_the_exporter_and_server_their_commit_and_date() {
    let provider = run(Command::new(sibling_binary("terraform-provider-segment")).arg("--version"));
    assert_eq!(
        provider.trim(),
        format!("terraform-provider-segment {VERSION} (registry.terraform.io/segsync/segment, plugin protocol 6.10)")
    );
    let root = repo_root();
    let commit = run(Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).current_dir(&root)).trim().to_string();
    let epoch = run(Command::new("git").args(["log", "-1", "--format=%ct", "HEAD"]).current_dir(&root)).trim().to_string();
    let date = run(Command::new("date").args(["-u", "-d", &format!("@{epoch}"), "+%Y-%m-%d"])).trim().to_string();
    for b in ["segsync-export", "segsync-server"] {
        let said = run(Command::new(sibling_binary(b)).arg("--version"));
        assert_eq!(said.trim(), format!("{b} {VERSION} (commit {commit}, built {date})"), "the binary was built from another commit?");
    }
}
