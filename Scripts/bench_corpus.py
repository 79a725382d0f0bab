#!/usr/bin/env python3
"""Deterministic benchmark corpus for Assay.

    python3 Scripts/bench_corpus.py --size 20MB --seed 1 DIR
    python3 Scripts/bench_corpus.py --size 20MB --seed 1 --format html DIR
    python3 Scripts/bench_corpus.py --size 20MB --seed 1 --density news DIR

writes news-style documents in Vietnamese, English and Hindi (2-8 KB each, UTF-8) about Vietnam's
defence factories into DIR/NNN/NNNNNN.txt (1000 files per folder) until their bytes reach SIZE
(1 MB = 1,000,000 bytes; B, KB, MB and GB are accepted). Everything comes from the templates and
word lists below, written for this project, drawn with `random.Random(seed)`: the same seed and
size give byte-identical files on every machine and Python 3 version.

Every document carries factories (Z111..Z199 with a head noun, or a company name), officers (rank,
sometimes an academic title, name), money figures (VND, with scale words, per-unit tails and
qualifiers) and periods, at roughly the density of the hand-written corpus in corpus/. A fraction
of the documents has the awkward forms Assay must handle:

  * NFD      Vietnamese paragraphs decomposed (base letters + combining marks)
  * deva     Hindi paragraphs with Devanagari digits (२०२२, १.५००)
  * zwj      Hindi paragraphs with ZERO WIDTH JOINER after some viramas
  * crlf     CRLF line ends and a UTF-8 byte-order mark
  * mixed    one paragraph in another language (a quote, a caption, a summary)

With --density news the documents are articles at the entity density of real news (3-12 KB): the headline
and the lead carry entities as above, then come mostly long prose paragraphs with no figure and no entity
(NEWS_PROSE: subjects, predicates, opening phrases, joined clauses, whole sentences and quotes written for
this generator) and some paragraphs of fact sentences (NEWS_P_FACT_PARAGRAPH), about one entity per 250
bytes; no mixed-language paragraphs. The default, --density bench, is the dense corpus described above
(an entity every 85 bytes or so), unchanged byte for byte.

With --format html every document is written as a news page, DIR/NNN/NNNNNN.html: the same articles
as the text corpus of that seed and size (SIZE counts the article text, so both corpora hold the same
articles), the headline as <title> and <h1>, paragraphs as <p> with some figures and names inside
inline tags (<b>, <a>, <span>), text escaped as HTML (&amp;, &lt;, some &nbsp;), and page furniture a
reader does not see as article text: a <head> with styles, scripts and metadata, a header with a <nav>
menu, a sidebar <aside>, a share bar hidden with aria-hidden, a footer and trailing scripts (about
2.6 KB a page: the pages are 1.5 times the bytes of their text). The page furniture is drawn from its own random stream, so it never changes the articles.

The generator is not a gold corpus: it does not record the entities it places. It prints how many
of each kind it wrote, which is enough to compare with `assay run --stats`.
"""
import argparse
import json
import os
import random
import re
import sys
import unicodedata

VERSION = 1  # bump when the output for a given seed changes

MIN_DOC = 2048
MAX_DOC = 8192
FILES_PER_DIR = 1000

LANG_WEIGHTS = (("vi", 40), ("en", 35), ("hi", 25))
P_MIXED = 0.15
P_NFD = 0.12  # of documents with Vietnamese paragraphs
P_DEVA_DIGITS = 0.20  # of documents with Hindi paragraphs
P_ZWJ = 0.12  # of documents with Hindi paragraphs
P_CRLF_BOM = 0.08  # of all documents
P_ENTITY_SENTENCE = 0.6

# ---------------------------------------------------------------------------------------------
# Word lists

VI_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
               "Ngô", "Dương", "Lương", "Đinh", "Trịnh", "Tạ", "Cao", "Mai", "Lý"]
VI_MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Đình", "Xuân", "Ngọc", "Công", "Anh",
              "Quang"]
VI_GIVENS = ["Hưng", "Quang", "Tùng", "Bình", "Dũng", "Hải", "Long", "Nam", "Sơn", "Thắng", "Tuấn", "Việt",
             "Hà", "Lan", "Hạnh", "Khoa", "Phong", "Trung", "Cường", "Hiếu", "Kiên", "Lâm", "Toàn", "Vinh",
             "Chính", "Quân", "Bảo", "Tâm", "Thành", "Hòa"]

# The same name parts as Hindi news spells them.
HI_NAME = {
    "Nguyễn": "न्गुयेन", "Trần": "त्रान", "Lê": "ले", "Phạm": "फाम", "Hoàng": "होआंग", "Phan": "फान",
    "Vũ": "वू", "Võ": "वो", "Đặng": "दांग", "Bùi": "बुई", "Đỗ": "दो", "Hồ": "हो", "Ngô": "न्गो",
    "Dương": "दुओंग", "Lương": "लुओंग", "Đinh": "दिन्ह", "Trịnh": "त्रिन्ह", "Tạ": "ता", "Cao": "काओ",
    "Mai": "माई", "Lý": "ली",
    "Văn": "वान", "Thị": "थी", "Đức": "डुक", "Minh": "मिन्ह", "Quốc": "क्वोक", "Hữu": "हुउ",
    "Thanh": "थान्ह", "Đình": "दिन्ह", "Xuân": "शुआन", "Ngọc": "न्गोक", "Công": "कोंग", "Anh": "आन्ह",
    "Quang": "क्वांग",
    "Hưng": "हुंग", "Tùng": "तुंग", "Bình": "बिन्ह", "Dũng": "जुंग", "Hải": "हाई", "Long": "लोंग",
    "Nam": "नाम", "Sơn": "सोन", "Thắng": "थांग", "Tuấn": "तुआन", "Việt": "वियत", "Hà": "हा",
    "Lan": "लान", "Hạnh": "हान्ह", "Khoa": "ख्वा", "Phong": "फोंग", "Trung": "त्रुंग", "Cường": "कुओंग",
    "Hiếu": "हियू", "Kiên": "कियेन", "Lâm": "लाम", "Toàn": "तोआन", "Vinh": "विन्ह", "Chính": "चिन्ह",
    "Quân": "क्वान", "Bảo": "बाओ", "Tâm": "ताम", "Thành": "थान्ह", "Hòa": "होआ",
}
HI_INDIAN_NAMES = ["राजीव शर्मा", "अनिल मेहता", "सुरेश कुमार", "विक्रम सिंह", "अजय वर्मा", "प्रदीप नायर",
                   "संजय गुप्ता", "मनोज त्रिपाठी", "राकेश चौधरी", "अरुण प्रकाश"]

VI_RANKS = ["Đại tá", "Đại tá", "Thượng tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Thiếu tướng",
            "Trung tướng"]
VI_TITLES = ["Tiến sĩ", "TS.", "ThS.", "Kỹ sư"]
EN_RANKS = ["Colonel", "Colonel", "Col.", "Sr. Lt. Col.", "Senior Lieutenant Colonel", "Lt. Col.",
            "Lieutenant Colonel", "Senior Colonel", "Major", "Maj. Gen.", "Major General", "Lt. Gen.",
            "Captain"]
EN_TITLES = ["Dr.", "Dr"]
HI_RANKS = ["कर्नल", "कर्नल", "लेफ्टिनेंट कर्नल", "सीनियर लेफ्टिनेंट कर्नल", "सीनियर कर्नल", "मेजर",
            "मेजर जनरल", "लेफ्टिनेंट जनरल", "कैप्टन"]
HI_TITLES = ["डॉ."]

VI_ROLES = ["Giám đốc nhà máy", "Chính ủy nhà máy", "Phó Giám đốc nhà máy", "Trưởng phòng Kỹ thuật",
            "Trưởng phòng Kế hoạch", "Phó Chủ nhiệm Tổng cục Công nghiệp quốc phòng", "Chủ tịch Công đoàn nhà máy",
            "Quản đốc Phân xưởng cơ khí"]
EN_ROLES = ["director of the factory", "the plant's political commissar", "deputy director of the factory",
            "head of the technical department", "deputy head of the General Department of Defence Industry",
            "chairman of the factory's trade union", "chief engineer"]
HI_ROLES = ["कारखाने के निदेशक", "कारखाने के उप निदेशक", "कारखाने के राजनीतिक कमिसार", "तकनीकी विभाग के प्रमुख",
            "रक्षा उद्योग महानिदेशालय के उप प्रमुख", "मुख्य अभियंता"]

VI_PRODUCTS = ["vật liệu nổ công nghiệp", "tàu kéo", "động cơ diesel tàu thủy", "kíp nổ vi sai", "quân trang",
               "phụ tùng cơ khí chính xác", "thuốc phóng", "hộp số tàu thủy", "dây cháy chậm", "xuồng cao tốc",
               "thiết bị điện tử", "vỏ đạn"]
EN_PRODUCTS = ["industrial explosives", "tugboats", "marine diesel engines", "delay detonators", "military uniforms",
               "precision machine parts", "propellants", "marine gearboxes", "safety fuses", "patrol boats",
               "electronic equipment", "cartridge cases"]
HI_PRODUCTS = ["औद्योगिक विस्फोटक", "टगबोट", "समुद्री डीजल इंजन", "डेटोनेटर", "सैन्य वर्दी", "कलपुर्जों",
               "प्रणोदक", "गियरबॉक्स", "गश्ती नौकाओं", "इलेक्ट्रॉनिक उपकरणों"]

VI_PLACES = ["Thái Nguyên", "Phú Thọ", "Hải Phòng", "Hà Nội", "Bắc Giang", "Vĩnh Phúc", "Thanh Hóa", "Đồng Nai",
             "Bắc Ninh", "Quảng Ninh"]
HI_PLACES = ["हनोई", "हाइफोंग", "थाई न्गुयेन", "फु थो", "बाक जियांग", "हो ची मिन्ह सिटी"]

VI_COMPANIES = ["Công ty TNHH MTV Hóa chất 21", "Công ty TNHH MTV Cơ khí chính xác 11", "Công ty TNHH MTV Cơ khí 17",
                "Công ty TNHH Một thành viên Cơ khí chính xác 29", "Công ty TNHH MTV Đóng tàu Hồng Hà",
                "Công ty TNHH MTV 189"]
EN_COMPANIES = ["Hong Ha Shipbuilding One Member LLC", "21 Chemical One Member Limited Liability Company",
                "One Member Limited Liability Company 189"]

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
HI_MONTHS = ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर",
             "दिसंबर"]
ROMAN = ["I", "II", "III", "IV"]
EN_ORD = ["first", "second", "third", "fourth"]

# ---------------------------------------------------------------------------------------------
# Sentence templates. Slots: {F} the document's factory, {F2} another factory, {C} its bare code,
# {O} an officer (rank, title, name), {Ob} an officer with the role, {o} the first officer again,
# {M} money, {QM} money with a qualifier, {W} a wage figure, {P} a period, {Pc} a period at the start
# of a sentence, {PFT} a from-to range, {Y} a year, {D} a date, {N} a head count, {PCT} a percentage,
# {PR} a product, {PL} a place.

VI_HEADLINES = [
    "{F} hoàn thành vượt mức kế hoạch năm {Y}",
    "{F}: doanh thu {P} đạt {M}",
    "{O} làm việc tại {F}",
    "Nâng cao năng lực sản xuất {PR} tại {F}",
    "{F} tổng kết phong trào thi đua {P}",
    "Thu nhập người lao động {F} đạt {W}",
]
VI_LEADS = [
    "{D}, {F} tổ chức hội nghị tổng kết công tác {P}.",
    "{D}, {Ob}, đã đến kiểm tra và làm việc tại {F}.",
    "{D}, tại {PL}, {F} long trọng tổ chức lễ kỷ niệm ngày truyền thống.",
]
VI_FACTS = [
    "{O}, {R}, cho biết {P} doanh thu của nhà máy đạt {QM}, tăng {PCT}% so với cùng kỳ.",
    "{Pc}, {F} nộp ngân sách {QM} và bảo đảm thu nhập bình quân cho người lao động {W}.",
    "Theo kế hoạch, {P} nhà máy sẽ đầu tư {QM} để đổi mới dây chuyền sản xuất {PR}.",
    "Phát biểu tại hội nghị, {O} đánh giá cao kết quả mà {F} đạt được {P}.",
    "Lợi nhuận trước thuế {P} ước đạt {M}, vượt {PCT}% kế hoạch được giao.",
    "Cùng dự có {Ob}, và đại diện lãnh đạo {F2}.",
    "Giá trị xuất khẩu {PR} của {F} {P} đạt {QM}.",
    "{O} nhấn mạnh, {F} cần tiếp tục làm chủ công nghệ sản xuất {PR} và giữ vững việc làm cho hơn {N} công nhân.",
    "Thu nhập bình quân của người lao động {P} là {W}.",
    "Tổng giá trị hợp đồng ký với các đối tác trong nước {P} là {QM}.",
    "Báo cáo với đoàn công tác, {Ob}, cho biết sản lượng {PR} {P} tăng {PCT}%.",
    "Nhà máy đã chi {QM} cho công tác an toàn, vệ sinh lao động {P}.",
    "{F} và {F2} được Bộ Quốc phòng tặng Cờ thi đua vì thành tích xuất sắc {P}.",
    "Theo {o}, {P} đơn vị phấn đấu đạt doanh thu {QM}, thu nhập bình quân {W}.",
    "{PFT}, {C} đã dành {QM} đầu tư chiều sâu, di dời các dây chuyền ra khỏi khu dân cư.",
    "Riêng {P}, {F2} bàn giao {N} sản phẩm {PR} với tổng giá trị {M}.",
    "{o} khẳng định đơn vị sẽ giữ mức thu nhập {W} cho người lao động {P}.",
]
VI_FILLER = [
    "Hội nghị cũng thống nhất các giải pháp nâng cao năng lực sản xuất, bảo đảm an toàn tuyệt đối trong quá trình vận hành.",
    "Các đại biểu đã tham quan khu vực sản xuất và nghe giới thiệu về quy trình kiểm tra chất lượng sản phẩm.",
    "Nhiều sáng kiến cải tiến kỹ thuật đã được áp dụng vào sản xuất, giúp tiết kiệm chi phí và rút ngắn thời gian gia công.",
    "Công tác đào tạo nguồn nhân lực chất lượng cao tiếp tục được đơn vị quan tâm, chú trọng.",
    "Phong trào thi đua quyết thắng được triển khai sâu rộng tới từng phân xưởng, tổ sản xuất.",
    "Đơn vị đã chủ động khắc phục khó khăn do giá nguyên vật liệu đầu vào tăng cao.",
    "Đời sống vật chất, tinh thần của cán bộ, công nhân viên từng bước được cải thiện.",
    "Các sản phẩm quốc phòng đều được nghiệm thu đạt chất lượng, bàn giao đúng tiến độ.",
    "Bên cạnh nhiệm vụ chính trị trung tâm, nhà máy tích cực tham gia các hoạt động đền ơn đáp nghĩa tại địa phương.",
    "Trong không khí phấn khởi, các đại biểu đã trao đổi nhiều ý kiến tâm huyết về phương hướng phát triển của đơn vị.",
    "Dây chuyền mới được đưa vào vận hành tại {PL} với mức độ tự động hóa cao.",
    "Công đoàn nhà máy đã tổ chức nhiều hoạt động chăm lo cho đoàn viên có hoàn cảnh khó khăn.",
    "Việc chuyển đổi số trong quản lý sản xuất được triển khai đồng bộ, bước đầu mang lại hiệu quả rõ rệt.",
    "Đảng ủy, Ban Giám đốc xác định chất lượng sản phẩm là yếu tố sống còn của doanh nghiệp quốc phòng.",
]
VI_SUBJECTS = ["Các đại biểu", "Ban Giám đốc", "Đảng ủy nhà máy", "Cán bộ, công nhân viên", "Các phân xưởng",
               "Phòng Kỹ thuật", "Công đoàn nhà máy", "Đoàn Thanh niên", "Tổ sản xuất số {SN}", "Lãnh đạo Tổng cục"]
VI_PREDICATES = ["đã thống nhất nhiều giải pháp bảo đảm an toàn trong sản xuất.",
                 "tích cực nghiên cứu, cải tiến quy trình gia công.", "đã hoàn thành tốt các nhiệm vụ được giao.",
                 "thường xuyên kiểm tra chất lượng sản phẩm ở từng công đoạn.",
                 "chủ động tìm kiếm thêm thị trường trong và ngoài nước.",
                 "tổ chức nhiều lớp bồi dưỡng tay nghề cho công nhân trẻ.", "đã đề xuất {SN} sáng kiến cải tiến kỹ thuật.",
                 "quan tâm chăm lo đời sống của người lao động.", "tiếp tục đẩy mạnh chuyển đổi số trong quản lý.",
                 "triển khai đồng bộ các biện pháp tiết kiệm năng lượng."]
VI_CLOSINGS = ["Ảnh: {NAME}", "Bài và ảnh: {NAME}", "{NAME} (tổng hợp)"]

EN_HEADLINES = [
    "{F} beats its {Y} plan",
    "{F} revenue reaches {M} in {P}",
    "{O} inspects {F}",
    "{F} expands production of {PR}",
    "Defence factories raise wages to {W}",
    "{F} reviews emulation campaign for {P}",
]
EN_LEADS = [
    "{D}, {F} held a conference to review its work in {P}.",
    "{D}, {Ob}, visited {F} to inspect production.",
    "{D}, {F} marked its founding anniversary at its site in {PL}.",
]
EN_FACTS = [
    "{O}, {R}, said revenue in {P} reached {QM}, up {PCT}% year on year.",
    "In {P}, {F} paid {QM} into the state budget and kept average incomes at {W}.",
    "The plant plans to invest {QM} in {P} to upgrade its lines for {PR}.",
    "Speaking at the conference, {O} praised the results {F} had achieved in {P}.",
    "Pre-tax profit for {P} was estimated at {M}, {PCT}% above the target.",
    "Also attending were {Ob}, and leaders of {F2}.",
    "Exports of {PR} from {F} reached {QM} in {P}.",
    "{O} said {F} must master the technology for {PR} and keep jobs for more than {N} workers.",
    "Average income of workers in {P} was {W}.",
    "Contracts signed with domestic partners in {P} were worth {QM}.",
    "{F} and {F2} received emulation flags from the Ministry of National Defence for their results in {P}.",
    "According to {o}, the unit aims for revenue of {QM} in {P}, with average income of {W}.",
    "{PFT}, {C} spent {QM} on new equipment and moved its production lines away from residential areas.",
    "The factory spent {QM} on occupational safety during {P}.",
    "{F2} alone delivered {N} units of {PR} worth {M} in {P}.",
    "{o} said the plant would keep pay at {W} through {P}.",
]
EN_FILLER = [
    "The conference also agreed on measures to raise production capacity and keep operations absolutely safe.",
    "Delegates toured the workshops and were briefed on the quality control process.",
    "Dozens of technical improvements have been put into production, cutting costs and machining time.",
    "Training of highly skilled staff remains a priority for the unit.",
    "The emulation movement has reached every workshop and production team.",
    "The unit has coped with the sharp rise in the price of raw materials.",
    "Living conditions of officers, workers and employees have improved step by step.",
    "All defence products passed acceptance tests and were delivered on schedule.",
    "Besides its core mission, the factory takes part in charity work in the locality.",
    "A new automated line has been commissioned in {PL}.",
    "The factory's trade union has organised support for members in difficult circumstances.",
    "Digital tools for production management have been rolled out across the plant.",
    "Managers said product quality was a matter of survival for a defence enterprise.",
]
EN_SUBJECTS = ["Delegates", "The board of directors", "The factory's Party committee", "Workers and engineers",
               "The machining workshops", "The technical department", "The trade union", "The youth union",
               "Production team No. {SN}", "Leaders of the General Department"]
EN_PREDICATES = ["agreed on measures to keep production safe.", "have refined the machining process.",
                 "completed all assigned tasks.", "check product quality at every stage.",
                 "are looking for new markets at home and abroad.", "ran training courses for young workers.",
                 "put forward {SN} technical improvements.", "paid close attention to the welfare of employees.",
                 "continued the digital transformation of management.", "introduced measures to save energy."]
EN_CLOSINGS = ["Photo: {NAME}", "Story and photos by {NAME}", "Reporting by {NAME}"]

HI_HEADLINES = [
    "{F} ने {Y} की योजना से अधिक उत्पादन किया",
    "{F} का राजस्व {P} {M} पहुंचा",
    "{O} ने {F} का दौरा किया",
    "{F} में {PR} का उत्पादन बढ़ा",
    "रक्षा कारखानों में श्रमिकों की औसत आय {W}",
]
HI_LEADS = [
    "हनोई। {D} {F} ने {P} के कामकाज की समीक्षा के लिए सम्मेलन आयोजित किया।",
    "हनोई। {D} {Ob} ने उत्पादन का निरीक्षण करने के लिए {F} का दौरा किया।",
    "नई दिल्ली/हनोई। भारत और वियतनाम के बीच रक्षा सहयोग के तहत {O} के नेतृत्व में एक प्रतिनिधिमंडल ने {F} का दौरा किया।",
]
HI_FACTS = [
    "{O}, {R}, ने बताया कि {P} कारखाने का राजस्व {QM} रहा।",
    "{P} {F} ने सरकारी बजट में {QM} जमा किए और श्रमिकों की औसत आय {W} रही।",
    "योजना के अनुसार {P} कारखाना {PR} की उत्पादन लाइनों के आधुनिकीकरण पर {QM} का निवेश करेगा।",
    "सम्मेलन में {O} ने {P} {F} की उपलब्धियों की सराहना की।",
    "{P} कर-पूर्व लाभ {M} रहने का अनुमान है, जो लक्ष्य से {PCT} प्रतिशत अधिक है।",
    "इस अवसर पर {Ob}, और {F2} के अधिकारी भी मौजूद थे।",
    "{F} से {PR} का निर्यात {P} {QM} तक पहुंच गया।",
    "{O} ने कहा कि {F} को {PR} की तकनीक में महारत हासिल करनी होगी और {N} से अधिक श्रमिकों का रोजगार बनाए रखना होगा।",
    "{P} श्रमिकों की औसत आय {W} रही।",
    "{F} और {F2} को {P} उत्कृष्ट प्रदर्शन के लिए रक्षा मंत्रालय ने सम्मानित किया।",
    "{o} के अनुसार इकाई ने {P} {QM} के राजस्व का लक्ष्य रखा है।",
    "{PFT} {C} ने नए उपकरणों पर {QM} खर्च किए।",
    "घरेलू साझेदारों के साथ {P} हुए अनुबंधों का मूल्य {QM} रहा।",
]
HI_FILLER = [
    "बैठक में उत्पादन क्षमता बढ़ाने और कार्यस्थल पर सुरक्षा सुनिश्चित करने के उपायों पर विस्तार से चर्चा हुई।",
    "प्रतिनिधियों ने उत्पादन इकाइयों का निरीक्षण किया और गुणवत्ता जांच की प्रक्रिया को समझा।",
    "तकनीकी सुधार के कई सुझाव उत्पादन में लागू किए गए, जिससे लागत और समय दोनों की बचत हुई।",
    "उच्च कुशल मानव संसाधन के प्रशिक्षण पर विशेष ध्यान दिया जा रहा है।",
    "कच्चे माल की बढ़ती कीमतों के बावजूद इकाई ने उत्पादन की निरंतरता बनाए रखी।",
    "भारत और वियतनाम के बीच रक्षा उद्योग में सहयोग लगातार बढ़ रहा है।",
    "कर्मचारियों के कल्याण के लिए कई नई योजनाएं शुरू की गई हैं।",
    "सभी रक्षा उत्पादों को गुणवत्ता परीक्षण के बाद समय पर सौंप दिया गया।",
    "{PL} में नई स्वचालित उत्पादन लाइन शुरू की गई है।",
    "प्रबंधन का कहना है कि रक्षा उद्यम के लिए उत्पाद की गुणवत्ता सबसे महत्वपूर्ण है।",
]
HI_SUBJECTS = ["प्रतिनिधियों ने", "निदेशक मंडल ने", "कारखाने की पार्टी समिति ने", "श्रमिकों और इंजीनियरों ने",
               "मशीनिंग कार्यशालाओं ने", "तकनीकी विभाग ने", "ट्रेड यूनियन ने", "युवा संघ ने", "उत्पादन दल संख्या {SN} ने",
               "महानिदेशालय के नेतृत्व ने"]
HI_PREDICATES = ["सुरक्षा के नए उपायों पर सहमति जताई।", "मशीनिंग प्रक्रिया में सुधार किया।", "सभी सौंपे गए कार्य पूरे किए।",
                 "हर चरण में उत्पाद की गुणवत्ता की जांच की।", "देश और विदेश में नए बाजारों की तलाश की।",
                 "युवा श्रमिकों के लिए प्रशिक्षण पाठ्यक्रम चलाए।", "{SN} तकनीकी सुधार प्रस्तावित किए।",
                 "कर्मचारियों के कल्याण पर विशेष ध्यान दिया।", "प्रबंधन में डिजिटल बदलाव जारी रखा।", "ऊर्जा बचत के उपाय लागू किए।"]
HI_CLOSINGS = ["फोटो: {NAME}", "रिपोर्ट: {NAME}"]

SLOT = re.compile(r"\{(\w+)\}")


def fold_ascii(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def group(n, sep):
    """1500 → '1.500' (sep='.') or '1,500' (sep=',')."""
    s = str(n)
    out = []
    while len(s) > 3:
        out.append(s[-3:])
        s = s[:-3]
    out.append(s)
    return sep.join(reversed(out))


class Doc:
    """Draws the values of one document's slots. Every draw goes through self.r, in text order."""

    def __init__(self, r, lang):
        self.r = r
        self.lang = lang
        self.code = r.randint(111, 199)
        self.year = r.randint(2015, 2024)
        self.first_officer = None
        self.counts = {"factory": 0, "officer": 0, "money": 0, "period": 0}
        self.en_diacritics = r.random() < 0.25  # English text keeping Vietnamese spellings of names

    # -- entities ------------------------------------------------------------------------------
    def factory(self, code=None, lang=None):
        r, lang = self.r, lang or self.lang
        code = code or self.code
        self.counts["factory"] += 1
        x = r.random()
        if lang == "vi":
            if x < 0.07:
                return r.choice(VI_COMPANIES)
            if x < 0.80:
                return f"Nhà máy Z{code}" if x < 0.55 else f"nhà máy Z{code}"
            if x < 0.90:
                return f"Xí nghiệp Z{code}"
            return f"Z{code}"
        if lang == "en":
            if x < 0.05:
                return r.choice(EN_COMPANIES)
            if x < 0.45:
                return f"Z{code} Factory"
            if x < 0.65:
                return f"Factory Z{code}"
            if x < 0.78:
                return f"the Z{code} plant"
            if x < 0.85:
                return f"Z{code} Shipyard"
            return f"Z{code}"
        if x < 0.35:
            return f"Z{code} कारखाने"
        if x < 0.60:
            return f"फैक्ट्री Z{code}"
        if x < 0.75:
            return f"जेड{code} कारखाने"
        if x < 0.85:
            return f"Z{code} फैक्टरी"
        return f"Z{code}"

    def name(self, lang):
        r = self.r
        sur, giv = r.choice(VI_SURNAMES), r.choice(VI_GIVENS)
        parts = [sur, giv] if r.random() < 0.1 else [sur, r.choice(VI_MIDDLES), giv]
        if lang == "vi":
            return " ".join(parts)
        if lang == "en":
            return " ".join(parts) if self.en_diacritics else fold_ascii(" ".join(parts))
        if r.random() < 0.2:
            return r.choice(HI_INDIAN_NAMES)
        return " ".join(HI_NAME[p] for p in parts)

    def officer(self, lang=None):
        r, lang = self.r, lang or self.lang
        self.counts["officer"] += 1
        if lang == "vi":
            rank, titles, sep = r.choice(VI_RANKS), VI_TITLES, ", "
        elif lang == "en":
            rank, titles, sep = r.choice(EN_RANKS), EN_TITLES, " "
        else:
            rank, titles, sep = r.choice(HI_RANKS), HI_TITLES, " "
        name = self.name(lang)
        title = r.choice(titles) + " " if r.random() < 0.12 else ""
        s = f"{rank}{sep}{title}{name}" if title else f"{rank} {name}"
        if self.first_officer is None or self.first_officer[0] != lang:
            self.first_officer = (lang, s)
        return s

    def officer_again(self, lang=None):
        lang = lang or self.lang
        if self.first_officer and self.first_officer[0] == lang:
            self.counts["officer"] += 1
            return self.first_officer[1]
        return self.officer(lang)

    def role(self, lang=None):
        lang = lang or self.lang
        return self.r.choice({"vi": VI_ROLES, "en": EN_ROLES, "hi": HI_ROLES}[lang])

    def amount(self):
        """A (text-ready) number and its scale for a large money figure: ('1.500', 'tỷ') etc."""
        r = self.r
        x = r.random()
        if x < 0.55:
            return "int", r.choice([r.randint(12, 999), r.randint(1000, 9999), r.randint(100, 2500)])
        if x < 0.85:
            return "dec", (r.randint(1, 999), r.randint(1, 9))
        return "trn", (r.randint(1, 35), r.randint(0, 9))

    def money(self, lang=None, qualified=False):
        r, lang = self.r, lang or self.lang
        self.counts["money"] += 1
        kind, v = self.amount()
        if lang == "vi":
            if kind == "int":
                m = f"{group(v, '.')} tỷ đồng"
            elif kind == "dec":
                m = f"{v[0]},{v[1]} tỷ đồng"
            else:
                m = f"{v[0]},{v[1]} nghìn tỷ đồng" if v[1] else f"{v[0]} nghìn tỷ đồng"
            if kind == "dec" and r.random() < 0.2:
                m = f"{group(v[0] * 1000 + v[1] * 100, '.')} triệu đồng"
            if qualified and r.random() < 0.5:
                m = r.choice(["khoảng", "gần", "hơn", "trên", "dưới", "xấp xỉ", "ước"]) + " " + m
            return m
        if lang == "en":
            if kind == "int":
                y = r.random()
                if y < 0.5:
                    m = f"VND {group(v, ',')} billion"
                elif y < 0.75:
                    m = f"VND{group(v, ',')}bn"
                else:
                    m = f"{group(v, ',')} billion dong"
            elif kind == "dec":
                m = f"VND {v[0]}.{v[1]} billion" if r.random() < 0.7 else f"VND{v[0]}.{v[1]}bn"
            else:
                m = f"VND {v[0]}.{v[1]} trillion" if v[1] else f"VND {v[0]} trillion"
            if qualified and r.random() < 0.5:
                m = r.choice(["about", "nearly", "more than", "over", "under", "approximately", "around",
                              "less than"]) + " " + m
            return m
        if kind == "int":
            m = f"{group(v, ',')} बिलियन VND" if r.random() < 0.8 else f"VND {group(v, ',')} बिलियन"
        elif kind == "dec":
            m = f"{v[0]}.{v[1]} बिलियन VND"
        else:
            m = f"{v[0]}.{v[1]} ट्रिलियन VND" if v[1] else f"{v[0]} ट्रिलियन VND"
        if qualified and r.random() < 0.5:
            q = r.choice(["करीब ", "लगभग ", " से अधिक", " से कम"])
            m = q + m if q.endswith(" ") else m + q
        return m

    def wage(self, lang=None):
        r, lang = self.r, lang or self.lang
        self.counts["money"] += 1
        a, b = r.randint(6, 24), r.randint(0, 9)
        if lang == "vi":
            num = f"{a},{b}" if b else str(a)
            m = f"{num} triệu đồng" + r.choice(["/người/tháng", "/người/tháng", "/tháng", "/người/năm"])
            if r.random() < 0.15:
                m = f"{group(a * 1000000 + b * 100000, '.')} đồng/người/tháng"
            if r.random() < 0.3:
                m = r.choice(["khoảng", "gần", "hơn", "trên"]) + " " + m
            return m
        if lang == "en":
            num = f"{a}.{b}" if b else str(a)
            m = f"VND {num} million" + r.choice([" per person per month", " per person per month", " a month",
                                                  " per month", " per person per year"])
            if r.random() < 0.3:
                m = r.choice(["about", "nearly", "more than", "over"]) + " " + m
            return m
        num = f"{a}.{b}" if b else str(a)
        m = f"{num} मिलियन VND" + r.choice([" प्रति माह", " प्रति व्यक्ति प्रति माह", " प्रति व्यक्ति प्रति वर्ष"])
        if r.random() < 0.3:
            m = r.choice(["करीब ", "लगभग "]) + m
        return m

    def period(self, lang=None, start=False):
        r, lang = self.r, lang or self.lang
        self.counts["period"] += 1
        y = self.year + r.randint(-3, 1)
        y2 = y + r.choice([1, 2, 3, 4, 5])
        x = r.random()
        if lang == "vi":
            if x < 0.20:
                dash = r.choice(["-", "-", " - ", " – ", "–"])
                s = f"giai đoạn {y}{dash}{y2}"
            elif x < 0.35:
                s = f"{r.choice(['6', '9', '3'])} tháng đầu năm {y}"
            elif x < 0.45:
                s = f"quý {r.choice(ROMAN)}/{y}"
            elif x < 0.75:
                s = f"năm {y}"
            elif x < 0.85:
                s = f"từ năm {y} đến năm {y2}"
            elif x < 0.93:
                s = f"{r.choice(['6', '9'])} tháng năm {y}"
            else:
                s = f"tháng {r.randint(1, 12)}/{y}"
            return s[0].upper() + s[1:] if start else s
        if lang == "en":
            if x < 0.20:
                s = f"the first six months of {y}"
            elif x < 0.30:
                s = f"the first half of {y}"
            elif x < 0.45:
                s = f"the {y}-{y2} period"
            elif x < 0.55:
                s = f"Q{r.randint(1, 4)} {y}"
            elif x < 0.65:
                s = f"the {r.choice(EN_ORD)} quarter of {y}"
            elif x < 0.75:
                s = f"{y}-{y2}"
            else:
                s = str(y)
            return s
        if x < 0.25:
            s = f"{y} के पहले छह महीनों में"
        elif x < 0.40:
            s = f"{y} की पहली छमाही में"
        elif x < 0.55:
            s = f"{y} से {y2} तक"
        elif x < 0.65:
            s = f"{y}-{y2} की अवधि में"
        else:
            s = f"{y} में"
        return s

    def period_from_to(self, lang=None):
        r, lang = self.r, lang or self.lang
        self.counts["period"] += 1
        y = self.year + r.randint(-5, -1)
        y2 = self.year
        if lang == "vi":
            return f"Từ năm {y} đến năm {y2}" if r.random() < 0.7 else f"Giai đoạn {y}-{y2}"
        if lang == "en":
            return f"From {y} to {y2}" if r.random() < 0.7 else f"Between {y} and {y2}"
        return f"{y} से {y2} तक"

    def date(self, lang=None):
        r, lang = self.r, lang or self.lang
        d, m = r.randint(1, 28), r.randint(1, 12)
        y = self.year
        if lang == "vi":
            return f"Ngày {d}/{m}/{y}"
        if lang == "en":
            return f"On {EN_MONTHS[m - 1]} {d}, {y}"
        return f"{d} {HI_MONTHS[m - 1]} {y} को"

    # -- templates -------------------------------------------------------------------------------
    def fill(self, template, lang=None):
        lang = lang or self.lang

        def slot(m):
            k = m.group(1)
            r = self.r
            if k == "F":
                return self.factory(lang=lang)
            if k == "F2":
                other = r.randint(111, 199)
                return self.factory(other if other != self.code else 111 + (other - 110) % 89, lang)
            if k == "C":
                self.counts["factory"] += 1
                return f"Z{self.code}"
            if k == "O":
                return self.officer(lang)
            if k == "Ob":
                return self.officer(lang) + ", " + self.role(lang)
            if k == "o":
                return self.officer_again(lang)
            if k == "R":
                return self.role(lang)
            if k == "M":
                return self.money(lang)
            if k == "QM":
                return self.money(lang, qualified=True)
            if k == "W":
                return self.wage(lang)
            if k == "P":
                return self.period(lang)
            if k == "Pc":
                return self.period(lang, start=True)
            if k == "PFT":
                return self.period_from_to(lang)
            if k == "Y":
                return str(self.year)
            if k == "D":
                return self.date(lang)
            if k == "SN":
                return str(r.randint(2, 48))
            if k == "N":
                return group(r.randint(120, 3800), "." if lang == "vi" else ",")
            if k == "PCT":
                return f"{r.randint(2, 35)},{r.randint(0, 9)}" if lang == "vi" else f"{r.randint(2, 35)}.{r.randint(0, 9)}"
            if k == "PR":
                return r.choice({"vi": VI_PRODUCTS, "en": EN_PRODUCTS, "hi": HI_PRODUCTS}[lang])
            if k == "PL":
                p = r.choice(VI_PLACES)
                return {"vi": p, "en": fold_ascii(p), "hi": r.choice(HI_PLACES)}[lang]
            if k == "NAME":
                return self.name(lang)
            raise KeyError(k)

        s = SLOT.sub(slot, template)
        return s[0].upper() + s[1:] if lang != "hi" else s

    def sentence(self, lang, previous):
        r = self.r
        facts, filler, subjects, predicates = PARTS[lang]
        for _ in range(3):  # never the same template twice in a row
            x = r.random()
            if x < P_ENTITY_SENTENCE:
                t = r.choice(facts)
            elif x < P_ENTITY_SENTENCE + (1 - P_ENTITY_SENTENCE) / 2:
                t = r.choice(filler)
            else:
                t = r.choice(subjects) + " " + r.choice(predicates)
            if t != previous:
                break
        return t, self.fill(t, lang)


# ---------------------------------------------------------------------------------------------
# --density news: prose for the paragraphs of an article that carry no figure and no entity. A prose
# sentence is drawn from these parts (subject + predicate, an opening phrase, two clauses joined, or a
# whole sentence); none holds a digit, a factory code, a rank, an amount or a period.

NEWS_VI = {
    "open": ["Theo các chuyên gia trong ngành", "Trên thực tế", "Bên cạnh đó", "Cũng theo lãnh đạo đơn vị",
             "Trong bối cảnh thị trường nhiều biến động", "Để đáp ứng yêu cầu ngày càng cao", "Không chỉ vậy",
             "Với tinh thần chủ động, sáng tạo", "Từ thực tiễn sản xuất", "Nhìn lại chặng đường đã qua",
             "Trước yêu cầu nhiệm vụ mới", "Theo đánh giá của đoàn công tác"],
    "subj": ["đội ngũ kỹ sư trẻ", "các phân xưởng cơ khí", "người lao động", "lãnh đạo đơn vị",
             "các doanh nghiệp quốc phòng", "phòng kỹ thuật", "tổ chức công đoàn", "nhiều công nhân lành nghề",
             "các tổ sản xuất", "bộ phận kiểm tra chất lượng", "ban chỉ huy", "các đối tác trong nước",
             "lực lượng nghiên cứu", "cán bộ quản lý"],
    "pred": ["đã chủ động đổi mới phương thức quản lý", "luôn coi trọng kỷ luật lao động và an toàn sản xuất",
             "tích cực học hỏi, làm chủ các thiết bị hiện đại", "đã phối hợp chặt chẽ trong từng khâu của quy trình",
             "tiếp tục tìm tòi các giải pháp tiết kiệm vật tư", "đã vượt qua nhiều khó khăn về nguyên liệu và thị trường",
             "thường xuyên trao đổi kinh nghiệm với các đơn vị bạn", "đặt chất lượng sản phẩm lên hàng đầu",
             "đã hoàn thiện hồ sơ kỹ thuật cho các mẫu sản phẩm mới",
             "chú trọng bồi dưỡng tay nghề cho lớp công nhân kế cận",
             "đã nghiêm túc rút kinh nghiệm sau mỗi đợt kiểm tra", "chăm lo tốt hơn đời sống tinh thần của người lao động",
             "từng bước ứng dụng công nghệ số vào điều hành sản xuất",
             "đã cải tạo nhà xưởng, bảo đảm môi trường làm việc xanh, sạch, đẹp"],
    "conj": ["trong khi", "đồng thời", "nhờ vậy", "vì thế", "còn"],
    "whole": ["Đây là kết quả của quá trình chuẩn bị kỹ lưỡng và sự đoàn kết của tập thể.",
              "Những kết quả ấy tạo nền tảng vững chắc cho các bước phát triển tiếp theo.",
              "Nhiều ý kiến cho rằng cần có cơ chế linh hoạt hơn để doanh nghiệp chủ động trong sản xuất, kinh doanh.",
              "Việc bảo đảm an toàn tuyệt đối về người và vũ khí, trang bị luôn được đặt lên hàng đầu.",
              "Không khí thi đua sôi nổi lan tỏa khắp các phân xưởng, tổ đội.",
              "Những sáng kiến nhỏ từ chính người công nhân đã góp phần nâng cao năng suất lao động.",
              "Khó khăn lớn nhất hiện nay là thiếu nguồn nhân lực chất lượng cao cho các khâu công nghệ mới.",
              "Công tác bảo vệ môi trường được chú trọng ngay từ khâu thiết kế dây chuyền."],
    "quote": ["“Chúng tôi xác định chất lượng là danh dự của người thợ quốc phòng”, một kỹ sư của phân xưởng chia sẻ.",
              "“Mỗi sản phẩm làm ra đều phải qua nhiều lần kiểm tra nghiêm ngặt”, một tổ trưởng sản xuất cho biết.",
              "“Tuổi trẻ phải dám nghĩ, dám làm và dám chịu trách nhiệm”, một đoàn viên thanh niên nói.",
              "“Có việc làm ổn định, anh em yên tâm gắn bó với nhà máy”, một công nhân lâu năm tâm sự."],
    "end": ".", "sep": ", ",
}
NEWS_EN = {
    "open": ["According to industry experts", "In practice", "Beyond that", "As the unit's managers put it",
             "In a volatile market", "To meet ever higher demands", "At the same time", "Working on its own initiative",
             "Drawing on experience from the shop floor", "Looking back on the road travelled",
             "Faced with new tasks", "In the view of the inspection team"],
    "subj": ["young engineers", "the machining workshops", "the workforce", "the unit's leaders",
             "defence enterprises", "the technical department", "the trade union", "skilled workers",
             "production teams", "the quality control section", "the command", "domestic partners",
             "the research staff", "line managers"],
    "pred": ["reorganised the way work is planned and managed", "kept strict discipline and safety on every line",
             "learned to run the new machines on their own", "worked closely together at each step of the process",
             "looked for ways to use less material", "overcame shortages of raw materials and a weak market",
             "swapped experience with partner units", "put product quality first",
             "completed the technical files for new product designs", "trained the next generation of workers",
             "drew lessons from each inspection", "did more for the well-being of employees",
             "brought digital tools into production planning",
             "refurbished the workshops to make them cleaner and greener"],
    "conj": ["while", "and", "so", "which is why", "whereas"],
    "whole": ["The results reflect careful preparation and a united workforce.",
              "Those results lay a solid foundation for the next stage of development.",
              "Several speakers called for more flexible rules so that enterprises can plan production themselves.",
              "Absolute safety for people, weapons and equipment remains the first priority.",
              "A spirit of emulation has spread through every workshop and team.",
              "Small improvements suggested by workers themselves have raised productivity.",
              "The biggest difficulty now is a shortage of highly skilled staff for the new technologies.",
              "Environmental protection is considered from the moment a production line is designed."],
    "quote": ["\u201cWe see quality as a matter of honour for every defence worker,\u201d an engineer in the workshop said.",
              "\u201cEvery product goes through several strict checks before it leaves the plant,\u201d a team leader said.",
              "\u201cYoung people must dare to think, to act and to take responsibility,\u201d a youth union member said.",
              "\u201cWith steady jobs, people are happy to stay with the factory,\u201d a long-serving worker said."],
    "end": ".", "sep": ", ",
}
NEWS_HI = {
    "open": ["उद्योग विशेषज्ञों के अनुसार", "व्यवहार में", "इसके साथ ही", "इकाई के प्रबंधन के मुताबिक",
             "अस्थिर बाजार के बीच", "बढ़ती मांगों को पूरा करने के लिए", "इसके अलावा", "अपनी पहल पर",
             "कार्यशाला के अनुभव के आधार पर", "निरीक्षण दल के आकलन में"],
    "subj": ["युवा इंजीनियरों ने", "मशीनिंग कार्यशालाओं ने", "कर्मचारियों ने", "इकाई के नेतृत्व ने",
             "रक्षा उद्यमों ने", "तकनीकी विभाग ने", "ट्रेड यूनियन ने", "कुशल श्रमिकों ने", "उत्पादन दलों ने",
             "गुणवत्ता नियंत्रण अनुभाग ने", "घरेलू साझेदारों ने", "अनुसंधान दल ने"],
    "pred": ["काम की योजना और प्रबंधन के तरीके को नए सिरे से व्यवस्थित किया",
             "हर उत्पादन लाइन पर अनुशासन और सुरक्षा का कड़ाई से पालन किया",
             "नई मशीनों को स्वयं चलाना सीखा", "प्रक्रिया के हर चरण में मिलकर काम किया",
             "कच्चे माल की बचत के तरीके खोजे", "कच्चे माल की कमी और कमजोर बाजार की चुनौती का सामना किया",
             "साझेदार इकाइयों के साथ अनुभव साझा किया", "उत्पाद की गुणवत्ता को सर्वोच्च प्राथमिकता दी",
             "नए उत्पादों के तकनीकी दस्तावेज पूरे किए", "अगली पीढ़ी के श्रमिकों को प्रशिक्षित किया",
             "हर निरीक्षण से सबक लिया", "कर्मचारियों के कल्याण के लिए और अधिक प्रयास किए",
             "उत्पादन योजना में डिजिटल साधनों को अपनाया", "कार्यशालाओं को अधिक स्वच्छ और हरित बनाया"],
    "conj": ["जबकि", "और", "इसलिए", "साथ ही"],
    "whole": ["यह सावधानीपूर्वक तैयारी और सामूहिक एकजुटता का परिणाम है।",
              "इन उपलब्धियों ने विकास के अगले चरण की मजबूत नींव रखी है।",
              "कई वक्ताओं ने कहा कि उद्यमों को उत्पादन की योजना स्वयं बनाने की अधिक छूट मिलनी चाहिए।",
              "लोगों, हथियारों और उपकरणों की पूर्ण सुरक्षा सबसे पहली प्राथमिकता बनी हुई है।",
              "हर कार्यशाला और दल में प्रतिस्पर्धा की भावना दिखाई देती है।",
              "श्रमिकों के छोटे-छोटे सुझावों से उत्पादकता में सुधार हुआ है।",
              "नई तकनीकों के लिए कुशल कर्मियों की कमी इस समय सबसे बड़ी कठिनाई है।",
              "उत्पादन लाइन की रूपरेखा बनाते समय ही पर्यावरण संरक्षण का ध्यान रखा जाता है।"],
    "quote": ["कार्यशाला के एक इंजीनियर ने कहा, “गुणवत्ता हर रक्षा कर्मी के सम्मान का प्रश्न है।”",
              "एक दल प्रमुख ने बताया, “हर उत्पाद कारखाने से निकलने से पहले कई कड़ी जांचों से गुजरता है।”",
              "एक युवा कर्मचारी ने कहा, “स्थिर रोजगार मिलने से लोग कारखाने के साथ जुड़े रहना चाहते हैं।”"],
    "end": "।", "sep": ", ",
}
NEWS_PROSE = {"vi": NEWS_VI, "en": NEWS_EN, "hi": NEWS_HI}

# News density: one entity per NEWS_BYTES_PER_ENTITY bytes or so, most paragraphs prose only.
NEWS_MIN_DOC = 3072
NEWS_MAX_DOC = 12288
NEWS_P_FACT_PARAGRAPH = 0.40  # the rest are prose paragraphs of NEWS_PROSE_SENTENCES sentences
NEWS_FACT_SENTENCES = (2, 3)
NEWS_PROSE_SENTENCES = (4, 9)


def prose_sentence(r, lang):
    """One sentence of article prose with no figure and no entity (see NEWS_PROSE)."""
    p = NEWS_PROSE[lang]
    x = r.random()

    def clause():
        return r.choice(p["subj"]) + " " + r.choice(p["pred"])

    if x < 0.30:
        s = clause() + p["end"]
    elif x < 0.55:
        s = r.choice(p["open"]) + p["sep"] + clause() + p["end"]
    elif x < 0.75:
        s = clause() + p["sep"] + r.choice(p["conj"]) + " " + clause() + p["end"]
    elif x < 0.92:
        return r.choice(p["whole"])
    else:
        return r.choice(p["quote"])
    return s[0].upper() + s[1:] if lang != "hi" else s


def news_document(r):
    """An article at news density: headline and lead with entities, then mostly long prose paragraphs
    and a few paragraphs of fact sentences. Returns what document() returns."""
    lang = r.choices([l for l, _ in LANG_WEIGHTS], [w for _, w in LANG_WEIGHTS])[0]
    d = Doc(r, lang)
    target = r.randint(NEWS_MIN_DOC + 300, NEWS_MAX_DOC - 1500)
    flags = set()
    if lang == "vi" and r.random() < P_NFD:
        flags.add("nfd")
    if lang == "hi" and r.random() < P_DEVA_DIGITS:
        flags.add("deva")
    if lang == "hi" and r.random() < P_ZWJ:
        flags.add("zwj")
    if r.random() < P_CRLF_BOM:
        flags.add("crlf")
    if flags & {"nfd", "zwj"}:
        target = max(NEWS_MIN_DOC + 300, int(target / 1.3))
    heads, leads, closings = HEADS[lang]
    paras = [d.fill(r.choice(heads)), d.fill(r.choice(leads))]
    size = sum(len(p.encode("utf-8")) + 2 for p in paras)
    previous = None
    while size < target:
        sentences = []
        if r.random() < NEWS_P_FACT_PARAGRAPH:
            for _ in range(r.randint(*NEWS_FACT_SENTENCES)):
                t = r.choice(PARTS[lang][0])
                if t == previous:
                    t = r.choice(PARTS[lang][0])
                previous = t
                sentences.append(d.fill(t, lang))
            sentences.insert(r.randint(0, len(sentences)), prose_sentence(r, lang))
        else:
            for _ in range(r.randint(*NEWS_PROSE_SENTENCES)):
                s = prose_sentence(r, lang)
                if sentences and s == sentences[-1]:
                    continue
                sentences.append(s)
        para = " ".join(sentences)
        paras.append(para)
        size += len(para.encode("utf-8")) + 2
    if r.random() < 0.5:
        paras.append(d.fill(r.choice(closings)))
    out = [transform(lang, p, flags, r) for p in paras]
    data = render(out, flags)
    while len(data) > NEWS_MAX_DOC and len(out) > 3:
        out.pop(-2)
        data = render(out, flags)
    return data, lang, flags, d.counts, out


PARTS = {"vi": (VI_FACTS, VI_FILLER, VI_SUBJECTS, VI_PREDICATES),
         "en": (EN_FACTS, EN_FILLER, EN_SUBJECTS, EN_PREDICATES),
         "hi": (HI_FACTS, HI_FILLER, HI_SUBJECTS, HI_PREDICATES)}
HEADS = {"vi": (VI_HEADLINES, VI_LEADS, VI_CLOSINGS), "en": (EN_HEADLINES, EN_LEADS, EN_CLOSINGS),
         "hi": (HI_HEADLINES, HI_LEADS, HI_CLOSINGS)}
DEVA_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")
NUMBER = re.compile(r"(?<![A-Za-z0-9\u0900-\u097F])[0-9]+(?:[.,][0-9]+)*")
VIRAMA_CONS = re.compile("\u094d(?=[\u0915-\u0939\u0958-\u095f])")


def transform(lang, para, flags, r):
    """One paragraph (language `lang`) in the document's awkward forms."""
    if lang == "vi" and "nfd" in flags:
        para = unicodedata.normalize("NFD", para)
    if lang == "hi" and "deva" in flags:
        para = NUMBER.sub(lambda m: m.group(0).translate(DEVA_DIGITS), para)
    if lang == "hi" and "zwj" in flags:
        para = VIRAMA_CONS.sub(lambda m: "\u094d\u200d" if r.random() < 0.5 else "\u094d", para)
    return para


def render(paras, flags):
    nl = "\r\n" if "crlf" in flags else "\n"
    text = (nl + nl).join(paras) + nl
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if "crlf" in flags else data


def document(r):
    """One document's bytes, its language and the counts of what it holds."""
    lang = r.choices([l for l, _ in LANG_WEIGHTS], [w for _, w in LANG_WEIGHTS])[0]
    d = Doc(r, lang)
    target = r.randint(MIN_DOC + 200, MAX_DOC - 900)
    langs = [lang]
    other = None
    if r.random() < P_MIXED:
        other = r.choice([l for l, _ in LANG_WEIGHTS if l != lang])
        langs.append(other)
    flags = set()
    if "vi" in langs and r.random() < P_NFD:
        flags.add("nfd")
    if "hi" in langs and r.random() < P_DEVA_DIGITS:
        flags.add("deva")
    if "hi" in langs and r.random() < P_ZWJ:
        flags.add("zwj")
    if r.random() < P_CRLF_BOM:
        flags.add("crlf")

    heads, leads, closings = HEADS[lang]
    if flags & {"nfd", "zwj"}:  # these grow the text after it is measured
        target = max(MIN_DOC + 200, int(target / 1.3))
    paras = [(lang, d.fill(r.choice(heads))), (lang, d.fill(r.choice(leads)))]
    size = sum(len(p.encode("utf-8")) + 2 for _, p in paras)
    mixed_at = r.randint(2, 5) if other else -1
    previous = None
    while size < target or (other and len(paras) <= mixed_at):
        pl = other if len(paras) == mixed_at else lang
        sentences = []
        for _ in range(r.randint(2, 5)):
            previous, s = d.sentence(pl, previous)
            sentences.append(s)
            size += len(s.encode("utf-8")) + 1
            if size >= target and not (other and len(paras) <= mixed_at):
                break
        paras.append((pl, " ".join(sentences)))
        size += 1
    if r.random() < 0.5:
        paras.append((lang, d.fill(r.choice(closings))))

    out = [transform(l, p, flags, r) for l, p in paras]
    data = render(out, flags)
    while len(data) > MAX_DOC:  # rare: NFD, ZWJ and CRLF grew it past the limit; drop the last sentence
        last = out[-1]
        cut = max(last.rfind(". "), last.rfind("। "))
        if cut > 0:
            out[-1] = last[: cut + 1]
        else:
            out.pop()
        data = render(out, flags)
    if other:
        flags.add("mixed")
    return data, lang, flags, d.counts, out


NAV_ITEMS = {"vi": ["Thời sự", "Quốc phòng", "Kinh tế", "Doanh nghiệp", "Xã hội", "Thế giới", "Video"],
             "en": ["News", "Defence", "Business", "Industry", "Society", "World", "Video"],
             "hi": ["समाचार", "रक्षा", "व्यापार", "उद्योग", "समाज", "दुनिया", "वीडियो"]}
SCRIPT_BLOCK = ("window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\n"
                "gtag('js', new Date()); gtag('config', 'G-0000000000', {'anonymize_ip': true});\n"
                "(function(){var s=document.createElement('script');s.async=true;s.src='/static/js/ads.js?v=20231';"
                "var x=document.getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);})();\n")
STYLE_BLOCK = (".article-body p{margin:0 0 1em;line-height:1.6} .share-bar{display:flex;gap:8px}"
               " .sidebar li{list-style:none;border-bottom:1px solid #eee} .hidden-xs{display:none}\n")
INLINE = re.compile(r"(?<![\w.,])([0-9][0-9.,]*(?: [^\s<>&]+)?)")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_paragraph(text, h):
    """A paragraph as HTML: escaped, some figures in inline tags, some spaces as &nbsp;."""
    out = escape(text)

    def tag(m):
        x = h.random()
        if x < 0.25:
            return f"<b>{m.group(1)}</b>"
        if x < 0.35:
            return f'<span class="num">{m.group(1)}</span>'
        return m.group(1)

    out = INLINE.sub(tag, out)
    # Words wrapped in a link now and then (never across a space, so the text is unchanged).
    words = out.split(" ")
    for i, w in enumerate(words):
        if not any(c in w for c in '<>="&') and len(w) > 3 and h.random() < 0.03:
            words[i] = f'<a href="/tag/{h.randint(1, 9999)}">{w}</a>'
    return "<p>" + " ".join(words) + "</p>"


def render_html(paras, lang, flags, h):
    """The article as a news page (see the module docstring); `h` draws the page furniture."""
    nav = "".join(f'<li><a href="/{i}">{escape(item)}</a></li>' for i, item in enumerate(NAV_ITEMS[lang]))
    related = "".join(f'<li><a href="/bai/{h.randint(10000, 99999)}">{escape(p[:60])}</a></li>' for p in paras[2:5])
    head = escape(paras[0])
    lines = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{head}</title>",
        f'<meta property="og:title" content="{head.replace(chr(34), "&quot;")}">',
        '<link rel="stylesheet" href="/static/css/site.css">', f"<style>{STYLE_BLOCK}</style>",
        f"<script>{SCRIPT_BLOCK}</script>", "</head>", '<body class="article">',
        f'<header class="site-header"><a class="logo" href="/">Logo</a><nav><ul>{nav}</ul></nav></header>',
        '<div class="container"><main>', '<article>', f"<h1>{head}</h1>",
        f'<div class="share-bar" aria-hidden="true">Facebook | Zalo | {h.randint(10, 999)}</div>',
        '<div class="article-body">',
    ]
    lines += [html_paragraph(p, h) for p in paras[1:]]
    lines += [
        "</div>", "</article>", "</main>",
        f'<aside class="sidebar"><h3>{escape(NAV_ITEMS[lang][0])}</h3><ul>{related}</ul></aside>', "</div>",
        f'<footer class="site-footer"><p>&copy; 2024 &middot; {escape(NAV_ITEMS[lang][1])}</p></footer>',
        f'<script src="/static/js/app.js?v={h.randint(100, 999)}"></script>', "</body>", "</html>", "",
    ]
    data = "\n".join(lines).encode("utf-8")
    return b"\xef\xbb\xbf" + data if "crlf" in flags else data


def parse_size(s):
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMG]?B?)\s*", s, re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (e.g. 2MB, 20MB, 200MB)")
    unit = m.group(2).upper().rstrip("B")
    return int(float(m.group(1)) * {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}[unit])


DENSITIES = ("bench", "news")


def generate(out_dir, size, seed, quiet=False, fmt="text", density="bench"):
    """Writes the corpus; with fmt "html" the same articles as pages (SIZE counts the article text);
    density "news" writes articles at news density (news_document) instead of the dense bench documents."""
    if density not in DENSITIES:
        raise ValueError(f"density {density!r}: one of {', '.join(DENSITIES)}")
    make = news_document if density == "news" else document
    r = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    total = n = 0
    summary = {"documents": 0, "bytes": 0, "languages": {"vi": 0, "en": 0, "hi": 0},
               "forms": {"nfd": 0, "deva": 0, "zwj": 0, "crlf": 0, "mixed": 0},
               "placed": {"factory": 0, "officer": 0, "money": 0, "period": 0}}
    html_bytes = 0
    while total < size:
        data, lang, flags, counts, paras = make(r)
        sub = os.path.join(out_dir, f"{n // FILES_PER_DIR:03d}")
        if n % FILES_PER_DIR == 0:
            os.makedirs(sub, exist_ok=True)
        if fmt == "html":
            page = render_html(paras, lang, flags, random.Random(seed * 1_000_003 + n))
            with open(os.path.join(sub, f"{n:06d}.html"), "wb") as f:
                f.write(page)
            html_bytes += len(page)
        else:
            with open(os.path.join(sub, f"{n:06d}.txt"), "wb") as f:
                f.write(data)
        n += 1
        total += len(data)
        summary["languages"][lang] += 1
        for fl in sorted(flags):
            summary["forms"][fl] += 1
        for k, v in counts.items():
            summary["placed"][k] += v
        if not quiet and n % 2000 == 0:
            print(f"  {n} documents, {total / 1e6:.1f} MB", file=sys.stderr)
    summary["documents"], summary["bytes"] = n, total
    if fmt == "html":
        summary["format"], summary["html_bytes"] = "html", html_bytes
    summary["density"] = density
    placed = sum(summary["placed"].values())
    summary["bytes_per_placed_entity"] = round(total / placed, 1) if placed else None
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="output directory (created; existing NNNNNN.txt files are overwritten)")
    ap.add_argument("--size", type=parse_size, default=parse_size("20MB"), help="total bytes: 2MB, 20MB, 200MB …")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--format", choices=["text", "html"], default="text", help="text files, or the same articles as HTML pages")
    ap.add_argument("--density", choices=DENSITIES, default="bench",
                    help="bench: dense documents (an entity every 80 bytes or so); news: articles at news density "
                         "(about one entity per 250 bytes, long paragraphs with no figures)")
    a = ap.parse_args()
    summary = generate(a.dir, a.size, a.seed, a.quiet, a.format, a.density)
    summary.update(seed=a.seed, size=a.size, generator_version=VERSION)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
