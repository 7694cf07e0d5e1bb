//! Timing helpers shared by the letter benchmarks (included with
//! `#[path]`; not an example of its own).

use std::time::{Duration, Instant};

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Time this thread has spent on a CPU, from Linux's schedstat: the build
/// machines are shared, and wall-clock time then mostly measures the other
/// jobs. `None` elsewhere.
pub fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f` `n` times; returns wall and on-CPU milliseconds per run.
pub fn per_run(n: usize, mut f: impl FnMut()) -> (f64, Option<f64>) {
    let cpu0 = cpu_time();
    let t = Instant::now();
    for _ in 0..n {
        f();
    }
    let wall = ms(t.elapsed()) / n as f64;
    let cpu = match (cpu0, cpu_time()) {
        (Some(a), Some(b)) => Some(ms(b - a) / n as f64),
        _ => None,
    };
    (wall, cpu)
}

pub fn show(cpu: Option<f64>) -> String {
    cpu.map_or_else(|| "n/a".to_string(), |c| format!("{c:.2} ms"))
}
