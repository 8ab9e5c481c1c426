//! Deployment files (`deploy/`): no container engine or cluster runs here, so the Dockerfiles
//! and Kubernetes manifests are checked for what can be checked without one, and the
//! entrypoint scripts run as the images run them: directly, as a non-root user.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use e2e::gitserver::{bare_repo, git, run};
use e2e::{repo_root, sibling_binary, Backend};

use crate::export::checkout;

/// The user the images run as (`USER 10001`); here `nobody` when the tests run as root.
const NOBODY: u32 = 65534;

fn is_root() -> bool {
    static ROOT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ROOT.get_or_init(|| Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false))
}

/// Runs a script directly (its shebang), as `nobody` when the tests run as root.
fn as_user(script: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid", &NOBODY.to_string(), "--regid", &NOBODY.to_string(), "--clear-groups"]).arg(script);
        c
    } else {
        Command::new(script)
    }
}

/// Gives the user the scripts run as a tree of its own (a volume owned by the image's user).
fn own(path: &Path) {
    if is_root() {
        run(Command::new("chown").args(["-R", &format!("{NOBODY}:{NOBODY}")]).arg(path));
    }
}

fn dockerfiles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo_root().join("deploy/docker"))
        .expect("deploy/docker")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    v.sort();
    v
}

/// Instructions of a Dockerfile: (keyword, rest), continuation lines joined, comments dropped.
fn instructions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let t = line.trim();
        if current.is_empty() && (t.is_empty() || t.starts_with('#')) {
            continue;
        }
        if let Some(head) = t.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
            continue;
        }
        current.push_str(t);
        let (k, rest) = current.split_once(' ').unwrap_or((current.as_str(), ""));
        out.push((k.to_uppercase(), rest.trim().to_string()));
        current.clear();
    }
    out
}

#[test]
fn dockerfiles_build_from_what_the_context_holds_and_run_as_a_user() {
    let root = repo_root();
    let ignore = std::fs::read_to_string(root.join(".dockerignore")).expect(".dockerignore");
    let ignored: Vec<&str> = ignore.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    for big in ["target/", ".tools/", ".git/"] {
        assert!(ignored.contains(&big), ".dockerignore must leave out {big} (the context would carry it)");
    }
    let files = dockerfiles();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in files {
        let name = file.file_name().unwrap_or_default().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&file).expect("Dockerfile");
        let steps = instructions(&text);
        // Every COPY from the context names something there, and nothing .dockerignore drops.
        let mut copied = Vec::new();
        for (k, rest) in &steps {
            if k != "COPY" || rest.starts_with("--from") {
                continue;
            }
            let parts: Vec<&str> = rest.split_whitespace().filter(|p| !p.starts_with("--")).collect();
            let (dest, sources) = parts.split_last().expect("COPY has a destination");
            for s in sources {
                let s = s.trim_end_matches('/');
                let path = root.join(s);
                assert!(path.exists(), "{name}: COPY {s}: not in the repository");
                assert!(!ignored.iter().any(|i| s.starts_with(i.trim_end_matches('/'))), "{name}: COPY {s} is left out by .dockerignore");
                copied.push((s.to_string(), dest.to_string()));
            }
        }
        // Every workspace member the build needs is copied (cargo reads them all).
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        let members: Vec<String> = manifest
            .split("members")
            .nth(1)
            .and_then(|m| m.split(']').next())
            .map(|m| m.split('"').skip(1).step_by(2).map(String::from).collect())
            .unwrap_or_default();
        assert!(!members.is_empty());
        for m in &members {
            assert!(copied.iter().any(|(s, _)| s == m), "{name}: the workspace member {m} is not copied; cargo would not build");
        }
        // The last stage runs as a user, not root, and its entrypoint is a copied, executable script.
        let last_from = steps.iter().rposition(|(k, _)| k == "FROM").expect("FROM");
        let user = steps[last_from..].iter().rev().find(|(k, _)| k == "USER").map(|(_, u)| u.clone());
        let user = user.unwrap_or_else(|| panic!("{name}: the final stage has no USER (it would run as root)"));
        assert!(user != "root" && user != "0" && !user.starts_with("0:"), "{name}: USER {user}");
        let entry = steps.iter().rev().find(|(k, _)| k == "ENTRYPOINT").map(|(_, e)| e.clone()).expect("ENTRYPOINT");
        let entry: Vec<String> =
            serde_json::from_str(&entry).unwrap_or_else(|_| panic!("{name}: ENTRYPOINT should be the exec form: {entry}"));
        let (script, _) =
            copied.iter().find(|(_, d)| *d == entry[0]).unwrap_or_else(|| panic!("{name}: the entrypoint {} is not copied", entry[0]));
        let mode = std::fs::metadata(root.join(script)).expect("script").permissions().mode();
        assert!(mode & 0o111 != 0, "{name}: {script} is not executable");
        // The documented commands: `docker build -f <this file> -t <image>`, and the run uses that image.
        let build = text.lines().find(|l| l.contains("docker build")).unwrap_or_else(|| panic!("{name}: no build command"));
        assert!(build.contains(&format!("-f deploy/docker/{name}")), "{name}: {build}");
        let image = build.split("-t ").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or_else(|| panic!("{name}: no -t: {build}"));
        let run = text.lines().find(|l| l.contains("docker run")).unwrap_or_else(|| panic!("{name}: no run command"));
        let run_all =
            text.lines().skip_while(|l| !l.contains("docker run")).take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
        assert!(run_all.split_whitespace().any(|w| w == image), "{name}: `{run}` does not run the image {image} it builds");
    }
}

#[test]
fn exporter_entrypoint_runs_a_reconcile_as_a_user_with_secrets_from_files() {
    let b = Backend::start();
    b.seed(10, 3);
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let repo = bare_repo(tmp.path(), "ws.git");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    // A secret volume: the token, read-only, group-readable (as Kubernetes mounts it).
    let token_file = tmp.path().join("segment-token");
    std::fs::write(&token_file, format!("{}\n", b.token)).expect("token file");
    std::fs::set_permissions(&token_file, std::fs::Permissions::from_mode(0o440)).expect("chmod");
    own(tmp.path());
    let bin_dir = sibling_binary("segsync-export").parent().expect("bin dir").to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let entry = repo_root().join("deploy/docker/export-entrypoint.sh");
    let entrypoint = |mode: &str, with_token: bool| {
        let mut c = as_user(&entry);
        c.env_clear()
            .env("PATH", &path)
            .env("HOME", &home)
            .env("SEGSYNC_HOME", &home)
            .env("SEGSYNC_MODE", mode)
            .env("SEGSYNC_REPO", &repo)
            .env("PUBLIC_API_URL", &b.url)
            .env("SEGSYNC_SPACES", b.state.catalog.spaces.join(","));
        if with_token {
            c.env("PUBLIC_API_TOKEN_FILE", &token_file);
        }
        c.output().expect("entrypoint")
    };
    let out = entrypoint("once", true);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&b.token), "the token was printed");
    if is_root() {
        // What it wrote is the user's, as in the image.
        let meta = std::fs::metadata(home.join("work")).expect("work dir");
        assert_eq!(std::os::unix::fs::MetadataExt::uid(&meta), NOBODY);
        // git refuses to read another user's repository: give it back before checking out.
        run(Command::new("chown").args(["-R", "0:0"]).arg(&repo));
    }
    let co = checkout(&repo.display().to_string(), &tmp.path().join("co"));
    assert!(git(&co, &["log", "--format=%s"]).starts_with("Full sync"));
    let out = entrypoint("once", false);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PUBLIC_API_TOKEN"));
    let out = entrypoint("sometimes", true);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn server_entrypoint_seeds_once_and_keeps_its_token_in_a_private_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).expect("data");
    own(tmp.path());
    let bin_dir = sibling_binary("segsync-server").parent().expect("bin dir").to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let entry = repo_root().join("deploy/docker/server-entrypoint.sh");
    let start = || {
        let addr_file = data.join("addr");
        let _ = std::fs::remove_file(&addr_file);
        let child = as_user(&entry)
            .env_clear()
            .env("PATH", &path)
            .env("SEGSYNC_DATA", &data)
            .env("SEGSYNC_SEED", "30")
            .env("SEGSYNC_LISTEN", "127.0.0.1:0")
            .args(["--addr-file"])
            .arg(&addr_file)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("entrypoint");
        let t = Instant::now();
        while std::fs::read_to_string(&addr_file).map_or(true, |s| s.trim().is_empty()) {
            assert!(t.elapsed() < Duration::from_secs(60), "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        (child, format!("http://{}", std::fs::read_to_string(&addr_file).expect("addr").trim()))
    };
    let sources = |url: &str, token: &str| -> usize {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
        rt.block_on(async {
            let c = segsync_api::Client::new(url, segsync_api::Token::new(token)).expect("client");
            c.list_sources().await.expect("list sources").len()
        })
    };
    let (mut first, url) = start();
    let token_file = data.join("token");
    let token = std::fs::read_to_string(&token_file).expect("token").trim().to_string();
    assert_eq!(std::fs::metadata(&token_file).expect("token").permissions().mode() & 0o777, 0o600);
    let seeded = sources(&url, &token);
    assert!(seeded > 0);
    let _ = first.kill();
    let out = first.wait_with_output().expect("wait");
    assert!(!String::from_utf8_lossy(&out.stderr).contains(&token), "the token was logged");
    // A restart keeps the workspace and the token, and seeds nothing more.
    let (mut second, url) = start();
    assert_eq!(std::fs::read_to_string(&token_file).expect("token").trim(), token);
    assert_eq!(sources(&url, &token), seeded);
    let _ = second.kill();
    let _ = second.wait();
}

/// The manifests parse, and what they refer to exists: the image the Dockerfile builds, the
/// probes on the port `/healthz` is served on, the secret keys the files are read from, the
/// volume claim, and only environment variables the exporter or its entrypoint reads.
#[test]
fn kubernetes_manifests_refer_to_what_exists() {
    let dir = repo_root().join("deploy/kubernetes");
    let mut docs: Vec<serde_yaml::Value> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("deploy/kubernetes").flatten().map(|e| e.path()).collect();
    files.sort();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("manifest");
        for d in serde_yaml::Deserializer::from_str(&text) {
            let v = <serde_yaml::Value as serde::Deserialize>::deserialize(d).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            assert!(v["apiVersion"].as_str().is_some() && v["kind"].as_str().is_some(), "{}: no apiVersion/kind", f.display());
            docs.push(v);
        }
    }
    let of_kind = |k: &str| docs.iter().filter(|d| d["kind"].as_str() == Some(k)).collect::<Vec<_>>();
    // kustomization.yaml lists files that exist.
    let kustomization = of_kind("Kustomization");
    for r in kustomization[0]["resources"].as_sequence().expect("resources") {
        assert!(dir.join(r.as_str().expect("file")).is_file(), "kustomization lists {r:?}");
    }
    let secret = of_kind("Secret");
    let secret = secret.first().expect("a Secret");
    let secret_name = secret["metadata"]["name"].as_str().expect("name");
    let secret_keys: BTreeSet<&str> = secret["stringData"].as_mapping().expect("stringData").keys().filter_map(|k| k.as_str()).collect();
    let claims: BTreeSet<&str> = of_kind("PersistentVolumeClaim").iter().filter_map(|c| c["metadata"]["name"].as_str()).collect();
    let configmap = of_kind("ConfigMap");
    let config_env: BTreeSet<&str> = configmap[0]["data"].as_mapping().expect("data").keys().filter_map(|k| k.as_str()).collect();

    // What the exporter reads: its options' variables (`--help`) and the entrypoint's own.
    let help = run(Command::new(sibling_binary("segsync-export")).arg("--help"));
    let mut known: BTreeSet<String> = help.split("[env: ").skip(1).filter_map(|s| s.split('=').next().map(String::from)).collect();
    let entry = std::fs::read_to_string(repo_root().join("deploy/docker/export-entrypoint.sh")).expect("entrypoint");
    for v in ["SEGSYNC_MODE", "SEGSYNC_HOME", "SEGSYNC_WORKDIR", "PUBLIC_API_TOKEN_FILE", "SEGSYNC_KNOWN_HOSTS_TEXT"] {
        assert!(entry.contains(v), "the entrypoint does not read {v}");
        known.insert(v.into());
    }
    known.insert("SEGSYNC_LOG".into()); // the log filter (tracing's, not a flag)
    for v in &config_env {
        assert!(known.contains(*v), "the ConfigMap sets {v}, which nothing reads");
    }

    let image = "segsync-export";
    let docker = std::fs::read_to_string(repo_root().join("deploy/docker/export.Dockerfile")).expect("Dockerfile");
    assert!(docker.contains(&format!("-t {image} ")) || docker.contains(&format!("-t {image}\n")), "the Dockerfile does not build {image}");
    let workloads = [("Deployment", "watch"), ("CronJob", "once")];
    for (kind, mode) in workloads {
        let w = of_kind(kind);
        let w = w.first().unwrap_or_else(|| panic!("no {kind}"));
        let pod = if kind == "CronJob" { &w["spec"]["jobTemplate"]["spec"]["template"]["spec"] } else { &w["spec"]["template"]["spec"] };
        assert_eq!(pod["securityContext"]["runAsNonRoot"].as_bool(), Some(true), "{kind}: runAsNonRoot");
        assert!(pod["securityContext"]["runAsUser"].as_u64().is_some_and(|u| u != 0), "{kind}: runAsUser");
        let c = &pod["containers"][0];
        let img = c["image"].as_str().expect("image");
        assert!(img == image || img.starts_with(&format!("{image}:")), "{kind}: image {img}");
        let env: Vec<(&str, &str)> = c["env"]
            .as_sequence()
            .expect("env")
            .iter()
            .map(|e| (e["name"].as_str().expect("name"), e["value"].as_str().unwrap_or_default()))
            .collect();
        let get = |k: &str| env.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        for (n, _) in &env {
            assert!(known.contains(*n), "{kind}: {n} is read by nothing");
        }
        assert_eq!(get("SEGSYNC_MODE"), Some(mode), "{kind}");
        assert_eq!(c["envFrom"][0]["configMapRef"]["name"].as_str(), configmap[0]["metadata"]["name"].as_str(), "{kind}: envFrom");
        // Secret files: each path is a key of the mounted Secret.
        let mounts = c["volumeMounts"].as_sequence().expect("volumeMounts");
        let volumes = pod["volumes"].as_sequence().expect("volumes");
        let volume_of = |mount_path: &str| -> &serde_yaml::Value {
            let m = mounts
                .iter()
                .find(|m| m["mountPath"].as_str().is_some_and(|p| mount_path.starts_with(&format!("{}/", p.trim_end_matches('/')))))
                .unwrap_or_else(|| panic!("{kind}: nothing mounted at {mount_path}"));
            volumes.iter().find(|v| v["name"] == m["name"]).unwrap_or_else(|| panic!("{kind}: no volume {:?}", m["name"]))
        };
        for var in ["PUBLIC_API_TOKEN_FILE", "SEGSYNC_SSH_KEY", "SEGSYNC_KNOWN_HOSTS"] {
            let p = get(var).unwrap_or_else(|| panic!("{kind}: {var} unset"));
            let v = volume_of(p);
            assert_eq!(v["secret"]["secretName"].as_str(), Some(secret_name), "{kind}: {var} is not from the Secret");
            let key = p.rsplit('/').next().unwrap_or_default();
            assert!(secret_keys.contains(key), "{kind}: {var} reads the key {key}, which the Secret does not have");
        }
        // The working copy is on the claim, so a scheduled run stays incremental.
        let work = volume_of(get("SEGSYNC_WORKDIR").expect("SEGSYNC_WORKDIR"));
        assert!(
            claims.contains(work["persistentVolumeClaim"]["claimName"].as_str().unwrap_or_default()),
            "{kind}: the work directory is not on a claim"
        );
        if kind == "Deployment" {
            let port =
                get("SEGSYNC_LISTEN").and_then(|l| l.rsplit(':').next()).and_then(|p| p.parse::<u64>().ok()).expect("SEGSYNC_LISTEN");
            for probe in ["livenessProbe", "readinessProbe"] {
                assert_eq!(c[probe]["httpGet"]["path"].as_str(), Some("/healthz"), "{probe}");
                assert_eq!(c[probe]["httpGet"]["port"].as_u64(), Some(port), "{probe} is not on the port /healthz is served on");
            }
            assert_eq!(w["spec"]["replicas"].as_u64(), Some(1), "one writer per repository");
        } else {
            assert_eq!(w["spec"]["concurrencyPolicy"].as_str(), Some("Forbid"), "runs must not overlap");
        }
    }
}
