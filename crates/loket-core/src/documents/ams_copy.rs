//! AMS-ready copies of scans. AMS refuses uploads over 1 MB and a phone
//! photo or a 300 dpi scan of a KTP or an SK is usually several. This makes a
//! JPEG under the limit while keeping the text legible.
//!
//! The order of sacrifices follows what keeps small print readable: first
//! JPEG quality at the full size (down to 60, where artefacts around letters
//! start to hurt), then pixels, in steps, down to 1200 px on the long side (a
//! full A4 page at about 140 dpi, where 10 pt print is still clear). Only if
//! even that is too large does quality go lower, and only then the size
//! below 1200 px. The image is never enlarged.
//!
//! The copy is always re-encoded, even when the original is small enough:
//! that applies the photo's EXIF orientation (AMS shows pixels as stored, so
//! a phone photo would appear on its side) and drops its metadata (a phone
//! photo of a KTP can carry the GPS position of the applicant's home).

use crate::error::{Error, ErrorKind, Result};
use crate::t;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, RgbImage};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// AMS's upload limit, in bytes.
pub const AMS_LIMIT_BYTES: u64 = 1_000_000;
/// What the copy aims for: a margin under the limit, because AMS's own
/// counting (and any multipart overhead) is not documented.
pub const AMS_TARGET_BYTES: u64 = 950_000;
/// Qualities tried at one size, best first.
const QUALITIES: [u8; 7] = [90, 85, 80, 75, 70, 65, 60];
/// Qualities below the preferred floor, tried only once the size is at its
/// floor.
const LOW_QUALITIES: [u8; 4] = [55, 50, 45, 40];
/// The smallest long side the copy is scaled to while any other choice
/// remains.
pub const MIN_LONG_SIDE: u32 = 1200;
/// Each scaling step keeps at most this share of the long side, so sizes
/// come down in steps rather than in one guess.
const MAX_STEP: f64 = 0.9;
/// Decoding refuses images whose pixels would need more memory than this
/// (a 20 MB PNG can claim to be 100 000 x 100 000).
const MAX_DECODE_BYTES: u64 = 600 * 1024 * 1024;

/// The AMS-ready JPEG and how it was made.
#[derive(Clone, Debug)]
pub struct AmsJpeg {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub quality: u8,
    /// The original's size after applying its orientation.
    pub original_width: u32,
    pub original_height: u32,
}

/// What [`crate::Loket::ams_copy`] wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmsCopy {
    pub document_id: i64,
    pub path: std::path::PathBuf,
    /// Size of the copy in bytes (always under [`AMS_LIMIT_BYTES`]).
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// JPEG quality used (1-100).
    pub quality: u8,
    pub original_bytes: u64,
    pub original_width: u32,
    pub original_height: u32,
    /// Whether the copy has fewer pixels than the original.
    pub scaled: bool,
}

/// Makes the AMS-ready JPEG of a JPEG or PNG image.
pub fn make_ams_jpeg(bytes: &[u8], name: &str) -> Result<AmsJpeg> {
    let image = decode_oriented(bytes, name)?;
    let (original_width, original_height) = (image.width(), image.height());
    let pixels = flatten(image);
    let (jpeg, width, height, quality) = shrink(&pixels)?;
    Ok(AmsJpeg {
        jpeg,
        width,
        height,
        quality,
        original_width,
        original_height,
    })
}

fn unreadable(name: &str, detail: impl std::fmt::Display) -> Error {
    Error::invalid(t!(
        "Gambar \"{name}\" tidak dapat dibaca untuk dibuatkan salinan AMS ({detail}). Pindai ulang atau simpan ulang gambarnya.",
        "The image \"{name}\" cannot be read to make the AMS copy ({detail}). Scan or save the image again."
    ))
}

/// Decodes and turns the image upright according to its EXIF orientation.
fn decode_oriented(bytes: &[u8], name: &str) -> Result<DynamicImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(name, e))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| unreadable(name, e))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(name, e))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Pixels ready for JPEG: grey stays grey (a third of the data of colour),
/// transparency is laid on white paper, 16-bit depth becomes 8-bit.
enum Pixels {
    Grey(GrayImage),
    Colour(RgbImage),
}

impl Pixels {
    fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Grey(g) => g.dimensions(),
            Pixels::Colour(c) => c.dimensions(),
        }
    }

    fn resized(&self, width: u32, height: u32) -> Pixels {
        // Catmull-Rom keeps letter edges sharper than a triangle filter at
        // a modest cost; the filter widens with the reduction, so thin
        // strokes are averaged, not dropped.
        let filter = FilterType::CatmullRom;
        match self {
            Pixels::Grey(g) => Pixels::Grey(image::imageops::resize(g, width, height, filter)),
            Pixels::Colour(c) => Pixels::Colour(image::imageops::resize(c, width, height, filter)),
        }
    }

    fn encode(&self, quality: u8) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
        let done = match self {
            Pixels::Grey(g) => encoder.encode_image(g),
            Pixels::Colour(c) => encoder.encode_image(c),
        };
        done.map_err(|e| Error::internal(format!("JPEG encoding failed: {e}")))?;
        Ok(out)
    }
}

fn flatten(image: DynamicImage) -> Pixels {
    match image {
        DynamicImage::ImageLuma8(g) => Pixels::Grey(g),
        DynamicImage::ImageLuma16(_) => Pixels::Grey(image.into_luma8()),
        DynamicImage::ImageLumaA8(_) | DynamicImage::ImageLumaA16(_) => {
            let la = image.to_luma_alpha8();
            let (w, h) = la.dimensions();
            let mut g = GrayImage::new(w, h);
            for (dst, src) in g.pixels_mut().zip(la.pixels()) {
                dst.0 = [on_white(src.0[0], src.0[1])];
            }
            Pixels::Grey(g)
        }
        image if image.color().has_alpha() => {
            let rgba = image.to_rgba8();
            let (w, h) = rgba.dimensions();
            let mut c = RgbImage::new(w, h);
            for (dst, src) in c.pixels_mut().zip(rgba.pixels()) {
                let [r, g, b, a] = src.0;
                dst.0 = [on_white(r, a), on_white(g, a), on_white(b, a)];
            }
            Pixels::Colour(c)
        }
        image => Pixels::Colour(image.into_rgb8()),
    }
}

/// A channel value with alpha `a` laid over white.
fn on_white(v: u8, a: u8) -> u8 {
    let (v, a) = (u32::from(v), u32::from(a));
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

/// Finds the largest size, then the best quality, whose JPEG fits.
fn shrink(original: &Pixels) -> Result<(Vec<u8>, u32, u32, u8)> {
    let (w0, h0) = original.dimensions();
    let floor_quality = QUALITIES[QUALITIES.len() - 1];
    let mut current: Option<Pixels> = None;
    let mut long = w0.max(h0);
    loop {
        let pixels = current.as_ref().unwrap_or(original);
        let (w, h) = pixels.dimensions();
        // Size at the preferred floor quality: predicted from a sample when
        // that already says "far too big", encoded otherwise.
        let floor_size = match predicted_size(pixels, floor_quality)? {
            Some(guess) if guess > AMS_TARGET_BYTES + AMS_TARGET_BYTES / 4 => guess,
            _ => {
                let jpeg = pixels.encode(floor_quality)?;
                if fits(&jpeg) {
                    let (jpeg, q) = best_quality(pixels, jpeg)?;
                    return Ok((jpeg, w, h, q));
                }
                jpeg.len() as u64
            }
        };
        if long <= MIN_LONG_SIDE {
            // Smallest preferred size and still too big: lower quality.
            for q in LOW_QUALITIES {
                let jpeg = pixels.encode(q)?;
                if fits(&jpeg) {
                    return Ok((jpeg, w, h, q));
                }
            }
            break;
        }
        long = next_long_side(long, floor_size).max(MIN_LONG_SIDE);
        let (nw, nh) = scaled_dimensions(w0, h0, long);
        current = Some(original.resized(nw, nh));
    }
    // Unavoidable: smaller than 1200 px. Only pathological images (pure
    // noise) get here.
    let q = LOW_QUALITIES[LOW_QUALITIES.len() - 1];
    while long > 64 {
        long = (f64::from(long) * 0.8) as u32;
        let (nw, nh) = scaled_dimensions(w0, h0, long);
        let jpeg = original.resized(nw, nh).encode(q)?;
        if fits(&jpeg) {
            return Ok((jpeg, nw, nh, q));
        }
    }
    Err(Error::new(
        ErrorKind::Internal,
        t!(
            "Salinan AMS tidak dapat dibuat di bawah 1 MB.",
            "The AMS copy cannot be made under 1 MB."
        ),
    ))
}

/// Rows per sampled band (a multiple of the 16-row JPEG block row) and the
/// distance between bands: one eighth of the rows is encoded.
const SAMPLE_BAND: u32 = 64;
const SAMPLE_STEP: u32 = 512;

/// The JPEG size of the whole image predicted from evenly spaced bands of
/// rows, which see the page's margins, text and photo in proportion. `None`
/// for images too small to bother. Encoding a 12-megapixel scan takes most
/// of a second; the sample an eighth of that.
fn predicted_size(pixels: &Pixels, quality: u8) -> Result<Option<u64>> {
    let (w, h) = pixels.dimensions();
    if h < 2 * SAMPLE_STEP {
        return Ok(None);
    }
    let bands = |raw: &[u8], channels: usize| -> (Vec<u8>, u32) {
        let row = w as usize * channels;
        let mut out = Vec::new();
        let mut rows = 0;
        let mut y = 0;
        while y < h {
            let n = SAMPLE_BAND.min(h - y);
            out.extend_from_slice(&raw[y as usize * row..(y + n) as usize * row]);
            rows += n;
            y += SAMPLE_STEP;
        }
        (out, rows)
    };
    let (sample, rows) = match pixels {
        Pixels::Grey(g) => {
            let (raw, rows) = bands(g.as_raw(), 1);
            (GrayImage::from_raw(w, rows, raw).map(Pixels::Grey), rows)
        }
        Pixels::Colour(c) => {
            let (raw, rows) = bands(c.as_raw(), 3);
            (RgbImage::from_raw(w, rows, raw).map(Pixels::Colour), rows)
        }
    };
    let Some(sample) = sample else {
        return Ok(None);
    };
    let bytes = sample.encode(quality)?.len() as u64;
    Ok(Some(bytes * u64::from(h) / u64::from(rows)))
}

fn fits(jpeg: &[u8]) -> bool {
    jpeg.len() as u64 <= AMS_TARGET_BYTES
}

/// The best quality whose JPEG fits, by bisection over [`QUALITIES`]
/// (size grows with quality). `at_floor` is the JPEG at the lowest one,
/// known to fit.
fn best_quality(pixels: &Pixels, at_floor: Vec<u8>) -> Result<(Vec<u8>, u8)> {
    let floor = QUALITIES.len() - 1;
    let mut best = (at_floor, QUALITIES[floor]);
    // Invariant: QUALITIES[hi] fits; every index below lo does not.
    let (mut lo, mut hi) = (0usize, floor);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let jpeg = pixels.encode(QUALITIES[mid])?;
        if fits(&jpeg) {
            best = (jpeg, QUALITIES[mid]);
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(best)
}

/// The next long side to try: JPEG size grows roughly with the pixel count,
/// so scale by the square root of how far over the target the last try was,
/// with a margin, and by at least one step.
fn next_long_side(long: u32, bytes: u64) -> u32 {
    let ratio = (AMS_TARGET_BYTES as f64 / bytes as f64).sqrt() * 0.95;
    (f64::from(long) * ratio.min(MAX_STEP)).floor() as u32
}

/// Width and height with the long side `long`, keeping the aspect ratio
/// (rounded to the nearest pixel) and never enlarging.
pub(crate) fn scaled_dimensions(w: u32, h: u32, long: u32) -> (u32, u32) {
    let long0 = w.max(h);
    if long >= long0 {
        return (w, h);
    }
    let scale = f64::from(long) / f64::from(long0);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    if w >= h {
        (long, side(h))
    } else {
        (side(w), long)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn scaling_keeps_the_aspect_ratio_and_never_enlarges() {
        assert_eq!(scaled_dimensions(3000, 4000, 2000), (1500, 2000));
        assert_eq!(scaled_dimensions(4000, 3000, 1200), (1200, 900));
        assert_eq!(scaled_dimensions(2481, 3508, 1200), (849, 1200));
        assert_eq!(scaled_dimensions(800, 600, 1200), (800, 600));
    }

    #[test]
    fn steps_are_at_least_ten_percent() {
        assert_eq!(next_long_side(4000, 960_000), 3600);
        assert!(next_long_side(4000, 4_000_000) < 2000);
    }

    #[test]
    fn the_sample_predicts_the_full_size() {
        let page = crate::testing::scan_page(1200, 1600, true).into_rgb8();
        let pixels = Pixels::Colour(page);
        let guess = predicted_size(&pixels, 60).unwrap().unwrap();
        let real = pixels.encode(60).unwrap().len() as u64;
        let error = guess.abs_diff(real) as f64 / real as f64;
        assert!(error < 0.1, "predicted {guess}, real {real}");
        let small = Pixels::Grey(GrayImage::new(300, 900));
        assert_eq!(predicted_size(&small, 60).unwrap(), None);
    }

    #[test]
    fn transparency_lies_on_white_paper() {
        assert_eq!(on_white(0, 0), 255);
        assert_eq!(on_white(0, 255), 0);
        assert_eq!(on_white(100, 255), 100);
        assert_eq!(on_white(0, 128), 127);
    }

    #[test]
    fn a_small_image_keeps_its_size_and_high_quality() {
        let img = image::RgbImage::from_fn(300, 200, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let out = make_ams_jpeg(&png, "kecil.png").unwrap();
        assert_eq!((out.width, out.height), (300, 200));
        assert_eq!(out.quality, 90);
        assert!(out.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
    }

    #[test]
    fn a_damaged_image_is_refused_with_its_name() {
        let e = make_ams_jpeg(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRrusak", "ktp.png").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert!(e.message.id.contains("\"ktp.png\""), "{}", e.message.id);
    }
}
