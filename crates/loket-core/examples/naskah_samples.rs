//! Makes one letter of every kind from requests walked through Tapin's SOPs
//! (and a collective recommendation for 60 applicants), exactly as the app
//! does, and copies the PDFs into a folder so a person can look at them:
//!
//! ```text
//! cargo run -p loket-core --example naskah_samples -- [output folder]
//! pdftoppm -r 60 -png <folder>/rekomendasi_penerbitan.pdf <folder>/rekomendasi
//! ```

#[path = "../tests/fixtures/letters/sample.rs"]
mod sample;

use loket_core::lifecycle::StepAction;
use loket_core::model::Role;
use loket_core::naskah::{LetterOrder, Superior};
use loket_core::requests::RequestForm;
use loket_core::sop::{ActorRole, LetterKind};
use loket_core::testing::{caller, office, person};
use loket_core::{Caller, Loket};
use std::path::PathBuf;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn submit(loket: &Loket, by: &Caller, jenis: &str, i: usize, nama: Option<&str>) -> Res<String> {
    let mut p = person(i);
    if let Some(n) = nama {
        p.nama = Some(n.to_string());
    }
    Ok(loket
        .submit_request(
            by,
            &RequestForm {
                jenis: Some(jenis.into()),
                alasan: (jenis == "pencabutan").then(|| "mutasi".into()),
                alasan_teks: (jenis == "pencabutan")
                    .then(|| "Pindah tugas ke Pemerintah Provinsi Kalimantan Selatan".into()),
                person: Some(p),
                ..RequestForm::default()
            },
        )?
        .nomor)
}

/// Completes every step as the actor would, with a note.
fn finish(loket: &Loket, verif: &Caller, head: &Caller, nomor: &str) -> Res<()> {
    let notes = [
        "Mohon diteliti kelengkapan berkasnya dan diproses sesuai SOP.",
        "Berkas lengkap, diteruskan untuk diinput ke AMS.",
        "Selesai.",
    ];
    for round in 0..40 {
        let v = loket.request_view(verif, nomor)?;
        let Some(cur) = v.current.as_ref() else {
            return Ok(());
        };
        let step = &v.steps[(cur.no - 1) as usize];
        let by = if step.actor_role == ActorRole::Pimpinan {
            head
        } else {
            verif
        };
        for kind in &cur.missing_documents {
            let name = format!("{} {}.pdf", kind.label().id, v.person.data.nama_tanpa_gelar);
            loket.attach_bytes(verif, nomor, &name, &loket_core::testing::pdf(2000), *kind)?;
        }
        loket.act_on_step(
            by,
            nomor,
            &StepAction {
                step: Some(cur.no),
                condition: cur.needs_condition.then_some(false),
                checklist: step.requirements.clone(),
                note: Some(notes[round.min(notes.len() - 1)].into()),
                ..StepAction::default()
            },
        )?;
    }
    Ok(())
}

fn main() -> Res<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "naskah-samples".to_string()),
    );
    std::fs::create_dir_all(&out)?;
    let data = out.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data)?;
    }
    let (loket, admin) = office(&data);
    loket.set_emblem(&admin, &sample::emblem_png())?;
    let verif = caller(&loket, Role::Verifikator);
    let head = caller(&loket, Role::Pimpinan);
    let applicant = caller(&loket, Role::Pemohon);

    let penerbitan = submit(
        &loket,
        &applicant,
        "penerbitan",
        7,
        Some("Dr. Siti Ma’rifah Noorhayati, S.Kom., M.T."),
    )?;
    let pencabutan = submit(&loket, &verif, "pencabutan", 3, None)?;
    finish(&loket, &verif, &head, &penerbitan)?;
    finish(&loket, &verif, &head, &pencabutan)?;
    let many: Vec<String> = (100..160)
        .map(|i| submit(&loket, &verif, "penerbitan", i, None))
        .collect::<Res<_>>()?;

    let mut orders: Vec<(&str, LetterOrder)> = Vec::new();
    let one = |kind: LetterKind, r: &str| LetterOrder {
        kind: Some(kind),
        requests: vec![r.to_string()],
        ..LetterOrder::default()
    };
    orders.push((
        "permohonan_penerbitan",
        one(LetterKind::PermohonanPenerbitan, &penerbitan),
    ));
    orders.push((
        "permohonan_pencabutan",
        one(LetterKind::PermohonanPencabutan, &pencabutan),
    ));
    orders.push((
        "keterangan_pencabutan",
        LetterOrder {
            atasan: Some(Superior {
                nama: "H. Gusti Rahmadi Akbar, S.Sos., M.Si.".into(),
                nip: "196805061994031007".into(),
                jabatan: "Kepala Bagian Umum".into(),
            }),
            ..one(LetterKind::KeteranganPencabutan, &pencabutan)
        },
    ));
    orders.push((
        "rekomendasi_penerbitan",
        one(LetterKind::RekomendasiPenerbitan, &penerbitan),
    ));
    orders.push((
        "rekomendasi_pencabutan",
        one(LetterKind::RekomendasiPencabutan, &pencabutan),
    ));
    orders.push(("disposisi", one(LetterKind::Disposisi, &penerbitan)));
    orders.push(("tanda_terima", one(LetterKind::TandaTerima, &penerbitan)));
    orders.push((
        "pemberitahuan_terbit",
        one(LetterKind::Pemberitahuan, &penerbitan),
    ));
    orders.push((
        "pemberitahuan_cabut",
        one(LetterKind::Pemberitahuan, &pencabutan),
    ));
    orders.push((
        "rekomendasi_kolektif",
        LetterOrder {
            kind: Some(LetterKind::RekomendasiPenerbitan),
            requests: many,
            ..LetterOrder::default()
        },
    ));
    for (name, order) in orders {
        let made = loket.generate_letter(&verif, &order)?;
        let dest = out.join(format!("{name}.pdf"));
        std::fs::copy(&made.path, &dest)?;
        println!(
            "{} ({} pages, {} bytes) {}",
            dest.display(),
            made.version.pages,
            made.version.size,
            made.letter.nomor.as_deref().unwrap_or("(tanpa nomor)")
        );
    }
    Ok(())
}
