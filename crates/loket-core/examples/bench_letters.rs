//! Letter rendering speed and size, in release mode:
//!
//! ```text
//! cargo run -p loket-core --release --example bench_letters
//! ```
//!
//! Targets: under 5 ms per single-page letter, under 60 KB per file.

#[path = "../tests/fixtures/letters/sample.rs"]
mod sample;
#[path = "support/timing.rs"]
mod timing;

use loket_core::letters::{Block, LetterDoc, LetterRenderer};
use loket_core::model::PaperSize;
use std::time::Instant;
use timing::{ms, per_run, show};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let mut renderer = LetterRenderer::new()?;
    let t_new = t.elapsed();
    let png = sample::emblem_png();
    let t = Instant::now();
    renderer.set_emblem(&png)?;
    let t_emblem = t.elapsed();
    println!(
        "LetterRenderer::new {:.2} ms; set_emblem ({} byte PNG -> {} byte stream, once) {:.2} ms",
        ms(t_new),
        png.len(),
        renderer.emblem().map_or(0, |e| e.encoded_len()),
        ms(t_emblem)
    );
    println!(
        "(wall = elapsed time; cpu = time this thread was on a CPU, which is what counts on a shared machine)"
    );

    let single = sample::rekomendasi_pencabutan(PaperSize::A4);
    let mut size = renderer.render(&single)?.len();
    for _ in 0..20 {
        renderer.render(&single)?;
    }

    // One single-page letter, rendered again and again.
    let n = 200;
    let mut times = Vec::with_capacity(n);
    let mut failed = None;
    let (wall, cpu) = per_run(n, || {
        let t = Instant::now();
        match renderer.render(&single) {
            Ok(pdf) => size = pdf.len(),
            Err(e) => failed = Some(e),
        }
        times.push(t.elapsed());
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    times.sort();
    println!(
        "single-page letter (A4, emblem, QR), {n} renders: wall {wall:.2} ms/letter (median {:.2}, min {:.2}), cpu {}; {:.1} KB",
        ms(times[n / 2]),
        ms(times[0]),
        show(cpu),
        size as f64 / 1024.0
    );

    // A batch of 100 different letters (different applicants and numbers).
    let batch: Vec<LetterDoc> = sample::applicants(100)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let paper = if i % 2 == 0 {
                PaperSize::A4
            } else {
                PaperSize::F4
            };
            let mut doc = sample::rekomendasi_pencabutan(paper);
            for block in &mut doc.blocks {
                match block {
                    Block::KeyValue { rows, .. } => {
                        rows[0].1 = row[1].clone();
                        rows[1].1 = row[2].clone();
                        rows[3].1 = row[3].clone();
                        rows[4].1 = row[4].clone();
                    }
                    Block::Meta(rows) => rows[0].1 = sample::nomor(100 + i as u32, "000.6.5"),
                    _ => {}
                }
            }
            doc
        })
        .collect();
    let mut sizes = Vec::with_capacity(batch.len());
    let mut next = batch.iter();
    let (wall, cpu) = per_run(batch.len(), || {
        if let Some(doc) = next.next() {
            match renderer.render(doc) {
                Ok(pdf) => sizes.push(pdf.len()),
                Err(e) => failed = Some(e),
            }
        }
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    println!(
        "batch of {} different single-page letters (A4 and F4): wall {wall:.2} ms/letter ({:.0} ms in all), cpu {}; {:.1}-{:.1} KB",
        batch.len(),
        wall * batch.len() as f64,
        show(cpu),
        *sizes.iter().min().unwrap_or(&0) as f64 / 1024.0,
        *sizes.iter().max().unwrap_or(&0) as f64 / 1024.0
    );

    // The collective letter with a 60-row lampiran.
    let kolektif = sample::rekomendasi_kolektif(PaperSize::F4, 60);
    let (wall, cpu) = per_run(20, || match renderer.render(&kolektif) {
        Ok(pdf) => size = pdf.len(),
        Err(e) => failed = Some(e),
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    println!(
        "collective letter, 60-row lampiran (F4, 5 pages), 20 renders: wall {wall:.2} ms, cpu {}; {:.1} KB",
        show(cpu),
        size as f64 / 1024.0
    );

    // Without the emblem, to show what the emblem costs.
    renderer.set_prepared_emblem(None);
    let mut plain = single.clone();
    if let Some(kop) = &mut plain.kop {
        kop.emblem = None;
    }
    let (wall, cpu) = per_run(200, || match renderer.render(&plain) {
        Ok(pdf) => size = pdf.len(),
        Err(e) => failed = Some(e),
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    println!(
        "single-page letter without emblem, 200 renders: wall {wall:.2} ms, cpu {}; {:.1} KB",
        show(cpu),
        size as f64 / 1024.0
    );
    Ok(())
}
