"""Texts of the evidence on staff pages (verdicts, reasons, intervals, events, rules, the
review), in Vietnamese and English; merged into hub.staff.messages.MESSAGES."""

from __future__ import annotations

# key: (Vietnamese, English). Placeholders use str.format names.
EVIDENCE_MESSAGES: dict[str, tuple[str, str]] = {
    "verdict.expand": ("Mở rộng", "Expand"),
    "verdict.keep": ("Duy trì", "Keep"),
    "verdict.fix": ("Khắc phục", "Fix"),
    "verdict.reconsider": ("Xem xét lại", "Reconsider"),
    "verdict.not_enough_data": ("Chưa đủ số liệu", "Not enough data yet"),
    "verdict.no_data": ("Chưa có ki-ốt hoạt động", "No kiosk in service"),
    "reason.no_kiosk": ("Không có ki-ốt nào hoạt động trong kỳ.", "No kiosk was in service in this period."),
    "reason.down": ("Không có tín hiệu trong kỳ: ki-ốt hỏng hoặc mất kết nối.", "No heartbeat in the period: the kiosk is down or cut off."),
    "reason.often_down": (
        "Hoạt động {value} (95 %: {low}–{high}, {n} giờ), dưới mức {threshold}: sửa thiết bị trước khi đánh giá nhu cầu.",
        "Up {value} of the time (95 %: {low}–{high}, {n} hours), below {threshold}: fix the device before judging demand.",
    ),
    "reason.not_engaging": (
        "Chỉ {value} lượt có tương tác (95 %: {low}–{high}, {n} lượt), dưới {threshold}: xem lại trang đầu.",
        "Only {value} of sessions engaged (95 %: {low}–{high}, {n} sessions), below {threshold}: review the first screens.",
    ),
    "reason.unhelpful": (
        "Chỉ {value} câu trả lời là hữu ích (95 %: {low}–{high}, {n} câu), dưới {threshold}: sửa nội dung.",
        "Only {value} of answers say helpful (95 %: {low}–{high}, {n} answers), below {threshold}: fix the content.",
    ),
    "reason.no_crossings": (
        "Chưa nhập số lượt qua lại của cửa khẩu cho kỳ này (trang Số liệu).",
        "No border crossings entered for this period (Figures page).",
    ),
    "reason.low_reach": (
        "{value} lượt / 1.000 lượt qua lại (95 %: {low}–{high}, {n} lượt), dưới mức {threshold}: nhu cầu thấp.",
        "{value} sessions per 1,000 crossings (95 %: {low}–{high}, {n} sessions), below {threshold}: low demand.",
    ),
    "reason.costly": (
        "{value} cho mỗi lượt có tương tác (95 %: {low}–{high}), trên mức {threshold}.",
        "{value} per engaged session (95 %: {low}–{high}), above {threshold}.",
    ),
    "reason.high_reach": (
        "{value} lượt / 1.000 lượt qua lại (95 %: {low}–{high}, {n} lượt), trên mức {threshold}: nhu cầu cao.",
        "{value} sessions per 1,000 crossings (95 %: {low}–{high}, {n} sessions), above {threshold}: high demand.",
    ),
    "reason.steady": (
        "{value} lượt / 1.000 lượt qua lại (95 %: {low}–{high}, {n} lượt), trên mức {threshold}; vận hành tốt.",
        "{value} sessions per 1,000 crossings (95 %: {low}–{high}, {n} sessions), above {threshold}; runs well.",
    ),
    "reason.reach_unclear": (
        "{value} lượt / 1.000 lượt qua lại (95 %: {low}–{high}) chưa rõ so với mức {threshold}: cần thêm khoảng {more} lượt.",
        "{value} sessions per 1,000 crossings (95 %: {low}–{high}) is not clearly above or below {threshold}: about {more} more sessions needed.",
    ),
    "reason.reach_unclear_many": (
        "{value} lượt / 1.000 lượt qua lại (95 %: {low}–{high}) sát mức {threshold}: cần thêm rất nhiều lượt.",
        "{value} sessions per 1,000 crossings (95 %: {low}–{high}) sits on {threshold}: many more sessions needed.",
    ),
    "answer.title": ("Kết luận theo cửa khẩu", "The answer, gate by gate"),
    "answer.note": (
        "Khoảng tin cậy 95 %. Chỉ kết luận khi cả khoảng nằm về một phía của ngưỡng; ngưỡng theo quy tắc phiên bản {version}.",
        "95 % intervals. A verdict is given only when the whole interval is on one side of the threshold; thresholds of rule version {version}.",
    ),
    "answer.counts": ("Mở rộng {expand} · Duy trì {keep} · Khắc phục {fix} · Xem xét lại {reconsider} · Chưa đủ số liệu {unclear}",
                      "Expand {expand} · Keep {keep} · Fix {fix} · Reconsider {reconsider} · Not enough data yet {unclear}"),
    "col.interval": ("Khoảng 95 %", "95 % interval"),
    "col.reason": ("Lý do", "Reason"),
    "col.rule_version": ("Quy tắc", "Rules"),
    "col.answers": ("Câu trả lời", "Answers"),
    "col.days_counted": ("Số ngày tính", "Days counted"),
    "chart.reach": ("Lượt sử dụng / 1.000 lượt qua lại (khoảng 95 %)", "Sessions per 1,000 crossings (95 % interval)"),
    "chart.partial_week": ("(tuần chưa đủ: {days} ngày)", "(part week: {days} days)"),
    "score.weekly_note": (
        "Tuần ở đầu hoặc cuối kỳ có thể chưa đủ 7 ngày: số lượt mỗi ngày chỉ tính trên những ngày đã qua (điểm rỗng trên biểu đồ).",
        "A week at either end of the period may have fewer than 7 days: sessions per day count only the days that have passed (hollow points on the charts).",
    ),
    "period.to_date": ("tính đến {when}", "to date, up to {when}"),
    "period.month_to_date": ("Từ đầu tháng đến nay", "Month to date"),
    "period.future": ("Ngày {day} chưa đến: số liệu chỉ có đến hôm nay.", "{day} is in the future: figures exist up to today."),
    "score.lead_to_date": (
        "Từ {first} đến {when} ({days} ngày, giờ Việt Nam); kỳ chưa kết thúc: mọi số liệu chỉ tính đến thời điểm này.",
        "From {first} to {when} ({days} days, Viet Nam time); the period is still running: every figure counts up to now.",
    ),
    "event.moved": ("Chuyển vị trí", "Moved"),
    "event.new_screen": ("Màn hình mới", "New screen"),
    "event.campaign": ("Chiến dịch nội dung", "Content campaign"),
    "event.outage": ("Sự cố", "Outage"),
    "event.new_language": ("Thêm ngôn ngữ", "New language"),
}  # fmt: skip
