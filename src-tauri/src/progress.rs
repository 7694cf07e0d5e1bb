//! Progress of long jobs (backup, restore, imports) sent to the window as
//! `loket://progress` events: `{stage, done, total}`, at most ten a second,
//! and always the last one.

use serde::Serialize;
use std::time::{Duration, Instant};
use tauri::{Emitter, Runtime, WebviewWindow};

#[derive(Clone, Serialize)]
pub struct Progress {
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

pub struct Reporter<R: Runtime> {
    window: WebviewWindow<R>,
    last: Instant,
}

impl<R: Runtime> Reporter<R> {
    pub fn new(window: WebviewWindow<R>) -> Reporter<R> {
        Reporter {
            window,
            last: Instant::now() - Duration::from_secs(1),
        }
    }

    pub fn report(&mut self, stage: &str, done: u64, total: u64) {
        if done >= total || self.last.elapsed() >= Duration::from_millis(100) {
            self.last = Instant::now();
            let _ = self.window.emit(
                "loket://progress",
                Progress {
                    stage: stage.to_string(),
                    done,
                    total,
                },
            );
        }
    }
}
