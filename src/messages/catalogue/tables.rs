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
    (
        "Nothing was saved: the build would stop on these problems. Each one is shown next to its field.",
        "Chưa lưu gì: khi dựng trang sẽ dừng vì các lỗi này. Mỗi lỗi được ghi ngay cạnh ô của nó.",
    ),
    ("{}/{} rows met it", "{}/{} dòng đạt"),
    ("from a table", "lấy từ bảng"),
    ("Figures", "Số liệu"),
    (
        "The campaign's indicators from content/_data/results.yaml. A change goes live on the site with the next publish.",
        "Các chỉ tiêu của đợt thi đua, trong content/_data/results.yaml. Thay đổi lên trang ở lần đăng tiếp theo.",
    ),
    ("Indicator", "Chỉ tiêu"),
    ("Result", "Kết quả"),
    ("Target", "Mục tiêu"),
    (
        "Saved. The site shows the new figures after the next publish.",
        "Đã lưu. Trang hiện số liệu mới sau lần đăng tiếp theo.",
    ),
    (
        "This indicator takes its figures from a table: change the table, not the form.",
        "Chỉ tiêu này lấy số liệu từ bảng: hãy sửa bảng, không sửa qua biểu mẫu.",
    ),
    (
        "This indicator is written on one line in results.yaml: write it as key: value lines to edit it here.",
        "Chỉ tiêu này được viết trên một dòng trong results.yaml: hãy viết thành các dòng khóa: giá trị để sửa ở đây.",
    ),
    ("Now", "Hiện nay"),
    ("By row, after the change", "Theo từng dòng, sau khi sửa"),
    ("Row", "Dòng"),
    ("Preview of the results", "Xem trước kết quả"),
    ("After the change", "Sau khi sửa"),
    ("target", "mục tiêu"),
    (
        "Nothing is saved until you press Save.",
        "Chưa lưu gì cho đến khi bấm Lưu.",
    ),
    ("Back to the figures", "Quay lại danh sách số liệu"),
    ("Whole campaign", "Cả đợt thi đua"),
    ("By unit, counter or person", "Theo đơn vị, quầy hoặc người"),
    ("By month", "Theo tháng"),
    ("Source of the figures", "Nguồn số liệu"),
    ("Source", "Nguồn"),
    ("Address (if public)", "Địa chỉ (nếu công khai)"),
    ("Date taken (2023-10-31)", "Ngày lấy số liệu (2023-10-31)"),
    (
        "An approver saves changes to the figures: preview them, then ask an approver.",
        "Người duyệt mới lưu được thay đổi số liệu: hãy xem trước, rồi nhờ người duyệt lưu.",
    ),
    ("Preview the results", "Xem trước kết quả"),
    (
        "The rows do not cover the whole total (partial)",
        "Các dòng chưa đủ toàn bộ tổng số (chưa đầy đủ)",
    ),
    ("Month (2023-07)", "Tháng (2023-07)"),
    ("Person", "Người"),
    ("Unit", "Đơn vị"),
    ("Row {}", "Dòng {}"),
    ("Remove this row", "Xóa dòng này"),
    ("Add a row", "Thêm dòng"),
    (
        "Rows by unit from the column",
        "Các dòng theo đơn vị lấy từ cột",
    ),
    ("Months from the column", "Tháng lấy từ cột"),
    ("Figures from a table", "Số liệu lấy từ bảng"),
    (
        "The figures are computed from the table {} on every build:",
        "Số liệu được tính từ bảng {} mỗi lần dựng trang:",
    ),
    (
        "To update them, put the new export from the one-stop system in content/_data/ under the same name, or run \"thidua data import FILE\" on the centre's computer to map a new file.",
        "Để cập nhật, đặt tệp xuất mới từ Hệ thống một cửa vào content/_data/ với cùng tên, hoặc chạy \"thidua data import TỆP\" trên máy của Trung tâm để gắn cột cho một tệp mới.",
    ),
    (
        "There is no such entry in the data files.",
        "Không có mục này trong các tệp dữ liệu.",
    ),
    (
        "Someone else saved this file first",
        "Người khác đã lưu tệp này trước",
    ),
    (
        "Nothing was overwritten. What you sent is kept in {}; the file as saved now is beside it. Open the form again and enter your change.",
        "Không có gì bị ghi đè. Nội dung bạn gửi được giữ trong {}; tệp đã lưu hiện nay ở bên cạnh. Hãy mở lại biểu mẫu và nhập lại thay đổi.",
    ),
    ("What you sent", "Nội dung bạn gửi"),
    ("Open the form again", "Mở lại biểu mẫu"),
    ("Honourees", "Khen thưởng"),
    (
        "The people and collectives of the commendation decisions, from content/_data/honourees.yaml. A change goes live with the next publish.",
        "Cá nhân, tập thể trong các quyết định khen thưởng, trong content/_data/honourees.yaml. Thay đổi lên trang ở lần đăng tiếp theo.",
    ),
    ("Add a person or collective", "Thêm cá nhân hoặc tập thể"),
    ("No.", "STT"),
    ("Name", "Họ tên"),
    (
        "Saved. The site shows the change after the next publish.",
        "Đã lưu. Trang hiện thay đổi sau lần đăng tiếp theo.",
    ),
    (
        "This entry is written on one line in the file: write it as key: value lines to edit it here.",
        "Mục này được viết trên một dòng trong tệp: hãy viết thành các dòng khóa: giá trị để sửa ở đây.",
    ),
    (
        "No problems: the build accepts this entry. Nothing is saved until you press Save.",
        "Không có lỗi: mục này dựng trang được. Chưa lưu gì cho đến khi bấm Lưu.",
    ),
    ("an individual", "cá nhân"),
    ("a collective", "tập thể"),
    ("Remove from the list", "Xóa khỏi danh sách"),
    (
        "Id (from the name when empty)",
        "Mã (để trống thì lấy theo tên)",
    ),
    ("Decision", "Quyết định"),
    ("No. in the decision", "Số thứ tự trong quyết định"),
    ("Kind", "Loại"),
    ("Full name (individual)", "Họ và tên (cá nhân)"),
    ("Given name, for sorting", "Tên, để sắp xếp"),
    ("Name of the collective", "Tên tập thể"),
    ("Position", "Chức vụ"),
    ("Achievement", "Thành tích"),
    ("Award", "Hình thức khen thưởng"),
    (
        "Cash award (đồng, not published)",
        "Tiền thưởng (đồng, không công bố)",
    ),
    ("Photo", "Ảnh"),
    (
        "Related indicators (ids, separated by commas)",
        "Chỉ tiêu liên quan (mã, cách nhau bởi dấu phẩy)",
    ),
    (
        "Consent to publish the photo is recorded",
        "Đã có đồng ý đăng ảnh",
    ),
    ("Check", "Kiểm tra"),
    ("Back to the honourees", "Quay lại danh sách khen thưởng"),
    ("{}/{} counters met it", "{}/{} quầy đạt"),
    ("{}/{} people met it", "{}/{} người đạt"),
    ("{}/{} units met it", "{}/{} đơn vị đạt"),
    ("Formula: {}", "Cách tính: {}"),
    ("Now: {} (target: {})", "Hiện nay: {} (mục tiêu: {})"),
    (
        "This file cannot replace the export: nothing was saved.",
        "Tệp này không thay được tệp xuất: chưa lưu gì.",
    ),
    ("Save the new file", "Lưu tệp mới"),
    (
        "The new file would replace {}. Nothing is saved until you press Save.",
        "Tệp mới sẽ thay cho {}. Chưa lưu gì cho đến khi bấm Lưu.",
    ),
    (
        "{} changed since the preview: nothing was saved. The file you sent is kept in {}.",
        "{} đã thay đổi sau khi xem trước: chưa lưu gì. Tệp bạn gửi được giữ trong {}.",
    ),
    ("Replace with next month's export", "Thay bằng tệp xuất mới"),
    ("New export (.csv, .xlsx)", "Tệp xuất mới (.csv, .xlsx)"),
    (
        "Id (from the number when empty)",
        "Mã (để trống thì lấy theo số ký hiệu)",
    ),
    ("Number and symbol (999/QĐ-VP)", "Số, ký hiệu (999/QĐ-VP)"),
    ("Date issued (2023-11-15)", "Ngày ban hành (2023-11-15)"),
    ("Issued by", "Cơ quan ban hành"),
    ("Title of the signer", "Chức danh người ký"),
    ("Summary", "Trích yếu"),
    (
        "The decision as a PDF, if published",
        "Tệp PDF của quyết định, nếu công bố",
    ),
    (
        "Campaign it concludes (id)",
        "Đợt thi đua được khen thưởng (mã)",
    ),
    ("Add a decision", "Thêm quyết định"),
    ("Decisions", "Quyết định khen thưởng"),
];
