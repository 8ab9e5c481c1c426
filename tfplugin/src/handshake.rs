//! Serving a provider the way go-plugin does: magic-cookie check, protocol negotiation, a unix
//! socket (TCP fallback), AutoMTLS, the handshake line on stdout, and the services Terraform
//! expects besides the provider (health, broker, controller, stdio).

use std::io::Write as _;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine as _;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::transport::server::Connected;
use tonic::transport::Server;

use crate::proto::plugin as gp;
use crate::proto::tfplugin6::provider_server::ProviderServer;
use crate::provider::Provider;
use crate::server::ProviderService;

pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
pub const MAGIC_COOKIE_VALUE: &str = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
pub const PROTOCOL_VERSION: u32 = 6;
/// The minor version of protocol 6 whose messages `proto/tfplugin6.proto` carries.
pub const PROTOCOL_MINOR: u32 = 10;
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The provider's full address, e.g. `registry.terraform.io/segsync/segment` (for `--debug`).
    pub address: String,
    /// The log module name.
    pub module: String,
}

/// Any stream a connection can run over (unix or TCP, plain or TLS).
trait Io: AsyncRead + AsyncWrite + Unpin + Send + 'static {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + 'static> Io for T {}

struct Conn(Box<dyn Io>);

impl Connected for Conn {
    type ConnectInfo = ();
    fn connect_info(&self) -> Self::ConnectInfo {}
}

impl AsyncRead for Conn {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut *self.0).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut *self.0).poll_shutdown(cx)
    }
}

enum Listener {
    Unix(tokio::net::UnixListener, PathBuf),
    Tcp(tokio::net::TcpListener),
}

impl Listener {
    async fn accept(&self) -> std::io::Result<Box<dyn Io>> {
        match self {
            Listener::Unix(l, _) => Ok(Box::new(l.accept().await?.0)),
            Listener::Tcp(l) => {
                let (s, _) = l.accept().await?;
                let _ = s.set_nodelay(true);
                Ok(Box::new(s))
            }
        }
    }

    /// `network|address` for the handshake line.
    fn describe(&self) -> std::io::Result<(String, String)> {
        match self {
            Listener::Unix(_, p) => Ok(("unix".into(), p.display().to_string())),
            Listener::Tcp(l) => Ok(("tcp".into(), l.local_addr()?.to_string())),
        }
    }
}

fn socket_path() -> PathBuf {
    let dir = std::env::var_os("TMPDIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let nonce: u64 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    dir.join(format!("tfplugin-{}-{:x}.sock", std::process::id(), nonce))
}

async fn listen() -> std::io::Result<Listener> {
    let path = socket_path();
    match tokio::net::UnixListener::bind(&path) {
        Ok(l) => Ok(Listener::Unix(l, path)),
        Err(unix_err) => {
            let min: u16 = std::env::var("PLUGIN_MIN_PORT").ok().and_then(|v| v.parse().ok()).unwrap_or(10000);
            let max: u16 = std::env::var("PLUGIN_MAX_PORT").ok().and_then(|v| v.parse().ok()).unwrap_or(25000);
            for port in min..=max {
                if let Ok(l) = tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
                    return Ok(Listener::Tcp(l));
                }
            }
            Err(std::io::Error::new(
                std::io::ErrorKind::AddrNotAvailable,
                format!("no unix socket ({unix_err}) and no free TCP port in {min}-{max}"),
            ))
        }
    }
}

struct Controller(mpsc::Sender<()>);

#[tonic::async_trait]
impl gp::grpc_controller_server::GrpcController for Controller {
    async fn shutdown(&self, _: tonic::Request<gp::Empty>) -> Result<tonic::Response<gp::Empty>, tonic::Status> {
        tracing::info!("shutdown requested by Terraform");
        let _ = self.0.try_send(());
        Ok(tonic::Response::new(gp::Empty {}))
    }
}

type Pending<T> = Pin<Box<dyn futures_util::Stream<Item = Result<T, tonic::Status>> + Send + 'static>>;

struct Broker;

#[tonic::async_trait]
impl gp::grpc_broker_server::GrpcBroker for Broker {
    type StartStreamStream = Pending<gp::ConnInfo>;
    async fn start_stream(
        &self,
        _: tonic::Request<tonic::Streaming<gp::ConnInfo>>,
    ) -> Result<tonic::Response<Self::StartStreamStream>, tonic::Status> {
        Ok(tonic::Response::new(Box::pin(futures_util::stream::pending())))
    }
}

struct Stdio;

#[tonic::async_trait]
impl gp::grpc_stdio_server::GrpcStdio for Stdio {
    type StreamStdioStream = Pending<gp::StdioData>;
    async fn stream_stdio(&self, _: tonic::Request<()>) -> Result<tonic::Response<Self::StreamStdioStream>, tonic::Status> {
        Ok(tonic::Response::new(Box::pin(futures_util::stream::pending())))
    }
}

/// Serves `provider` until Terraform shuts it down, then exits the process. Call it from `main`.
/// With `--debug` among the arguments it serves without Terraform and prints
/// `TF_REATTACH_PROVIDERS` for a debugging session.
pub fn serve(provider: impl Provider, opts: ServeOptions) -> ! {
    crate::log::init(&opts.module);
    let debug = std::env::args().any(|a| a == "--debug");
    if !debug {
        if std::env::var(MAGIC_COOKIE_KEY).ok().as_deref() != Some(MAGIC_COOKIE_VALUE) {
            eprintln!(
                "This binary is a plugin. These are not meant to be executed directly.\n\
                 Please execute the program that consumes these plugins, which will load any\n\
                 plugins automatically. (Or run it with --debug to start a debugging session.)"
            );
            std::process::exit(1);
        }
        let versions = std::env::var("PLUGIN_PROTOCOL_VERSIONS").unwrap_or_else(|_| PROTOCOL_VERSION.to_string());
        if !versions.split(',').any(|v| v.trim() == PROTOCOL_VERSION.to_string()) {
            eprintln!(
                "This plugin speaks plugin protocol {PROTOCOL_VERSION}, but the client offers only {versions}. Use Terraform 1.0 or later."
            );
            std::process::exit(1);
        }
    }
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("could not start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    let code = rt.block_on(run(Arc::new(provider), opts, debug));
    std::process::exit(code)
}

async fn run(provider: Arc<dyn Provider>, opts: ServeOptions, debug: bool) -> i32 {
    let listener = match listen().await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "cannot listen");
            return 1;
        }
    };
    let tls = match std::env::var("PLUGIN_CLIENT_CERT") {
        Ok(pem) if !debug && std::env::var_os("TF_DISABLE_PLUGIN_TLS").is_none() => match crate::tls::server_tls(&pem) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!(error = %e, "cannot set up TLS");
                return 1;
            }
        },
        _ => None,
    };
    let (network, address) = match listener.describe() {
        Ok(x) => x,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the listening address");
            return 1;
        }
    };

    // Accept connections (with TLS when asked) and feed them to the gRPC server.
    let (conn_tx, conn_rx) = mpsc::channel::<std::io::Result<Conn>>(16);
    let acceptor = tls.as_ref().map(|t| tokio_rustls::TlsAcceptor::from(t.config.clone()));
    let socket_file = match &listener {
        Listener::Unix(_, p) => Some(p.clone()),
        Listener::Tcp(_) => None,
    };
    tokio::spawn(async move {
        loop {
            let io = match listener.accept().await {
                Ok(io) => io,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    continue;
                }
            };
            let tx = conn_tx.clone();
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let conn = match acceptor {
                    None => Ok(Conn(io)),
                    Some(a) => a.accept(io).await.map(|s| Conn(Box::new(s))),
                };
                match conn {
                    Ok(c) => {
                        let _ = tx.send(Ok(c)).await;
                    }
                    Err(e) => tracing::warn!(error = %e, "TLS handshake with the client failed"),
                }
            });
        }
    });

    let (reporter_tx, mut shutdown_rx) = mpsc::channel::<()>(1);
    let (mut reporter, health) = tonic_health::server::health_reporter();
    reporter.set_service_status("plugin", tonic_health::ServingStatus::Serving).await;
    let service =
        ProviderServer::new(ProviderService::new(provider)).max_decoding_message_size(MAX_MESSAGE).max_encoding_message_size(MAX_MESSAGE);

    // Ctrl-C reaches the whole process group; Terraform handles it through StopProvider, so the
    // plugin ignores it (a debugging session stops on it).
    let (debug_stop_tx, mut debug_stop_rx) = mpsc::channel::<()>(1);
    tokio::spawn(async move {
        loop {
            if tokio::signal::ctrl_c().await.is_err() {
                return;
            }
            if debug {
                let _ = debug_stop_tx.send(()).await;
                return;
            }
            tracing::debug!("interrupt ignored; Terraform stops operations through the protocol");
        }
    });

    let line = if debug {
        let reattach = serde_json::json!({ opts.address.clone(): {
            "Protocol": "grpc",
            "ProtocolVersion": PROTOCOL_VERSION,
            "Pid": std::process::id(),
            "Test": true,
            "Addr": { "Network": network, "String": address },
        }});
        format!(
            "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n\tTF_REATTACH_PROVIDERS='{reattach}'\n"
        )
    } else {
        let cert = tls.as_ref().map(|t| base64::engine::general_purpose::STANDARD_NO_PAD.encode(&t.cert_der)).unwrap_or_default();
        format!("1|{PROTOCOL_VERSION}|{network}|{address}|grpc|{cert}\n")
    };
    {
        let mut out = std::io::stdout().lock();
        if out.write_all(line.as_bytes()).and_then(|_| out.flush()).is_err() {
            return 1;
        }
    }

    let socket_for_exit = socket_file.clone();
    let stop = async move {
        tokio::select! {
            _ = shutdown_rx.recv() => {},
            _ = debug_stop_rx.recv() => {},
        }
        // Long-lived streams (stdio) would keep a graceful stop waiting: give in-flight calls a
        // moment, then leave, well inside go-plugin's 2 s.
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1200)).await;
            if let Some(p) = socket_for_exit {
                let _ = std::fs::remove_file(p);
            }
            std::process::exit(0);
        });
    };
    let result = Server::builder()
        .add_service(health)
        .add_service(service)
        .add_service(gp::grpc_controller_server::GrpcControllerServer::new(Controller(reporter_tx)))
        .add_service(gp::grpc_broker_server::GrpcBrokerServer::new(Broker))
        .add_service(gp::grpc_stdio_server::GrpcStdioServer::new(Stdio))
        .serve_with_incoming_shutdown(ReceiverStream::new(conn_rx), stop)
        .await;
    if let Some(p) = socket_file {
        let _ = std::fs::remove_file(p);
    }
    match result {
        Ok(()) => 0,
        Err(e) => {
            tracing::error!(error = %e, "gRPC server failed");
            1
        }
    }
}
