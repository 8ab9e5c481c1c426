//! `segsync-server`: serve the workspace API, create tokens, seed a workspace.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use segsync_server::auth::{self, Scope};
use segsync_server::catalog::Catalog;
use segsync_server::state::{AuditTrail, Faults};
use segsync_server::store::{self, Db};
use segsync_server::{router, AppState, Config, Limits};

#[derive(Parser)]
#[command(name = "segsync-server", version = env!("SEGSYNC_VERSION_LINE"), about = "A self-hostable server speaking the Segment Public API contract, on SQLite")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API until SIGTERM or SIGINT.
    Serve {
        #[arg(long, env = "SEGSYNC_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        #[arg(long, env = "SEGSYNC_DB", default_value = "sqlite:segsync.db", value_parser = parse_db)]
        db: String,
        /// Per-token rate limit: `segment` for Segment's documented limits (about 10 requests a
        /// second overall, 5 a minute for subscription writes, 60 a minute for label, invite and
        /// permission writes, …), or one limit such as `100/60s`; off when unset.
        #[arg(long, env = "SEGSYNC_RATE_LIMIT")]
        rate_limit: Option<segsync_server::limits::RateLimits>,
        /// For tests: `429=0.1,503=0.05` answers that share of requests with that status before
        /// touching data; `503-after=0.1` handles the request, then answers 503 anyway; a method
        /// prefix limits a fault to that method (`POST:503-after=1`: every create's answer lost).
        #[arg(long, env = "SEGSYNC_INJECT_FAULTS")]
        inject_faults: Option<Faults>,
        /// Our additions to Segment's API, off by default so the twin answers as Segment does:
        /// `POST /invites/{email}/accept` (to turn an invite into a user in tests) and
        /// `Idempotency-Key` on POST. Marked `x-segsync-extension` in /openapi.json.
        #[arg(long, env = "SEGSYNC_EXTENSIONS")]
        extensions: bool,
        /// Add this delay to every API request (e.g. 100ms), to measure clients as a remote API
        /// would make them wait.
        #[arg(long, env = "SEGSYNC_LATENCY", value_parser = parse_latency)]
        latency: Option<Duration>,
        /// Answer as a workspace without the audit trail (a Business-tier feature): listing audit
        /// events is refused with 403.
        #[arg(long, env = "SEGSYNC_NO_AUDIT_TRAIL")]
        no_audit_trail: bool,
        /// For tests: how long audit events are kept (Segment keeps 90 days).
        #[arg(long, env = "SEGSYNC_AUDIT_RETENTION", value_parser = parse_retention)]
        audit_retention: Option<Duration>,
        /// For tests: stamp each audit event up to this long before it is written (e.g. 2s), as a
        /// server whose clocks disagree would.
        #[arg(long, env = "SEGSYNC_AUDIT_CLOCK_SKEW", value_parser = parse_latency)]
        audit_clock_skew: Option<Duration>,
        /// Largest accepted request body in bytes.
        #[arg(long, env = "SEGSYNC_BODY_LIMIT", default_value_t = 2 * 1024 * 1024)]
        body_limit: usize,
        /// Write the bound address to this file once listening (useful with port 0).
        #[arg(long)]
        addr_file: Option<std::path::PathBuf>,
        /// A client must send a request's headers within this time (also the keep-alive idle
        /// limit), e.g. 30s.
        #[arg(long, env = "SEGSYNC_HEADER_TIMEOUT", default_value = "30s", value_parser = parse_header_timeout)]
        header_timeout: Duration,
        /// After SIGTERM/SIGINT, in-flight requests get this long before the server stops anyway.
        #[arg(long, env = "SEGSYNC_SHUTDOWN_GRACE", default_value = "10s", value_parser = parse_shutdown_grace)]
        shutdown_grace: Duration,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Fill the workspace with a deterministic, realistic set of about N resources.
    Seed {
        #[arg(long, env = "SEGSYNC_DB", default_value = "sqlite:segsync.db", value_parser = parse_db)]
        db: String,
        #[arg(long, default_value_t = 100)]
        resources: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token and print it (only the token, on stdout).
    Create {
        #[arg(long, env = "SEGSYNC_DB", default_value = "sqlite:segsync.db", value_parser = parse_db)]
        db: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value_t = ScopeArg::Admin)]
        scope: ScopeArg,
        /// The email audit events attribute this token's changes to.
        #[arg(long)]
        email: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ScopeArg {
    Admin,
    Read,
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SEGSYNC_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
}

/// `sqlite:<file>` (or `sqlite://<file>`); anything else is refused before it is opened.
fn parse_db(s: &str) -> Result<String, String> {
    let Some(rest) = s.strip_prefix("sqlite:") else {
        return Err(format!("{s:?} is not a SQLite database URL: give sqlite:<file>, e.g. sqlite:segsync.db"));
    };
    let file = rest.trim_start_matches("//").split('?').next().unwrap_or("");
    if file.is_empty() {
        return Err(format!("{s:?} names no file: give sqlite:<file>, e.g. sqlite:segsync.db"));
    }
    if file == ":memory:" {
        return Err("an in-memory database would be lost at exit and differ per connection: give sqlite:<file>".into());
    }
    Ok(s.to_string())
}

fn parse_header_timeout(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_millis(100), Duration::from_secs(3600))
}

fn parse_latency(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_millis(0), Duration::from_secs(10))
}

fn parse_retention(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_secs(1), Duration::from_secs(90 * 24 * 3600))
}

fn parse_shutdown_grace(s: &str) -> Result<Duration, String> {
    segsync_api::cli::duration_in(s, Duration::from_millis(0), Duration::from_secs(600))
}

#[tokio::main]
async fn main() -> ExitCode {
    segsync_api::cli::install_panic_hook("segsync-server");
    init_logging();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::debug!(error = ?e, "failed");
            eprintln!("segsync-server: error: {}", segsync_api::cli::one_line(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            listen,
            db,
            rate_limit,
            inject_faults,
            extensions,
            latency,
            no_audit_trail,
            audit_retention,
            audit_clock_skew,
            body_limit,
            addr_file,
            header_timeout,
            shutdown_grace,
        } => {
            let pool = store::open(&db).await.with_context(|| format!("opening database {db}"))?;
            let workspace = store::workspace(&pool).await.context("loading the workspace")?;
            let mut audit = AuditTrail { available: !no_audit_trail, clock_skew: audit_clock_skew, ..AuditTrail::default() };
            if let Some(r) = audit_retention {
                audit.retention = r;
            }
            let config = Config { body_limit, rate_limit, faults: inject_faults.unwrap_or_default(), extensions, latency, audit };
            let state = AppState::new(Db::new(pool.clone()), config, workspace);
            let listener = tokio::net::TcpListener::bind(&listen).await.with_context(|| format!("listening on {listen}"))?;
            let addr = listener.local_addr()?;
            if let Some(f) = addr_file {
                std::fs::write(&f, addr.to_string()).with_context(|| format!("writing {}", f.display()))?;
            }
            tracing::info!(%addr, "segsync-server listening");
            let limits = Limits { header_read: header_timeout, shutdown_grace };
            segsync_server::serve(listener, router(state), limits, shutdown_signal()).await;
            // In-flight requests have finished (or the grace period is over): checkpoint so the
            // database file is whole, but never wait on a connection a stuck request still holds.
            if tokio::time::timeout(Duration::from_secs(5), pool.close()).await.is_err() {
                tracing::warn!("a database connection was still busy at exit; SQLite's journal keeps the data safe");
            }
            tracing::info!("segsync-server stopped");
        }
        Command::Token { command: TokenCommand::Create { db, name, scope, email } } => {
            let pool = store::open(&db).await.with_context(|| format!("opening database {db}"))?;
            let scope = match scope {
                ScopeArg::Admin => Scope::Admin,
                ScopeArg::Read => Scope::Read,
            };
            let token = auth::create_token(&pool, &name, scope, email.as_deref()).await.context("creating the token")?;
            pool.close().await;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{token}")?;
        }
        Command::Seed { db, resources, seed } => {
            let pool = store::open(&db).await.with_context(|| format!("opening database {db}"))?;
            let started = Instant::now();
            let stats = segsync_server::seed::seed(&Db::new(pool.clone()), &Catalog::builtin(), resources, seed)
                .await
                .map_err(|e| anyhow::anyhow!("seeding failed: {}", e.message))?;
            pool.close().await;
            let mut out = std::io::stdout().lock();
            for (k, n) in &stats.by_kind {
                writeln!(out, "{k}\t{n}")?;
            }
            writeln!(out, "total\t{}", stats.total)?;
            tracing::info!(resources = stats.total, elapsed_ms = started.elapsed().as_millis() as u64, "seeded");
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
