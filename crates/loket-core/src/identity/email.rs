//! The applicant's official email. AMS sends the registration and
//! passphrase links there and accepts only addresses on the Pemda's own
//! domain, so an address is checked against the domain the office has
//! configured (`tapinkab.go.id`) as well as for plain syntax.
//!
//! The syntax check is deliberately the common subset that mail servers of
//! Indonesian government domains accept (ASCII, one `@`, dotted domain), not
//! the full RFC 5322 grammar: an address with quotes or comments would not
//! survive AMS anyway, and the clerk needs to hear which part is wrong.

use crate::i18n::Text;
use crate::t;

/// Characters allowed in the part before `@`, besides letters and digits.
const LOCAL_SPECIALS: &str = ".!#$%&'*+/=?^_`{|}~-";

/// Trims and lower-cases an address and checks it. When `domain` is given
/// (and not blank), the address must be on that domain or one of its
/// subdomains (`dinkes.tapinkab.go.id` is fine for `tapinkab.go.id`). With no
/// domain configured any syntactically valid address passes: the office has
/// not said which domain AMS expects, and guessing would refuse good data.
pub fn check_email(input: &str, domain: Option<&str>) -> Result<String, Text> {
    let address = input.trim().to_lowercase();
    let address = address
        .strip_prefix("mailto:")
        .unwrap_or(&address)
        .to_string();
    if address.is_empty() {
        return Err(t!(
            "Email belum diisi; AMS mengirim tautan pendaftaran ke email dinas pemohon.",
            "The email is empty; AMS sends the registration link to the applicant's official email."
        ));
    }
    if address.chars().any(char::is_whitespace) {
        return Err(t!(
            "Alamat email tidak boleh berisi spasi: \"{address}\".",
            "An email address cannot contain spaces: \"{address}\"."
        ));
    }
    let ats = address.matches('@').count();
    if ats != 1 {
        return Err(t!(
            "Alamat email harus berisi tepat satu tanda @ (contoh: nama@tapinkab.go.id); yang diisi memuat {ats}.",
            "An email address must contain exactly one @ (example: name@tapinkab.go.id); this one has {ats}."
        ));
    }
    let (local, host) = address.split_once('@').unwrap_or((&address, ""));
    check_local(local)?;
    check_host(host)?;

    if let Some(required) = domain
        .map(|d| {
            d.trim()
                .trim_start_matches('@')
                .trim_matches('.')
                .to_lowercase()
        })
        .filter(|d| !d.is_empty())
        && host != required
        && !host.ends_with(&format!(".{required}"))
    {
        return Err(t!(
            "Email {address} bukan email dinas: pemohon harus memakai email dinas @{required}; AMS menolak alamat lain. Jika pemohon belum punya, buatkan dulu email dinasnya.",
            "{address} is not an official email: the applicant must use the office email @{required}; AMS refuses any other address. If the applicant has none, create the official email first."
        ));
    }
    Ok(address)
}

fn check_local(local: &str) -> Result<(), Text> {
    if local.is_empty() {
        return Err(t!(
            "Bagian sebelum tanda @ pada email kosong.",
            "The part of the email before the @ is empty."
        ));
    }
    if let Some(c) = local
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !LOCAL_SPECIALS.contains(*c))
    {
        return Err(t!(
            "Bagian sebelum tanda @ pada email memuat karakter '{c}' yang tidak diterima; pakai huruf tanpa aksen, angka, titik, garis bawah atau tanda hubung.",
            "The part of the email before the @ contains '{c}', which is not accepted; use unaccented letters, digits, dots, underscores or hyphens."
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(t!(
            "Titik pada email tidak boleh di awal atau di akhir bagian sebelum @, dan tidak boleh dua berturut-turut.",
            "A dot in the email cannot start or end the part before the @, nor come twice in a row."
        ));
    }
    if local.len() > 64 {
        let n = local.len();
        return Err(t!(
            "Bagian sebelum tanda @ pada email terlalu panjang ({n} karakter; paling banyak 64).",
            "The part of the email before the @ is too long ({n} characters; at most 64)."
        ));
    }
    Ok(())
}

fn check_host(host: &str) -> Result<(), Text> {
    let labels: Vec<&str> = host.split('.').collect();
    let well_formed = labels.len() >= 2
        && host.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if well_formed {
        Ok(())
    } else if host.is_empty() {
        Err(t!(
            "Bagian sesudah tanda @ pada email kosong; tulis domainnya, misalnya @tapinkab.go.id.",
            "The part of the email after the @ is empty; write the domain, for example @tapinkab.go.id."
        ))
    } else {
        Err(t!(
            "Domain email \"{host}\" tidak valid; domain terdiri atas kata yang dipisah titik, misalnya tapinkab.go.id.",
            "The email domain \"{host}\" is not valid; a domain is words separated by dots, for example tapinkab.go.id."
        ))
    }
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn check(input: &str, domain: Option<&str>, expected: Result<&str, &[&str]>) {
        match (check_email(input, domain), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{input}"),
            (Err(msg), Err(fragments)) => {
                for f in fragments {
                    assert!(msg.id.contains(f), "{input}: {:?} lacks {f:?}", msg.id);
                }
                assert!(!msg.en.is_empty());
            }
            (got, expected) => panic!("{input}: got {got:?}, expected {expected:?}"),
        }
    }

    const TAPIN: Option<&str> = Some("tapinkab.go.id");

    #[test]
    fn accepted() {
        check("budi@tapinkab.go.id", TAPIN, Ok("budi@tapinkab.go.id"));
        check(
            "  Budi.Santoso@TapinKab.go.id ",
            TAPIN,
            Ok("budi.santoso@tapinkab.go.id"),
        );
        check(
            "budi_s-01@tapinkab.go.id",
            TAPIN,
            Ok("budi_s-01@tapinkab.go.id"),
        );
        check(
            "budi+tte@tapinkab.go.id",
            TAPIN,
            Ok("budi+tte@tapinkab.go.id"),
        );
        check(
            "mailto:budi@tapinkab.go.id",
            TAPIN,
            Ok("budi@tapinkab.go.id"),
        );
        // Subdomains of the Pemda's domain.
        check(
            "budi@diskominfo.tapinkab.go.id",
            TAPIN,
            Ok("budi@diskominfo.tapinkab.go.id"),
        );
        // The configured domain may be typed with @ or dots around it.
        check(
            "budi@tapinkab.go.id",
            Some(" @TapinKab.go.id. "),
            Ok("budi@tapinkab.go.id"),
        );
        // No domain configured: any valid address.
        check("budi@gmail.com", None, Ok("budi@gmail.com"));
        check("budi@gmail.com", Some("  "), Ok("budi@gmail.com"));
        check("a@b.co", None, Ok("a@b.co"));
    }

    #[test]
    fn refused() {
        check("", TAPIN, Err(&["Email belum diisi"]));
        check(
            "budi santoso@tapinkab.go.id",
            TAPIN,
            Err(&["tidak boleh berisi spasi"]),
        );
        check(
            "budi.tapinkab.go.id",
            TAPIN,
            Err(&["tepat satu tanda @", "memuat 0"]),
        );
        check("budi@@tapinkab.go.id", TAPIN, Err(&["memuat 2"]));
        check(
            "@tapinkab.go.id",
            TAPIN,
            Err(&["sebelum tanda @", "kosong"]),
        );
        check("budi@", TAPIN, Err(&["sesudah tanda @", "kosong"]));
        check(
            "budi@tapinkab",
            None,
            Err(&["Domain email \"tapinkab\" tidak valid"]),
        );
        check("budi@tapinkab..go.id", None, Err(&["tidak valid"]));
        check("budi@-tapin.go.id", None, Err(&["tidak valid"]));
        check("budi@tapin_kab.go.id", None, Err(&["tidak valid"]));
        check("budi@tapinkab.go.1d", None, Err(&["tidak valid"]));
        check("budi@tapinkab.go.id.", None, Err(&["tidak valid"]));
        check(".budi@tapinkab.go.id", TAPIN, Err(&["Titik"]));
        check("budi.@tapinkab.go.id", TAPIN, Err(&["Titik"]));
        check("bu..di@tapinkab.go.id", TAPIN, Err(&["dua berturut-turut"]));
        check("budí@tapinkab.go.id", TAPIN, Err(&["karakter 'í'"]));
        check("budi,s@tapinkab.go.id", TAPIN, Err(&["karakter ','"]));
        check(
            &format!("{}@tapinkab.go.id", "a".repeat(65)),
            TAPIN,
            Err(&["65 karakter"]),
        );
        // Wrong domain.
        check(
            "budi@gmail.com",
            TAPIN,
            Err(&[
                "budi@gmail.com bukan email dinas",
                "harus memakai email dinas @tapinkab.go.id; AMS menolak alamat lain",
            ]),
        );
        check(
            "budi@tapinkab.go.id.com",
            TAPIN,
            Err(&["bukan email dinas"]),
        );
        check(
            "budi@eviltapinkab.go.id",
            TAPIN,
            Err(&["bukan email dinas"]),
        );
        check("budi@kemkes.go.id", TAPIN, Err(&["bukan email dinas"]));
    }

    #[test]
    fn english_wording() {
        let msg = check_email("budi@gmail.com", TAPIN).unwrap_err();
        assert!(
            msg.en.contains(
                "must use the office email @tapinkab.go.id; AMS refuses any other address"
            ),
            "{}",
            msg.en
        );
    }
}
