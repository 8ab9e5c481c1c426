//! The git CLI as a subprocess, with a controlled environment: no system or global
//! configuration, no prompts, credentials only through the environment (never argv).

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("could not run git")]
    Spawn(#[source] std::io::Error),
    #[error("git {command} failed: {stderr}")]
    Failed { command: String, stderr: String },
    #[error("the remote refused the push: {reason}")]
    Rejected { reason: String },
    #[error("the branch moved on the remote (someone else pushed)")]
    Behind,
    #[error("{dir} is {why}; give --workdir a new or empty directory (or leave it out), and the exporter will own it")]
    NotOurs { dir: String, why: String },
}

/// Written into `.git/` of every working copy the exporter creates: whose export it holds. The
/// exporter works only in a working copy that carries its own claim (see [`Repo::open`]).
pub const CLAIM_FILE: &str = "segsync-export.json";

/// The export a working copy belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    pub remote: String,
    pub branch: String,
    pub path: String,
}

/// How to reach the remote.
#[derive(Clone, Default)]
pub struct Credentials {
    /// Private key file for ssh:// remotes.
    pub ssh_key: Option<PathBuf>,
    /// Passphrase of that key (given to ssh through SSH_ASKPASS).
    pub ssh_passphrase: Option<String>,
    /// known_hosts file to check the server against (strict).
    pub known_hosts: Option<PathBuf>,
    /// Token for https:// remotes (sent as an HTTP header).
    pub https_token: Option<String>,
    /// CA bundle for https:// remotes.
    pub ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("ssh_key", &self.ssh_key)
            .field("ssh_passphrase", &self.ssh_passphrase.as_ref().map(|_| "<redacted>"))
            .field("known_hosts", &self.known_hosts)
            .field("https_token", &self.https_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// A local clone the exporter works in.
#[derive(Debug, Clone)]
pub struct Repo {
    pub dir: PathBuf,
    pub branch: String,
    pub creds: Credentials,
    /// Where the SSH_ASKPASS helper lives (created on demand).
    pub helper_dir: PathBuf,
}

/// An identity for a commit.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// How many paths [`Repo::stage`] names one by one; more, and it stages the whole tree.
pub const STAGED_ONE_BY_ONE: usize = 2000;

impl Repo {
    fn base_command(&self, cwd: &Path) -> Command {
        let mut c = Command::new("git");
        c.current_dir(cwd).env_clear();
        for k in ["PATH", "HOME", "TMPDIR", "LANG"] {
            if let Some(v) = std::env::var_os(k) {
                c.env(k, v);
            }
        }
        c.env("GIT_CONFIG_NOSYSTEM", "1").env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_TERMINAL_PROMPT", "0").env("LC_ALL", "C");
        let mut config: Vec<(String, String)> = vec![("core.autocrlf".into(), "false".into()), ("commit.gpgsign".into(), "false".into())];
        if let Some(t) = &self.creds.https_token {
            config.push((
                "http.extraHeader".into(),
                format!(
                    "Authorization: Basic {}",
                    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("x-access-token:{t}"))
                ),
            ));
        }
        if let Some(ca) = &self.creds.ca_file {
            config.push(("http.sslCAInfo".into(), ca.display().to_string()));
        }
        c.env("GIT_CONFIG_COUNT", config.len().to_string());
        for (i, (k, v)) in config.iter().enumerate() {
            c.env(format!("GIT_CONFIG_KEY_{i}"), k).env(format!("GIT_CONFIG_VALUE_{i}"), v);
        }
        if let Some(key) = &self.creds.ssh_key {
            let kh = self.creds.known_hosts.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "/dev/null".into());
            c.env(
                "GIT_SSH_COMMAND",
                format!("ssh -i '{}' -o IdentitiesOnly=yes -o IdentityAgent=none -o StrictHostKeyChecking=yes -o UserKnownHostsFile='{kh}' -o BatchMode=no", key.display()),
            );
            if let Some(p) = &self.creds.ssh_passphrase {
                if let Ok(helper) = self.askpass_helper() {
                    c.env("SSH_ASKPASS", helper)
                        .env("SSH_ASKPASS_REQUIRE", "force")
                        .env("SEGSYNC_SSH_PASSPHRASE", p)
                        .env("DISPLAY", "none");
                }
            }
        }
        c
    }

    /// A tiny script that prints the passphrase from the environment (never from argv).
    fn askpass_helper(&self) -> std::io::Result<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(&self.helper_dir)?;
        let p = self.helper_dir.join("askpass.sh");
        if !p.exists() {
            std::fs::write(&p, "#!/bin/sh\nprintf '%s\\n' \"$SEGSYNC_SSH_PASSPHRASE\"\n")?;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(p)
    }

    /// Runs git in `cwd` with extra environment and, when given, `input` on its stdin.
    fn run_in(&self, cwd: &Path, args: &[&str], envs: &[(&str, &str)], input: Option<&[u8]>) -> Result<String, GitError> {
        use std::process::Stdio;
        let mut c = self.base_command(cwd);
        c.args(args).stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() }).stdout(Stdio::piped()).stderr(Stdio::piped());
        for (k, v) in envs {
            c.env(k, v);
        }
        let started = std::time::Instant::now();
        let mut child = c.spawn().map_err(GitError::Spawn)?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            use std::io::Write as _;
            stdin.write_all(bytes).map_err(GitError::Spawn)?;
        }
        let out = child.wait_with_output().map_err(GitError::Spawn)?;
        tracing::debug!(command = args.first().copied().unwrap_or_default(), elapsed_ms = started.elapsed().as_millis() as u64, "git");
        if !out.status.success() {
            return Err(GitError::Failed {
                command: args.first().copied().unwrap_or_default().to_string(),
                stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    pub fn git(&self, args: &[&str]) -> Result<String, GitError> {
        self.run_in(&self.dir, args, &[], None)
    }

    /// Opens the working copy for `claim`, creating it when `dir` is new or empty, and makes it
    /// the remote's tip plus any commits a killed run made but did not push.
    ///
    /// `dir` is used only when it is new, empty, or a working copy that carries this export's
    /// claim (or, made by an earlier release, has no claim but holds this export's manifest
    /// and pulls from the same remote). Anything else is refused before anything is written.
    pub fn open(dir: &Path, claim: &Claim, manifest: &str, creds: Credentials) -> Result<Repo, GitError> {
        let helper_dir = dir.with_extension("helpers");
        let repo = Repo { dir: dir.to_path_buf(), branch: claim.branch.clone(), creds, helper_dir };
        repo.claim(claim, manifest)?;
        match repo.recover() {
            Ok(()) => Ok(repo),
            // A remote that cannot be reached leaves the working copy as it is: it may hold a
            // commit that is still to be pushed.
            Err(e) if repo.git(&["status", "--porcelain"]).is_ok() => Err(e),
            Err(e) => {
                // The working copy is the exporter's own, and broken: start over from an empty
                // directory (the feed position lives in the remote).
                tracing::warn!(error = %e, "the working copy is unusable; cloning again");
                std::fs::remove_dir_all(dir).map_err(GitError::Spawn)?;
                repo.claim(claim, manifest)?;
                repo.recover()?;
                Ok(repo)
            }
        }
    }

    /// Checks (or makes) this export's claim on the working copy; writes nothing unless the
    /// directory is new or empty, or is the exporter's own.
    fn claim(&self, claim: &Claim, manifest: &str) -> Result<(), GitError> {
        let dir = &self.dir;
        let shown = dir.display().to_string();
        let not_ours = |why: String| GitError::NotOurs { dir: shown.clone(), why };
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => return Err(not_ours("a file, not a directory".into())),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(not_ours(format!("not readable ({e})"))),
        }
        let claim_path = dir.join(".git").join(CLAIM_FILE);
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(true);
        if empty {
            std::fs::create_dir_all(dir).map_err(GitError::Spawn)?;
            self.git(&["init", "-q", "-b", &claim.branch])?;
            self.git(&["remote", "add", "origin", &claim.remote])?;
            return write_claim(&claim_path, claim);
        }
        if let Ok(text) = std::fs::read_to_string(&claim_path) {
            return match serde_json::from_str::<Claim>(&text) {
                Ok(c) if c == *claim => Ok(()),
                Ok(c) => Err(not_ours(format!(
                    "the working copy of another export (remote {}, branch {}, path {:?})",
                    c.remote, c.branch, c.path
                ))),
                Err(_) => Err(not_ours(format!("a working copy whose .git/{CLAIM_FILE} is not the exporter's"))),
            };
        }
        if !dir.join(".git").is_dir() {
            return Err(not_ours("not empty and not a git working copy".into()));
        }
        // A working copy made by an earlier release: adopted when it pulls from this remote and
        // its last commit holds this export's manifest.
        let origin = self.git(&["config", "--get", "remote.origin.url"]).unwrap_or_default();
        let has_manifest = self.git(&["cat-file", "-e", &format!("HEAD:{manifest}")]).is_ok();
        if origin.trim() == claim.remote && has_manifest {
            tracing::info!(dir = %shown, "adopting a working copy made by an earlier release");
            return write_claim(&claim_path, claim);
        }
        Err(not_ours("a git working copy that segsync-export did not make for this remote, branch and path".into()))
    }

    /// After a run that may have been killed: stale lock files go, unpushed commits of this
    /// branch stay (they are pushed with the next change), files written but never committed
    /// are cleaned (they are redone from the workspace).
    fn recover(&self) -> Result<(), GitError> {
        // git's lock files left by a run killed mid-command; this working copy belongs to the
        // exporter alone, so they are stale.
        for lock in [".git/index.lock", ".git/HEAD.lock", ".git/config.lock", &format!(".git/refs/heads/{}.lock", self.branch)] {
            if std::fs::remove_file(self.dir.join(lock)).is_ok() {
                tracing::warn!(lock, "removed a stale git lock file");
            }
        }
        self.sync_to_remote(true)
    }

    /// Fetches and makes the working copy the remote tip, with nothing uncommitted. With
    /// `keep_unpushed`, local commits on top of the remote tip (or of a branch the remote does
    /// not have yet) are kept; otherwise they are dropped.
    pub fn sync_to_remote(&self, keep_unpushed: bool) -> Result<(), GitError> {
        self.git(&["fetch", "-q", "origin"])?;
        let remote = format!("refs/remotes/origin/{}", self.branch);
        let local = format!("refs/heads/{}", self.branch);
        let has_remote = self.git(&["rev-parse", "-q", "--verify", &remote]).is_ok();
        let has_local = self.git(&["rev-parse", "-q", "--verify", &local]).is_ok();
        let keep = keep_unpushed && has_local && (!has_remote || self.git(&["merge-base", "--is-ancestor", &remote, &local]).is_ok());
        if keep {
            self.git(&["checkout", "-q", "-f", &self.branch])?;
            self.git(&["reset", "-q", "--hard", &local])?;
        } else if has_remote {
            self.git(&["checkout", "-q", "-f", "-B", &self.branch, &remote])?;
            self.git(&["reset", "-q", "--hard", &remote])?;
        } else {
            // The remote has no branch yet and local commits are dropped (or there are none): an
            // unborn branch with nothing staged.
            if has_local {
                self.git(&["update-ref", "-d", &local])?;
            }
            self.git(&["symbolic-ref", "HEAD", &local])?;
            self.git(&["rm", "-r", "-q", "--cached", "--ignore-unmatch", "."])?;
        }
        // Whatever is untracked here was written by a run that did not get to commit it.
        self.git(&["clean", "-q", "-f", "-f", "-d", "-x"])?;
        Ok(())
    }

    /// What the local branch holds that the remote does not: its commits (subject, author),
    /// then the files added, changed and removed, then, with `diff`, the diff.
    pub fn unpushed_report(&self, diff: bool) -> Result<String, GitError> {
        // The empty tree, when the remote branch does not exist yet.
        const EMPTY_TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
        let remote = format!("refs/remotes/origin/{}", self.branch);
        let has_remote = self.git(&["rev-parse", "-q", "--verify", &remote]).is_ok();
        if self.git(&["rev-parse", "-q", "--verify", "HEAD"]).is_err() {
            return Ok("Nothing to commit.\n".to_string());
        }
        let (range, base) =
            if has_remote { (format!("{remote}..HEAD"), remote.clone()) } else { ("HEAD".to_string(), EMPTY_TREE.to_string()) };
        let commits = self.git(&["log", "--reverse", "--format=%s (author: %an <%ae>)", &range])?;
        if commits.trim().is_empty() {
            return Ok("Nothing to commit.\n".to_string());
        }
        let mut out = format!("Would commit:\n{}", commits.lines().map(|l| format!("  {l}\n")).collect::<String>());
        let files = self.git(&["diff", "--name-status", &base, "HEAD"])?;
        out.push_str(&format!("Files (A added, M changed, D removed):\n{}", files.lines().map(|l| format!("  {l}\n")).collect::<String>()));
        if diff {
            out.push_str(&self.git(&["diff", &base, "HEAD"])?);
        }
        Ok(out)
    }

    /// The short id of the commit the branch is at.
    pub fn head_id(&self) -> Option<String> {
        self.git(&["rev-parse", "--short", "HEAD"]).ok().map(|s| s.trim().to_string())
    }

    /// Whether the branch has commits the remote does not (a push is due).
    /// How many local commits the remote does not have yet (as of the last fetch or push).
    pub fn ahead_count(&self) -> usize {
        let remote = format!("refs/remotes/origin/{}", self.branch);
        let range =
            if self.git(&["rev-parse", "-q", "--verify", &remote]).is_ok() { format!("{remote}..HEAD") } else { "HEAD".to_string() };
        self.git(&["rev-list", "--count", &range]).ok().and_then(|n| n.trim().parse().ok()).unwrap_or(0)
    }

    /// Whether the remote answers (`git ls-remote` of the branch), for the health check when
    /// nothing was pushed for a while.
    pub fn probe_remote(&self) -> Result<(), GitError> {
        let mut c = self.base_command(&self.dir);
        c.args(["ls-remote", "--heads", "origin", &self.branch]);
        let out = c.output().map_err(GitError::Spawn)?;
        if out.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&out.stderr).trim().lines().last().unwrap_or_default().to_string();
        Err(GitError::Failed { command: "ls-remote".into(), stderr })
    }

    pub fn is_ahead(&self) -> bool {
        let local = format!("refs/heads/{}", self.branch);
        if self.git(&["rev-parse", "-q", "--verify", &local]).is_err() {
            return false;
        }
        let remote = format!("refs/remotes/origin/{}", self.branch);
        if self.git(&["rev-parse", "-q", "--verify", &remote]).is_err() {
            return true;
        }
        self.git(&["rev-list", "--count", &format!("{remote}..{local}")]).map(|n| n.trim() != "0").unwrap_or(true)
    }

    /// Stages the given paths (additions, changes and removals) in one `git add`: the paths go
    /// through stdin, so neither argv limits nor one index rewrite per batch apply.
    pub fn stage(&self, paths: &[String]) -> Result<(), GitError> {
        if paths.is_empty() {
            return Ok(());
        }
        // Only the exporter writes in its working copy, so for a large set the whole tree is the
        // same set of changes, and git matches one pathspec faster than thousands.
        let whole_tree = [":/".to_string()];
        let paths = if paths.len() > STAGED_ONE_BY_ONE { &whole_tree[..] } else { paths };
        let mut input = Vec::with_capacity(paths.iter().map(|p| p.len() + 1).sum());
        for p in paths {
            input.extend_from_slice(p.as_bytes());
            input.push(0);
        }
        self.run_in(&self.dir, &["add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul"], &[], Some(&input)).map(|_| ())
    }

    pub fn has_staged_changes(&self) -> bool {
        self.git(&["diff", "--cached", "--quiet"]).is_err()
    }

    /// Commits what is staged with an explicit author and committer.
    pub fn commit(&self, message: &str, author: &Person, committer: &Person, date: Option<&str>) -> Result<(), GitError> {
        let mut envs = vec![
            ("GIT_AUTHOR_NAME", author.name.as_str()),
            ("GIT_AUTHOR_EMAIL", author.email.as_str()),
            ("GIT_COMMITTER_NAME", committer.name.as_str()),
            ("GIT_COMMITTER_EMAIL", committer.email.as_str()),
        ];
        if let Some(d) = date {
            envs.push(("GIT_AUTHOR_DATE", d));
        }
        // The message through stdin: a reconcile's can be longer than an argument may be.
        self.run_in(&self.dir, &["commit", "-q", "--no-verify", "-F", "-"], &envs, Some(message.as_bytes()))?;
        crate::crashpoint::reached("commit");
        Ok(())
    }

    /// Pushes the branch; tells a moved remote (`fetch first`, `non-fast-forward`) apart from a
    /// refusal (protected branch, hook).
    pub fn push(&self) -> Result<(), GitError> {
        let refspec = format!("refs/heads/{0}:refs/heads/{0}", self.branch);
        let mut c = self.base_command(&self.dir);
        c.args(["push", "--porcelain", "origin", &refspec]);
        let out = c.output().map_err(GitError::Spawn)?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            // Keep the remote-tracking ref in step, so `is_ahead` is right without a fetch.
            let _ = self.git(&["update-ref", &format!("refs/remotes/origin/{}", self.branch), &format!("refs/heads/{}", self.branch)]);
            return Ok(());
        }
        for line in stdout.lines() {
            if line.starts_with('!') {
                if line.contains("[remote rejected]") {
                    let reason = line.split_once('(').map(|(_, r)| r.trim_end_matches(')').to_string()).unwrap_or_else(|| line.to_string());
                    let hook: Vec<&str> = stderr
                        .lines()
                        .filter(|l| l.starts_with("remote:"))
                        .map(|l| l.trim_start_matches("remote:").trim())
                        .filter(|l| !l.is_empty())
                        .collect();
                    let reason = if hook.is_empty() { reason } else { format!("{reason}: {}", hook.join(" ")) };
                    return Err(GitError::Rejected { reason });
                }
                if line.contains("fetch first") || line.contains("non-fast-forward") || line.contains("stale info") {
                    return Err(GitError::Behind);
                }
            }
        }
        Err(GitError::Failed { command: "push".into(), stderr: stderr.trim().to_string() })
    }
}

fn write_claim(path: &Path, claim: &Claim) -> Result<(), GitError> {
    let text = serde_json::to_string_pretty(claim).unwrap_or_default() + "\n";
    std::fs::write(path, text).map_err(GitError::Spawn)
}
