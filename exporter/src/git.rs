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

    /// Clones `url` (or reuses an existing clone) and checks out the branch, creating it when the
    /// remote does not have it yet.
    pub fn open(url: &str, dir: &Path, branch: &str, creds: Credentials) -> Result<Repo, GitError> {
        match Self::open_once(url, dir, branch, creds.clone()) {
            Ok(r) => Ok(r),
            Err(e) if dir.join(".git").exists() => {
                // The working copy is only a cache (the position lives in the remote): start over.
                tracing::warn!(error = %e, "the working copy is unusable; cloning again");
                let _ = std::fs::remove_dir_all(dir);
                Self::open_once(url, dir, branch, creds)
            }
            Err(e) => Err(e),
        }
    }

    fn open_once(url: &str, dir: &Path, branch: &str, creds: Credentials) -> Result<Repo, GitError> {
        let helper_dir = dir.with_extension("helpers");
        let repo = Repo { dir: dir.to_path_buf(), branch: branch.to_string(), creds, helper_dir };
        if !dir.join(".git").exists() {
            std::fs::create_dir_all(dir).map_err(GitError::Spawn)?;
            repo.git(&["init", "-q", "-b", branch])?;
            repo.git(&["remote", "add", "origin", url])?;
        } else {
            // A previous run killed mid-command (kill -9) can leave git's lock files behind; this
            // working copy belongs to the exporter alone, so they are stale.
            for lock in [".git/index.lock", ".git/HEAD.lock", ".git/config.lock", &format!(".git/refs/heads/{branch}.lock")] {
                if std::fs::remove_file(dir.join(lock)).is_ok() {
                    tracing::warn!(lock, "removed a stale git lock file");
                }
            }
            repo.git(&["remote", "set-url", "origin", url])?;
        }
        repo.sync_to_remote()?;
        Ok(repo)
    }

    /// Fetches and moves the local branch to the remote tip (if the remote has the branch).
    pub fn sync_to_remote(&self) -> Result<(), GitError> {
        self.git(&["fetch", "-q", "origin"])?;
        let remote = format!("refs/remotes/origin/{}", self.branch);
        if self.git(&["rev-parse", "-q", "--verify", &remote]).is_ok() {
            self.git(&["checkout", "-q", "-B", &self.branch, &remote])?;
            self.git(&["reset", "-q", "--hard", &remote])?;
        } else if self.git(&["rev-parse", "-q", "--verify", "HEAD"]).is_err() {
            self.git(&["checkout", "-q", "--orphan", &self.branch]).ok();
        }
        Ok(())
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
        let paths = if paths.len() > 2000 { &whole_tree[..] } else { paths };
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
        self.run_in(&self.dir, &["commit", "-q", "--no-verify", "-m", message], &envs, None).map(|_| ())
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

    /// A file of the last commit on the branch (used for the feed position).
    pub fn read_committed(&self, path: &str) -> Option<String> {
        self.git(&["show", &format!("HEAD:{path}")]).ok()
    }
}
