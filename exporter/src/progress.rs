//! A progress bar on stderr when it is a terminal; nothing otherwise (the structured logs say
//! what happened). Redrawn at most ten times a second, so it costs nothing measurable.

use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    label: String,
    total: usize,
    done: Cell<usize>,
    last_draw: Cell<Option<Instant>>,
    started: Instant,
    tty: bool,
}

impl Progress {
    /// A bar for `total` steps (0 = unknown: a counter).
    pub fn new(label: &str, total: usize) -> Self {
        let tty = std::io::stderr().is_terminal() && std::env::var_os("SEGSYNC_NO_PROGRESS").is_none();
        Progress { label: label.to_string(), total, done: Cell::new(0), last_draw: Cell::new(None), started: Instant::now(), tty }
    }

    pub fn set_label(&mut self, label: &str) {
        self.label = label.to_string();
        self.draw(true);
    }

    pub fn tick(&self) {
        self.add(1);
    }

    pub fn add(&self, n: usize) {
        self.done.set(self.done.get() + n);
        self.draw(false);
    }

    fn draw(&self, force: bool) {
        if !self.tty {
            return;
        }
        let now = Instant::now();
        if !force && self.last_draw.get().is_some_and(|t| now.duration_since(t) < Duration::from_millis(100)) {
            return;
        }
        self.last_draw.set(Some(now));
        let done = self.done.get();
        let width = 30;
        let line = if let Some(filled) = (done.min(self.total) * width).checked_div(self.total) {
            format!(
                "\r{:<28} [{}{}] {done}/{} ({:.1}s)",
                self.label,
                "#".repeat(filled),
                "-".repeat(width - filled),
                self.total,
                self.started.elapsed().as_secs_f64()
            )
        } else {
            format!("\r{:<28} {done} ({:.1}s)", self.label, self.started.elapsed().as_secs_f64())
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{line}\x1b[K");
        let _ = err.flush();
    }

    /// Draws the final state and ends the line.
    pub fn finish(&self) {
        if self.tty {
            self.draw(true);
            let _ = writeln!(std::io::stderr());
        }
    }
}
