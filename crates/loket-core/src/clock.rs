//! Time as the office sees it. Tests and the CLI's `--at` fix the clock so
//! that time standards, renewal windows and numbering are reproducible.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone};

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System => Local::now().fixed_offset(),
            Clock::Fixed(t) => *t,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

/// Formats a timestamp the way the database stores it: RFC 3339 with the
/// local offset, to the second.
pub fn stamp(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Reads a timestamp written by [`stamp`].
pub fn parse_stamp(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok()
}

/// Reads a time given by a person or a script: RFC 3339, `YYYY-MM-DD HH:MM`,
/// `YYYY-MM-DDTHH:MM` or a bare date (midnight), in the local zone when no
/// offset is written.
pub fn parse_user_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let naive = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_times_in_several_shapes() {
        for s in [
            "2026-11-21T08:30:00+08:00",
            "2026-11-21 08:30",
            "2026-11-21T08:30",
            "2026-11-21",
        ] {
            let t = parse_user_time(s).unwrap_or_else(|| panic!("{s} not read"));
            assert_eq!(
                t.date_naive(),
                NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
            );
        }
        assert!(parse_user_time("kemarin").is_none());
        assert!(parse_user_time("2026-13-01").is_none());
    }

    #[test]
    fn stamp_round_trips() {
        let t = parse_user_time("2026-11-21T08:30:00+07:00").unwrap();
        assert_eq!(parse_stamp(&stamp(t)), Some(t));
    }
}
