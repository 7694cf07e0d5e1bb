//! The recap as an Excel workbook: one sheet per section, a bold header row
//! frozen at the top of each, numbers as numbers, dates as dates (so the
//! office can sort, filter and sum), column widths set, and a stacked
//! column chart of requests per month that Excel draws itself.

use super::format::{month_name, report_title};
use super::{OverdueStep, Recap};
use crate::agency::AgencyProfile;
use crate::clock::parse_stamp;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::model::{RequestStatus, RequestType};
use crate::t;
use chrono::{Datelike, NaiveDate, Timelike};
use rust_xlsxwriter::{
    Chart, ChartType, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

/// Excel refuses longer cells.
const MAX_CELL: usize = 32_767;

fn xerr(e: XlsxError) -> Error {
    Error::internal(format!("xlsx: {e}"))
}

/// The sheet names, in order, in `lang`.
pub fn sheet_names(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Id => [
            "Ringkasan",
            "Per Jenis",
            "Per Bulan",
            "Sertifikat",
            "Pencabutan",
            "Waktu Langkah",
            "Terlambat",
        ],
        Lang::En => [
            "Summary",
            "By Type",
            "By Month",
            "Certificates",
            "Revocations",
            "Step Times",
            "Overdue",
        ],
    }
}

struct Formats {
    bold: Format,
    date: Format,
    datetime: Format,
    decimal: Format,
    wrap: Format,
    bold_right: Format,
}

/// Builds the workbook and returns the `.xlsx` bytes.
pub fn recap_workbook(recap: &Recap, agency: &AgencyProfile, lang: Lang) -> Result<Vec<u8>> {
    let f = Formats {
        bold: Format::new().set_bold(),
        date: Format::new().set_num_format("dd/mm/yyyy"),
        datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        decimal: Format::new().set_num_format("0.0"),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        bold_right: Format::new().set_bold().set_align(FormatAlign::Right),
    };
    let names = sheet_names(lang);
    let mut book = Workbook::new();
    let w = Writer { lang, f: &f };
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[0]).map_err(xerr)?;
        w.summary(sheet, recap, agency)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[1]).map_err(xerr)?;
        w.by_type(sheet, recap)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[2]).map_err(xerr)?;
        w.by_month(sheet, recap, names[2])?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[3]).map_err(xerr)?;
        w.certificates(sheet, recap)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[4]).map_err(xerr)?;
        w.revocations(sheet, recap)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[5]).map_err(xerr)?;
        w.step_times(sheet, recap)?;
    }
    {
        let sheet = book.add_worksheet();
        sheet.set_name(names[6]).map_err(xerr)?;
        w.overdue(sheet, recap)?;
    }
    let title = report_title(recap);
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(title.get(lang))
        .set_author("Loket TTE")
        .set_company(agency.dinas.trim());
    book.set_properties(&props);
    book.save_to_buffer().map_err(xerr)
}

struct Writer<'a> {
    lang: Lang,
    f: &'a Formats,
}

fn date_cell(d: NaiveDate) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).map_err(|_| Error::internal("year out of Excel's range"))?,
        d.month() as u8,
        d.day() as u8,
    )
    .map_err(xerr)
}

/// A stored time as Excel shows it: the local clock time it was written
/// with (Excel has no time zones).
fn stamp_cell(s: &str) -> Option<ExcelDateTime> {
    let t = parse_stamp(s)?.naive_local();
    date_cell(t.date())
        .ok()?
        .and_hms(t.hour() as u16, t.minute() as u8, t.second())
        .ok()
}

fn text(s: &str) -> String {
    if s.chars().count() <= MAX_CELL {
        s.to_string()
    } else {
        s.chars().take(MAX_CELL).collect()
    }
}

impl Writer<'_> {
    fn s(&self, text: Text) -> String {
        text.get(self.lang).to_string()
    }

    /// The bold header row, frozen, with column widths.
    fn header(&self, sheet: &mut Worksheet, cols: &[(String, f64)]) -> Result<()> {
        for (c, (name, width)) in cols.iter().enumerate() {
            let c = c as u16;
            sheet
                .write_string_with_format(0, c, name, &self.f.bold)
                .map_err(xerr)?;
            sheet.set_column_width(c, *width).map_err(xerr)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xerr)?;
        Ok(())
    }

    fn num(&self, sheet: &mut Worksheet, r: u32, c: u16, v: i64) -> Result<()> {
        sheet.write_number(r, c, v as f64).map_err(xerr)?;
        Ok(())
    }

    fn str(&self, sheet: &mut Worksheet, r: u32, c: u16, v: &str) -> Result<()> {
        if !v.is_empty() {
            sheet.write_string(r, c, text(v)).map_err(xerr)?;
        }
        Ok(())
    }

    fn date(&self, sheet: &mut Worksheet, r: u32, c: u16, d: NaiveDate) -> Result<()> {
        sheet
            .write_datetime_with_format(r, c, &date_cell(d)?, &self.f.date)
            .map_err(xerr)?;
        Ok(())
    }

    fn stamp(&self, sheet: &mut Worksheet, r: u32, c: u16, s: &str) -> Result<()> {
        match stamp_cell(s) {
            Some(dt) => {
                sheet
                    .write_datetime_with_format(r, c, &dt, &self.f.datetime)
                    .map_err(xerr)?;
                Ok(())
            }
            None => self.str(sheet, r, c, s),
        }
    }

    fn summary(&self, sheet: &mut Worksheet, r: &Recap, a: &AgencyProfile) -> Result<()> {
        self.header(
            sheet,
            &[
                (self.s(t!("Uraian", "Item")), 52.0),
                (self.s(t!("Nilai", "Value")), 26.0),
            ],
        )?;
        let mut row = 1u32;
        let texts = [
            (
                t!("Laporan", "Report"),
                report_title(r).get(self.lang).to_string(),
            ),
            (
                t!("Dinas", "Office"),
                format!("{} {}", a.dinas.trim(), a.pemda.trim()),
            ),
        ];
        for (label, value) in texts {
            self.str(sheet, row, 0, &self.s(label))?;
            self.str(sheet, row, 1, &value)?;
            row += 1;
        }
        let dates = [
            (t!("Periode dari", "Period from"), r.from),
            (t!("Periode sampai", "Period to"), r.to),
            (
                t!("Keadaan sertifikat per tanggal", "Certificates in force on"),
                r.as_of,
            ),
        ];
        for (label, d) in dates {
            self.str(sheet, row, 0, &self.s(label))?;
            self.date(sheet, row, 1, d)?;
            row += 1;
        }
        self.str(sheet, row, 0, &self.s(t!("Dibuat", "Generated")))?;
        self.stamp(sheet, row, 1, &r.generated_at)?;
        row += 1;
        let c = &r.certificates;
        let tot = &r.totals;
        let mut numbers = vec![
            (t!("Permohonan masuk", "Requests received"), tot.created),
            (
                t!(
                    "Permohonan selesai dalam periode",
                    "Requests completed in the period"
                ),
                tot.completed,
            ),
            (
                t!(
                    "Permohonan ditolak dalam periode",
                    "Requests rejected in the period"
                ),
                tot.rejected,
            ),
            (
                t!(
                    "Permohonan dibatalkan dalam periode",
                    "Requests cancelled in the period"
                ),
                tot.cancelled,
            ),
            (t!("Sertifikat terbit", "Certificates issued"), c.issued),
            (t!("Sertifikat dicabut", "Certificates revoked"), c.revoked),
            (t!("Pengguna TTE aktif", "Active TTE users"), c.active),
            (
                t!(
                    "Sertifikat berakhir dalam 30 hari",
                    "Certificates expiring within 30 days"
                ),
                c.expiring,
            ),
            (
                t!("Penyelesaian langkah SOP", "SOP step completions"),
                r.step_completions(),
            ),
            (
                t!(
                    "Langkah selesai melewati standar waktu",
                    "Steps completed over their standard time"
                ),
                r.overdue_done_total,
            ),
        ];
        if let Some(now) = &r.overdue_now {
            numbers.push((
                t!("Langkah sedang terlambat", "Steps overdue now"),
                now.total,
            ));
        }
        for (label, v) in numbers {
            self.str(sheet, row, 0, &self.s(label))?;
            self.num(sheet, row, 1, v)?;
            row += 1;
        }
        Ok(())
    }

    fn by_type(&self, sheet: &mut Worksheet, r: &Recap) -> Result<()> {
        let mut cols = vec![
            (self.s(t!("Jenis", "Type")), 20.0),
            (self.s(t!("Kode", "Code")), 18.0),
            (self.s(t!("Masuk", "Received")), 10.0),
        ];
        for s in RequestStatus::ALL {
            cols.push((self.s(s.label()), 12.0));
        }
        cols.extend([
            (
                self.s(t!("Selesai dalam periode", "Completed in period")),
                14.0,
            ),
            (
                self.s(t!("Ditolak dalam periode", "Rejected in period")),
                14.0,
            ),
            (
                self.s(t!("Dibatalkan dalam periode", "Cancelled in period")),
                14.0,
            ),
        ]);
        self.header(sheet, &cols)?;
        let values = |c: &super::Counts| {
            let mut v = vec![c.created];
            v.extend(RequestStatus::ALL.iter().map(|s| c.with_status(*s)));
            v.extend([c.completed, c.rejected, c.cancelled]);
            v
        };
        let mut row = 1u32;
        for t in &r.by_type {
            self.str(sheet, row, 0, &self.s(t.jenis.label()))?;
            self.str(sheet, row, 1, t.jenis.code())?;
            for (i, v) in values(&t.counts).into_iter().enumerate() {
                self.num(sheet, row, 2 + i as u16, v)?;
            }
            row += 1;
        }
        sheet
            .write_string_with_format(row, 0, self.s(t!("Jumlah", "Total")), &self.f.bold)
            .map_err(xerr)?;
        for (i, v) in values(&r.totals).into_iter().enumerate() {
            sheet
                .write_number_with_format(row, 2 + i as u16, v as f64, &self.f.bold_right)
                .map_err(xerr)?;
        }
        Ok(())
    }

    fn by_month(&self, sheet: &mut Worksheet, r: &Recap, sheet_name: &str) -> Result<()> {
        let mut cols = vec![(self.s(t!("Bulan", "Month")), 14.0)];
        for t in RequestType::ALL {
            cols.push((self.s(t.label()), 14.0));
        }
        cols.extend([
            (self.s(t!("Jumlah", "Total")), 10.0),
            (self.s(t!("Sertifikat terbit", "Certificates issued")), 14.0),
            (
                self.s(t!("Sertifikat dicabut", "Certificates revoked")),
                14.0,
            ),
        ]);
        self.header(sheet, &cols)?;
        for (row, m) in (1u32..).zip(&r.monthly) {
            self.str(sheet, row, 0, &self.s(month_name(m.month)))?;
            let mut c = 1u16;
            for t in RequestType::ALL {
                self.num(sheet, row, c, m.by_type.get(&t).copied().unwrap_or(0))?;
                c += 1;
            }
            for v in [m.total, m.issued, m.revoked] {
                self.num(sheet, row, c, v)?;
                c += 1;
            }
        }
        // Requests per month by type, stacked, drawn by Excel from the
        // cells above (rows 2-13, one series per type).
        let mut chart = Chart::new(ChartType::ColumnStacked);
        let year = r.period.year();
        let chart_title = self.s(t!(
            "Permohonan per bulan {year}",
            "Requests per month {year}"
        ));
        chart.title().set_name(&chart_title);
        for (i, _) in RequestType::ALL.iter().enumerate() {
            let c = 1 + i as u16;
            chart
                .add_series()
                .set_name((sheet_name, 0, c))
                .set_categories((sheet_name, 1, 0, 12, 0))
                .set_values((sheet_name, 1, c, 12, c));
        }
        chart.set_width(720).set_height(360);
        sheet.insert_chart(15, 0, &chart).map_err(xerr)?;
        Ok(())
    }

    fn certificates(&self, sheet: &mut Worksheet, r: &Recap) -> Result<()> {
        self.header(
            sheet,
            &[
                (self.s(t!("Unit kerja", "Work unit")), 56.0),
                (self.s(t!("Pengguna TTE aktif", "Active TTE users")), 18.0),
            ],
        )?;
        let mut row = 1u32;
        for u in &r.active_by_unit {
            self.str(sheet, row, 0, &u.unit_kerja)?;
            self.num(sheet, row, 1, u.active)?;
            row += 1;
        }
        sheet
            .write_string_with_format(row, 0, self.s(t!("Jumlah", "Total")), &self.f.bold)
            .map_err(xerr)?;
        sheet
            .write_number_with_format(row, 1, r.certificates.active as f64, &self.f.bold_right)
            .map_err(xerr)?;
        Ok(())
    }

    fn revocations(&self, sheet: &mut Worksheet, r: &Recap) -> Result<()> {
        let cols = [
            (self.s(t!("Tanggal", "Date")), 12.0),
            (self.s(t!("Nama", "Name")), 32.0),
            ("NIP".to_string(), 21.0),
            (self.s(t!("Unit kerja", "Work unit")), 36.0),
            (self.s(t!("Kode alasan", "Reason code")), 16.0),
            (self.s(t!("Alasan", "Reason")), 34.0),
            (self.s(t!("Kode CRL", "CRL code")), 10.0),
            (self.s(t!("Nama CRL", "CRL name")), 22.0),
            (self.s(t!("Permohonan", "Request")), 17.0),
            (String::new(), 3.0),
            (self.s(t!("Alasan", "Reason")), 30.0),
            (self.s(t!("Kode CRL", "CRL code")), 10.0),
            (self.s(t!("Nama CRL", "CRL name")), 22.0),
            (self.s(t!("Jumlah", "Count")), 10.0),
        ];
        self.header(sheet, &cols)?;
        for (row, x) in (1u32..).zip(&r.revocations) {
            self.date(sheet, row, 0, x.revoked_on)?;
            self.str(sheet, row, 1, &x.nama)?;
            self.str(sheet, row, 2, x.nip.as_deref().unwrap_or(""))?;
            self.str(sheet, row, 3, &x.unit_kerja)?;
            self.str(sheet, row, 4, x.reason.map(|r| r.code()).unwrap_or(""))?;
            self.str(sheet, row, 5, &x.wording)?;
            self.num(sheet, row, 6, i64::from(x.crl))?;
            self.str(sheet, row, 7, &x.crl_name)?;
            self.str(sheet, row, 8, x.nomor.as_deref().unwrap_or(""))?;
        }
        // Count per reason, beside the list.
        for (row, x) in (1u32..).zip(&r.revocation_reasons) {
            let label = x
                .reason
                .map(|r| self.s(r.wording()))
                .unwrap_or_else(|| self.s(t!("(tidak terbaca)", "(unreadable)")));
            self.str(sheet, row, 10, &label)?;
            self.num(sheet, row, 11, i64::from(x.crl))?;
            self.str(sheet, row, 12, &x.crl_name)?;
            self.num(sheet, row, 13, x.count)?;
        }
        Ok(())
    }

    fn step_times(&self, sheet: &mut Worksheet, r: &Recap) -> Result<()> {
        let cols = [
            ("SOP".to_string(), 22.0),
            (self.s(t!("Versi", "Version")), 7.0),
            (self.s(t!("Langkah", "Step")), 8.0),
            (self.s(t!("Kegiatan", "Activity")), 50.0),
            (self.s(t!("Pelaksana", "Actor")), 18.0),
            (self.s(t!("Standar", "Standard")), 12.0),
            (
                self.s(t!("Standar min (menit)", "Standard min (minutes)")),
                12.0,
            ),
            (
                self.s(t!("Standar maks (menit)", "Standard max (minutes)")),
                12.0,
            ),
            (self.s(t!("Jumlah selesai", "Completions")), 11.0),
            (self.s(t!("Rata-rata (menit)", "Average (minutes)")), 12.0),
            (self.s(t!("Terlama (menit)", "Longest (minutes)")), 12.0),
            (self.s(t!("Lewat standar", "Over standard")), 11.0),
        ];
        self.header(sheet, &cols)?;
        let mut row = 1u32;
        for sop in &r.step_times {
            for s in &sop.steps {
                self.str(sheet, row, 0, &sop.sop_id)?;
                self.num(sheet, row, 1, i64::from(sop.version))?;
                self.num(sheet, row, 2, i64::from(s.no))?;
                sheet
                    .write_string_with_format(row, 3, text(&s.activity), &self.f.wrap)
                    .map_err(xerr)?;
                self.str(sheet, row, 4, &s.actor)?;
                self.str(sheet, row, 5, s.time_text.as_deref().unwrap_or("-"))?;
                if let (Some(lo), Some(hi)) = (s.standard_min, s.standard_max) {
                    self.num(sheet, row, 6, i64::from(lo))?;
                    self.num(sheet, row, 7, i64::from(hi))?;
                }
                self.num(sheet, row, 8, s.completions)?;
                if let Some(avg) = s.avg_minutes {
                    sheet
                        .write_number_with_format(row, 9, avg, &self.f.decimal)
                        .map_err(xerr)?;
                }
                if let Some(m) = s.max_minutes.filter(|_| s.completions > 0) {
                    self.num(sheet, row, 10, m)?;
                }
                if s.standard_max.is_some() {
                    self.num(sheet, row, 11, s.over_standard)?;
                }
                row += 1;
            }
        }
        Ok(())
    }

    fn overdue(&self, sheet: &mut Worksheet, r: &Recap) -> Result<()> {
        let cols = [
            (self.s(t!("Keadaan", "State")), 22.0),
            (self.s(t!("Permohonan", "Request")), 17.0),
            (self.s(t!("Jenis", "Type")), 16.0),
            (self.s(t!("Pemohon", "Applicant")), 30.0),
            ("SOP".to_string(), 22.0),
            (self.s(t!("Versi", "Version")), 7.0),
            (self.s(t!("Langkah", "Step")), 8.0),
            (self.s(t!("Kegiatan", "Activity")), 44.0),
            (self.s(t!("Mulai", "Started")), 17.0),
            (self.s(t!("Selesai", "Done")), 17.0),
            (self.s(t!("Waktu (menit)", "Taken (minutes)")), 12.0),
            (
                self.s(t!("Standar maks (menit)", "Standard max (minutes)")),
                12.0,
            ),
            (self.s(t!("Lewat (menit)", "Over (minutes)")), 12.0),
        ];
        self.header(sheet, &cols)?;
        let done = self.s(t!("Selesai melewati standar", "Completed over standard"));
        let waiting = self.s(t!("Sedang terlambat", "Overdue now"));
        let mut rows: Vec<(&str, &OverdueStep)> =
            r.overdue_done.iter().map(|o| (done.as_str(), o)).collect();
        if let Some(now) = &r.overdue_now {
            rows.extend(now.steps.iter().map(|o| (waiting.as_str(), o)));
        }
        for (row, (state, o)) in (1u32..).zip(rows) {
            self.str(sheet, row, 0, state)?;
            self.str(sheet, row, 1, &o.nomor)?;
            self.str(sheet, row, 2, &self.s(o.jenis.label()))?;
            self.str(sheet, row, 3, &o.nama)?;
            self.str(sheet, row, 4, &o.sop_id)?;
            self.num(sheet, row, 5, i64::from(o.sop_version))?;
            self.num(sheet, row, 6, i64::from(o.step_no))?;
            self.str(sheet, row, 7, &o.activity)?;
            self.stamp(sheet, row, 8, &o.started_at)?;
            if let Some(d) = &o.done_at {
                self.stamp(sheet, row, 9, d)?;
            }
            self.num(sheet, row, 10, o.minutes)?;
            self.num(sheet, row, 11, o.standard_max)?;
            self.num(sheet, row, 12, o.over_minutes)?;
        }
        Ok(())
    }
}
