//! `thidua init DIR`: a new site that builds straight away, with the default theme copied in
//! so it can be changed. Never overwrites: DIR must be absent or empty.

use std::fs;
use std::path::Path;

use crate::diagnostic::BuildError;
use crate::render::templates::DEFAULT_THEME;

const SITE_YAML: &str = "title: \"Trang thông tin đợt thi đua\"
description: \"Kết quả và tin tức phong trào thi đua\"
base_url: \"https://example.gov.vn/\"
language: vi
ui_language: vi
theme: default
# Biểu trưng của trang (đầu trang, biểu tượng, ảnh chia sẻ khi gửi đường dẫn qua Zalo, Facebook):
# giao diện có sẵn một biểu trưng trung tính; đặt static/emblem.svg và static/favicon.svg để thay.
menus:
  main:
    - {name: \"Trang chủ\", url: \"@/_index.md\"}
    - {name: \"Tin tức\", url: \"@/tin-tuc/_index.md\"}
";

const HOME: &str = "---
title: \"Trang chủ\"
---

Chào mừng đến với trang thông tin đợt thi đua.
";

const NEWS: &str = "---
title: \"Tin tức\"
sort_by: date
paginate_by: 10
---
";

const FIRST_POST: &str = "---
title: \"Bài viết đầu tiên\"
date: \"2024-01-05\"
description: \"Bài viết mẫu do thidua init tạo ra.\"
tags: [\"Thi đua\"]
---

Đây là bài viết đầu tiên. Sửa tệp `content/tin-tuc/bai-viet-dau-tien.md` để thay nội dung.

<!-- more -->

## Viết bài mới

Tạo một tệp `.md` trong thư mục `content/tin-tuc/`, rồi chạy `thidua build`.
";

/// Creates the site; returns how many files were written.
pub fn create_site(dir: &Path) -> Result<usize, BuildError> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| BuildError::io(dir.display(), e))?
            .next()
            .is_none();
        if !empty {
            return Err(BuildError::usage(crate::msg!(
                "{} already exists and is not empty: choose a new folder",
                dir.display()
            )));
        }
    }
    let files: Vec<(String, &[u8])> = vec![
        ("site.yaml".into(), SITE_YAML.as_bytes()),
        // If the site goes into Git: the build output and thidua's cache are made again by
        // every build and never belong in the history.
        (".gitignore".into(), b"/public/\n/.thidua/\n".as_slice()),
        ("content/_index.md".into(), HOME.as_bytes()),
        ("content/tin-tuc/_index.md".into(), NEWS.as_bytes()),
        (
            "content/tin-tuc/bai-viet-dau-tien.md".into(),
            FIRST_POST.as_bytes(),
        ),
    ];
    let mut theme = Vec::new();
    collect(&DEFAULT_THEME, &mut theme);
    let mut count = 0;
    for (rel, bytes) in files.into_iter().chain(theme) {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| BuildError::io(parent.display(), e))?;
        }
        fs::write(&path, bytes).map_err(|e| BuildError::io(path.display(), e))?;
        count += 1;
    }
    Ok(count)
}

fn collect(dir: &'static include_dir::Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for f in dir.files() {
        out.push((
            format!("themes/default/{}", f.path().to_string_lossy()),
            f.contents(),
        ));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}
