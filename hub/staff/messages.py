"""Texts of the staff pages in Vietnamese and English, and of the QR take-away page in all five."""

from __future__ import annotations

import logging
from collections.abc import Callable

from hub.desk.messages import DESK_MESSAGES
from hub.staff.messages_evidence import EVIDENCE_MESSAGES

logger = logging.getLogger(__name__)

# key: (Vietnamese, English). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    "product": ("Trung tâm điểm thông tin cửa khẩu", "Border-gate information hub"),
    "nav.label": ("Mục chính", "Main sections"),
    "nav.fleet": ("Thiết bị", "Fleet"),
    "nav.scorecard": ("Hiệu quả", "Scorecard"),
    "nav.demand": ("Nhu cầu", "Demand"),
    "nav.reports": ("Báo cáo", "Reports"),
    "nav.figures": ("Số liệu", "Figures"),
    "nav.publishing": ("Xuất bản", "Publishing"),
    "nav.devices": ("Ki-ốt", "Kiosks"),
    "nav.users": ("Tài khoản", "Accounts"),
    "logout": ("Đăng xuất", "Log out"),
    "role.admin": ("quản trị", "admin"),
    "role.analyst": ("phân tích", "analyst"),
    "login.title": ("Đăng nhập", "Log in"),
    "login.lead": ("Dành cho cán bộ trung ương và cấp tỉnh.", "For central and provincial staff."),
    "login.username": ("Tên đăng nhập", "Username"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Log in"),
    "login.failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "login.locked": (
        "Quá nhiều lần đăng nhập sai. Hãy thử lại sau {minutes} phút.",
        "Too many failed logins. Try again in {minutes} minutes.",
    ),
    "error.forbidden": ("Không có quyền", "Not allowed"),
    "error.forbidden_detail": (
        "Tài khoản của bạn không được xem trang này (vai trò hoặc tỉnh khác).",
        "Your account may not see this page (another role or province).",
    ),
    "error.csrf": ("Biểu mẫu bị từ chối", "Form refused"),
    "error.csrf_detail": (
        "Biểu mẫu đã hết hạn hoặc không gửi từ trang này. Hãy tải lại trang và thử lại.",
        "The form expired or did not come from this site. Reload the page and try again.",
    ),
    "error.not_found": ("Không tìm thấy", "Not found"),
    "error.not_found_detail": (
        "Không có cửa khẩu, tỉnh hay mục này.",
        "There is no such gate, province or item.",
    ),
    "error.bad_request": ("Yêu cầu không hợp lệ", "Bad request"),
    "error.home": ("Về trang chính", "Back to the start"),
    "error.back": ("Quay lại trang này, không có bộ lọc", "Back to this page without filters"),
    "error.bad_period_detail": (
        "Không dùng được khoảng thời gian này: ngày viết theo dạng năm-tháng-ngày, ngày kết thúc"
        " không trước ngày bắt đầu, và một khoảng dài tối đa ba năm.",
        "This period cannot be used: dates are written year-month-day, the end is not before"
        " the start, and a period is at most three years long.",
    ),
    "error.bad_value_detail": (
        "Một giá trị trong địa chỉ hoặc biểu mẫu không dùng được (sai kiểu, quá dài hoặc ngoài"
        " giới hạn).",
        "A value in the address or the form cannot be used (wrong kind, too long or out of range).",
    ),
    "error.bad_month_detail": (
        "Tháng viết theo dạng năm-tháng, ví dụ 2026-11.",
        "A month is written year-month, like 2026-11.",
    ),
    "error.bad_year_detail": (
        "Năm của bản đánh giá nằm trong khoảng 2000 đến 2100.",
        "The review's year is from 2000 to 2100.",
    ),
    "error.choose_report": ("Hãy chọn một tỉnh và một tháng.", "Choose a province and a month."),
    "error.method": ("Không hỗ trợ thao tác này", "Not supported"),
    "error.method_detail": (
        "Trang này không nhận kiểu yêu cầu đó.",
        "This page does not accept that kind of request.",
    ),
    "all": ("Tất cả", "All"),
    "show": ("Xem", "Show"),
    "save": ("Lưu", "Save"),
    "saved": ("Đã lưu.", "Saved."),
    "csv": ("Tải CSV", "Download CSV"),
    "empty": ("Chưa có số liệu cho lựa chọn này.", "No data for this selection."),
    "gate": ("Cửa khẩu", "Gate"),
    "province": ("Tỉnh", "Province"),
    "period.from": ("Từ ngày", "From"),
    "period.to": ("Đến ngày", "To"),
    "period.last_days": ("{days} ngày qua", "Last {days} days"),
    "lang.vi": ("Tiếng Việt", "Vietnamese"),
    "lang.en": ("Tiếng Anh", "English"),
    "lang.zh": ("Tiếng Trung", "Chinese"),
    "lang.lo": ("Tiếng Lào", "Lao"),
    "lang.km": ("Tiếng Khmer", "Khmer"),
    "state.online": ("Trực tuyến", "Online"),
    "state.offline": ("Mất kết nối", "Offline"),
    "state.revoked": ("Đã thu hồi", "Revoked"),
    "device.pending": ("Chờ đăng ký", "Awaiting enrolment"),
    "device.active": ("Đang hoạt động", "Active"),
    "device.revoked": ("Đã thu hồi", "Revoked"),
    # fleet
    "fleet.total": ("Ki-ốt", "Kiosks"),
    "fleet.kiosks": ("Ki-ốt", "Kiosks"),
    "fleet.alerts": ("Cảnh báo", "Alerts"),
    "fleet.alerts_note": (
        "Mất kết nối quá {hours} giờ, nội dung cũ hơn bản mới nhất quá {stale} giờ, từ {errors} lỗi trở lên, đồng bộ lỗi, ổ đĩa gần đầy, đồng hồ lệch.",
        "Offline for more than {hours} hours, content behind the latest for more than {stale} hours, {errors} or more errors, failing sync, low disk, clock skew.",
    ),
    "fleet.offline_hours": ("Cảnh báo sau (giờ)", "Alert after (hours)"),
    "alert.offline": ("Mất kết nối", "Offline"),
    "alert.never_seen": ("Chưa từng gửi tín hiệu", "Never reported"),
    "alert.stale_content": ("Nội dung cũ", "Stale content"),
    "alert.errors": ("Lỗi lặp lại", "Repeated errors"),
    "alert.sync_failing": ("Đồng bộ lỗi", "Sync failing"),
    "alert.low_disk": ("Ổ đĩa gần đầy", "Low disk"),
    "alert.clock_skew": ("Đồng hồ lệch", "Clock skew"),
    # columns
    "col.kiosk": ("Ki-ốt", "Kiosk"),
    "col.id": ("Mã", "Id"),
    "col.gate": ("Cửa khẩu", "Gate"),
    "col.province": ("Tỉnh", "Province"),
    "col.state": ("Trạng thái", "State"),
    "col.last_heartbeat": ("Tín hiệu cuối", "Last heartbeat"),
    "col.content_version": ("Phiên bản nội dung", "Content version"),
    "col.latest_version": ("Bản mới nhất", "Latest version"),
    "col.last_sync_error": ("Lỗi đồng bộ gần nhất", "Last sync error"),
    "col.free_disk": ("Ổ đĩa trống", "Free disk"),
    "col.clock_skew_s": ("Lệch đồng hồ (giây)", "Clock skew (s)"),
    "col.errors": ("Lỗi gần đây", "Recent errors"),
    "col.alert": ("Cảnh báo", "Alert"),
    "col.detail": ("Chi tiết", "Detail"),
    "col.since": ("Từ lúc", "Since"),
    "col.rank": ("Hạng", "Rank"),
    "col.kiosks": ("Số ki-ốt", "Kiosks"),
    "col.operating_hours": ("Giờ hoạt động", "Operating hours"),
    "col.uptime": ("Tỷ lệ hoạt động", "Uptime"),
    "col.sessions": ("Lượt sử dụng", "Sessions"),
    "col.sessions_per_hour": ("Lượt / giờ hoạt động", "Sessions / operating hour"),
    "col.engaged": ("Lượt có tương tác", "Engaged sessions"),
    "col.engaged_pct": ("Tỷ lệ có tương tác", "Engaged"),
    "col.engaged_per_hour": ("Lượt có tương tác / giờ", "Engaged sessions / operating hour"),
    "col.median_session": ("Thời lượng trung vị", "Median session"),
    "col.views_per_session": ("Trang xem / lượt", "Views / session"),
    "col.languages": ("Ngôn ngữ chính", "Main languages"),
    "col.offered": ("Ngôn ngữ trên ki-ốt", "Languages offered"),
    "col.qr_shown": ("QR hiển thị", "QR shown"),
    "col.qr_opened": ("QR được mở", "QR opened"),
    "col.qr_conversion": ("Tỷ lệ mở QR", "QR conversion"),
    "col.helpful": ("Hữu ích", "Helpful"),
    "col.zero_results": ("Tìm không thấy", "Zero-result searches"),
    "col.crossings": ("Lượt xuất nhập cảnh", "Crossings"),
    "col.reach": ("Lượt / 1.000 lượt qua lại", "Sessions / 1,000 crossings"),
    "col.cost_per_engaged": ("Chi phí / lượt có tương tác", "Cost / engaged session"),
    "col.verdict": ("Đánh giá", "Verdict"),
    "col.sessions_started": ("Lượt bắt đầu", "Sessions started"),
    "col.week": ("Tuần (thứ Hai)", "Week (Monday)"),
    "col.topic": ("Chủ đề", "Topic"),
    "col.article": ("Bài viết", "Article"),
    "col.views": ("Lượt xem", "Views"),
    "col.query": ("Từ khóa (đã làm sạch)", "Query (cleaned)"),
    "col.language": ("Ngôn ngữ", "Language"),
    "col.searches": ("Lượt tìm", "Searches"),
    "col.yes": ("Có", "Yes"),
    "col.no": ("Không", "No"),
    "col.fallbacks": ("Thay thế cho {code}", "Fallback for {code}"),
    "col.as_of": ("Cập nhật ngày", "As of"),
    "col.months": ("Số tháng", "Months old"),
    "col.yearly_cost": ("Chi phí năm / ki-ốt", "Yearly cost per kiosk"),
    "col.channel": ("Kênh", "Channel"),
    "col.articles": ("Bài viết", "Articles"),
    "col.topics": ("Chủ đề", "Topics"),
    "col.check": ("Kiểm tra", "Check"),
    "col.kiosks_current": ("Ki-ốt đã cập nhật", "Kiosks up to date"),
    "col.username": ("Tên đăng nhập", "Username"),
    "col.role": ("Vai trò", "Role"),
    "col.active": ("Hoạt động", "Active"),
    "col.created": ("Tạo lúc", "Created"),
    "col.last_login": ("Đăng nhập cuối", "Last login"),
    "col.enrolled": ("Đăng ký lúc", "Enrolled"),
    "col.revoked": ("Thu hồi lúc", "Revoked"),
    # scorecard
    "group.operating": ("Vận hành", "Operating time"),
    "group.use": ("Sử dụng", "Use"),
    "group.useful": ("Hữu ích", "Usefulness"),
    "group.reach": ("Chi phí và độ phủ", "Cost and reach"),
    "group.rank": ("Xếp hạng", "Ranking"),
    "score.lead": (
        "Từ {first} đến {last} ({days} ngày, giờ Việt Nam).",
        "From {first} to {last} ({days} days, Viet Nam time).",
    ),
    "score.gates": ("Xếp hạng cửa khẩu", "Gates ranked"),
    "score.kiosks": ("Từng ki-ốt", "Each kiosk"),
    "score.rank_note": (
        "Xếp theo số lượt có tương tác mỗi giờ hoạt động, rồi theo số lượt sử dụng.",
        "Ranked by engaged sessions per operating hour, then by sessions.",
    ),
    "score.language_mix": ("Cơ cấu ngôn ngữ", "Language mix"),
    "score.language_note": (
        "Tỷ lệ lượt sử dụng theo ngôn ngữ khách chọn khi bắt đầu.",
        "Share of sessions by the language the traveller started in.",
    ),
    "score.verdicts": ("Nhận định theo cửa khẩu", "Verdict per gate"),
    "score.weekly": ("Theo tuần", "Week by week"),
    "score.weekly_csv": ("Tải số liệu theo tuần (CSV)", "Download the weekly figures (CSV)"),
    "score.definitions": (
        "Định nghĩa từng chỉ số:",
        "What each figure means:",
    ),
    "help.title": ("Cách đọc bảng hiệu quả", "How to read the scorecard"),
    "card.per_hour": ("mỗi giờ hoạt động", "per operating hour"),
    "card.engaged_sessions": ("lượt có tương tác", "engaged sessions"),
    "card.hours": ("giờ", "hours"),
    "card.views_per_session": ("trang xem mỗi lượt", "views per session"),
    "card.answers": ("câu trả lời", "answers"),
    "card.searches": ("lượt tìm", "searches"),
    "card.crossings": ("lượt qua lại", "crossings"),
    "card.cost": ("trong kỳ", "in the period"),
    "chart.weekly_sessions": (
        "Lượt sử dụng mỗi ngày (trung bình tuần)",
        "Sessions per day (weekly average)",
    ),
    "col.sessions_per_day": ("Lượt / ngày", "Sessions / day"),
    "chart.weekly_uptime": ("Tỷ lệ hoạt động theo tuần (%)", "Uptime per week (%)"),
    # gate page
    "gate.demand_link": (
        "Nhu cầu của khách tại cửa khẩu này",
        "What travellers look for at this gate",
    ),
    "gate.fleet_link": ("Tình trạng thiết bị", "Device status"),
    # demand
    "demand.lead": (
        "Khách xem gì, tìm gì mà không thấy, và thấy gì hữu ích.",
        "What travellers look at, search for in vain, and find helpful.",
    ),
    "demand.top_topics": ("Chủ đề được xem nhiều", "Top topics"),
    "demand.top_articles": ("Bài được xem nhiều", "Top articles"),
    "demand.zero": ("Tìm kiếm không có kết quả", "Searches with no result"),
    "demand.zero_note": (
        "Chỉ hiện từ khóa mà ít nhất {kiosks} ki-ốt khác nhau đã gặp (bảo vệ riêng tư).",
        "Only queries seen by at least {kiosks} different kiosks are shown (privacy).",
    ),
    "demand.helpful": ("Hữu ích theo bài", "Helpful per article"),
    "demand.helpful_note": ("Bài ít hữu ích nhất ở đầu.", "Least helpful first."),
    "demand.coverage": ("Độ phủ bản dịch", "Translation coverage"),
    "demand.coverage_note": (
        "✓: có bản dịch. “Thay thế cho …”: số lần ki-ốt phải hiện ngôn ngữ khác vì thiếu bản dịch.",
        "✓: translated. “Fallback for …”: how often a kiosk showed another language for lack of it.",
    ),
    "demand.stale": ("Bài cũ hơn {months} tháng", "Articles older than {months} months"),
    "demand.stale_months": ("Cũ hơn (tháng)", "Older than (months)"),
    # figures
    "figures.lead": (
        "Nhập lượt xuất nhập cảnh hằng tháng và chi phí năm của mỗi ki-ốt để tính độ phủ và chi phí.",
        "Enter monthly crossings and each kiosk's yearly cost; reach and cost figures use them.",
    ),
    "figures.crossings": ("Lượt xuất nhập cảnh trong tháng", "Crossings in a month"),
    "figures.crossings_count": ("Số lượt", "Crossings"),
    "figures.month": ("Tháng", "Month"),
    "figures.cost": ("Chi phí một ki-ốt mỗi năm", "Yearly cost of one kiosk"),
    "figures.yearly_cost": ("Chi phí (đồng)", "Cost (đồng)"),
    "figures.table": ("Số liệu đã nhập", "Figures entered"),
    # reports
    "reports.lead": (
        "Báo cáo tháng theo tỉnh, trình bày để in hoặc lưu PDF.",
        "A monthly report per province, laid out for printing or saving as PDF.",
    ),
    "reports.title": ("Báo cáo tháng theo tỉnh", "Monthly reports per province"),
    "reports.open": ("Mở báo cáo", "Open the report"),
    "reports.view": ("Xem", "View"),
    "report.title": ("Báo cáo tháng {month}: {province}", "Monthly report {month}: {province}"),
    "report.print": ("In / lưu PDF", "Print / save as PDF"),
    "report.generated": ("Lập lúc {when}", "Made {when}"),
    "report.summary": ("Tóm tắt", "Summary"),
    "report.footer": (
        "Số liệu ẩn danh, tổng hợp theo giờ từ ki-ốt. Định nghĩa chỉ số: xem hướng dẫn của trung tâm.",
        "Anonymous figures, aggregated by the hour on the kiosks. Definitions: see the hub guide.",
    ),
    # publishing
    "publish.lead": (
        "Kiểm tra thư mục nội dung, xuất bản cho các ki-ốt, và xem ki-ốt nào đang có phiên bản nào.",
        "Check the authoring folder, publish to the kiosks, and see which kiosk has which version.",
    ),
    "publish.run": ("Xuất bản ngay", "Publish now"),
    "publish.done": ("Đã xuất bản.", "Published."),
    "publish.failed": ("Không xuất bản được", "Publishing failed"),
    "publish.fix_first": ("Hãy sửa các lỗi bên dưới trước.", "Fix the problems below first."),
    "publish.problem_list": ("{count} lỗi nội dung", "{count} content problems"),
    "publish.channels": ("Kênh cửa khẩu", "Gate channels"),
    "publish.kiosk_versions": ("Phiên bản trên từng ki-ốt", "Version on each kiosk"),
    "publish.ok": ("Hợp lệ", "Valid"),
    "publish.keys": ("Khóa ký", "Signing keys"),
    "publish.keys_note": (
        "Xuất bản trên trang này cần khóa targets và snapshot nằm trên máy chủ. Nếu các khóa đó cất ngoại tuyến, hãy xuất bản bằng dòng lệnh với --offline-keys.",
        "Publishing from this page needs the targets and snapshot keys on the hub. When they are kept offline, publish from the command line with --offline-keys.",
    ),
    "col.key_on_hub": ("Khóa trên máy chủ", "Key on this hub"),
    "col.version": ("Phiên bản", "Version"),
    "col.expires": ("Hết hạn", "Expires"),
    "publish.problems": ("{count} lỗi", "{count} problems"),
    "publish.unavailable": (
        "Máy chủ này chưa có chức năng ký và xuất bản.",
        "This hub has no signing and publishing set up.",
    ),
    # users
    "users.table": ("Tài khoản", "Accounts"),
    "users.add": ("Thêm tài khoản", "Add an account"),
    "users.create": ("Tạo tài khoản", "Create the account"),
    "users.province_scope": ("Chỉ xem tỉnh", "Only this province"),
    "users.roles_note": (
        "Quản trị: tài khoản, ki-ốt, khóa, xuất bản. Phân tích: báo cáo; nếu chọn tỉnh thì chỉ thấy tỉnh đó.",
        "Admin: accounts, kiosks, keys, publishing. Analyst: reports; with a province, only that province.",
    ),
    "users.actions": ("Khóa, mở, đổi mật khẩu", "Disable, enable, new password"),
    "users.disable": ("Khóa", "Disable"),
    "users.enable": ("Mở lại", "Enable"),
    "users.new_password": ("Mật khẩu mới", "New password"),
    "users.not_self": (
        "Không thể tự khóa tài khoản của mình.",
        "You cannot disable your own account.",
    ),
    # devices
    "devices.table": ("Ki-ốt đã đăng ký", "Kiosks"),
    "devices.new": ("Mã đăng ký ki-ốt mới", "New kiosk enrolment code"),
    "devices.issue": ("Tạo mã", "Create a code"),
    "devices.issued": ("Mã đăng ký cho {device}:", "Enrolment code for {device}:"),
    "devices.issued_note": (
        "Mã chỉ hiện một lần và dùng được một lần trong 7 ngày. Trên ki-ốt: python -m sync enrol --hub <địa chỉ> --code <mã>",
        "Shown once, usable once within 7 days. On the kiosk: python -m sync enrol --hub <address> --code <code>",
    ),
    "devices.revoke_title": ("Thu hồi ki-ốt", "Revoke a kiosk"),
    "devices.revoke_note": (
        "Ki-ốt bị thu hồi không gửi được số liệu nữa; phải đăng ký lại.",
        "A revoked kiosk can no longer send anything; it must be enrolled again.",
    ),
    "devices.revoke": ("Thu hồi", "Revoke"),
    "devices.revoke_confirm": ("Thu hồi ki-ốt này?", "Revoke this kiosk?"),
    **DESK_MESSAGES,
}

# The QR take-away page speaks the traveller's language.
TAKEAWAY: dict[str, dict[str, str]] = {
    "as_of": {"vi": "Thông tin tính đến", "en": "Information as of", "zh": "信息截至", "lo": "ຂໍ້ມູນ ນັບຮອດ", "km": "ព័ត៌មាន គិតត្រឹម"},
    "source": {"vi": "Nguồn", "en": "Source", "zh": "来源", "lo": "ແຫຼ່ງຂໍ້ມູນ", "km": "ប្រភព"},
    "fallback": {
        "vi": "Chưa có bản tiếng Việt; đây là bản bằng ngôn ngữ khác.",
        "en": "Not yet available in English; shown in another language.",
        "zh": "暂无中文版本；以下为其他语言版本。",
        "lo": "ຍັງບໍ່ມີພາສາລາວ; ສະແດງເປັນພາສາອື່ນ.",
        "km": "មិនទាន់មានជាភាសាខ្មែរ; បង្ហាញជាភាសាផ្សេង។",
    },
    "missing": {"vi": "Không tìm thấy bài viết", "en": "Article not found", "zh": "未找到文章", "lo": "ບໍ່ພົບບົດຄວາມ", "km": "រកមិនឃើញអត្ថបទ"},
    "missing_detail": {
        "vi": "Bài viết này không còn. Hãy xem lại trên ki-ốt.",
        "en": "This article is no longer available. Please look again at the kiosk.",
        "zh": "该文章已不存在。请在信息亭上重新查看。",
        "lo": "ບົດຄວາມນີ້ບໍ່ມີແລ້ວ. ກະລຸນາເບິ່ງອີກຄັ້ງທີ່ຕູ້ຂໍ້ມູນ.",
        "km": "អត្ថបទនេះលែងមានហើយ។ សូមមើលម្តងទៀតនៅតូបព័ត៌មាន។",
    },
}  # fmt: skip


def translate(key: str, lang: str, **values: object) -> str:
    pair = MESSAGES.get(key)
    if pair is None:
        logger.warning("no text for %r", key)
        return key
    text = pair[0] if lang == "vi" else pair[1]
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def translator(lang: str) -> Callable[..., str]:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    return t


def takeaway_text(key: str, lang: str) -> str:
    texts = TAKEAWAY[key]
    return texts.get(lang) or texts["en"]


MESSAGES.update(EVIDENCE_MESSAGES)
