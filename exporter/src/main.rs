//! `segsync-export`: `--once` for a full reconcile, `--watch` to follow the audit feed.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use segsync_api::{Client, Token, DEFAULT_URL};
use segsync_export::git::{Credentials, Person, Repo};
use segsync_export::layout::Layout;
use segsync_export::snapshot::Options;
use segsync_export::sync::{self, Exporter};

#[derive(Parser)]
#[command(
    name = "segsync-export",
    version,
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
    /// Keep literal ids instead of references between exported objects.
    #[arg(long, env = "SEGSYNC_LITERAL_IDS")]
    literal_ids: bool,
    /// The provider source written into providers.tf.
    #[arg(long, env = "SEGSYNC_PROVIDER_SOURCE", default_value = "segsync/segment")]
    provider_source: String,
    /// Spaces whose profiles warehouses are exported (comma-separated).
    #[arg(long, env = "SEGSYNC_SPACES", value_delimiter = ',')]
    spaces: Vec<String>,
    #[arg(long, env = "PUBLIC_API_URL", default_value = DEFAULT_URL)]
    url: String,
    #[arg(long, env = "PUBLIC_API_TOKEN", hide_env_values = true)]
    token: String,
    /// Full reconcile, commit, push, exit.
    #[arg(long, conflicts_with = "watch")]
    once: bool,
    /// Follow the audit feed, one commit per change.
    #[arg(long)]
    watch: bool,
    /// Pause between feed polls in watch mode (e.g. 5s, 500ms).
    #[arg(long, env = "SEGSYNC_INTERVAL", default_value = "5s", value_parser = parse_duration)]
    interval: Duration,
    /// How often watch mode runs a full reconcile.
    #[arg(long, env = "SEGSYNC_FULL_SYNC_EVERY", default_value = "10m", value_parser = parse_duration)]
    full_sync_every: Duration,
    /// The local working copy (default: a folder in the cache directory).
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

fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.find(|c: char| !c.is_ascii_digit()).map(|i| s.split_at(i)).unwrap_or((s, "s"));
    let n: u64 = num.parse().map_err(|_| format!("{s:?} is not a duration such as 5s, 500ms or 10m"))?;
    Ok(match unit {
        "ms" => Duration::from_millis(n),
        "s" | "" => Duration::from_secs(n),
        "m" => Duration::from_secs(n * 60),
        "h" => Duration::from_secs(n * 3600),
        _ => return Err(format!("{s:?}: the unit must be ms, s, m or h")),
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SEGSYNC_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
    let cli = Cli::parse();
    if !cli.once && !cli.watch {
        anyhow::bail!("say --once (one full reconcile) or --watch (follow the workspace's changes)");
    }
    let client = Client::new(&cli.url, Token::new(cli.token.clone())).context("configuring the API client")?;
    client.workspace().await.with_context(|| format!("reaching the workspace at {}", cli.url))?;
    let workdir = cli.workdir.clone().unwrap_or_else(|| sync::default_workdir(&cli.repo));
    let creds = Credentials {
        ssh_key: cli.ssh_key.clone(),
        ssh_passphrase: cli.ssh_passphrase.clone(),
        known_hosts: cli.known_hosts.clone(),
        https_token: cli.git_token.clone(),
        ca_file: cli.git_ca_file.clone(),
    };
    let repo = Repo::open(&absolute_if_local(&cli.repo), &workdir, &cli.branch, creds)
        .with_context(|| format!("opening the repository {}", cli.repo))?;
    let opts = Options {
        layout: cli.layout,
        literal_ids: cli.literal_ids,
        provider_source: cli.provider_source.clone(),
        spaces: cli.spaces.clone(),
    };
    let committer = Person { name: cli.committer_name.clone(), email: cli.committer_email.clone() };
    let mut exporter = Exporter::new(repo, client, opts, &cli.path, committer);

    if cli.once {
        let changed = exporter.full_sync().await.context("full sync")?;
        tracing::info!(changed, "full sync done");
        return Ok(());
    }
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    tokio::spawn(async move {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = async { if let Some(t) = term.as_mut() { t.recv().await; } else { std::future::pending::<()>().await } } => {},
        }
        tracing::info!("stopping after the current commit");
        flag.store(true, Ordering::SeqCst);
    });
    exporter.watch(cli.interval, cli.full_sync_every, &stop).await.context("watching the workspace")?;
    Ok(())
}
