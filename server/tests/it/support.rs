//! Starting servers for tests: in-process on 127.0.0.1:0 with a temporary SQLite file.

use std::time::Duration;

use segsync_api::{Client, RetryPolicy, Token};
use segsync_server::auth::{create_token, Scope};
use segsync_server::store::{self, Db};
use segsync_server::{router, AppState, Config};
use serde_json::Value;
use tempfile::TempDir;

pub struct TestServer {
    pub url: String,
    pub admin_token: String,
    pub read_token: String,
    pub state: AppState,
    _dir: TempDir,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

pub async fn start() -> TestServer {
    start_with(Config::default()).await
}

pub async fn start_with(config: Config) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_url = format!("sqlite:{}", dir.path().join("ws.db").display());
    let pool = store::open(&db_url).await.expect("open db");
    let admin_token = create_token(&pool, "ci", Scope::Admin, Some("ops@example.com")).await.expect("token");
    let read_token = create_token(&pool, "reader", Scope::Read, None).await.expect("token");
    let workspace = store::workspace(&pool).await.expect("workspace");
    let state = AppState::new(Db::new(pool), config, workspace);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        segsync_server::serve(listener, app, segsync_server::Limits::default(), async {
            let _ = rx.await;
        })
        .await;
    });
    TestServer { url: format!("http://{addr}"), admin_token, read_token, state, _dir: dir, shutdown: Some(tx), task: Some(task) }
}

impl TestServer {
    pub fn client(&self) -> Client {
        Client::builder(&self.url, Token::new(&self.admin_token)).retry(fast_retry()).build().expect("client")
    }

    pub fn client_with(&self, token: &str) -> Client {
        Client::builder(&self.url, Token::new(token)).retry(fast_retry()).build().expect("client")
    }

    pub fn http(&self) -> Raw {
        Raw { base: self.url.clone(), token: self.admin_token.clone(), http: reqwest::Client::new() }
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }

    /// A new source of the catalog's `javascript` type.
    pub async fn javascript_source(&self, slug: &str) -> segsync_api::types::Source {
        let metadata_id = self.catalog().await.source("javascript").id.clone();
        self.client()
            .create_source(&segsync_api::types::CreateSourceInput { slug: slug.into(), enabled: true, metadata_id, ..Default::default() })
            .await
            .expect("source")
    }

    pub async fn catalog(&self) -> Catalogs {
        let c = self.client();
        Catalogs {
            sources: c.sources_catalog().await.expect("sources catalog"),
            destinations: c.destinations_catalog().await.expect("destinations catalog"),
            warehouses: c.warehouses_catalog().await.expect("warehouses catalog"),
        }
    }

    /// Every stored row and audit event, to prove a failed request changed nothing.
    pub async fn snapshot(&self) -> (Vec<(String, String, String)>, i64) {
        let rows: Vec<(String, String, String)> =
            sqlx::query_as("SELECT kind, id, body FROM objects ORDER BY seq").fetch_all(&self.state.db.pool).await.expect("rows");
        let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events").fetch_one(&self.state.db.pool).await.expect("count");
        (rows, events)
    }
}

pub struct Catalogs {
    pub sources: Vec<segsync_api::types::SourceMetadata>,
    pub destinations: Vec<segsync_api::types::DestinationMetadata>,
    pub warehouses: Vec<segsync_api::types::WarehouseMetadata>,
}

impl Catalogs {
    pub fn source(&self, slug: &str) -> &segsync_api::types::SourceMetadata {
        self.sources.iter().find(|m| m.slug == slug).expect("source in catalog")
    }
    pub fn destination(&self, slug: &str) -> &segsync_api::types::DestinationMetadata {
        self.destinations.iter().find(|m| m.slug == slug).expect("destination in catalog")
    }
    pub fn warehouse(&self, slug: &str) -> &segsync_api::types::WarehouseMetadata {
        self.warehouses.iter().find(|m| m.slug == slug).expect("warehouse in catalog")
    }
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 12,
        max_elapsed: Duration::from_secs(30),
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(200),
    }
}

/// Raw HTTP, for what the typed client cannot send (bad bodies, both query spellings).
pub struct Raw {
    pub base: String,
    pub token: String,
    pub http: reqwest::Client,
}

pub struct RawResponse {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Raw {
    pub async fn send(&self, method: &str, path: &str, body: Option<&str>, content_type: Option<&str>) -> RawResponse {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, format!("{}{}", self.base, path)).bearer_auth(&self.token);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        if let Some(b) = body {
            req = req.body(b.to_string());
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("response to {path} is not JSON ({status}): {text}"));
        RawResponse { status, headers, body }
    }

    pub async fn get(&self, path: &str) -> RawResponse {
        self.send("GET", path, None, None).await
    }

    /// Sends a JSON body with the media type the operation declares (as the SDK does).
    pub async fn json(&self, method: &str, path: &str, body: &str) -> RawResponse {
        let route = path.split('?').next().unwrap_or(path);
        let ct = segsync_api::contract::contract().content_type_for(method, route);
        self.send(method, path, Some(body), Some(ct)).await
    }
}

impl RawResponse {
    /// Asserts an error envelope with this status, type and (optionally) field.
    pub fn assert_error(&self, status: u16, kind: &str, field: Option<&str>) {
        assert_eq!(self.status, status, "status of {}", self.body);
        assert!(self.body.get("data").is_none(), "error response has data: {}", self.body);
        let e = &self.body["errors"][0];
        assert_eq!(e["type"], kind, "error type of {}", self.body);
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "error without message: {}", self.body);
        if let Some(f) = field {
            assert_eq!(e["field"], f, "error field of {}", self.body);
        }
    }
}
