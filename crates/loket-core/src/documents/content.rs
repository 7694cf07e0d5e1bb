//! What a file is, judged by its content (its first bytes), never by its
//! name: a renamed program called `scan.pdf` is still a program. Only PDF,
//! JPEG and PNG are accepted, because those are what scanners and phones
//! produce, what AMS accepts and what every office computer can open. For
//! anything else the office is told what the file actually is, so the clerk
//! knows what to ask the applicant for ("a Word document: save it as PDF").

use crate::i18n::Text;
use crate::t;
use serde::{Deserialize, Serialize};

/// An accepted file type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Pdf,
    Jpeg,
    Png,
}

impl FileType {
    pub const ALL: [FileType; 3] = [FileType::Pdf, FileType::Jpeg, FileType::Png];

    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
        }
    }

    pub fn from_mime(mime: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.mime() == mime)
    }

    /// The extension of the stored file, so that the system viewer opens it.
    pub fn ext(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Jpeg => "JPEG",
            FileType::Png => "PNG",
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, FileType::Jpeg | FileType::Png)
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// How far from the end a PDF's `%%EOF` marker may sit. Readers look in the
/// last kilobyte; writers sometimes pad a little after the marker.
const PDF_EOF_WINDOW: usize = 1024;

/// Recognises an accepted type from the content. On refusal, says what the
/// content is instead (in words for the message), or why it is unusable.
pub(crate) fn recognise(bytes: &[u8]) -> Result<FileType, Refusal> {
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(PDF_EOF_WINDOW)..];
        if !contains(tail, b"%%EOF") {
            return Err(Refusal::Truncated(FileType::Pdf));
        }
        return Ok(FileType::Pdf);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(FileType::Jpeg);
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        return Ok(FileType::Png);
    }
    Err(Refusal::Other(describe(bytes)))
}

/// Why content is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Some other kind of file, described for a person.
    Other(Text),
    /// An accepted type, but cut short (an interrupted copy or download).
    Truncated(FileType),
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Names what a refused file is, from its signature. The list covers what
/// reaches a Diskominfo counter in practice: Office documents, phone photo
/// formats, archives from WhatsApp and email, programs (a renamed `.exe` is
/// how malware travels), and web pages saved in place of a download.
fn describe(bytes: &[u8]) -> Text {
    let head = &bytes[..bytes.len().min(4096)];
    let starts = |sig: &[u8]| head.starts_with(sig);
    if starts(b"\x7fELF") {
        return t!("program Linux (ELF)", "a Linux program (ELF)");
    }
    if starts(b"MZ") {
        return t!("program Windows (EXE/DLL)", "a Windows program (EXE/DLL)");
    }
    if starts(&[0xCA, 0xFE, 0xBA, 0xBE])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
    {
        return t!("program macOS (Mach-O)", "a macOS program (Mach-O)");
    }
    if starts(b"#!") {
        return t!("skrip program", "a program script");
    }
    if starts(b"PK\x03\x04") {
        // Office Open XML files are ZIP archives whose first entries name
        // their parts in plain text.
        return if contains(head, b"word/") {
            t!("dokumen Word (.docx)", "a Word document (.docx)")
        } else if contains(head, b"xl/") {
            t!("lembar kerja Excel (.xlsx)", "an Excel workbook (.xlsx)")
        } else if contains(head, b"ppt/") {
            t!(
                "presentasi PowerPoint (.pptx)",
                "a PowerPoint presentation (.pptx)"
            )
        } else {
            t!("arsip ZIP", "a ZIP archive")
        };
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return t!(
            "dokumen Office lama (.doc/.xls)",
            "an old Office document (.doc/.xls)"
        );
    }
    if starts(b"Rar!\x1a\x07") {
        return t!("arsip RAR", "a RAR archive");
    }
    if starts(&[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
        return t!("arsip 7-Zip", "a 7-Zip archive");
    }
    if starts(&[0x1F, 0x8B]) {
        return t!("arsip gzip", "a gzip archive");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return t!("gambar GIF", "a GIF image");
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return t!("gambar TIFF", "a TIFF image");
    }
    if starts(b"BM") && head.len() >= 26 {
        return t!("gambar BMP", "a BMP image");
    }
    if head.len() >= 12 && &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return t!("gambar WebP", "a WebP image");
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return match &head[8..12] {
            b"heic" | b"heix" | b"hevc" | b"mif1" | b"msf1" => {
                t!("foto HEIC (iPhone)", "a HEIC photo (iPhone)")
            }
            b"avif" => t!("gambar AVIF", "an AVIF image"),
            _ => t!("video", "a video"),
        };
    }
    if let Some(text) = as_text(head) {
        let lower = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return t!(
                "halaman web (HTML), bukan berkas yang diunduh",
                "a web page (HTML), not the downloaded file"
            );
        }
        return t!("teks biasa", "plain text");
    }
    t!("jenis berkas yang tidak dikenal", "an unknown kind of file")
}

/// The start of a file as text, when it is UTF-8 without NUL bytes. A
/// character cut by the 4 KB window does not count against it.
fn as_text(head: &[u8]) -> Option<&str> {
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    (!text.contains('\0')).then_some(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: Result<FileType, &str>) {
        match (recognise(bytes), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want),
            (Err(Refusal::Other(text)), Err(fragment)) => {
                assert!(
                    text.en.contains(fragment),
                    "{:?}: {}",
                    &bytes[..8.min(bytes.len())],
                    text.en
                )
            }
            (Err(Refusal::Truncated(_)), Err(fragment)) => assert_eq!(fragment, "truncated"),
            (got, want) => panic!("{got:?} != {want:?}"),
        }
    }

    #[test]
    fn recognises_by_content() {
        check(b"%PDF-1.4\n...\n%%EOF\n", Ok(FileType::Pdf));
        check(b"%PDF-1.4\n1 0 obj", Err("truncated"));
        check(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], Ok(FileType::Jpeg));
        check(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Ok(FileType::Png));
        check(b"\x7fELF\x02\x01\x01", Err("Linux program"));
        check(b"MZ\x90\0\x03\0\0\0", Err("Windows program"));
        check(
            b"PK\x03\x04\x14\0\0\0[Content_Types].xmlword/document.xml",
            Err("Word"),
        );
        check(b"PK\x03\x04\x14\0\0\0data.csv", Err("ZIP"));
        check(b"RIFF\0\0\0\0WEBPVP8 ", Err("WebP"));
        check(b"\0\0\0\x18ftypheic\0\0\0\0", Err("HEIC"));
        check(b"GIF89a\x01\0", Err("GIF"));
        check(b"II*\0\x08\0\0\0", Err("TIFF"));
        check(b"<!DOCTYPE html><html>", Err("web page"));
        check("Nama: Siti Ṣāliḥ\nNIK: 6305".as_bytes(), Err("plain text"));
        check(&[0x00, 0x01, 0x02, 0x03, 0xFE], Err("unknown"));
    }

    #[test]
    fn pdf_marker_may_be_followed_by_padding() {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend(std::iter::repeat_n(b'x', 5000));
        pdf.extend(b"%%EOF\r\n");
        pdf.extend(std::iter::repeat_n(0u8, 200));
        check(&pdf, Ok(FileType::Pdf));
    }
}
