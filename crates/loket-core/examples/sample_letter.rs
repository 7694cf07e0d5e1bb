//! Writes sample letters (single recommendation, collective recommendation
//! with a 60-row lampiran, statement with two signatures) on A4 and F4, so a
//! person can look at them:
//!
//! ```text
//! cargo run -p loket-core --example sample_letter -- [output folder]
//! pdftoppm -r 60 -png <folder>/rekomendasi-pencabutan-a4.pdf <folder>/rekomendasi-a4
//! ```

#[path = "../tests/fixtures/letters/sample.rs"]
mod sample;

use loket_core::letters::LetterRenderer;
use loket_core::model::PaperSize;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "letter-samples".to_string()),
    );
    std::fs::create_dir_all(&out)?;
    let mut renderer = LetterRenderer::new()?;
    renderer.set_emblem(&sample::emblem_png())?;
    std::fs::write(out.join("lambang.png"), sample::emblem_png())?;

    for (paper, tag) in [(PaperSize::A4, "a4"), (PaperSize::F4, "f4")] {
        let letters = [
            (
                "rekomendasi-pencabutan",
                sample::rekomendasi_pencabutan(paper),
            ),
            (
                "rekomendasi-kolektif",
                sample::rekomendasi_kolektif(paper, 60),
            ),
            (
                "keterangan-pencabutan",
                sample::permohonan_pencabutan(paper),
            ),
        ];
        for (name, doc) in letters {
            let pdf = renderer.render(&doc)?;
            let path = out.join(format!("{name}-{tag}.pdf"));
            std::fs::write(&path, &pdf)?;
            println!("{} ({} bytes)", path.display(), pdf.len());
        }
    }
    Ok(())
}
