//! Real git servers on 127.0.0.1 for the exporter's tests and benchmarks: `git daemon`, `sshd` with
//! a passphrase-protected client key and strict host-key checking, and `lighttpd` serving
//! `git-http-backend` over HTTPS with Basic auth. `.ci/setup-git-servers` installs the Debian
//! packages they need.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process, killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// The server's own log file.
    pub log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Runs git with a clean configuration in `dir`; panics with stderr on failure.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "someone")
        .env("GIT_AUTHOR_EMAIL", "someone@example.com")
        .env("GIT_COMMITTER_NAME", "someone")
        .env("GIT_COMMITTER_EMAIL", "someone@example.com")
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Creates an empty bare repository `root/name` on branch `main`.
pub fn bare_repo(root: &Path, name: &str) -> PathBuf {
    let p = root.join(name);
    std::fs::create_dir_all(&p).expect("dir");
    git(&p, &["init", "-q", "--bare", "-b", "main"]);
    p
}

/// Runs a command that must succeed; its stdout.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn wait_listening(mut child: Child, port: u16, log: PathBuf, what: &str) -> Server {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Server { child, port, log };
        }
        if let Ok(Some(st)) = child.try_wait() {
            panic!("{what} exited ({st}): {}", std::fs::read_to_string(&log).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("{what} did not listen on {port}: {}", std::fs::read_to_string(&log).unwrap_or_default());
}

/// `git daemon` exporting every repository under `base`, pushes allowed.
pub fn git_daemon(base: &Path) -> Server {
    git_daemon_at(base, free_port())
}

/// `git daemon` on a given port (to bring a remote back where it was).
pub fn git_daemon_at(base: &Path, port: u16) -> Server {
    let log = base.with_extension("daemon.log");
    // git-daemon itself, not `git daemon`: the `git` wrapper would leave it running when killed.
    let child = Command::new(exec_path().join("git-daemon"))
        .args(["--listen=127.0.0.1", &format!("--port={port}"), "--export-all", "--enable=receive-pack", "--reuseaddr"])
        .arg(format!("--base-path={}", base.display()))
        .arg(base)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("git daemon");
    wait_listening(child, port, log, "git daemon")
}

/// What a client needs to reach the SSH server.
pub struct SshAccess {
    pub key: PathBuf,
    pub passphrase: String,
    pub known_hosts: PathBuf,
    pub user: String,
}

/// `sshd` on 127.0.0.1 accepting one passphrase-protected ed25519 key for the current user.
pub fn sshd(dir: &Path, passphrase: &str) -> (Server, SshAccess) {
    std::fs::create_dir_all(dir).expect("dir");
    let sshd_bin = ["/usr/sbin/sshd", "/usr/bin/sshd"].into_iter().map(PathBuf::from).find(|p| p.exists()).unwrap_or_else(|| {
        panic!("sshd is not installed: run .ci/setup-git-servers");
    });
    let _ = std::fs::create_dir_all("/run/sshd");
    let host_key = dir.join("host_ed25519");
    let client_key = dir.join("client_ed25519");
    for (k, pass) in [(&host_key, ""), (&client_key, passphrase)] {
        run(Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", pass, "-C", "segsync-test", "-f"]).arg(k));
    }
    let auth = dir.join("authorized_keys");
    std::fs::copy(dir.join("client_ed25519.pub"), &auth).expect("authorized_keys");
    let port = free_port();
    let host_pub = std::fs::read_to_string(dir.join("host_ed25519.pub")).expect("host pub");
    let mut fields = host_pub.split_whitespace();
    let known_hosts = dir.join("known_hosts");
    std::fs::write(
        &known_hosts,
        format!("[127.0.0.1]:{port} {} {}\n", fields.next().unwrap_or_default(), fields.next().unwrap_or_default()),
    )
    .expect("known_hosts");
    let cfg = dir.join("sshd_config");
    std::fs::write(
        &cfg,
        format!(
            "ListenAddress 127.0.0.1\nPort {port}\nHostKey {}\nAuthorizedKeysFile {}\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin prohibit-password\nStrictModes no\n\
             UsePAM no\nPidFile {}\nLogLevel VERBOSE\n",
            host_key.display(),
            auth.display(),
            dir.join("sshd.pid").display()
        ),
    )
    .expect("sshd_config");
    let log = dir.join("sshd.log");
    let child = Command::new(sshd_bin)
        .args(["-D", "-f"])
        .arg(&cfg)
        .arg("-E")
        .arg(&log)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sshd");
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| String::from_utf8_lossy(&Command::new("id").arg("-un").output().expect("id").stdout).trim().to_string());
    let server = wait_listening(child, port, log, "sshd");
    (server, SshAccess { key: client_key, passphrase: passphrase.to_string(), known_hosts, user })
}

/// What a client needs to reach the HTTPS server.
pub struct HttpsAccess {
    /// `https://127.0.0.1:<port>/git`
    pub base_url: String,
    /// The CA (self-signed certificate) to trust.
    pub ca_file: PathBuf,
    pub token: String,
}

/// The lighttpd binary and its module folder (with mod_openssl).
fn lighttpd() -> (PathBuf, PathBuf) {
    let lighttpd = ["/usr/sbin/lighttpd", "/usr/bin/lighttpd"].into_iter().map(PathBuf::from).find(|p| p.exists()).unwrap_or_else(|| {
        panic!("lighttpd is not installed: run .ci/setup-git-servers");
    });
    let modules = ["/usr/lib/lighttpd", "/usr/lib64/lighttpd", "/usr/lib/x86_64-linux-gnu/lighttpd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.join("mod_openssl.so").exists())
        .unwrap_or_else(|| panic!("lighttpd's mod_openssl is not installed: run .ci/setup-git-servers"));
    (lighttpd, modules)
}

/// A private CA (`ca.pem`) and a server certificate it signed for 127.0.0.1 (`cert.pem`,
/// `key.pem`) in `dir`, as a company's internal HTTPS hosts have them.
pub fn private_ca(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).expect("dir");
    let (ca, ca_key, cert, key, csr) =
        (dir.join("ca.pem"), dir.join("ca-key.pem"), dir.join("cert.pem"), dir.join("key.pem"), dir.join("req.csr"));
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    run(Command::new("openssl")
        .args(["req", "-x509"])
        .args(ec)
        .args([
            "-days",
            "2",
            "-subj",
            "/CN=segsync test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout",
        ])
        .arg(&ca_key)
        .arg("-out")
        .arg(&ca));
    run(Command::new("openssl").args(["req"]).args(ec).args(["-subj", "/CN=127.0.0.1", "-keyout"]).arg(&key).arg("-out").arg(&csr));
    let ext = dir.join("san.ext");
    std::fs::write(&ext, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n").expect("ext");
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "2", "-in"])
        .arg(&csr)
        .arg("-CA")
        .arg(&ca)
        .arg("-CAkey")
        .arg(&ca_key)
        .args(["-CAcreateserial", "-extfile"])
        .arg(&ext)
        .arg("-out")
        .arg(&cert));
    (ca, cert, key)
}

/// `lighttpd` over TLS on a free port in `dir`: mod_openssl and `modules`, `root` as the
/// document root, `extra` appended to its configuration.
fn lighttpd_tls(dir: &Path, modules: &[&str], root: &Path, cert: &Path, key: &Path, extra: &str) -> Server {
    let (lighttpd, module_dir) = lighttpd();
    let port = free_port();
    let log = dir.join("lighttpd.log");
    let cfg = dir.join("lighttpd.conf");
    let names: Vec<String> = std::iter::once("mod_openssl").chain(modules.iter().copied()).map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        &cfg,
        format!(
            r#"server.modules = ({names})
server.module-directory = "{module_dir}"
server.document-root = "{root}"
server.bind = "127.0.0.1"
server.port = {port}
server.errorlog = "{log}"
server.pid-file = "{pid}"
ssl.engine = "enable"
ssl.pemfile = "{cert}"
ssl.privkey = "{key}"
{extra}"#,
            names = names.join(", "),
            module_dir = module_dir.display(),
            root = root.display(),
            log = log.display(),
            pid = dir.join("lighttpd.pid").display(),
            cert = cert.display(),
            key = key.display(),
        ),
    )
    .expect("lighttpd.conf");
    let child = Command::new(lighttpd).args(["-D", "-f"]).arg(&cfg).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("lighttpd");
    wait_listening(child, port, log, "lighttpd")
}

/// `lighttpd` serving the files under `root` over HTTPS with a certificate from a private CA;
/// returns the server and the CA file a client must trust.
pub fn https_files(dir: &Path, root: &Path) -> (Server, PathBuf) {
    let (ca, cert, key) = private_ca(&dir.join("tls"));
    let types = "mimetype.assign = ( \".json\" => \"application/json\", \".zip\" => \"application/zip\" )\n";
    (lighttpd_tls(dir, &[], root, &cert, &key, types), ca)
}

/// `lighttpd` serving the bare repositories under `repos` through `git-http-backend` over HTTPS.
/// Basic auth accepts any user name with `token` as the password.
pub fn https_git(dir: &Path, repos: &Path, token: &str) -> (Server, HttpsAccess) {
    std::fs::create_dir_all(dir).expect("dir");
    let backend = exec_path().join("git-http-backend");
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    run(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .args(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert));
    // lighttpd's plain backend: user:password; the exporter sends x-access-token:<token>.
    let users = dir.join("users");
    std::fs::write(&users, format!("x-access-token:{token}\n")).expect("users");
    let www = dir.join("www");
    std::fs::create_dir_all(&www).expect("www");
    let extra = format!(
        r#"auth.backend = "plain"
auth.backend.plain.userfile = "{users}"
auth.require = ( "/git" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )
alias.url = ( "/git" => "{backend}" )
$HTTP["url"] =~ "^/git" {{
  cgi.assign = ( "" => "" )
  setenv.add-environment = ( "GIT_PROJECT_ROOT" => "{repos}", "GIT_HTTP_EXPORT_ALL" => "1" )
}}
"#,
        users = users.display(),
        backend = backend.display(),
        repos = repos.display(),
    );
    let server = lighttpd_tls(dir, &["mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", "mod_cgi"], &www, &cert, &key, &extra);
    let port = server.port;
    (server, HttpsAccess { base_url: format!("https://127.0.0.1:{port}/git"), ca_file: cert, token: token.to_string() })
}

/// Lets pushes through git-http-backend (it refuses anonymous receive-pack otherwise).
pub fn allow_http_push(bare: &Path) {
    git(bare, &["config", "http.receivepack", "true"]);
}

fn exec_path() -> PathBuf {
    let out = Command::new("git").arg("--exec-path").output().expect("git --exec-path");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}
