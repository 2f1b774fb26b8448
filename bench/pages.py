"""Pages measured by `make bench` against the two baselines (/healthz and the template page).

Each entry: (name, path, what it is). Paths are requested anonymously. Add your pages here.
DISCOVER adds, at run time, every page linked from a listing page (each policy of the channel).
"""

PAGES: list[tuple[str, str, str]] = [
    ("home", "/", "Wagtail home page (anonymous)"),
    ("services", "/services/", "service catalogue, first page (anonymous)"),
    ("services-business", "/services/?audience=business", "法人办事 browse (anonymous)"),
    ("guide", "/services/RSJ-20-0001/", "guide page 失业登记 (anonymous)"),
    ("lists-power", "/lists/power/", "权力清单, first page (anonymous)"),
    (
        "lists-power-entry",
        "/lists/power/11310000MB2F10003D010002/",
        "power entry 食品经营许可 with its responsibilities (anonymous)",
    ),
    (
        "search",
        "/search/?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7",
        "site search 营业执照 (anonymous)",
    ),
    ("search-pinyin", "/search/?q=yyzz", "site search by pinyin initials yyzz (anonymous)"),
    ("api-services", "/api/v1/services/", "open-data API: services, first page (anonymous)"),
    ("progress", "/progress/", "public progress look-up form (anonymous)"),
    ("verify", "/verify/", "public certificate verification form (anonymous)"),
    ("business-channel", "/business/", "惠企政策 channel page: 18 policies, 办事服务 (anonymous)"),
    ("policy", "/business/wengang-fanhuan/", "policy page 稳岗返还 with FAQs (anonymous)"),
    (
        "policy-self-check",
        "/business/self-check/?industry_code=H6210&enterprise_size=%E5%B0%8F&headcount=36",
        "政策自测: rules evaluated for the entered profile (anonymous)",
    ),
    ("ratings", "/ratings/", "好差评公示: statistics per department (anonymous)"),
    ("lists", "/lists/", "四张清单 index with counts (anonymous)"),
    ("lists-negative", "/lists/negative/", "负面清单, first page (anonymous)"),
    ("notices", "/notices/", "通知公告 index (anonymous)"),
    ("consultations", "/consultations/", "征求意见 index (anonymous)"),
    ("appeal-new", "/appeals/new/", "12345 诉求 form (anonymous)"),
    ("appeals-hot", "/appeals/hot/", "热点诉求 (anonymous)"),
    ("appeals-answers", "/appeals/answers/", "published answers (anonymous)"),
    ("statistics", "/statistics/", "open statistics page (anonymous)"),
]

# (name prefix, listing path, regular expression whose first group is a page path to add,
#  paths to leave out). Found pages are measured as "<prefix>:<slug>".
DISCOVER: list[tuple[str, str, str, frozenset[str]]] = [
    (
        "policy",
        "/business/",
        r'href="(/business/[a-z0-9-]+/)"',
        frozenset(
            {
                "/business/profile/",
                "/business/matches/",
                "/business/self-check/",
                "/business/notices/",
                "/business/questions/",
                "/business/scans/",
            }
        ),
    ),
]
