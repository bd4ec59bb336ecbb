//! Tables as data: CSV and spreadsheet files (tables/), indicators from tables
//! (campaign/results/from_table.rs), `thidua data import` (campaign/results/import.rs, cli/data.rs).

/// English sentence → Vietnamese sentence; `{}` are the varying parts, in the same order.
pub const ENTRIES: &[(&str, &str)] = &[
    // Reading a table (tables/).
    (
        "the table is {} MB; thidua reads tables up to {} MB",
        "bảng dài {} MB; thidua chỉ đọc bảng đến {} MB",
    ),
    (
        "export only the rows and columns the site needs, or split the file by year",
        "hãy chỉ xuất những dòng, cột trang web cần, hoặc tách tệp theo năm",
    ),
    ("the table has more than {} cells", "bảng có hơn {} ô"),
    (
        "the sheet \"{}\" has a value in column {}; thidua reads up to {} columns",
        "trang tính \"{}\" có giá trị ở cột {}; thidua chỉ đọc đến {} cột",
    ),
    (
        "cannot be read as CSV: {}",
        "không đọc được dưới dạng CSV: {}",
    ),
    (
        "cannot be read as a spreadsheet: {}",
        "không đọc được dưới dạng bảng tính: {}",
    ),
    (
        "open it in Excel and save it again as .xlsx",
        "hãy mở bằng Excel rồi lưu lại dưới dạng .xlsx",
    ),
    (
        "the file says it is UTF-16 but holds bytes that are not",
        "tệp ghi là UTF-16 nhưng có những byte không phải UTF-16",
    ),
    (
        "the file looks like UTF-16 without its byte order mark",
        "tệp có vẻ là UTF-16 nhưng thiếu dấu thứ tự byte (BOM)",
    ),
    (
        "save it again from Excel as \"CSV UTF-8\"",
        "hãy mở bằng Excel rồi lưu lại với kiểu \"CSV UTF-8\"",
    ),
    ("the table is empty", "bảng không có dữ liệu"),
    (
        "put the columns' names in the first row, and the figures under them",
        "hãy ghi tên các cột ở dòng đầu, số liệu ở các dòng dưới",
    ),
    (
        "no header row: the first row holds the value \"{}\", not a column's name",
        "thiếu dòng tiêu đề: dòng đầu có giá trị \"{}\", không phải tên cột",
    ),
    (
        "add a first row that names each column, e.g. \"Đơn vị\", \"Tháng\", \"Đã giải quyết\"",
        "hãy thêm một dòng đầu ghi tên từng cột, ví dụ \"Đơn vị\", \"Tháng\", \"Đã giải quyết\"",
    ),
    (
        "column {} has values but no name in the header row",
        "cột {} có số liệu nhưng chưa có tên ở dòng tiêu đề",
    ),
    (
        "write the column's name in the header row",
        "hãy ghi tên cột ở dòng tiêu đề",
    ),
    ("two columns are named \"{}\"", "có hai cột cùng tên \"{}\""),
    (
        "give each column its own name",
        "hãy đặt cho mỗi cột một tên riêng",
    ),
    (
        "\"{}\" is not a number, in the column of numbers \"{}\"",
        "\"{}\" không phải là số, trong cột số liệu \"{}\"",
    ),
    (
        "write the figure, or leave the cell empty if there is none",
        "hãy ghi số liệu, hoặc để trống ô nếu không có",
    ),
    (
        "the column \"{}\" can be read two ways: \"{}\" is {} with dots between thousands, or {} with a decimal point",
        "cột \"{}\" đọc được theo hai cách: \"{}\" là {} nếu dấu chấm ngăn cách hàng nghìn, hoặc {} nếu dấu chấm là dấu thập phân",
    ),
    (
        "write the numbers of the whole column without dots between thousands (1260), or with a decimal comma (1,26)",
        "hãy viết số của cả cột không có dấu chấm ngăn cách hàng nghìn (1260), hoặc dùng dấu phẩy thập phân (1,26)",
    ),
    (
        "the column \"{}\" mixes two ways of writing numbers: \"{}\" and \"{}\"",
        "cột \"{}\" viết số theo hai cách khác nhau: \"{}\" và \"{}\"",
    ),
    (
        "write every number of the column the same way, e.g. 1234,5 or 1234.5",
        "hãy viết mọi số trong cột theo cùng một cách, ví dụ 1234,5 hoặc 1234.5",
    ),
    ("numbers", "số"),
    ("dates", "ngày tháng"),
    ("empty", "trống"),
    // Figures taken from a table (campaign/results/from_table.rs).
    (
        "\"{}\" and \"from_table\" both give the figures",
        "cả \"{}\" và \"from_table\" đều ghi số liệu",
    ),
    (
        "remove \"{}\": the figures come from the table",
        "hãy bỏ \"{}\": số liệu được lấy từ bảng",
    ),
    (
        "there is no table \"{}\" in content/_data/",
        "không có bảng \"{}\" trong content/_data/",
    ),
    (
        "the table {} has no column \"{}\"",
        "bảng {} không có cột \"{}\"",
    ),
    (
        "the column \"{}\" of {} holds {}, not numbers",
        "cột \"{}\" của bảng {} chứa {}, không phải số",
    ),
    ("name a column of figures", "hãy chọn một cột số liệu"),
    (
        "{}: \"{}\" in the column \"{}\" is not a number",
        "{}: \"{}\" trong cột \"{}\" không phải là số",
    ),
    (
        "write the figure in the table, or leave the cell empty",
        "hãy ghi số liệu vào bảng, hoặc để trống ô",
    ),
    (
        "{}: the total row says {}, but the rows above add up to {}",
        "{}: dòng tổng cộng ghi {}, nhưng các dòng phía trên cộng lại bằng {}",
    ),
    (
        "correct the table: a row may be missing or counted twice",
        "hãy sửa bảng: có thể thiếu một dòng hoặc một dòng bị tính hai lần",
    ),
    (
        "{}: \"{}\" is not a unit of the list \"units\"",
        "{}: \"{}\" không có trong danh sách đơn vị \"units\"",
    ),
    (
        "add the unit to \"units\" with the name the table uses",
        "hãy thêm đơn vị vào \"units\" với đúng tên bảng dùng",
    ),
    (
        "{}: \"{}\" is not a month",
        "{}: \"{}\" không phải là một tháng",
    ),
    (
        "write the month like 07/2023 or 2023-07",
        "hãy ghi tháng như 07/2023 hoặc 2023-07",
    ),
    // Numbers that cannot be misread (campaign/results.rs).
    (
        "the value is written \"{}\": YAML reads the dot as a decimal point, not as thousands",
        "giá trị được viết \"{}\": YAML hiểu dấu chấm là dấu thập phân, không phải dấu ngăn cách hàng nghìn",
    ),
    (
        "write {} for thousands, or {} for a decimal",
        "hãy viết {} nếu là hàng nghìn, hoặc {} nếu là số thập phân",
    ),
    // thidua data import (campaign/results/import.rs, cli/data.rs).
    (
        "{} is not a table: thidua reads .csv, .xlsx, .xls and .ods files",
        "{} không phải là bảng: thidua đọc các tệp .csv, .xlsx, .xls và .ods",
    ),
    (
        "{} already exists and differs from {}: copy the new export over it yourself, or give it another name",
        "{} đã có và khác với {}: hãy tự chép tệp xuất mới đè lên, hoặc đặt tên khác",
    ),
    (
        "{} changed while the import was being prepared: nothing was written; run the import again",
        "{} đã thay đổi trong lúc chuẩn bị nhập: chưa ghi gì; hãy chạy lại lệnh nhập",
    ),
    (
        "{} appeared while the import was being prepared: nothing was written; run the import again",
        "{} vừa xuất hiện trong lúc chuẩn bị nhập: chưa ghi gì; hãy chạy lại lệnh nhập",
    ),
    (
        "Work with the data files of content/_data/.",
        "Làm việc với các tệp dữ liệu trong content/_data/.",
    ),
    (
        "Read an export (CSV, Excel) and map its columns to the indicators of results.yaml.",
        "Đọc một tệp xuất (CSV, Excel) và gắn các cột của nó với các chỉ tiêu trong results.yaml.",
    ),
    (
        "The export: a .csv, .xlsx, .xls or .ods file",
        "Tệp xuất: tệp .csv, .xlsx, .xls hoặc .ods",
    ),
    (
        "Write the mapping without asking (for scripts)",
        "Ghi cách gắn cột mà không hỏi lại (dùng trong tập lệnh)",
    ),
    (
        "Show the proposal and the preview; write nothing",
        "Chỉ hiện đề xuất và kết quả xem trước; không ghi gì",
    ),
    ("Nothing to write.", "Không có gì cần ghi."),
    (
        "Nothing was written (--dry-run).",
        "Không ghi gì cả (--dry-run).",
    ),
    ("Copied {} to {}.", "Đã chép {} vào {}."),
    (
        "Wrote the mapping of {} indicators into content/_data/results.yaml.",
        "Đã ghi cách gắn cột cho {} chỉ tiêu vào content/_data/results.yaml.",
    ),
    (
        "Next exports: put them in place of {}; the next build reads them.",
        "Các kỳ sau: chép tệp xuất mới thay cho {}; lần dựng trang tiếp theo sẽ đọc số liệu mới.",
    ),
    ("{}: {} rows, {} columns:", "{}: {} dòng, {} cột:"),
    ("  {}  {}, {}, e.g. {}", "  {}  {}, {}, ví dụ {}"),
    (
        "No indicator to map: none has counts named like these columns.",
        "Không có chỉ tiêu nào để gắn: không chỉ tiêu nào có số đếm mang tên giống các cột này.",
    ),
    (
        "Proposed mapping (written into content/_data/results.yaml):",
        "Đề xuất gắn cột (sẽ ghi vào content/_data/results.yaml):",
    ),
    ("  {}:", "  {}:"),
    ("    {} from {}", "    {} lấy từ {}"),
    ("    by unit: \"{}\"", "    theo đơn vị: \"{}\""),
    ("    by month: \"{}\"", "    theo tháng: \"{}\""),
    ("The figures stay as they are.", "Số liệu không thay đổi."),
    (
        "Figures and statuses after the import:",
        "Số liệu và kết quả đánh giá sau khi nhập:",
    ),
    (
        "  {}: {} {}, after the import {} {}",
        "  {}: {} {}, sau khi nhập {} {}",
    ),
    ("Write? [y/N] ", "Ghi? [c/K] "),
    (
        "error: nobody answered: add --yes to write without asking. Nothing was written.",
        "lỗi: không có ai trả lời: hãy thêm --yes để ghi mà không hỏi. Chưa ghi gì.",
    ),
    (
        "has the same name as {}: templates would see only one of them as data.{}",
        "trùng tên với {}: khuôn mẫu chỉ thấy một trong hai tệp dưới tên data.{}",
    ),
    (
        "Already taking their figures from this table: {}.",
        "Đã lấy số liệu từ bảng này: {}.",
    ),
];
