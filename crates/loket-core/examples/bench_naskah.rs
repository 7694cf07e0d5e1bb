//! The full path of a letter, in release mode: template → LetterDoc → PDF →
//! file written atomically + number drawn + register and version rows
//! committed (SQLite with synchronous=FULL, on a real file):
//!
//! ```text
//! cargo run -p loket-core --release --example bench_naskah
//! ```
//!
//! Target: under 5 ms per single-page letter for the render.

#[path = "../tests/fixtures/letters/sample.rs"]
mod sample;
#[path = "support/timing.rs"]
mod timing;

use loket_core::letters::LetterRenderer;
use loket_core::model::Role;
use loket_core::naskah::LetterOrder;
use loket_core::requests::RequestForm;
use loket_core::sop::LetterKind;
use loket_core::testing::{caller, office, person};
use std::time::Instant;
use timing::{ms, per_run, show};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (loket, admin) = office(dir.path());
    loket.set_emblem(&admin, &sample::emblem_png())?;
    let verif = caller(&loket, Role::Verifikator);
    let n = 100;
    let requests: Vec<String> = (0..n + 1)
        .map(|i| {
            loket
                .submit_request(
                    &verif,
                    &RequestForm {
                        jenis: Some("penerbitan".into()),
                        person: Some(person(i)),
                        ..RequestForm::default()
                    },
                )
                .map(|r| r.nomor)
        })
        .collect::<Result<_, _>>()?;
    let order = |r: &[String]| LetterOrder {
        kind: Some(LetterKind::RekomendasiPenerbitan),
        requests: r.to_vec(),
        ..LetterOrder::default()
    };
    // Warm-up: fonts parsed, emblem prepared (once per process).
    let t = Instant::now();
    let first = loket.generate_letter(&verif, &order(&requests[..1]))?;
    println!(
        "first letter of the process (fonts parsed, emblem prepared): {:.1} ms",
        ms(t.elapsed())
    );

    // A batch of 100 new letters: each draws a number and is stored.
    let mut failed = None;
    let mut sizes = Vec::new();
    let mut next = requests[1..].iter();
    let (wall, cpu) = per_run(n, || {
        if let Some(r) = next.next() {
            match loket.generate_letter(&verif, &order(std::slice::from_ref(r))) {
                Ok(m) => sizes.push(m.version.size),
                Err(e) => failed = Some(e),
            }
        }
    });
    if let Some(e) = failed.take() {
        return Err(e.into());
    }
    println!(
        "full path, batch of {n} new single-page letters (number drawn, PDF, file fsynced, rows committed): \
         wall {wall:.2} ms/letter ({:.0} ms in all), cpu {}; {:.1}-{:.1} KB",
        wall * n as f64,
        show(cpu),
        *sizes.iter().min().unwrap_or(&0) as f64 / 1024.0,
        *sizes.iter().max().unwrap_or(&0) as f64 / 1024.0
    );

    // The same letter made again: a new version (no number drawn).
    let (wall, cpu) = per_run(50, || {
        if let Err(e) = loket.generate_letter(&verif, &order(&requests[..1])) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed.take() {
        return Err(e.into());
    }
    println!(
        "full path, new version of one letter, 50 times: wall {wall:.2} ms, cpu {}",
        show(cpu)
    );

    // The render alone, of the view the app built for the first letter.
    let doc = loket.letter_view(&verif, first.version.id)?;
    let mut renderer = LetterRenderer::new()?;
    renderer.set_emblem(&sample::emblem_png())?;
    let mut size = 0;
    for _ in 0..20 {
        renderer.render(&doc)?;
    }
    let (wall, cpu) = per_run(200, || match renderer.render(&doc) {
        Ok(pdf) => size = pdf.len(),
        Err(e) => failed = Some(e),
    });
    if let Some(e) = failed.take() {
        return Err(e.into());
    }
    println!(
        "render only (the app's rekomendasi view → PDF bytes), 200 times: wall {wall:.2} ms, cpu {}; {:.1} KB",
        show(cpu),
        size as f64 / 1024.0
    );

    // A collective letter for 100 applicants (the lampiran runs over pages).
    let t = Instant::now();
    let all = loket.generate_letter(&verif, &order(&requests[1..]))?;
    println!(
        "full path, collective letter for {n} applicants ({} pages): {:.1} ms; {:.1} KB",
        all.version.pages,
        ms(t.elapsed()),
        all.version.size as f64 / 1024.0
    );
    let _ = admin;
    Ok(())
}
