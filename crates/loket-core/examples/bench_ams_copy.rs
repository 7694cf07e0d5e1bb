//! How long the AMS-ready copy of a 12-megapixel scan takes. Run with
//! `cargo run --release -p loket-core --example bench_ams_copy`.
//!
//! The scans are the test fixtures (`testing::scan_jpeg`/`scan_png`): lines
//! of glyph strokes under heavy grain, which compress worse than real scans,
//! so these are upper bounds. Besides wall-clock time it prints the time the
//! thread actually spent on a CPU (Linux `schedstat`), which stays honest on
//! a machine busy with other work.

use loket_core::documents::make_ams_jpeg;
use loket_core::testing;
use std::time::Instant;

/// Nanoseconds this thread has run on a CPU, where Linux tells.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let runs = 5;
    for (label, bytes) in [
        ("JPEG colour 3000x4000", testing::scan_jpeg(3000, 4000)),
        ("PNG grey 3000x4000", testing::scan_png(3000, 4000)),
        ("JPEG colour 4000x3000", testing::scan_jpeg(4000, 3000)),
    ] {
        let mut wall = Vec::new();
        let mut cpu = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let (t, c) = (Instant::now(), cpu_ns());
            let out = make_ams_jpeg(&bytes, label).expect("AMS copy");
            wall.push(t.elapsed().as_secs_f64() * 1000.0);
            if let (Some(a), Some(b)) = (c, cpu_ns()) {
                cpu.push((b - a) as f64 / 1e6);
            }
            last = Some(out);
        }
        let out = last.expect("one run");
        let cpu = if cpu.is_empty() {
            "n/a".to_string()
        } else {
            format!("{:.0} ms", median(&mut cpu))
        };
        println!(
            "{label}: {} B -> {} B, {}x{} q{}; wall median {:.0} ms, on-CPU median {cpu} ({runs} runs)",
            bytes.len(),
            out.jpeg.len(),
            out.width,
            out.height,
            out.quality,
            median(&mut wall),
        );
    }
}
