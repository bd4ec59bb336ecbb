//! The `date(format=…)` template filter (docs/templates.md): strftime on Vietnam's local time.

use crate::support::TestSite;

/// Builds one page dated `date` through a page template `template`; returns the page.
fn render(date: &str, template: &str) -> String {
    let s = TestSite::new();
    s.write("templates/page.html", template);
    s.page("content/a.md", &format!("title: A\ndate: {date}"), "");
    s.build();
    s.read("a/index.html")
}

#[test]
fn without_a_format_the_date_is_day_month_year() {
    assert_eq!(
        render("2024-01-05T08:30:00+07:00", "{{ page.date | date }}"),
        "05/01/2024"
    );
}

#[test]
fn the_format_is_strftime() {
    let t =
        "{{ page.date | date(format=\"%Y\") }}|{{ page.date | date(format=\"%H giờ %M, %d/%m\") }}";
    assert_eq!(
        render("2024-01-05T08:30:00+07:00", t),
        "2024|08 giờ 30, 05/01"
    );
}

#[test]
fn the_offset_is_vietnams() {
    assert_eq!(
        render(
            "2024-01-05T08:30:00+07:00",
            "{{ page.date | date(format=\"%Y-%m-%dT%H:%M:%S%:z\") }}"
        ),
        "2024-01-05T08:30:00+07:00"
    );
}

#[test]
fn the_date_is_shown_in_vietnams_time() {
    // 20:00 UTC on 4 January is 03:00 on 5 January in Vietnam (UTC+7).
    assert_eq!(
        render(
            "2024-01-04T20:00:00Z",
            "{{ page.date | date(format=\"%d/%m/%Y %H:%M\") }}"
        ),
        "05/01/2024 03:00"
    );
    // +05:30 keeps its minutes: 08:00 in India is 09:30 in Vietnam.
    assert_eq!(
        render(
            "2024-01-05T08:00:00+05:30",
            "{{ page.date | date(format=\"%H:%M\") }}"
        ),
        "09:30"
    );
}

#[test]
fn a_bad_format_or_a_non_date_fails_the_build_at_the_template() {
    for template in [
        "{{ page.date | date(format=\"%K\") }}",
        "{{ \"31/05/2024\" | date }}",
    ] {
        let s = TestSite::new();
        s.write("templates/page.html", template);
        s.page("content/a.md", "title: A\ndate: 2024-01-05", "");
        let errors = s.build_errors();
        assert_eq!(errors.len(), 1, "{template}: {errors:?}");
        assert!(
            errors[0].starts_with("templates/page.html:1:"),
            "{template}: {errors:?}"
        );
    }
}
