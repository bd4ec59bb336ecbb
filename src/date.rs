//! Dates as authors write them, kept in Vietnam's local time (UTC+7, no daylight saving).
//!
//! Front matter and data accept `2023-07-25`, `2023-07-25T08:00`, `2023-07-25 08:00:00` and
//! RFC 3339 with an offset (`2016-01-04T09:15:00+07:00`, `…Z`); anything with an offset is
//! converted to UTC+7 so sorting and display agree. Pure: no clock is read except in [`today`].

use std::fmt;

use jiff::civil;

/// Vietnam's offset from UTC, in seconds.
const VN_OFFSET_SECONDS: i32 = 7 * 3600;

/// A date and time in Vietnam's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(civil::DateTime);

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in an accepted format.
    Format,
    /// The format is right but the day does not exist (2023-02-30).
    Impossible,
}

impl LocalDateTime {
    /// Parses one of the accepted forms.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let s = input.trim();
        let (date_part, time_part) = match s.find(['T', 't', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let date = parse_date(date_part)?;
        let Some(time_part) = time_part else {
            return Ok(LocalDateTime(date.to_datetime(civil::Time::midnight())));
        };
        let (clock, offset) = split_offset(time_part)?;
        let time = parse_time(clock)?;
        let dt = date.to_datetime(time);
        match offset {
            None => Ok(LocalDateTime(dt)),
            Some(seconds) => {
                let shift = jiff::SignedDuration::from_secs(i64::from(VN_OFFSET_SECONDS - seconds));
                dt.checked_add(shift)
                    .map(LocalDateTime)
                    .map_err(|_| DateError::Impossible)
            }
        }
    }

    /// The civil date.
    pub fn date(&self) -> civil::Date {
        self.0.date()
    }

    /// Year, month (1-12), day (1-31).
    pub fn ymd(&self) -> (i16, i8, i8) {
        (self.0.year(), self.0.month(), self.0.day())
    }

    /// Hour and minute.
    pub fn hm(&self) -> (i8, i8) {
        (self.0.hour(), self.0.minute())
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday_from_monday(&self) -> i8 {
        self.0.weekday().to_monday_zero_offset()
    }

    /// RFC 3339 with Vietnam's offset: `2023-07-25T08:00:00+07:00` (for feeds and sitemaps).
    pub fn rfc3339(&self) -> String {
        format!("{}+07:00", self.0.strftime("%Y-%m-%dT%H:%M:%S"))
    }

    /// ISO date: `2023-07-25`.
    pub fn iso_date(&self) -> String {
        self.0.strftime("%Y-%m-%d").to_string()
    }

    /// Formats with strftime-style directives (`%d/%m/%Y`; `%:z` is `+07:00`).
    ///
    /// An unknown directive is an error, not written out as it is (jiff's `strftime` display
    /// is lenient: it would put `%K` in the page).
    pub fn format(&self, fmt: &str) -> Result<String, String> {
        let mut tm = jiff::fmt::strtime::BrokenDownTime::from(self.0);
        tm.set_offset(jiff::tz::Offset::from_seconds(VN_OFFSET_SECONDS).ok());
        tm.to_string(fmt)
            .map_err(|_| format!("bad date format \"{fmt}\""))
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rfc3339())
    }
}

impl serde::Serialize for LocalDateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

fn parse_date(s: &str) -> Result<civil::Date, DateError> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(DateError::Format);
    }
    let y: i16 = digits(y)?;
    let m: i8 = digits(m)?;
    let d: i8 = digits(d)?;
    civil::Date::new(y, m, d).map_err(|_| DateError::Impossible)
}

fn parse_time(s: &str) -> Result<civil::Time, DateError> {
    let parts: Vec<&str> = s.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (*h, *m, "00"),
        [h, m, s] => (*h, *m, s.split('.').next().unwrap_or("00")),
        _ => return Err(DateError::Format),
    };
    if h.len() != 2 || m.len() != 2 || sec.len() != 2 {
        return Err(DateError::Format);
    }
    civil::Time::new(digits(h)?, digits(m)?, digits(sec)?, 0).map_err(|_| DateError::Impossible)
}

/// `08:00:00+07:00` → (`08:00:00`, Some(25200)); `08:00Z` → Some(0); `08:00` → None.
fn split_offset(s: &str) -> Result<(&str, Option<i32>), DateError> {
    if let Some(clock) = s.strip_suffix(['Z', 'z']) {
        return Ok((clock, Some(0)));
    }
    let Some(i) = s.rfind(['+', '-']) else {
        return Ok((s, None));
    };
    let (clock, off) = (&s[..i], &s[i + 1..]);
    let sign = if s.as_bytes()[i] == b'-' { -1 } else { 1 };
    let (oh, om) = off.split_once(':').unwrap_or((off, "00"));
    if oh.len() != 2 || om.len() != 2 {
        return Err(DateError::Format);
    }
    let oh: i32 = digits(oh)?;
    let om: i32 = digits(om)?;
    if oh > 23 || om > 59 {
        return Err(DateError::Impossible);
    }
    Ok((clock, Some(sign * (oh * 3600 + om * 60))))
}

fn digits<T: std::str::FromStr>(s: &str) -> Result<T, DateError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Format);
    }
    s.parse().map_err(|_| DateError::Format)
}

/// Now, in Vietnam's local time.
pub fn now() -> LocalDateTime {
    let utc = jiff::Timestamp::now();
    let offset = jiff::tz::Offset::from_seconds(VN_OFFSET_SECONDS).unwrap_or(jiff::tz::Offset::UTC);
    LocalDateTime(offset.to_datetime(utc))
}

/// Today's date in Vietnam, as `2023-07-25`.
pub fn today() -> String {
    now().iso_date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<String, DateError> {
        LocalDateTime::parse(s).map(|d| d.rfc3339())
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(p("2023-07-25"), Ok("2023-07-25T00:00:00+07:00".into()));
        assert_eq!(
            p("2023-07-25T08:30"),
            Ok("2023-07-25T08:30:00+07:00".into())
        );
        assert_eq!(
            p("2023-07-25 08:30:15"),
            Ok("2023-07-25T08:30:15+07:00".into())
        );
        assert_eq!(
            p("2016-01-04T09:15:00+07:00"),
            Ok("2016-01-04T09:15:00+07:00".into())
        );
        assert_eq!(
            p("2023-07-24T20:00:00Z"),
            Ok("2023-07-25T03:00:00+07:00".into())
        );
        assert_eq!(
            p("2023-07-25T01:00:00-05:00"),
            Ok("2023-07-25T13:00:00+07:00".into())
        );
    }

    #[test]
    fn rejected_forms() {
        assert_eq!(p("30/02/2023"), Err(DateError::Format));
        assert_eq!(p("2023-7-25"), Err(DateError::Format));
        assert_eq!(p("hôm nay"), Err(DateError::Format));
        assert_eq!(p("2023-02-30"), Err(DateError::Impossible));
        assert_eq!(p("2023-13-01"), Err(DateError::Impossible));
        assert_eq!(p("2023-01-01T25:00"), Err(DateError::Impossible));
    }

    #[test]
    fn offsets_keep_their_minutes() {
        // India (+05:30): 08:00 there is 09:30 in Vietnam.
        assert_eq!(
            p("2024-01-05T08:00:00+05:30"),
            Ok("2024-01-05T09:30:00+07:00".into())
        );
        // Newfoundland (-03:30): 08:00 there is 18:30 in Vietnam.
        assert_eq!(
            p("2024-01-05T08:00:00-03:30"),
            Ok("2024-01-05T18:30:00+07:00".into())
        );
        // The widest offset RFC 3339 allows, and lower-case `t` and `z`.
        assert_eq!(
            p("2024-01-05T23:59:00+23:59"),
            Ok("2024-01-05T07:00:00+07:00".into())
        );
        assert_eq!(
            p("2023-07-24t20:00:00z"),
            Ok("2023-07-25T03:00:00+07:00".into())
        );
        // Fractions of a second are dropped.
        assert_eq!(
            p("2023-07-25T08:30:15.250+07:00"),
            Ok("2023-07-25T08:30:15+07:00".into())
        );
    }

    #[test]
    fn times_and_offsets_need_two_digits_and_real_values() {
        for bad in [
            "2023-07-25T8:30",
            "2023-07-25T08:5",
            "2023-07-25T08:30:5",
            "2023-07-25T08",
            "2023-07-25T08:30:00:00",
            "2023-07-25T",
            "2023-07-25T08:30+7:00",
            "2023-07-25T08:30+07:0",
            "2023-07-25T08:30+0700",
            "2023-07-25T08:30+x7:00",
            "2023-07-25T08:30+07:3x",
            "2023-07-25T+1:30",
            "2023-+1-05",
            "2023-07-+5",
            "+123-07-25",
            "2023-07-5",
            "23-07-25",
            "2023-07",
            "2023-07-25-01",
        ] {
            assert_eq!(p(bad), Err(DateError::Format), "{bad}");
        }
        for impossible in [
            "2023-07-25T08:30+24:00",
            "2023-07-25T08:30+25:00",
            "2023-07-25T08:30-07:60",
            "2023-07-25T08:60",
            "2023-07-25T08:30:60",
            // Past the last day that can be written, once moved to Vietnam's time.
            "9999-12-31T23:00:00-05:00",
        ] {
            assert_eq!(p(impossible), Err(DateError::Impossible), "{impossible}");
        }
    }

    #[test]
    fn parts_and_forms() {
        let d = LocalDateTime::parse("2023-07-25T08:30:15").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(d.date(), civil::date(2023, 7, 25));
        assert_eq!(d.ymd(), (2023, 7, 25));
        assert_eq!(d.hm(), (8, 30));
        // 25 July 2023 was a Tuesday.
        assert_eq!(d.weekday_from_monday(), 1);
        assert_eq!(d.iso_date(), "2023-07-25");
        assert_eq!(d.to_string(), "2023-07-25T08:30:15+07:00");
        assert_eq!(
            serde_json::to_string(&d).ok().as_deref(),
            Some("\"2023-07-25T08:30:15+07:00\"")
        );
        assert_eq!(
            d.format("%d/%m/%Y %H:%M"),
            Ok("25/07/2023 08:30".to_string())
        );
        // The offset is known: every date is in Vietnam's time.
        assert_eq!(
            d.format("%Y-%m-%dT%H:%M%:z"),
            Ok("2023-07-25T08:30+07:00".to_string())
        );
        // An unknown directive is an error, not copied into the page.
        assert!(d.format("%K").is_err());
        assert!(d.format("ngày %d %K").is_err());
    }

    #[test]
    fn today_is_the_date_in_vietnam() {
        let vietnam = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
        let before = jiff::Timestamp::now().to_zoned(vietnam.clone()).date();
        let today = today();
        let after = jiff::Timestamp::now().to_zoned(vietnam).date();
        assert!(
            today == before.to_string() || today == after.to_string(),
            "{today} is neither {before} nor {after}"
        );
    }

    #[test]
    fn leap_years() {
        assert!(p("2024-02-29").is_ok());
        assert_eq!(p("2023-02-29"), Err(DateError::Impossible));
    }
}
