"""Demo content of the search app: curated synonyms, then a full index rebuild.

Runs after services_catalog.demo and portal.demo so that the index holds their live records.
"""

from __future__ import annotations

from search.models import Synonym
from search.services import search_index_rebuild, synonyms_changed

# term → expansions: what citizens type, and the catalogue's names for it.
SYNONYMS: dict[str, str] = {
    "开店": "个体工商户设立登记 企业设立登记 营业执照",
    "开饭店": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开餐馆": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开餐厅": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开小吃店": "食品经营许可 个体工商户设立登记",
    "开超市": "食品经营许可 个体工商户设立登记 企业设立登记",
    "开公司": "企业设立登记 营业执照",
    "注册公司": "企业设立登记 营业执照",
    "办执照": "营业执照 个体工商户设立登记 企业设立登记",
    "营业执照": "个体工商户设立登记 企业设立登记",
    "yyzz": "营业执照 个体工商户设立登记 企业设立登记",
    "个体户": "个体工商户设立登记",
    "社保卡": "社会保障卡申领",
    "办社保卡": "社会保障卡申领",
    "驾照": "机动车驾驶证换证",
    "换驾照": "机动车驾驶证换证",
    "失业金": "失业登记 失业保险金申领",
    "丢了工作": "失业登记",
    "失业了": "失业登记",
    "居住证明": "居住证申领",
    "办居住证": "居住证申领",
    "生孩子": "出生医学证明办理 生育",
    "出生证": "出生医学证明办理",
    "过户": "不动产登记（转移登记）",
    "房产证": "不动产登记 不动产权证书",
    "买房": "不动产登记（转移登记）",
    "结婚": "婚姻登记",
    "结婚证": "婚姻登记",
    "房租补贴": "小微企业房租减免申请",
    "贷款贴息": "小微企业贷款贴息申请",
    "创业补贴": "一次性创业补贴申领",
    "稳岗补贴": "稳岗返还",
    "社保缓缴": "社会保险费缓缴申请",
    "网吧": "互联网上网服务营业场所",
    "开药店": "药品零售 药品经营许可",
}


def seed_synonyms() -> int:
    for term, expansions in SYNONYMS.items():
        Synonym.objects.update_or_create(
            term=term, defaults={"expansions": expansions, "enabled": True}
        )
    synonyms_changed()
    return len(SYNONYMS)


def load(*, stdout=None) -> None:
    """Idempotently seed the synonyms and rebuild the index."""
    count = seed_synonyms()
    if stdout is not None:
        stdout.write(f"search synonyms: {count}\n")
    search_index_rebuild(stdout=stdout)
