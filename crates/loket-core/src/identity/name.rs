//! Names with and without titles. Letters print the full name with its
//! academic and religious titles ("Dr. Ir. H. Ahmad Fauzi, M.Si."); AMS wants
//! the name as on the KTP, without them ("Ahmad Fauzi"). The office types
//! the full name once and the app derives the other.
//!
//! Indonesian convention puts back titles after a comma, so everything after
//! the first comma is a title. Front titles are a short, known list. Back
//! titles typed without a comma ("Budi S.Kom") are recognised only when they
//! carry a dot and match a known title, because a bare word at the end of a
//! name is far more likely to be part of the name.

/// Front titles, compared without dots and case: Prof., Dr./dr., Drs., Dra.,
/// drg., drh., Ir., H. (Haji), Hj. (Hajjah), K.H., Ns. (Ners), apt.
/// (apoteker), Tn., Ny., Nn.
const FRONT_TITLES: [&str; 15] = [
    "prof", "dr", "drs", "dra", "drg", "drh", "ir", "h", "hj", "kh", "ns", "apt", "tn", "ny", "nn",
];

/// Back titles recognised without a comma, compared without dots and case.
const BACK_TITLES: [&str; 59] = [
    "ak", "amk", "apt", "ba", "ca", "llm", "ma", "mag", "map", "mars", "mba", "mds", "mec", "mh",
    "mhum", "mkes", "mkm", "mkn", "mkom", "mm", "mp", "mpa", "mpd", "mpsi", "msc", "msi", "mt",
    "mtp", "ners", "phd", "sag", "sak", "sds", "se", "sei", "sfarm", "sgz", "sh", "shi", "shum",
    "sikom", "sip", "skep", "sked", "skm", "skom", "spd", "spdi", "spsi", "ssi", "ssit", "ssn",
    "ssos", "sst", "sstp", "st", "sth", "ssy", "stp",
];

/// Families of back titles with a variable tail: A.Md.Kep, A.Md.Kom,
/// S.Tr.Kes, Sp.PD, Sp.OG.
const BACK_TITLE_PREFIXES: [&str; 3] = ["amd", "str", "sp"];

/// The name without titles, as AMS wants it: front titles and everything
/// after the first comma removed, trailing dotted titles removed, spaces
/// collapsed. The name's own spelling and case are kept. A name is never
/// stripped to nothing: a lone "H." stays.
pub fn strip_titles(name: &str) -> String {
    split_titles(name).0
}

/// Whether the name carries any title that [`strip_titles`] would remove.
pub fn has_titles(name: &str) -> bool {
    !split_titles(name).1.is_empty()
}

/// The name without titles, and the titles found, in order.
pub(super) fn split_titles(name: &str) -> (String, Vec<String>) {
    let (main, back) = match name.split_once(',') {
        Some((main, back)) => (main, Some(back)),
        None => (name, None),
    };
    let mut tokens: Vec<String> = main.split_whitespace().map(str::to_string).collect();
    let mut front = Vec::new();
    while let Some(first) = tokens.first() {
        if tokens.len() > 1 && is_front_title(first) {
            front.push(tokens.remove(0));
        } else if let Some((title, rest)) = glued_front_title(first) {
            front.push(title);
            tokens[0] = rest;
        } else {
            break;
        }
    }
    let mut trailing = Vec::new();
    while tokens.len() > 1 && tokens.last().is_some_and(|t| is_back_title(t)) {
        if let Some(t) = tokens.pop() {
            trailing.insert(0, t);
        }
    }
    let mut titles = front;
    titles.extend(trailing);
    if let Some(back) = back {
        titles.extend(
            back.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        );
    }
    (tokens.join(" "), titles)
}

fn bare(token: &str) -> String {
    token.replace('.', "").to_lowercase()
}

fn is_front_title(token: &str) -> bool {
    FRONT_TITLES.contains(&bare(token).as_str())
}

/// A front title glued to what follows by its dot: "H.Ahmad", "Dr.Ir.",
/// "K.H.Ahmad". Takes the shortest dotted prefix that is a title, so
/// "Dr.Ir.H.Ahmad" comes apart one title at a time.
fn glued_front_title(token: &str) -> Option<(String, String)> {
    token
        .match_indices('.')
        .map(|(i, _)| token.split_at(i + 1))
        .find(|(prefix, rest)| rest.chars().any(char::is_alphabetic) && is_front_title(prefix))
        .map(|(prefix, rest)| (prefix.to_string(), rest.to_string()))
}

fn is_back_title(token: &str) -> bool {
    if !token.contains('.') {
        return false;
    }
    let b = bare(token);
    BACK_TITLES.contains(&b.as_str())
        || BACK_TITLE_PREFIXES
            .iter()
            .any(|p| b.len() > p.len() && b.starts_with(p))
}

#[cfg(test)]
// Tests fail loudly by design; the workspace has no clippy.toml to allow
// unwrap in tests, so allow it here.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(strip_titles(input), expected, "{input:?}");
        let titled = input.split_whitespace().collect::<Vec<_>>().join(" ") != expected;
        assert_eq!(has_titles(input), titled, "has_titles({input:?})");
    }

    #[test]
    fn strips_titles() {
        check("Wahyudi Pranoto, S.Sos., M.T", "Wahyudi Pranoto");
        check("Dr. Ir. H. Ahmad Fauzi, M.Si.", "Ahmad Fauzi");
        check("Hj. Siti Aminah, S.Pd., M.Pd.", "Siti Aminah");
        check("Ma'rief Mokodompit, S.Kom", "Ma'rief Mokodompit");
        check("Cokro Anainoto, S.I.P., M.Kes", "Cokro Anainoto");
        check("dr. Rina Kartika, Sp.PD", "Rina Kartika");
        check("drg. Rina Kartika", "Rina Kartika");
        check("DRS. BUDI SANTOSO", "BUDI SANTOSO");
        check("drs budi santoso", "budi santoso");
        check("Dra Endang", "Endang");
        check("Prof.Dr.Ir. Bambang Susilo, M.Sc., Ph.D.", "Bambang Susilo");
        check("Prof. Dr. Bambang Susilo, M.Sc., Ph.D.", "Bambang Susilo");
        check("K.H. Ahmad Dahlan", "Ahmad Dahlan");
        check("KH Ahmad Dahlan", "Ahmad Dahlan");
        check("H.Muhammad Ridwan", "Muhammad Ridwan");
        check("H Muhammad Ridwan, SE", "Muhammad Ridwan");
        check("Dr.Ir.H.Ahmad Fauzi", "Ahmad Fauzi");
        check("Ns. Dewi Lestari, S.Kep.", "Dewi Lestari");
        check("apt. Yuni Astuti, S.Farm.", "Yuni Astuti");
        check("Ny. Siti Rahmah", "Siti Rahmah");
        check("Tn. Budi", "Budi");
        check("Ir Soekarno", "Soekarno");
        check("drh. Made Wirawan", "Made Wirawan");
        check("Rini Handayani, A.Md.Kep", "Rini Handayani");
        check("Rini Handayani,A.Md.Kep.", "Rini Handayani");
        check("Ahmad Fauzi, S.E., Ak., CA", "Ahmad Fauzi");
        check("Ahmad Fauzi, S.H., M.H.", "Ahmad Fauzi");
        check("Ahmad Fauzi, A.Md., S.ST.", "Ahmad Fauzi");
        // Back titles without a comma, when they carry a dot.
        check("Ahmad Fauzi S.Kom", "Ahmad Fauzi");
        check("Ahmad Fauzi S.Kom., M.T.", "Ahmad Fauzi");
        check("Yusuf Anwar S.Tr.Kes", "Yusuf Anwar");
        check("DR. H. AHMAD FAUZI, M.SI.", "AHMAD FAUZI");
        check("  Budi    Santoso  ", "Budi Santoso");
    }

    #[test]
    fn keeps_names() {
        check("Budi Santoso", "Budi Santoso");
        check("Hendra Gunawan", "Hendra Gunawan");
        check("Nyoman Sudarsana", "Nyoman Sudarsana");
        check("Irwan Hidayat", "Irwan Hidayat");
        check("Muh. Yusuf", "Muh. Yusuf");
        check("A. Rahman, S.E.", "A. Rahman");
        check("Andi Sitti Rahmah SE", "Andi Sitti Rahmah SE");
        check("I Gusti Ngurah Ṛai", "I Gusti Ngurah Ṛai");
        check("Ni Luh Putu Ayu Saraswati", "Ni Luh Putu Ayu Saraswati");
        check("Đặng Thị Ánh", "Đặng Thị Ánh");
        check("Budi S.", "Budi S.");
        // Never stripped to nothing.
        check("H.", "H.");
        check("Dr", "Dr");
        check("", "");
    }

    #[test]
    fn titles_found_are_listed_in_order() {
        let (name, titles) = split_titles("Dr. Ir. H. Ahmad Fauzi S.Kom, M.Si.");
        assert_eq!(name, "Ahmad Fauzi");
        assert_eq!(titles, ["Dr.", "Ir.", "H.", "S.Kom", "M.Si."]);
    }
}
