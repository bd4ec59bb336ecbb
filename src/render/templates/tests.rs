use super::*;
use crate::messages::Lang;

#[test]
fn a_filter_error_is_said_in_the_readers_language() {
    let failures = Arc::new(Failures::default());
    let mut tera = Tera::new();
    register_filters(&mut tera, &failures);
    tera.add_raw_template("a.html", "{{ \"x\" | date_vi }}")
        .expect("a template");
    let Err(e) = tera.render("a.html", &Context::new()) else {
        panic!("\"x\" is not a date")
    };
    let d = template_error(&e, &HashMap::new(), &failures, Some("content/a.md"));
    assert_eq!(
        d.to_string(),
        "templates/a.html:1:10: template: \"x\" is not a date like 2024-05-31 \
         (while rendering content/a.md)"
    );
    assert_eq!(
        d.render(Lang::Vi),
        "templates/a.html:1:10: template: \"x\" không phải ngày dạng 2024-05-31 \
         (khi dựng content/a.md)"
    );
    // The same mistake again is kept once; another one is kept apart.
    let same = || crate::msg!("\"{}\" is not a date like 2024-05-31", "x");
    let again = failures.error(same()).to_string();
    assert_eq!(failures.said(&again), Some(d.message));
    assert_eq!(failures.error(same()).to_string(), again);
    let other = failures.error(crate::msg!("cached: the templates are not loaded yet"));
    assert_ne!(other.to_string(), again);
}
