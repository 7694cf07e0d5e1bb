//! Measures the reports on a big office: 200,000 people, 60 % of them with
//! a certificate, 20,000 requests over a year walking the default SOPs with
//! their step events (8 % of step completions over the standard), the
//! clock on 20 December 2026.
//!
//! ```text
//! cargo run --release -p loket-core --example bench_reports -- [DIR] [PEOPLE] [REQUESTS]
//! ```
//! DIR (default /tmp/loket-bench-reports) is kept between runs: an office
//! already filled there is reused, so only the first run pays for filling
//! it. The reports are written there too, for a look.

use loket_core::clock::{Clock, parse_user_time};
use loket_core::reports::synthetic::Spec;
use loket_core::reports::{RecapPeriod, ReportFormat};
use loket_core::testing::office;
use loket_core::{Lang, Loket};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const NOW: &str = "2026-12-20T09:00:00+08:00";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.first()
            .map_or("/tmp/loket-bench-reports", String::as_str),
    );
    let people: usize = args.get(1).map_or(Ok(200_000), |s| s.parse())?;
    let requests: usize = args.get(2).map_or(Ok(20_000), |s| s.parse())?;
    let data = root.join("kantor");
    let now = parse_user_time(NOW).ok_or("fixture time")?;

    if !data.join("loket.sqlite3").exists() {
        std::fs::create_dir_all(&root)?;
        let (loket, _) = office(&data);
        let t = Instant::now();
        let made = loket.synthetic_office(&Spec {
            people,
            requests,
            cert_share: 0.6,
            year: 2026,
            until: now.naive_local(),
            over_share: 0.08,
            seed: 2026,
        })?;
        println!(
            "fill: {} people, {} requests, {} step events, {} certificates in {:.1?}",
            made.people,
            made.requests,
            made.events,
            made.certificates,
            t.elapsed()
        );
    }
    let mut loket = Loket::open(&data)?;
    loket.set_clock(Clock::Fixed(now));
    let admin = loket.sign_in("admin", "rahasia-123")?;
    let db_bytes = std::fs::metadata(data.join("loket.sqlite3"))?.len();
    println!("database file: {:.1} MB", db_bytes as f64 / 1e6);

    let november = RecapPeriod::Month {
        year: 2026,
        month: 11,
    };
    let december = RecapPeriod::Month {
        year: 2026,
        month: 12,
    };
    let year = RecapPeriod::Year { year: 2026 };

    for (name, period) in [
        ("recap November (closed month)", november),
        ("recap December (running month, with overdue now)", december),
        ("recap year 2026", year),
    ] {
        let (median, min, recap) = timed(7, || loket.recap(&admin, &period))?;
        println!(
            "{name}: median {:.1} ms, min {:.1} ms; {} requests received, {} completed, {} step \
             completions ({} over), {} issued, {} revoked, {} in force, {} units",
            ms(median),
            ms(min),
            recap.totals.created,
            recap.totals.completed,
            recap.step_completions(),
            recap.overdue_done_total,
            recap.certificates.issued,
            recap.certificates.revoked,
            recap.certificates.active,
            recap.active_by_unit.len()
        );
    }

    for (name, period, lang) in [
        ("November", november, Lang::Id),
        ("year 2026", year, Lang::Id),
    ] {
        let (median, _, pdf) = timed(3, || loket.report_pdf(&admin, &period, lang))?;
        let file = root.join(period.file_name(ReportFormat::Pdf));
        std::fs::write(&file, &pdf)?;
        println!(
            "PDF {name} (recap included): median {:.0} ms, {:.0} KB -> {}",
            ms(median),
            pdf.len() as f64 / 1e3,
            file.display()
        );
        let (median, _, xlsx) = timed(3, || loket.report_xlsx(&admin, &period, lang))?;
        let file = root.join(period.file_name(ReportFormat::Xlsx));
        std::fs::write(&file, &xlsx)?;
        println!(
            "XLSX {name} (recap included): median {:.0} ms, {:.0} KB -> {}",
            ms(median),
            xlsx.len() as f64 / 1e3,
            file.display()
        );
    }
    Ok(())
}

/// Runs `f` `n` times; returns the median and minimum time and the last
/// result.
fn timed<T>(
    n: usize,
    mut f: impl FnMut() -> loket_core::Result<T>,
) -> Result<(Duration, Duration, T), loket_core::Error> {
    let mut times = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        last = Some(f()?);
        times.push(t.elapsed());
    }
    times.sort();
    let out = last.ok_or_else(|| loket_core::Error::internal("no run"))?;
    Ok((times[n / 2], times[0], out))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
