//! `segsync-export`: `--once` replays the audit events since the last run and reconciles;
//! `--watch` follows the audit trail (or compares snapshots when the workspace has none).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use segsync_api::{Client, Token, DEFAULT_URL};
use segsync_export::feed::Feed;
use segsync_export::git::{Claim, Credentials, Person, Repo};
use segsync_export::layout::Layout;
use segsync_export::scope::{Scope, Selector};
use segsync_export::snapshot::Options;
use segsync_export::sync::{self, Exporter};

#[derive(Parser)]
#[command(
    name = "segsync-export",
    version = env!("SEGSYNC_VERSION_LINE"),
    about = "Write a Segment workspace as Terraform HCL into a git repository, one attributed commit per change"
)]
struct Cli {
    /// The repository: a local path or an ssh:// or https:// URL.
    #[arg(long, env = "SEGSYNC_REPO")]
    repo: String,
    #[arg(long, env = "SEGSYNC_BRANCH", default_value = "main")]
    branch: String,
    /// A sub-folder of the repository to write into.
    #[arg(long, env = "SEGSYNC_PATH", default_value = "")]
    path: String,
    /// `flat` (a runnable root module) or `segment` (Segment's folders).
    #[arg(long, env = "SEGSYNC_LAYOUT", default_value = "flat")]
    layout: Layout,
    /// Cut the export into root modules, with an atlantis.yaml of one project per root:
    /// `kind` (Segment's folders), `source` (each source with what belongs to it) or
    /// `label:<key>[,<key>…]` (one root per value of that label on sources, the first key a
    /// source has); objects that belong to no
    /// source go to `workspace/`. References across roots are literal ids, named in a comment.
    /// `--layout segment` splits by kind.
    #[arg(long, env = "SEGSYNC_SPLIT_BY")]
    split_by: Option<segsync_export::layout::Split>,
    /// Keep literal ids instead of references between exported objects.
    #[arg(long, env = "SEGSYNC_LITERAL_IDS")]
    literal_ids: bool,
    /// The provider source written into providers.tf.
    #[arg(long, env = "SEGSYNC_PROVIDER_SOURCE", default_value = "segsync/segment")]
    provider_source: String,
    /// The oldest Terraform the export must work on (e.g. 1.6). Before 1.11 secrets go into
    /// `settings` through sensitive variables (kept in state) instead of write-only `settings_wo`.
    #[arg(long, env = "SEGSYNC_TERRAFORM_VERSION", default_value = "1.11")]
    terraform_version: segsync_export::snapshot::TerraformTarget,
    /// Spaces whose profiles warehouses are exported (comma-separated; the API lists them per
    /// space: find space ids with GET /spaces or in the app's URLs).
    #[arg(long, env = "SEGSYNC_SPACES", value_delimiter = ',')]
    spaces: Vec<String>,
    /// Export only these objects (comma-separated, repeatable): a kind (`source`,
    /// `kind:destination_filter`), `label:<key>=<value>` (the sources with that label and what
    /// belongs to them: destinations, filters, subscriptions, connections) or `id:<id>`.
    #[arg(long, env = "SEGSYNC_INCLUDE", value_delimiter = ',')]
    include: Vec<Selector>,
    /// Leave these objects out (same forms as --include; applied after it).
    #[arg(long, env = "SEGSYNC_EXCLUDE", value_delimiter = ',')]
    exclude: Vec<Selector>,
    /// Leave out the objects a Terraform state already manages (a state file, or the output of
    /// `terraform show -json`; repeatable), so no object has two owners.
    #[arg(long, env = "SEGSYNC_EXCLUDE_MANAGED_BY", value_delimiter = ',')]
    exclude_managed_by: Vec<PathBuf>,
    #[arg(long, env = "PUBLIC_API_URL", default_value = DEFAULT_URL)]
    url: String,
    #[arg(long, env = "PUBLIC_API_TOKEN", hide_env_values = true)]
    token: String,
    /// Replay the audit events since the last run as commits by their actors, reconcile the
    /// rest (a full read), push, exit.
    #[arg(long, conflicts_with = "watch")]
    once: bool,
    /// Follow the audit trail, one commit per change.
    #[arg(long)]
    watch: bool,
    /// Show what a run would commit (commits, then files added, changed and removed; `diff` adds
    /// the diff) without pushing: needs no push rights, works in a throw-away clone and leaves
    /// the working copy as it was.
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "summary", conflicts_with = "watch")]
    dry_run: Option<DryRun>,
    /// Log lines as text or as JSON objects, one per line.
    #[arg(long, env = "SEGSYNC_LOG_FORMAT", value_enum, default_value = "text")]
    log_format: LogFormat,
    /// The workspace has no audit trail (a Business-tier feature): find changes by comparing
    /// snapshots, every --interval in watch mode. Also chosen when the API refuses the trail.
    #[arg(long, env = "SEGSYNC_NO_AUDIT_TRAIL")]
    no_audit_trail: bool,
    /// How long the audit trail keeps events (Segment: 90 days); a last run older than that
    /// reconciles instead of replaying. Shorter only to test against a twin that keeps less.
    #[arg(long, env = "SEGSYNC_AUDIT_RETENTION", default_value = "2160h", value_parser = parse_retention, hide = true)]
    audit_retention: Duration,
    /// Pause between polls in watch mode (e.g. 5s, 500ms; 100ms to 1h). Without the audit trail
    /// each poll reads the whole workspace: choose minutes.
    #[arg(long, env = "SEGSYNC_INTERVAL", default_value = "5s", value_parser = parse_interval)]
    interval: Duration,
    /// How old the last full read may be (1s to 7 days; default 10m with --watch, 24h with
    /// --once). Younger, a run reads only the objects the audit events name; older, or after a
    /// gap in the feed, it reads the whole workspace and reconciles.
    #[arg(long, env = "SEGSYNC_FULL_SYNC_EVERY", value_parser = parse_full_sync_every)]
    full_sync_every: Option<Duration>,
    /// Serve /healthz and /metrics (Prometheus) on this address while watching, e.g.
    /// 127.0.0.1:9464 or 0.0.0.0:9464 (--once, which exits when done, ignores it).
    #[arg(long, env = "SEGSYNC_LISTEN")]
    listen: Option<std::net::SocketAddr>,
    /// /healthz answers 503 once the API or the remote has not answered for this many
    /// intervals (at least 10 seconds).
    #[arg(long, env = "SEGSYNC_HEALTH_INTERVALS", default_value = "3", value_parser = clap::value_parser!(u32).range(1..=1000))]
    health_intervals: u32,
    /// The local working copy: a new or empty directory, or one this export made before
    /// (default: a folder per remote, branch and path in the cache directory).
    #[arg(long, env = "SEGSYNC_WORKDIR")]
    workdir: Option<PathBuf>,
    #[arg(long, env = "SEGSYNC_COMMITTER_NAME", default_value = "segsync-export")]
    committer_name: String,
    #[arg(long, env = "SEGSYNC_COMMITTER_EMAIL", default_value = "segsync-export@noreply.segsync.invalid")]
    committer_email: String,
    /// Private key for ssh:// remotes.
    #[arg(long, env = "SEGSYNC_SSH_KEY")]
    ssh_key: Option<PathBuf>,
    /// Passphrase of the key.
    #[arg(long, env = "SEGSYNC_SSH_PASSPHRASE", hide_env_values = true)]
    ssh_passphrase: Option<String>,
    /// known_hosts for ssh:// remotes (strict checking).
    #[arg(long, env = "SEGSYNC_KNOWN_HOSTS")]
    known_hosts: Option<PathBuf>,
    /// Token for https:// remotes.
    #[arg(long, env = "SEGSYNC_GIT_TOKEN", hide_env_values = true)]
    git_token: Option<String>,
    /// CA bundle for https:// remotes.
    #[arg(long, env = "SEGSYNC_GIT_CA_FILE")]
    git_ca_file: Option<PathBuf>,
}

/// A relative local path is taken from the current directory (git would take it from the working
/// copy's); URLs and `user@host:path` remotes are left as they are.
fn absolute_if_local(repo: &str) -> String {
    let scp_like = repo.split_once(':').is_some_and(|(host, _)| !host.contains('/'));
    if repo.contains("://") || scp_like || repo.starts_with('/') {
        return repo.to_string();
    }
    std::env::current_dir().map(|d| d.join(repo).display().to_string()).unwrap_or_else(|_| repo.to_string())
}

fn parse_interval(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_millis(100), Duration::from_secs(3600))
}

#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
enum DryRun {
    Summary,
    Diff,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

/// Removes a directory when dropped (the dry run's clone).
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn parse_retention(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_secs(1), Duration::from_secs(90 * 24 * 3600))
}

fn parse_full_sync_every(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_secs(1), Duration::from_secs(7 * 24 * 3600))
}

/// SIGTERM or SIGINT, whichever comes first; its name.
async fn stop_signal() -> &'static str {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt())) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = int.recv() => "SIGINT",
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    segsync_api::cli::install_panic_hook("segsync-export");
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("SEGSYNC_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colour only on a terminal: a log file or a journal gets plain text (or JSON lines).
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).with_target(false);
    match cli.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    // The handlers are in place before any work starts: from here a signal ends the run at its
    // next pause (an API call, a sleep), never between writing files and committing them.
    let stop = std::pin::pin!(stop_signal());
    tokio::select! {
        r = run(cli) => match r {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                tracing::debug!(error = ?e, "failed");
                eprintln!("segsync-export: error: {}", segsync_api::cli::one_line(e.as_ref()));
                ExitCode::FAILURE
            }
        },
        name = stop => {
            tracing::info!(signal = name, "stopped; every commit made is kept and the next run continues from it");
            ExitCode::SUCCESS
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if !cli.once && !cli.watch && cli.dry_run.is_none() {
        anyhow::bail!("say --once (one full reconcile), --watch (follow the workspace's changes) or --dry-run");
    }
    let client = Client::new(&cli.url, Token::new(cli.token.clone())).context("configuring the API client")?;
    // A dry run works in a throw-away clone: the working copy stays as it was.
    let scratch = cli.dry_run.map(|_| {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        std::env::temp_dir().join(format!("segsync-export-dry-run-{}-{nanos}", std::process::id()))
    });
    let _cleanup = scratch.clone().map(RemoveOnDrop);
    let workdir = match &scratch {
        Some(s) => s.clone(),
        None => cli.workdir.clone().unwrap_or_else(|| sync::default_workdir(&cli.repo, &cli.branch, &cli.path)),
    };
    let prefix = cli.path.trim_matches('/').to_string();
    let claim = Claim { remote: absolute_if_local(&cli.repo), branch: cli.branch.clone(), path: prefix.clone() };
    let manifest = if prefix.is_empty() { sync::MANIFEST_FILE.to_string() } else { format!("{prefix}/{}", sync::MANIFEST_FILE) };
    client.this_workspace().await.with_context(|| format!("reaching the workspace at {}", cli.url))?;
    let creds = Credentials {
        ssh_key: cli.ssh_key.clone(),
        ssh_passphrase: cli.ssh_passphrase.clone(),
        known_hosts: cli.known_hosts.clone(),
        https_token: cli.git_token.clone(),
        ca_file: cli.git_ca_file.clone(),
    };
    let repo = Repo::open(&workdir, &claim, &manifest, creds).with_context(|| format!("opening the repository {}", cli.repo))?;
    let opts = Options {
        layout: cli.layout,
        literal_ids: cli.literal_ids,
        provider_source: cli.provider_source.clone(),
        spaces: cli.spaces.clone(),
        terraform: cli.terraform_version,
        split: match (cli.layout, cli.split_by.clone()) {
            (Layout::Segment, None | Some(segsync_export::layout::Split::Kind)) => segsync_export::layout::Split::Kind,
            (Layout::Segment, Some(other)) => anyhow::bail!("--layout segment splits by kind (Segment's folders), not by {other:?}"),
            (Layout::Flat, split) => split.unwrap_or_default(),
        },
    };
    let committer = Person { name: cli.committer_name.clone(), email: cli.committer_email.clone() };
    let mut exporter = Exporter::new(repo, client, opts, &cli.path, committer);
    exporter.retention = cli.audit_retention;
    let full_every = cli.full_sync_every.unwrap_or(Duration::from_secs(if cli.watch { 600 } else { 24 * 3600 }));
    exporter.full_every = full_every;
    exporter.scope = Scope::new(cli.include.clone(), cli.exclude.clone(), cli.exclude_managed_by.clone());
    if cli.no_audit_trail {
        exporter.feed = Feed::Snapshots;
    }
    if cli.layout == Layout::Segment {
        tracing::info!(
            "--layout segment writes Segment's Git Sync folders, each a root module of its own (references across folders are literal ids)"
        );
    }

    if let Some(mode) = cli.dry_run {
        exporter.no_push = true;
        exporter.once().await.context("exporting the workspace (dry run)")?;
        let report = exporter.repo.unpushed_report(mode == DryRun::Diff)?;
        std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes()).context("writing the report")?;
        return Ok(());
    }
    if cli.once {
        let changed = exporter.once().await.context("exporting the workspace")?;
        tracing::info!(changed, "export done");
        return Ok(());
    }
    if let Some(addr) = cli.listen.filter(|_| cli.watch) {
        let window = (cli.interval * cli.health_intervals).max(Duration::from_secs(10));
        exporter.health = std::sync::Arc::new(segsync_export::health::Health::new(window));
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
        tracing::info!(address = %listener.local_addr().unwrap_or(addr), "serving /healthz and /metrics");
        tokio::spawn(segsync_export::health::serve(listener, exporter.health.clone()));
    }
    // Signals end the run from `main`; the flag is for library callers that stop it themselves.
    let stop = AtomicBool::new(false);
    exporter.watch(cli.interval, full_every, &stop).await.context("watching the workspace")?;
    Ok(())
}
