//! Official letters (naskah dinas) as PDF.
//!
//! Three layers, kept apart so each can change alone:
//! 1. Domain data (requests, people, the agency profile), elsewhere.
//! 2. The view ([`LetterDoc`]): every string already formatted with the
//!    helpers in [`format`] (Indonesian dates, NIP grouped 8-6-1-3, letter
//!    number). Templates build it; it is stored as "the data this letter was
//!    made from".
//! 3. Layout and PDF: `layout` turns the view into positioned text and
//!    rectangles (wrapping with the embedded font's real advances, justified
//!    lines, tables that move whole rows, page numbers); `pdf` writes them
//!    with printpdf and is the only file in the codebase that imports it
//!    (or lopdf, printpdf's object model). Keeping the geometry free of
//!    printpdf types means it can be tested without a PDF reader, and a
//!    printpdf upgrade (its API changed a lot between versions) touches one
//!    file.
//!
//! The output is meant to be signed later by BSrE's service, which rejects
//! PDFs without embedded fonts: both faces of Liberation Sans (metric-
//! compatible with Arial, SIL OFL, license in `assets/fonts`) are embedded
//! and subset, and nothing else is referenced. The file claims no standard
//! it does not meet (printpdf's empty PDF/X marker is removed).
//!
//! Decisions a reader of a letter will notice:
//! - The kop surat is on the first page only; later pages start at the top
//!   margin.
//! - Page numbers (`Halaman 2 dari 3`, centred in the bottom margin) appear
//!   only when the letter has more than one page.
//! - The verification footer (QR code drawn as vectors, code, short text)
//!   is at the bottom left of the last page only: the code identifies the
//!   whole letter, like the visible TTE mark of a BSrE-signed letter, and
//!   the other pages keep their full height for text and tables. On a
//!   one-page letter the footer may reach into the bottom margin (down to
//!   10 mm from the edge), which keeps ordinary letters on one page.
//! - Characters the font cannot draw are refused with an error naming them,
//!   rather than printed as boxes in someone's name.
//! - The emblem is flattened onto white and scaled to about 300 dpi once,
//!   when it is set, not for every letter.
//!
//! ```no_run
//! # fn main() -> loket_core::Result<()> {
//! use loket_core::letters::{LetterRenderer, LetterDoc};
//! let mut renderer = LetterRenderer::new()?;
//! renderer.set_emblem(&std::fs::read("lambang.png").expect("emblem file"))?;
//! # let doc: LetterDoc = unimplemented!();
//! let pdf: Vec<u8> = renderer.render(&doc)?;
//! # Ok(()) }
//! ```

pub mod format;
mod layout;
mod pdf;
mod qr;
mod text;
mod view;

pub use pdf::{LetterRenderer, PreparedEmblem, RenderedPdf, pdf_keywords};
pub use view::{
    Align, Block, Column, Emblem, Footer, Kop, LetterDoc, Margins, Signature, SignaturePosition,
    Table,
};
