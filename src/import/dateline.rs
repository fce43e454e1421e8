//! Datelines: the place, date and agency that open a news agency's first
//! paragraph (`Baku/23.05.20/Turan: …`, `BAKU, May 23 (Reuters) – …`,
//! `МОСКВА, 23 мая. /ТАСС/. …`, `Bakı, 23 may, APA. …`).
//!
//! A dateline is prose: it stays in the paragraph. It is read only for the
//! article's date when the page prints no other, so it lives apart from the
//! header forms in [`super::dates`].

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dates::{MONTH_ANY, date_of, infer_year, month_any};

/// The date a dateline gives, and whether it printed its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub date: NaiveDate,
    /// The year was inferred (the dateline had none).
    pub inferred: bool,
}

const PLACE: &str = r"[\p{Lu}][\p{L}’'. -]{1,30}?";
/// An agency or a dash must close a dateline: `(Reuters) –`, `/ТАСС/.`,
/// `, APA.`, ` –`.
const AGENCY_TAIL: &str = r"(?:\s*\([^)]{1,30}\)\s*[–—:-]?|\s*/[^/]{1,20}/\.?|\s*[–—:-]|[,.]\s*[\p{Lu}][\p{L}.-]{1,20}(?:\s*[–—:.-])?)\s";

static FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let m = MONTH_ANY;
    [
        // Baku/23.05.20/Turan:
        format!(
            r"^{PLACE}\s*/\s*(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}})\s*/\s*[^:/]{{1,30}}:\s"
        ),
        // BAKU, May 23 (Reuters) –   BAKU, May 23, 2020 (Reuters) -
        format!(
            r"^{PLACE},\s+(?P<mon>{m})\s+(?P<d>\d{{1,2}})(?:,\s*(?P<y>\d{{4}}))?{AGENCY_TAIL}"
        ),
        // МОСКВА, 23 мая. /ТАСС/.   Bakı, 23 may, APA.   Baku, 23 May 2020 (Trend) –
        format!(
            r"^{PLACE},\s+(?P<d>\d{{1,2}})\s+(?P<mon>{m})(?:\s+(?P<y>\d{{4}})(?:\s*г\.?)?)?{AGENCY_TAIL}"
        ),
        // Baku, 23.05.2020 (Turan) –
        format!(
            r"^{PLACE},\s+(?P<d>\d{{1,2}})\.(?P<mo>\d{{1,2}})\.(?P<y>\d{{4}}){AGENCY_TAIL}"
        ),
    ]
    .iter()
    .filter_map(|f| Regex::new(f).ok())
    .collect()
});

/// The date of the dateline opening `paragraph`, if it has one. A dateline
/// without a year takes the latest year not after `not_after`; without that
/// it gives no date.
pub(crate) fn dateline(paragraph: &str, not_after: Option<NaiveDate>) -> Option<Dateline> {
    let head: String = paragraph.chars().take(120).collect();
    FORMS.iter().find_map(|re| {
        let c = re.captures(&head)?;
        if c.name("y").is_some() {
            return date_of(&c).map(|date| Dateline {
                date,
                inferred: false,
            });
        }
        let month = month_any(c.name("mon")?.as_str())?;
        let day = c.name("d")?.as_str().parse().ok()?;
        let date = infer_year(month, day, not_after?)?;
        Some(Dateline {
            date,
            inferred: true,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(p: &str, not_after: Option<NaiveDate>) -> Option<String> {
        dateline(p, not_after).map(|d| d.date.to_string())
    }

    #[test]
    fn dateline_forms() {
        let june = NaiveDate::from_ymd_opt(2020, 6, 3);
        assert_eq!(
            date("Baku/23.05.20/Turan: The Armed Forces", None).as_deref(),
            Some("2020-05-23")
        );
        assert_eq!(
            date("BAKU, May 23 (Reuters) – The Armed Forces", june).as_deref(),
            Some("2020-05-23")
        );
        assert_eq!(
            date("BAKU, May 23 (Reuters) – The Armed Forces", None),
            None
        );
        assert_eq!(
            date("BAKU, May 23, 2020 (Reuters) - The", None).as_deref(),
            Some("2020-05-23")
        );
        assert_eq!(
            date("МОСКВА, 23 мая 2020 г. /ТАСС/. Министр", None).as_deref(),
            Some("2020-05-23")
        );
        assert_eq!(
            date("Bakı, 23 may, APA. Azərbaycan", june).as_deref(),
            Some("2020-05-23")
        );
        assert_eq!(
            date("Ankara, 23 Mayıs 2020 (AA) – Türkiye", None).as_deref(),
            Some("2020-05-23")
        );
        for prose in [
            "The month of May is important, May 23 was a day.",
            "During May 18–22, 2020, the Armed Forces",
            "In Baku, May 23 passed quietly.",
        ] {
            assert_eq!(date(prose, june), None, "{prose}");
        }
    }
}
