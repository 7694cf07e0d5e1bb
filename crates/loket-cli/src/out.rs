//! Printing: JSON for scripts, aligned text for people, errors on stderr.

use loket_core::{Error, Lang};
use serde::Serialize;
use std::io::Read;
use std::path::Path;

pub fn print_error(e: &Error, lang: Lang) {
    let label = match lang {
        Lang::Id => "galat",
        Lang::En => "error",
    };
    eprintln!("{label}: {}", e.message.get(lang));
    if e.fields.len() > 1 || (e.fields.len() == 1 && e.fields[0].message != e.message) {
        for f in &e.fields {
            eprintln!("  - {}: {}", f.field, f.message.get(lang));
        }
    }
}

pub fn json<T: Serialize>(value: &T) -> Result<(), Error> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// Prints rows as a table with aligned columns.
pub fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                let pad = widths[i] - c.chars().count();
                s.push_str(c);
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        println!("{}", s.trim_end());
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// Reads a JSON input file; `-` means standard input.
pub fn read_json_file<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::io(path, &e))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?
    };
    Ok(serde_json::from_str(&text)?)
}

/// Picks the wording for the language.
pub fn pick<'a>(lang: Lang, id: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}
