//! The recap as a document for the letters engine: the office's kop, the
//! title, one section per question the SOPs ask (headings, key-value rows,
//! tables), and the head of office's signature block. The engine wraps,
//! paginates and repeats table headers; nothing here knows about PDF.

use super::format::{format_avg_minutes, format_count, minutes_words, report_title, short_time};
use super::{Recap, RecapPeriod};
use crate::agency::AgencyProfile;
use crate::i18n::{Lang, Text};
use crate::letters::format::{format_nip, group_nip, tanggal};
use crate::letters::{Align, Block, Column, Emblem, LetterDoc, Margins, Signature, Table};
use crate::model::{RequestStatus, RequestType};
use crate::naskah::kop_surat;
use crate::t;

/// At most this many rows of the overdue lists are printed; the Excel file
/// holds every row the recap has.
pub const PDF_DETAIL_ROWS: usize = 100;

/// Body text size of the report: tables of up to nine columns need less
/// than a letter's 12 pt.
const FONT_SIZE: f32 = 10.0;

/// Builds the recap's document in `lang`. `emblem` draws the renderer's
/// emblem in the kop (when the renderer has one).
pub fn recap_document(
    recap: &Recap,
    agency: &AgencyProfile,
    lang: Lang,
    emblem: bool,
) -> LetterDoc {
    let title = report_title(recap).get(lang).to_string();
    let mut b = Builder {
        lang,
        blocks: Vec::new(),
        section: 0,
    };
    let (first, last) = (tanggal(recap.from, lang), tanggal(recap.to, lang));
    let subtitle = t!("Periode {first} sampai {last}", "Period {first} to {last}");
    b.blocks.push(Block::Title {
        text: title.clone(),
        subtitle: Some(subtitle.get(lang).to_string()),
    });
    b.summary(recap);
    b.requests(recap);
    if matches!(recap.period, RecapPeriod::Year { .. }) {
        b.monthly(recap);
    }
    b.certificates(recap);
    b.revocations(recap);
    b.step_times(recap);
    b.overdue(recap);
    b.signature(recap, agency);
    LetterDoc {
        title,
        paper: agency.kertas,
        margins_mm: Margins::default(),
        font_size_pt: FONT_SIZE,
        line_spacing: 1.0,
        kop: Some(kop_surat(agency, emblem.then_some(Emblem::default()))),
        blocks: b.blocks,
        footer: None,
    }
}

struct Builder {
    lang: Lang,
    blocks: Vec<Block>,
    section: u8,
}

fn col(header: String, width_ratio: f32, align: Align) -> Column {
    Column {
        header,
        width_ratio,
        align,
    }
}

impl Builder {
    fn s(&self, text: Text) -> String {
        text.get(self.lang).to_string()
    }

    fn n(&self, v: i64) -> String {
        format_count(v, self.lang)
    }

    fn heading(&mut self, text: Text) {
        let letter = char::from(b'A' + self.section);
        self.section += 1;
        let h = format!("{letter}. {}", self.s(text));
        self.blocks.push(Block::Heading(h));
    }

    fn note(&mut self, text: Text) {
        let text = self.s(text);
        self.blocks.push(Block::Paragraph {
            text,
            indent_first_mm: 0.0,
            justify: false,
        });
    }

    fn table(&mut self, columns: Vec<Column>, rows: Vec<Vec<String>>) {
        self.blocks.push(Block::Table(Table {
            columns,
            rows,
            repeat_header: true,
        }));
    }

    fn type_label(&self, jenis: RequestType) -> String {
        self.s(jenis.label())
    }

    fn summary(&mut self, r: &Recap) {
        let lang = self.lang;
        self.heading(t!("Ringkasan", "Summary"));
        let as_of = tanggal(r.as_of, lang);
        let c = &r.certificates;
        let tot = &r.totals;
        let completions = r.step_completions();
        let mut rows = vec![
            (
                self.s(t!("Permohonan masuk", "Requests received")),
                self.n(tot.created),
            ),
            (
                self.s(t!(
                    "Permohonan selesai dalam periode",
                    "Requests completed in the period"
                )),
                self.n(tot.completed),
            ),
            (
                self.s(t!(
                    "Ditolak / dibatalkan dalam periode",
                    "Rejected / cancelled in the period"
                )),
                format!("{} / {}", self.n(tot.rejected), self.n(tot.cancelled)),
            ),
            (
                self.s(t!("Sertifikat terbit", "Certificates issued")),
                self.n(c.issued),
            ),
            (
                self.s(t!("Sertifikat dicabut", "Certificates revoked")),
                self.n(c.revoked),
            ),
            (self.s(t!("Pengguna TTE aktif", "Active TTE users")), {
                let n = self.n(c.active);
                self.s(t!("{n} (per {as_of})", "{n} (on {as_of})"))
            }),
            (
                self.s(t!(
                    "Sertifikat berakhir dalam 30 hari",
                    "Certificates expiring within 30 days"
                )),
                self.n(c.expiring),
            ),
            (
                self.s(t!(
                    "Langkah selesai melewati standar waktu",
                    "Steps completed over their standard time"
                )),
                {
                    let (over, all) = (self.n(r.overdue_done_total), self.n(completions));
                    self.s(t!(
                        "{over} dari {all} penyelesaian langkah",
                        "{over} of {all} step completions"
                    ))
                },
            ),
        ];
        if let Some(now) = &r.overdue_now {
            let at = short_time(&now.at, lang);
            let n = self.n(now.total);
            rows.push((
                self.s(t!("Langkah sedang terlambat", "Steps overdue now")),
                self.s(t!("{n} (per {at})", "{n} (at {at})")),
            ));
        }
        rows.push((
            self.s(t!("Dibuat", "Generated")),
            short_time(&r.generated_at, lang),
        ));
        self.blocks.push(Block::KeyValue {
            rows,
            indent_mm: 0.0,
        });
    }

    fn requests(&mut self, r: &Recap) {
        self.heading(t!("Permohonan per jenis", "Requests by type"));
        self.note(t!(
            "Permohonan yang masuk dalam periode, menurut statusnya saat laporan dibuat:",
            "Requests received in the period, by their status when the report was made:"
        ));
        let mut columns = vec![
            col(self.s(t!("Jenis", "Type")), 2.4, Align::Left),
            col(self.s(t!("Masuk", "Received")), 1.0, Align::Right),
        ];
        for s in RequestStatus::ALL {
            columns.push(col(self.s(s.label()), 1.1, Align::Right));
        }
        let mut rows: Vec<Vec<String>> = r
            .by_type
            .iter()
            .map(|t| {
                let mut row = vec![self.type_label(t.jenis), self.n(t.counts.created)];
                row.extend(
                    RequestStatus::ALL
                        .iter()
                        .map(|s| self.n(t.counts.with_status(*s))),
                );
                row
            })
            .collect();
        let mut total = vec![self.s(t!("Jumlah", "Total")), self.n(r.totals.created)];
        total.extend(
            RequestStatus::ALL
                .iter()
                .map(|s| self.n(r.totals.with_status(*s))),
        );
        rows.push(total);
        self.table(columns, rows);

        self.note(t!(
            "Permohonan yang berakhir dalam periode (termasuk yang masuk sebelumnya):",
            "Requests that ended in the period (including those received earlier):"
        ));
        let columns = vec![
            col(self.s(t!("Jenis", "Type")), 2.4, Align::Left),
            col(self.s(t!("Selesai", "Completed")), 1.0, Align::Right),
            col(self.s(t!("Ditolak", "Rejected")), 1.0, Align::Right),
            col(self.s(t!("Dibatalkan", "Cancelled")), 1.0, Align::Right),
        ];
        let mut rows: Vec<Vec<String>> = r
            .by_type
            .iter()
            .map(|t| {
                vec![
                    self.type_label(t.jenis),
                    self.n(t.counts.completed),
                    self.n(t.counts.rejected),
                    self.n(t.counts.cancelled),
                ]
            })
            .collect();
        rows.push(vec![
            self.s(t!("Jumlah", "Total")),
            self.n(r.totals.completed),
            self.n(r.totals.rejected),
            self.n(r.totals.cancelled),
        ]);
        self.table(columns, rows);
    }

    fn monthly(&mut self, r: &Recap) {
        let year = r.period.year();
        self.heading(t!(
            "Permohonan per bulan tahun {year}",
            "Requests per month, {year}"
        ));
        let mut columns = vec![col(self.s(t!("Bulan", "Month")), 1.6, Align::Left)];
        for t in RequestType::ALL {
            columns.push(col(self.type_label(t), 1.2, Align::Right));
        }
        columns.push(col(self.s(t!("Jumlah", "Total")), 1.0, Align::Right));
        columns.push(col(self.s(t!("Terbit", "Issued")), 1.0, Align::Right));
        columns.push(col(self.s(t!("Dicabut", "Revoked")), 1.0, Align::Right));
        let mut rows = Vec::new();
        let mut sums = [0i64; 8];
        for m in &r.monthly {
            let mut row = vec![self.s(super::format::month_name(m.month))];
            let mut vals: Vec<i64> = RequestType::ALL
                .iter()
                .map(|t| m.by_type.get(t).copied().unwrap_or(0))
                .collect();
            vals.extend([m.total, m.issued, m.revoked]);
            for (i, v) in vals.iter().enumerate() {
                sums[i] += v;
                row.push(self.n(*v));
            }
            rows.push(row);
        }
        let mut total = vec![self.s(t!("Jumlah", "Total"))];
        total.extend(sums.iter().map(|v| self.n(*v)));
        rows.push(total);
        self.table(columns, rows);
    }

    fn certificates(&mut self, r: &Recap) {
        let lang = self.lang;
        self.heading(t!("Sertifikat elektronik", "Electronic certificates"));
        let c = &r.certificates;
        let as_of = tanggal(r.as_of, lang);
        let until = r
            .as_of
            .checked_add_days(chrono::Days::new(super::EXPIRING_DAYS))
            .map(|d| tanggal(d, lang))
            .unwrap_or_default();
        let rows = vec![
            (
                self.s(t!("Terbit dalam periode", "Issued in the period")),
                self.n(c.issued),
            ),
            (
                self.s(t!("Dicabut dalam periode", "Revoked in the period")),
                self.n(c.revoked),
            ),
            (self.s(t!("Pengguna TTE aktif", "Active TTE users")), {
                let n = self.n(c.active);
                self.s(t!("{n} (per {as_of})", "{n} (on {as_of})"))
            }),
            (
                self.s(t!("Berakhir sampai {until}", "Expiring by {until}")),
                self.n(c.expiring),
            ),
        ];
        self.blocks.push(Block::KeyValue {
            rows,
            indent_mm: 0.0,
        });
        if r.active_by_unit.is_empty() {
            return;
        }
        self.note(t!(
            "Pengguna TTE aktif per unit kerja (unit kerja pegawai saat ini):",
            "Active TTE users per work unit (the person's unit now):"
        ));
        let columns = vec![
            col("No".into(), 0.5, Align::Right),
            col(self.s(t!("Unit kerja", "Work unit")), 5.0, Align::Left),
            col(
                self.s(t!("Pengguna aktif", "Active users")),
                1.4,
                Align::Right,
            ),
        ];
        let mut rows: Vec<Vec<String>> = r
            .active_by_unit
            .iter()
            .enumerate()
            .map(|(i, u)| vec![(i + 1).to_string(), u.unit_kerja.clone(), self.n(u.active)])
            .collect();
        rows.push(vec![
            String::new(),
            self.s(t!("Jumlah", "Total")),
            self.n(c.active),
        ]);
        self.table(columns, rows);
    }

    fn reason_label(&self, reason: Option<crate::model::RevocationReason>) -> String {
        reason
            .map(|r| self.s(r.wording()))
            .unwrap_or_else(|| self.s(t!("(tidak terbaca)", "(unreadable)")))
    }

    fn revocations(&mut self, r: &Recap) {
        let lang = self.lang;
        self.heading(t!("Pencabutan sertifikat", "Certificate revocations"));
        if r.revocations.is_empty() {
            self.note(t!(
                "Tidak ada sertifikat yang dicabut dalam periode ini.",
                "No certificate was revoked in this period."
            ));
            return;
        }
        self.note(t!(
            "Jumlah per alasan, dengan kode alasan CRL (RFC 5280):",
            "Count per reason, with the CRL reason code (RFC 5280):"
        ));
        let columns = vec![
            col(self.s(t!("Alasan", "Reason")), 3.0, Align::Left),
            col(self.s(t!("Kode CRL", "CRL code")), 1.0, Align::Center),
            col(self.s(t!("Nama CRL", "CRL name")), 2.2, Align::Left),
            col(self.s(t!("Jumlah", "Count")), 1.0, Align::Right),
        ];
        let mut rows: Vec<Vec<String>> = r
            .revocation_reasons
            .iter()
            .map(|x| {
                vec![
                    self.reason_label(x.reason),
                    x.crl.to_string(),
                    x.crl_name.clone(),
                    self.n(x.count),
                ]
            })
            .collect();
        rows.push(vec![
            self.s(t!("Jumlah", "Total")),
            String::new(),
            String::new(),
            self.n(r.certificates.revoked),
        ]);
        self.table(columns, rows);
        self.note(t!(
            "Daftar sertifikat yang dicabut:",
            "Certificates revoked:"
        ));
        let columns = vec![
            col("No".into(), 0.5, Align::Right),
            col(self.s(t!("Tanggal", "Date")), 1.5, Align::Left),
            col(self.s(t!("Nama / NIP", "Name / NIP")), 2.8, Align::Left),
            col(self.s(t!("Unit kerja", "Work unit")), 2.2, Align::Left),
            col(self.s(t!("Alasan / CRL", "Reason / CRL")), 2.9, Align::Left),
            col(self.s(t!("Permohonan", "Request")), 2.3, Align::Left),
        ];
        let rows = r
            .revocations
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let who = match x.nip.as_deref().filter(|n| !n.is_empty()) {
                    Some(nip) => format!("{}\n{}", x.nama, group_nip(nip)),
                    None => x.nama.clone(),
                };
                vec![
                    (i + 1).to_string(),
                    tanggal(x.revoked_on, lang),
                    who,
                    x.unit_kerja.clone(),
                    format!("{}\nCRL {} {}", x.wording, x.crl, x.crl_name),
                    x.nomor.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        self.table(columns, rows);
    }

    fn step_times(&mut self, r: &Recap) {
        let lang = self.lang;
        self.heading(t!(
            "Waktu pelaksanaan langkah SOP",
            "Time taken per SOP step"
        ));
        if r.step_times.is_empty() {
            self.note(t!(
                "Tidak ada langkah SOP yang diselesaikan dalam periode ini.",
                "No SOP step was completed in this period."
            ));
            return;
        }
        self.note(t!(
            "Setiap penyelesaian langkah dalam periode dibandingkan dengan standar waktunya; \"Lewat\" menghitung penyelesaian yang lebih lama dari batas atas standar.",
            "Every completion of a step in the period against its standard time; \"Over\" counts completions that took longer than the standard's upper end."
        ));
        for sop in &r.step_times {
            let (id, v, title) = (&sop.sop_id, sop.version, &sop.title);
            self.blocks.push(Block::Heading(
                self.s(t!("{title} ({id} versi {v})", "{title} ({id} version {v})")),
            ));
            let columns = vec![
                col("No".into(), 0.5, Align::Right),
                col(self.s(t!("Kegiatan", "Activity")), 4.2, Align::Left),
                col(self.s(t!("Standar", "Standard")), 1.3, Align::Left),
                col(self.s(t!("Selesai", "Done")), 0.9, Align::Right),
                col(self.s(t!("Rata-rata", "Average")), 1.5, Align::Left),
                col(self.s(t!("Terlama", "Longest")), 1.5, Align::Left),
                col(self.s(t!("Lewat", "Over")), 0.8, Align::Right),
            ];
            let rows = sop
                .steps
                .iter()
                .map(|s| {
                    vec![
                        s.no.to_string(),
                        s.activity.clone(),
                        s.time_text.clone().unwrap_or_else(|| "-".into()),
                        self.n(s.completions),
                        s.avg_minutes
                            .map(|a| format_avg_minutes(a, lang))
                            .unwrap_or_else(|| "-".into()),
                        s.max_minutes
                            .filter(|_| s.completions > 0)
                            .map(|m| minutes_words(m, lang))
                            .unwrap_or_else(|| "-".into()),
                        if s.standard_max.is_some() {
                            self.n(s.over_standard)
                        } else {
                            "-".into()
                        },
                    ]
                })
                .collect();
            self.table(columns, rows);
        }
    }

    fn overdue_columns(&self, started: bool) -> Vec<Column> {
        let mut c = vec![
            col(self.s(t!("Permohonan", "Request")), 2.3, Align::Left),
            col(self.s(t!("Pemohon", "Applicant")), 2.0, Align::Left),
            col(self.s(t!("Langkah", "Step")), 2.8, Align::Left),
        ];
        if started {
            c.push(col(self.s(t!("Mulai", "Started")), 1.5, Align::Left));
        }
        c.extend([
            col(self.s(t!("Standar", "Standard")), 1.2, Align::Left),
            col(self.s(t!("Waktu", "Taken")), 1.4, Align::Left),
            col(self.s(t!("Lewat", "Over")), 1.4, Align::Left),
        ]);
        c
    }

    fn overdue_row(&self, o: &super::OverdueStep, started: bool) -> Vec<String> {
        let lang = self.lang;
        let mut row = vec![
            format!("{}\n{}", o.nomor, self.type_label(o.jenis)),
            o.nama.clone(),
            format!("{}. {}", o.step_no, o.activity),
        ];
        if started {
            row.push(short_time(&o.started_at, lang));
        }
        row.extend([
            minutes_words(o.standard_max, lang),
            minutes_words(o.minutes, lang),
            minutes_words(o.over_minutes, lang),
        ]);
        row
    }

    fn overdue(&mut self, r: &Recap) {
        self.heading(t!(
            "Langkah yang melewati standar waktu",
            "Steps over their standard time"
        ));
        let total = self.n(r.overdue_done_total);
        if r.overdue_done.is_empty() {
            self.note(t!(
                "Tidak ada langkah yang selesai melewati standar waktu dalam periode ini.",
                "No step completed in this period took longer than its standard."
            ));
        } else {
            let shown = r.overdue_done.len().min(PDF_DETAIL_ROWS);
            let shown_s = self.n(shown as i64);
            if (shown as i64) < r.overdue_done_total {
                self.note(t!(
                    "{total} penyelesaian langkah melewati standar; {shown_s} yang paling lama ditampilkan (daftar lengkap ada di berkas Excel).",
                    "{total} step completions took longer than their standard; the {shown_s} longest are shown (the Excel file has the full list)."
                ));
            } else {
                self.note(t!(
                    "{total} penyelesaian langkah melewati standar:",
                    "{total} step completions took longer than their standard:"
                ));
            }
            let rows = r
                .overdue_done
                .iter()
                .take(PDF_DETAIL_ROWS)
                .map(|o| self.overdue_row(o, false))
                .collect();
            self.table(self.overdue_columns(false), rows);
        }
        let Some(now) = &r.overdue_now else { return };
        let at = short_time(&now.at, self.lang);
        if now.steps.is_empty() {
            self.note(t!(
                "Per {at} tidak ada langkah yang sedang terlambat.",
                "At {at} no step is overdue."
            ));
            return;
        }
        let n = self.n(now.total);
        self.note(t!(
            "Per {at}, {n} permohonan menunggu pada langkah yang sudah melewati standar waktunya:",
            "At {at}, {n} requests wait on a step past its standard time:"
        ));
        let rows = now
            .steps
            .iter()
            .take(PDF_DETAIL_ROWS)
            .map(|o| self.overdue_row(o, true))
            .collect();
        self.table(self.overdue_columns(true), rows);
    }

    fn signature(&mut self, r: &Recap, a: &AgencyProfile) {
        let k = &a.kepala;
        if k.nama.trim().is_empty() {
            return;
        }
        let date = crate::clock::parse_stamp(&r.generated_at)
            .map(|t| t.date_naive())
            .unwrap_or(r.as_of);
        let place = a.kota.trim();
        let day = tanggal(date, self.lang);
        self.blocks.push(Block::Signature(Signature {
            place_date: Some(if place.is_empty() {
                day
            } else {
                format!("{place}, {day}")
            }),
            lines_above: vec![format!("{},", k.jabatan.trim())],
            space_mm: 22.0,
            name: k.nama.trim().to_string(),
            pangkat: Some(k.pangkat.trim().to_string()).filter(|p| !p.is_empty()),
            nip: Some(format_nip(&k.nip)).filter(|n| !n.is_empty()),
            position: Default::default(),
            text_align: Align::Center,
        }));
    }
}
