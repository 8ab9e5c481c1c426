//! Logging for a plugin: one hclog-shaped JSON object per line on stderr (`@level`, `@message`,
//! `@timestamp`, `@module` and the event's fields), which Terraform re-levels under `TF_LOG`.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::{Map, Value};
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::prelude::*;

struct HclogLayer {
    module: String,
}

struct Fields(Map<String, Value>, String);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.1 = value.to_string();
        } else {
            self.0.insert(field.name().to_string(), Value::from(value));
        }
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().to_string(), Value::from(value));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_string(), Value::from(value));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().to_string(), Value::from(value));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let mut s = String::new();
        let _ = write!(s, "{value:?}");
        if field.name() == "message" {
            self.1 = s;
        } else {
            self.0.insert(field.name().to_string(), Value::from(s));
        }
    }
}

impl<S: Subscriber> Layer<S> for HclogLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut f = Fields(Map::new(), String::new());
        event.record(&mut f);
        let level = match *event.metadata().level() {
            Level::ERROR => "error",
            Level::WARN => "warn",
            Level::INFO => "info",
            Level::DEBUG => "debug",
            Level::TRACE => "trace",
        };
        let mut obj = f.0;
        obj.insert("@level".into(), Value::from(level));
        obj.insert("@message".into(), Value::from(f.1));
        obj.insert("@module".into(), Value::from(self.module.clone()));
        obj.insert("@timestamp".into(), Value::from(timestamp()));
        let line = Value::Object(obj).to_string();
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{line}");
    }
}

fn timestamp() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.microsecond()
    )
}

/// Installs the hclog JSON logger (level from `TF_LOG_PROVIDER` / `TF_LOG`, default info) and a
/// panic hook that logs panics instead of printing backtraces.
pub fn init(module: &str) {
    let level = std::env::var("TF_LOG_PROVIDER").or_else(|_| std::env::var("TF_LOG")).unwrap_or_default().to_ascii_lowercase();
    let filter = match level.as_str() {
        "trace" | "json" => tracing_subscriber::filter::LevelFilter::TRACE,
        "debug" => tracing_subscriber::filter::LevelFilter::DEBUG,
        "warn" => tracing_subscriber::filter::LevelFilter::WARN,
        "error" => tracing_subscriber::filter::LevelFilter::ERROR,
        _ => tracing_subscriber::filter::LevelFilter::INFO,
    };
    let _ = tracing_subscriber::registry().with(HclogLayer { module: module.to_string() }.with_filter(filter)).try_init();
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        tracing::error!(location, "provider panic: {message}");
    }));
}
