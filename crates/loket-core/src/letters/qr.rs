//! The verification QR code as a module matrix. It is drawn as vector
//! rectangles, not as an image: sharp at any print resolution, a few hundred
//! bytes, and no image encoding per letter.

use crate::error::{Error, Result};
use crate::i18n::Text;
use qrcode::{Color, EcLevel, QrCode};

/// The dark modules of a QR code as rectangles: adjacent dark modules in a
/// row form a run, and identical runs in consecutive rows are merged, which
/// roughly halves the number of rectangles to draw.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct QrModules {
    /// Modules per side (without the quiet zone, which is left blank).
    pub width: usize,
    /// `(row, first column, length, height in rows)` of each rectangle.
    pub rects: Vec<(usize, usize, usize, usize)>,
}

/// Encodes `payload` with error correction level M (15 %), enough for a
/// printed and stamped page while keeping the code small.
pub(crate) fn qr_modules(payload: &str) -> Result<QrModules> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|e| {
            let n = payload.len();
            Error::invalid(Text::new(
                format!("Isi kode QR ({n} bita) tidak dapat dibuat menjadi kode QR: {e}."),
                format!("The QR content ({n} bytes) cannot be made into a QR code: {e}."),
            ))
        })?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (row, cells) in colors.chunks(width).enumerate() {
        let mut col = 0;
        while col < width {
            if cells[col] == Color::Dark {
                let start = col;
                while col < width && cells[col] == Color::Dark {
                    col += 1;
                }
                runs.push((row, start, col - start));
            } else {
                col += 1;
            }
        }
    }
    // Runs are sorted by row, then column. Grow each unused run downwards
    // while the next row has the same run.
    let mut used = vec![false; runs.len()];
    let mut rects = Vec::new();
    for i in 0..runs.len() {
        if used[i] {
            continue;
        }
        let (row, col, len) = runs[i];
        let mut height = 1;
        let mut j = i + 1;
        loop {
            let want = (row + height, col, len);
            while j < runs.len() && (runs[j].0, runs[j].1) < (want.0, want.1) {
                j += 1;
            }
            match runs.get(j) {
                Some(&r) if r == want && !used[j] => {
                    used[j] = true;
                    height += 1;
                    j += 1;
                }
                _ => break,
            }
        }
        rects.push((row, col, len, height));
    }
    Ok(QrModules { width, rects })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_reproduce_the_module_matrix() {
        let payload = "https://loket.tapinkab.go.id/v/7Q4K-92XD";
        let qr = qr_modules(payload).expect("encodes");
        let code = QrCode::with_error_correction_level(payload, EcLevel::M).expect("encodes");
        let mut rebuilt = vec![Color::Light; qr.width * qr.width];
        for &(row, col, len, height) in &qr.rects {
            for r in row..row + height {
                for c in col..col + len {
                    assert_eq!(
                        rebuilt[r * qr.width + c],
                        Color::Light,
                        "overlap at {r},{c}"
                    );
                    rebuilt[r * qr.width + c] = Color::Dark;
                }
            }
        }
        assert_eq!(rebuilt, code.to_colors());
        // The top-left finder pattern starts with a 7-module dark run.
        assert_eq!(qr.rects[0], (0, 0, 7, 1));
        let modules = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        // Far fewer rectangles than modules: a small content stream.
        assert!(
            qr.rects.len() * 2 < modules,
            "{} rectangles for {modules} modules",
            qr.rects.len()
        );
    }

    #[test]
    fn too_long_payload_is_a_clear_error() {
        let err = qr_modules(&"x".repeat(5000)).expect_err("too long");
        assert!(err.message.en.contains("QR"), "{}", err.message.en);
    }
}
