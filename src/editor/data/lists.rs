//! The lists of `honourees.yaml` the room edits (the people and collectives, the decisions):
//! their fields and how each is written.

/// One item as the form holds it: each field's text.
pub(super) type Entry = Vec<(&'static str, String)>;

/// How a field is written.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    /// An id, written plain when it can be.
    Word,
    /// Text, quoted.
    Text,
    /// A number, as typed.
    Number,
    /// A check box.
    Bool,
    /// Ids separated by commas.
    List,
}

/// The fields, in the file's order; `true`: written even when empty.
const FIELDS: [(&str, Kind, bool); 15] = [
    ("id", Kind::Word, true),
    ("decision", Kind::Word, true),
    ("stt", Kind::Number, true),
    ("loai", Kind::Word, true),
    ("ho_ten", Kind::Text, false),
    ("ten", Kind::Text, false),
    ("ten_tap_the", Kind::Text, false),
    ("chuc_vu", Kind::Text, false),
    ("don_vi", Kind::Text, true),
    ("thanh_tich", Kind::Text, true),
    ("hinh_thuc", Kind::Word, true),
    ("tien_thuong_vnd", Kind::Number, false),
    ("anh", Kind::Text, true),
    ("dong_y_dang_anh", Kind::Bool, true),
    ("kpi_links", Kind::List, true),
];

/// The decisions' fields, in the file's order.
const DECISION_FIELDS: [(&str, Kind, bool); 9] = [
    ("id", Kind::Word, true),
    ("so_ky_hieu", Kind::Text, true),
    ("ngay_ban_hanh", Kind::Text, true),
    ("co_quan_ban_hanh", Kind::Text, true),
    ("nguoi_ky_chuc_danh", Kind::Text, false),
    ("trich_yeu", Kind::Text, true),
    ("hinh_thuc", Kind::Word, true),
    ("file", Kind::Text, true),
    ("can_cu_thi_dua", Kind::Word, false),
];

/// A list of `honourees.yaml` the room edits: its key, its fields, its form's address.
#[derive(Clone, Copy)]
pub(super) struct List {
    /// `honourees` or `decisions`.
    pub(super) key: &'static str,
    /// Its fields, in the file's order; `true`: written even when empty.
    pub(super) fields: &'static [(&'static str, Kind, bool)],
    /// The form's address.
    pub(super) form: &'static str,
    /// The change, in the history's words.
    pub(super) what: &'static str,
}

/// The people and collectives.
pub(super) const PEOPLE: List = List {
    key: "honourees",
    fields: &FIELDS,
    form: "/data/honouree",
    what: "khen thưởng",
};

/// The decisions.
pub(super) const DECISIONS: List = List {
    key: "decisions",
    fields: &DECISION_FIELDS,
    form: "/data/decision",
    what: "quyết định khen thưởng",
};
