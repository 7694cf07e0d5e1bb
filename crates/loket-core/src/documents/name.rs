//! The name a document is shown under. Stored files are named by their hash,
//! so the original name is only ever displayed, never used as a path; it is
//! still cleaned, because it comes from outside (a drag-and-drop, a USB stick,
//! an email attachment) and ends up in lists, letters and terminals.

/// Longest name kept, in characters. Longer names are shortened in the
/// middle of the stem so the extension stays visible.
const MAX_NAME_CHARS: usize = 160;

/// The original name made safe to display: directory parts dropped (both `/`
/// and `\`, and a drive letter), control characters and invisible direction
/// overrides removed (U+202E can make `gpj.exe` read as `exe.jpg`), spaces
/// collapsed, leading and trailing dots dropped (no hidden-file names), and
/// non-ASCII letters kept as they are. A name that is empty after cleaning
/// becomes `dokumen.<ext>`.
pub fn display_name(raw: &str, ext: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let last = match last.as_bytes() {
        [d, b':', ..] if d.is_ascii_alphabetic() => &last[2..],
        _ => last,
    };
    let mut cleaned = String::with_capacity(last.len());
    let mut space = false;
    for c in last.chars() {
        if c == ' ' || c == '\t' || (c.is_whitespace() && !c.is_control()) {
            space = true;
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if space && !cleaned.is_empty() {
            cleaned.push(' ');
        }
        space = false;
        cleaned.push(c);
    }
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if trimmed.is_empty() {
        return format!("dokumen.{ext}");
    }
    shorten(trimmed)
}

/// A display name's stem made safe as a file name on every system the
/// office uses (Windows refuses `<>:"/\|?*` and trailing dots and spaces),
/// for naming copies written outside the store.
pub(crate) fn file_stem_for_disk(display: &str) -> String {
    let stem = display.rsplit_once('.').map_or(display, |(stem, _)| stem);
    let safe: String = stem
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let safe = safe.trim_end_matches(['.', ' ']).trim_start();
    if safe.is_empty() {
        "dokumen".to_string()
    } else {
        safe.to_string()
    }
}

/// Characters that change how text is shown without showing themselves:
/// bidirectional overrides and isolates, zero-width spaces, the BOM.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
    )
}

fn shorten(name: &str) -> String {
    let n = name.chars().count();
    if n <= MAX_NAME_CHARS {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 10 => (stem, ext),
        _ => (name, ""),
    };
    let keep = MAX_NAME_CHARS - ext.chars().count() - 2;
    let head: String = stem.chars().take(keep).collect();
    if ext.is_empty() {
        format!("{head}…")
    } else {
        format!("{head}….{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::display_name;

    fn check(raw: &str, expected: &str) {
        assert_eq!(display_name(raw, "pdf"), expected, "{raw:?}");
    }

    #[test]
    fn names_are_cleaned_for_display() {
        check("ktp.pdf", "ktp.pdf");
        check("../../etc/passwd", "passwd");
        check("C:\\x\\y.pdf", "y.pdf");
        check("C:y.pdf", "y.pdf");
        check("\\\\server\\share\\SK Jabatan.pdf", "SK Jabatan.pdf");
        check("KTP Siti Ṣāliḥ.jpg", "KTP Siti Ṣāliḥ.jpg");
        check("scan\u{0}\u{7}\n1.pdf", "scan1.pdf");
        check("  SK   Pangkat\t2024 .pdf ", "SK Pangkat 2024 .pdf");
        check("foto\u{202E}gpj.exe", "fotogpj.exe");
        check("..", "dokumen.pdf");
        check("/", "dokumen.pdf");
        check("", "dokumen.pdf");
        check("...hidden.pdf", "hidden.pdf");
        check("berkas/", "dokumen.pdf");
    }

    #[test]
    fn copies_get_names_every_system_accepts() {
        use super::file_stem_for_disk;
        assert_eq!(file_stem_for_disk("KTP Siti Ṣāliḥ.jpg"), "KTP Siti Ṣāliḥ");
        assert_eq!(file_stem_for_disk("SK: 2024/05?.png"), "SK_ 2024_05_");
        assert_eq!(file_stem_for_disk("akhir titik...png"), "akhir titik");
        assert_eq!(file_stem_for_disk(".png"), "dokumen");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "Surat Permohonan ".repeat(20));
        let got = display_name(&long, "pdf");
        assert_eq!(got.chars().count(), 160);
        assert!(got.ends_with("….pdf"), "{got}");
    }
}
