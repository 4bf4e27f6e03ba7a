"""A small built-in article set, used when the authoring folder the demo copies has no articles.

Every article has Vietnamese and English; some have Chinese, Lao or Khmer, so the coverage
matrix has gaps and kiosks show fallbacks. A few carry old `as_of` dates, so the stale list
is not empty. Texts stay general and send travellers to the officers for the final word.
"""

from __future__ import annotations

from pathlib import Path

IMMIGRATION = ("Viet Nam Immigration Department", "https://xuatnhapcanh.gov.vn")
EVISA = ("Viet Nam e-visa portal", "https://evisa.gov.vn")
CUSTOMS = ("Viet Nam Customs", "https://www.customs.gov.vn")
HEALTH = ("Ministry of Health", "https://moh.gov.vn")
TOURISM = ("Viet Nam National Authority of Tourism", "https://vietnamtourism.gov.vn")
BANK = ("State Bank of Viet Nam", "https://www.sbv.gov.vn")

# id: (topic, priority, source, as_of, {lang: (title, summary, body markdown)})
ARTICLES: dict[str, tuple[str, int, tuple[str, str], str, dict[str, tuple[str, str, str]]]] = {
    "e-visa": ("entry-visa", 10, EVISA, "2026-09-15", {
        "vi": ("Thị thực điện tử", "Xin thị thực điện tử trực tuyến trước chuyến đi.", "## Cách xin\n\n- Nộp hồ sơ tại **evisa.gov.vn**.\n- Mang bản in hoặc bản điện tử khi qua cửa khẩu.\n\nHãy hỏi cán bộ xuất nhập cảnh nếu chưa rõ."),
        "en": ("E-visa", "Apply online for an e-visa before you travel.", "## How to apply\n\n- Apply at **evisa.gov.vn**.\n- Carry it printed or on your phone at the gate.\n\nAsk the immigration officers if in doubt."),
        "zh": ("电子签证", "出行前在网上申请电子签证。", "## 申请方法\n\n- 在 **evisa.gov.vn** 申请。\n- 过境时出示打印件或手机上的电子版。"),
        "lo": ("ວີຊາເອເລັກໂຕຣນິກ", "ຂໍວີຊາທາງອອນລາຍກ່ອນເດີນທາງ.", "- ຍື່ນຄຳຮ້ອງທີ່ **evisa.gov.vn**."),
        "km": ("ទិដ្ឋាការអេឡិចត្រូនិក", "ដាក់ពាក្យសុំទិដ្ឋាការតាមអ៊ីនធឺណិតមុនពេលធ្វើដំណើរ។", "- ដាក់ពាក្យនៅ **evisa.gov.vn**។"),
    }),
    "visa-exemption": ("entry-visa", 20, IMMIGRATION, "2026-08-01", {
        "vi": ("Miễn thị thực", "Công dân một số nước được miễn thị thực trong thời hạn nhất định.", "Danh sách nước và thời hạn có thể thay đổi. Hãy kiểm tra tại **xuatnhapcanh.gov.vn** hoặc hỏi cán bộ."),
        "en": ("Visa exemption", "Citizens of some countries may enter without a visa for a set time.", "The list of countries and the length of stay can change. Check **xuatnhapcanh.gov.vn** or ask the officers."),
        "zh": ("免签入境", "部分国家公民可在规定期限内免签入境。", "国家名单和停留期限可能变化，请向边检人员确认。"),
        "lo": ("ການຍົກເວັ້ນວີຊາ", "ພົນລະເມືອງບາງປະເທດເຂົ້າໄດ້ໂດຍບໍ່ຕ້ອງມີວີຊາ.", "ກະລຸນາຖາມເຈົ້າໜ້າທີ່."),
    }),
    "border-pass": ("entry-visa", 30, IMMIGRATION, "2025-06-10", {
        "vi": ("Giấy thông hành biên giới", "Cư dân biên giới có thể dùng giấy thông hành thay hộ chiếu.", "Giấy thông hành chỉ dùng trong phạm vi được phép. Hỏi cán bộ về phạm vi và thời hạn."),
        "en": ("Border pass", "Border residents may cross with a border pass instead of a passport.", "A border pass is valid only within the permitted area. Ask the officers about the area and the time allowed."),
        "zh": ("边境通行证", "边民可凭边境通行证代替护照出入境。", "通行证仅在允许范围内有效，请向边检人员咨询。"),
    }),
    "customs-allowance": ("customs", 10, CUSTOMS, "2026-07-20", {
        "vi": ("Hàng miễn thuế được mang theo", "Mức hành lý miễn thuế cho người nhập cảnh.", "- Rượu, thuốc lá có giới hạn số lượng.\n- Khai báo nếu vượt mức.\n\nMức cụ thể: hỏi cán bộ hải quan."),
        "en": ("Duty-free allowance", "What you may bring in without paying duty.", "- Alcohol and tobacco have limits.\n- Declare anything above them.\n\nExact amounts: ask the customs officers."),
        "zh": ("免税额度", "入境旅客可免税携带的物品。", "- 烟酒有数量限制。\n- 超出须申报。"),
        "km": ("ទំនិញរួចពន្ធ", "អ្វីដែលអ្នកអាចនាំចូលដោយមិនបង់ពន្ធ។", "- ស្រា និងបារីមានកំណត់។"),
    }),
    "cash-declaration": ("customs", 20, CUSTOMS, "2024-11-05", {
        "vi": ("Khai báo ngoại tệ", "Mang tiền mặt trên mức quy định phải khai báo.", "Khai báo tại quầy hải quan khi mang ngoại tệ hoặc vàng trên mức quy định."),
        "en": ("Declaring cash", "Cash above the set amount must be declared.", "Declare foreign currency or gold above the set amount at the customs desk."),
        "zh": ("外币申报", "携带超过规定数额的现金须申报。", "请在海关柜台申报。"),
    }),
    "money-exchange": ("money", 10, BANK, "2026-05-12", {
        "vi": ("Đổi tiền", "Đổi tiền tại ngân hàng hoặc điểm đổi tiền được cấp phép.", "Giữ biên lai. Không đổi tiền với người lạ ngoài đường."),
        "en": ("Changing money", "Change money at banks or licensed exchange desks.", "Keep the receipt. Do not change money with strangers in the street."),
        "zh": ("兑换货币", "请在银行或持牌兑换点换钱。", "保留收据。不要在街头与陌生人换钱。"),
        "lo": ("ການແລກປ່ຽນເງິນ", "ແລກເງິນທີ່ທະນາຄານ ຫຼື ຈຸດແລກເງິນທີ່ໄດ້ຮັບອະນຸຍາດ.", "ເກັບໃບບິນໄວ້."),
        "km": ("ការប្តូរប្រាក់", "ប្តូរប្រាក់នៅធនាគារ ឬកន្លែងប្តូរប្រាក់មានអាជ្ញាប័ណ្ណ។", "រក្សាបង្កាន់ដៃ។"),
    }),
    "sim-cards": ("connectivity", 10, TOURISM, "2026-03-01", {
        "vi": ("Mua SIM điện thoại", "Mua SIM tại cửa hàng nhà mạng, mang theo hộ chiếu.", "SIM du lịch phải đăng ký bằng giấy tờ tùy thân."),
        "en": ("Buying a SIM card", "Buy a SIM at an operator's shop; bring your passport.", "Tourist SIM cards must be registered with your ID."),
        "zh": ("购买电话卡", "在运营商门店购买，需携带护照。", "电话卡须实名登记。"),
    }),
    "onward-bus": ("transport", 10, TOURISM, "2025-09-30", {
        "vi": ("Xe khách đi tiếp", "Bến xe gần cửa khẩu và cách mua vé.", "Mua vé tại quầy có niêm yết giá. Hỏi giá trước khi lên xe ôm hoặc taxi."),
        "en": ("Onward buses", "The bus station near the gate and how to buy a ticket.", "Buy tickets at desks with posted prices. Agree the fare before taking a motorbike taxi or a cab."),
        "lo": ("ລົດເມເດີນທາງຕໍ່", "ສະຖານີລົດເມໃກ້ດ່ານ.", "ຊື້ປີ້ທີ່ເຄົາເຕີ."),
    }),
    "health-declaration": ("health", 10, HEALTH, "2024-02-14", {
        "vi": ("Sức khỏe khi nhập cảnh", "Thông tin y tế cho người nhập cảnh.", "Nếu bị sốt hoặc mệt khi qua cửa khẩu, hãy báo cán bộ kiểm dịch y tế."),
        "en": ("Health at entry", "Health information for arriving travellers.", "If you have a fever or feel unwell at the gate, tell the health quarantine officers."),
    }),
    "emergency-numbers": ("emergency", 10, TOURISM, "2026-10-01", {
        "vi": ("Số điện thoại khẩn cấp", "113 công an, 114 cứu hỏa, 115 cấp cứu.", "- **113** công an\n- **114** cứu hỏa\n- **115** cấp cứu"),
        "en": ("Emergency numbers", "113 police, 114 fire, 115 ambulance.", "- **113** police\n- **114** fire\n- **115** ambulance"),
        "zh": ("紧急电话", "113 警察，114 消防，115 急救。", "- **113** 警察\n- **114** 消防\n- **115** 急救"),
        "lo": ("ເບີໂທສຸກເສີນ", "113 ຕຳຫຼວດ, 114 ດັບເພີງ, 115 ລົດໂຮງໝໍ.", "- **113** ຕຳຫຼວດ"),
        "km": ("លេខសង្គ្រោះបន្ទាន់", "113 ប៉ូលិស 114 ពន្លត់អគ្គីភ័យ 115 រថយន្តសង្គ្រោះ។", "- **113** ប៉ូលិស"),
    }),
    "tourist-hotline": ("tourist-help", 10, TOURISM, "2026-06-18", {
        "vi": ("Đường dây hỗ trợ du khách", "Gọi đường dây nóng du lịch khi cần giúp đỡ.", "Đường dây hỗ trợ du khách hoạt động hằng ngày. Số điện thoại có trên trang của Cục Du lịch Quốc gia."),
        "en": ("Tourist helpline", "Call the tourist hotline when you need help.", "The tourist helpline answers every day. Its number is on the National Authority of Tourism's site."),
        "zh": ("游客求助热线", "需要帮助时请拨打旅游热线。", "热线每天开通。"),
    }),
    "discover-province": ("discover", 10, TOURISM, "2025-12-01", {
        "vi": ("Khám phá vùng biên", "Gợi ý điểm đến gần cửa khẩu.", "Hỏi điểm thông tin du lịch của tỉnh về chợ, di tích và ẩm thực địa phương."),
        "en": ("Discover the border region", "Places to see near the gate.", "Ask the province's tourist information point about markets, heritage sites and local food."),
        "zh": ("探索边境地区", "口岸附近的景点推荐。", "请向本省旅游咨询点了解市场、古迹和美食。"),
        "km": ("ស្វែងយល់តំបន់ព្រំដែន", "កន្លែងគួរទស្សនាជិតច្រក។", "សួរព័ត៌មានទេសចរណ៍ខេត្ត។"),
    }),
}  # fmt: skip


def write_articles(content_dir: Path) -> list[str]:
    """Write the built-in articles as `articles/<id>/article.yaml` and `<lang>.md`."""
    for article_id, (topic, priority, (source, url), as_of, texts) in ARTICLES.items():
        folder = content_dir / "articles" / article_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "article.yaml").write_text(
            f"topic: {topic}\npriority: {priority}\ngates: all\n", encoding="utf-8"
        )
        for lang, (title, summary, body) in texts.items():
            front = (
                f'---\ntitle: "{title}"\nsummary: "{summary}"\nsource: {source}\n'
                f"source_url: {url}\nas_of: {as_of}\n---\n\n"
            )
            (folder / f"{lang}.md").write_text(front + body + "\n", encoding="utf-8")
    return list(ARTICLES)


CONTACTS = """\
- id: police
  kind: police
  number: "113"
  gates: all
  name: {vi: Công an, en: Police, zh: 警察, lo: ຕຳຫຼວດ, km: ប៉ូលិស}
- id: fire
  kind: fire
  number: "114"
  gates: all
  name: {vi: Cứu hỏa, en: Fire, zh: 消防, lo: ດັບເພີງ, km: ពន្លត់អគ្គីភ័យ}
- id: ambulance
  kind: ambulance
  number: "115"
  gates: all
  name: {vi: Cấp cứu, en: Ambulance, zh: 急救, lo: ລົດໂຮງໝໍ, km: រថយន្តសង្គ្រោះ}
"""
