//! `loket report`: the monthly and yearly recap as PDF or Excel, or printed.

use crate::Ctx;
use crate::out;
use crate::out::pick;
use clap::Subcommand;
use loket_core::model::{RequestStatus, RequestType};
use loket_core::reports::{Recap, RecapPeriod, format_avg_minutes, format_count, report_title};
use loket_core::sop::format_minutes;
use loket_core::{Caller, Error, Lang, Text};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ReportCmd {
    /// Write the recap of one month to FILE: .pdf or .xlsx.
    Monthly {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        month: u32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the recap of one year to FILE: .pdf or .xlsx.
    Yearly {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print the recap of a year, or of one month with --month.
    Show {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        month: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: ReportCmd) -> Result<ExitCode, Error> {
    let caller = Caller::cli();
    match cmd {
        ReportCmd::Monthly { year, month, out } => {
            export(ctx, &caller, RecapPeriod::Month { year, month }, out)
        }
        ReportCmd::Yearly { year, out } => export(ctx, &caller, RecapPeriod::Year { year }, out),
        ReportCmd::Show { year, month, json } => {
            let period = match month {
                Some(month) => RecapPeriod::Month { year, month },
                None => RecapPeriod::Year { year },
            };
            period.check()?;
            let loket = ctx.open()?;
            let recap = loket.recap(&caller, &period)?;
            if json {
                out::json(&recap)?;
            } else {
                print_recap(&recap, ctx.lang);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn export(
    ctx: &Ctx,
    caller: &Caller,
    period: RecapPeriod,
    file: PathBuf,
) -> Result<ExitCode, Error> {
    period.check()?;
    let loket = ctx.open()?;
    let done = loket.export_report(caller, &period, ctx.lang, &file)?;
    let path = done.path.display();
    let label = period.label();
    let (id, en) = (&label.id, &label.en);
    let kb = format!("{:.0}", done.bytes as f64 / 1000.0);
    println!(
        "{}",
        Text::new(
            format!("Rekapitulasi {id} ditulis ke {path} ({kb} KB)"),
            format!("The {en} recap was written to {path} ({kb} KB)"),
        )
        .get(ctx.lang)
    );
    Ok(ExitCode::SUCCESS)
}

fn heading(title: &str) {
    println!();
    println!("{}", title.to_uppercase());
}

fn print_recap(r: &Recap, lang: Lang) {
    let n = |v: i64| format_count(v, lang);
    let s = |t: Text| t.get(lang).to_string();
    println!("{}", report_title(r).get(lang));
    let (from, to, as_of) = (r.from, r.to, r.as_of);
    println!(
        "{}",
        s(Text::new(
            format!(
                "Periode {from} s.d. {to}; sertifikat per {as_of}; dibuat {}",
                r.generated_at
            ),
            format!(
                "Period {from} to {to}; certificates on {as_of}; generated {}",
                r.generated_at
            ),
        ))
    );

    heading(pick(lang, "Permohonan", "Requests"));
    let mut headers = vec![pick(lang, "JENIS", "TYPE"), pick(lang, "MASUK", "RECEIVED")];
    let status_heads: Vec<String> = RequestStatus::ALL
        .iter()
        .map(|st| st.label().get(lang).to_uppercase())
        .collect();
    headers.extend(status_heads.iter().map(String::as_str));
    headers.extend([
        pick(lang, "SELESAI*", "COMPLETED*"),
        pick(lang, "DITOLAK*", "REJECTED*"),
        pick(lang, "DIBATALKAN*", "CANCELLED*"),
    ]);
    let counts_row = |label: String, c: &loket_core::reports::Counts| {
        let mut row = vec![label, n(c.created)];
        row.extend(RequestStatus::ALL.iter().map(|st| n(c.with_status(*st))));
        row.extend([n(c.completed), n(c.rejected), n(c.cancelled)]);
        row
    };
    let mut rows: Vec<Vec<String>> = r
        .by_type
        .iter()
        .map(|t| counts_row(s(t.jenis.label()), &t.counts))
        .collect();
    rows.push(counts_row(pick(lang, "Jumlah", "Total").into(), &r.totals));
    out::table(&headers, &rows);
    println!(
        "{}",
        pick(
            lang,
            "* berakhir dalam periode, termasuk permohonan yang masuk sebelumnya",
            "* ended in the period, including requests received earlier"
        )
    );

    if matches!(r.period, RecapPeriod::Year { .. }) {
        heading(pick(lang, "Per bulan", "Per month"));
        let type_heads: Vec<String> = RequestType::ALL
            .iter()
            .map(|t| t.label().get(lang).to_uppercase())
            .collect();
        let mut headers = vec![pick(lang, "BULAN", "MONTH")];
        headers.extend(type_heads.iter().map(String::as_str));
        headers.extend([
            pick(lang, "JUMLAH", "TOTAL"),
            pick(lang, "TERBIT", "ISSUED"),
            pick(lang, "DICABUT", "REVOKED"),
        ]);
        let rows: Vec<Vec<String>> = r
            .monthly
            .iter()
            .map(|m| {
                let mut row = vec![format!("{:02}", m.month)];
                row.extend(
                    RequestType::ALL
                        .iter()
                        .map(|t| n(m.by_type.get(t).copied().unwrap_or(0))),
                );
                row.extend([n(m.total), n(m.issued), n(m.revoked)]);
                row
            })
            .collect();
        out::table(&headers, &rows);
    }

    heading(pick(lang, "Sertifikat", "Certificates"));
    let c = &r.certificates;
    for (label, v) in [
        (
            Text::new("Terbit dalam periode", "Issued in the period"),
            c.issued,
        ),
        (
            Text::new("Dicabut dalam periode", "Revoked in the period"),
            c.revoked,
        ),
        (
            Text::new(
                format!("Pengguna TTE aktif per {as_of}"),
                format!("Active TTE users on {as_of}"),
            ),
            c.active,
        ),
        (
            Text::new("Berakhir dalam 30 hari", "Expiring within 30 days"),
            c.expiring,
        ),
    ] {
        println!("{}: {}", s(label), n(v));
    }
    if !r.active_by_unit.is_empty() {
        let rows: Vec<Vec<String>> = r
            .active_by_unit
            .iter()
            .map(|u| vec![n(u.active), u.unit_kerja.clone()])
            .collect();
        out::table(
            &[
                pick(lang, "AKTIF", "ACTIVE"),
                pick(lang, "UNIT KERJA", "WORK UNIT"),
            ],
            &rows,
        );
    }

    heading(pick(lang, "Pencabutan", "Revocations"));
    if r.revocations.is_empty() {
        println!("{}", pick(lang, "Tidak ada.", "None."));
    } else {
        let rows: Vec<Vec<String>> = r
            .revocation_reasons
            .iter()
            .map(|x| {
                vec![
                    n(x.count),
                    x.reason.map(|r| r.code()).unwrap_or("?").to_string(),
                    format!("{} {}", x.crl, x.crl_name),
                ]
            })
            .collect();
        out::table(
            &[
                pick(lang, "JUMLAH", "COUNT"),
                pick(lang, "ALASAN", "REASON"),
                "CRL",
            ],
            &rows,
        );
        println!();
        let rows: Vec<Vec<String>> = r
            .revocations
            .iter()
            .map(|x| {
                vec![
                    x.revoked_on.to_string(),
                    x.nomor.clone().unwrap_or_else(|| "-".into()),
                    x.nip.clone().unwrap_or_default(),
                    x.nama.clone(),
                    x.reason.map(|r| r.code()).unwrap_or("?").to_string(),
                    format!("{} {}", x.crl, x.crl_name),
                ]
            })
            .collect();
        out::table(
            &[
                pick(lang, "TANGGAL", "DATE"),
                pick(lang, "PERMOHONAN", "REQUEST"),
                "NIP",
                pick(lang, "NAMA", "NAME"),
                pick(lang, "ALASAN", "REASON"),
                "CRL",
            ],
            &rows,
        );
    }

    heading(pick(lang, "Waktu langkah SOP", "SOP step times"));
    if r.step_times.is_empty() {
        println!(
            "{}",
            pick(lang, "Tidak ada langkah selesai.", "No step completed.")
        );
    }
    let dash = || "-".to_string();
    for sop in &r.step_times {
        println!("{} v{} — {}", sop.sop_id, sop.version, sop.title);
        let rows: Vec<Vec<String>> = sop
            .steps
            .iter()
            .map(|st| {
                vec![
                    st.no.to_string(),
                    st.time_text.clone().unwrap_or_else(dash),
                    n(st.completions),
                    st.avg_minutes
                        .map(|a| format_avg_minutes(a, lang))
                        .unwrap_or_else(dash),
                    st.max_minutes
                        .filter(|_| st.completions > 0)
                        .map(|m| format_minutes(m.max(0) as u32, lang))
                        .unwrap_or_else(dash),
                    if st.standard_max.is_some() {
                        n(st.over_standard)
                    } else {
                        dash()
                    },
                    st.activity.clone(),
                ]
            })
            .collect();
        out::table(
            &[
                "NO",
                pick(lang, "STANDAR", "STANDARD"),
                pick(lang, "SELESAI", "DONE"),
                pick(lang, "RATA-RATA", "AVERAGE"),
                pick(lang, "TERLAMA", "LONGEST"),
                pick(lang, "LEWAT", "OVER"),
                pick(lang, "KEGIATAN", "ACTIVITY"),
            ],
            &rows,
        );
    }

    heading(pick(
        lang,
        "Melewati standar waktu",
        "Over the standard time",
    ));
    let (over, all) = (n(r.overdue_done_total), n(r.step_completions()));
    println!(
        "{}",
        s(Text::new(
            format!("{over} dari {all} penyelesaian langkah"),
            format!("{over} of {all} step completions"),
        ))
    );
    let overdue_rows = |list: &[loket_core::reports::OverdueStep]| -> Vec<Vec<String>> {
        list.iter()
            .map(|o| {
                vec![
                    o.nomor.clone(),
                    format!("{} v{} #{}", o.sop_id, o.sop_version, o.step_no),
                    format_minutes(o.standard_max.max(0) as u32, lang),
                    format_minutes(o.minutes.max(0) as u32, lang),
                    format_minutes(o.over_minutes.max(0) as u32, lang),
                ]
            })
            .collect()
    };
    let heads = [
        pick(lang, "PERMOHONAN", "REQUEST"),
        pick(lang, "LANGKAH", "STEP"),
        pick(lang, "STANDAR", "STANDARD"),
        pick(lang, "WAKTU", "TAKEN"),
        pick(lang, "LEWAT", "OVER"),
    ];
    if !r.overdue_done.is_empty() {
        out::table(&heads, &overdue_rows(&r.overdue_done));
    }
    if let Some(now) = &r.overdue_now {
        let (total, at) = (n(now.total), &now.at);
        println!();
        println!(
            "{}",
            s(Text::new(
                format!("Sedang terlambat per {at}: {total}"),
                format!("Overdue now at {at}: {total}"),
            ))
        );
        if !now.steps.is_empty() {
            out::table(&heads, &overdue_rows(&now.steps));
        }
    }
}
