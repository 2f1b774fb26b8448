"""Demo content of the business channel, loaded by load_demo_data after applications.

Idempotent: the channel page is found by its slug under the home page, policies by their
slug under the channel, organisations by USCC, questions by (policy, text). Creates the
政策审核 workflow once and assigns it to the channel subtree, seeds business profiles,
and runs one 免申即享 scan so the demo business has notices to confirm.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from accounts.demo import BUSINESS, make_uscc
from accounts.models import Department, Organisation, User
from policies import services
from policies.constants import FetchStatus, QuestionStatus
from policies.models import (
    BenefitScanRun,
    BusinessChannelPage,
    PolicyCondition,
    PolicyPage,
    PolicyQuestion,
)
from portal.services.setup import portal_setup

SCJG_NAME = "市市场监督管理局"

# (group, field, operator, value)
C = tuple


def _p(text: str) -> RichText:
    return RichText("".join(f"<p>{line}</p>" for line in text.split("\n")))


POLICIES: list[dict] = [
    {
        "slug": "wengang-fanhuan",
        "title": "失业保险稳岗返还",
        "dept": "rsj",
        "doc": "沪人社规〔2026〕3号",
        "from": "2026-01-01",
        "to": "2026-12-31",
        "codes": "RSJ-05-0001",
        "auto": True,
        "summary": "上年度参保缴费满12个月、未裁员或裁员率不高于上年度全国城镇调查失业率控制目标的参保企业，"
        "返还上年度实际缴纳失业保险费的60%（中小微企业）或30%（大型企业）。符合条件的企业无需申请，"
        "系统比对后主动推送，企业确认后直接拨付到对公账户。",
        "eligibility": "在本市依法参加失业保险并足额缴费满12个月；\n上年度未裁员或裁员率不高于5.5%（30人以下企业不高于参保职工总数20%）；\n纳税信用等级不为C级、D级。",
        "benefits": [
            ("中小微企业", "返还上年度实际缴纳失业保险费的60%", "直接拨付至企业对公账户"),
            ("大型企业", "返还上年度实际缴纳失业保险费的30%", ""),
        ],
        "rule": [
            C((1, "enterprise_size", "in", "中,小,微")),
            C((1, "tax_credit_rating", "in", "A,B,M")),
            C((1, "age_years", "gte", "1")),
            C((2, "enterprise_size", "in", "大")),
            C((2, "tax_credit_rating", "in", "A,B")),
        ],
    },
    {
        "slug": "xiaowei-fangzu-jianmian",
        "title": "小微企业和个体工商户房租减免",
        "dept": "scjg",
        "doc": "沪市监规〔2026〕5号",
        "from": "2026-03-01",
        "to": "2026-12-31",
        "codes": "SCJG-05-0001",
        "summary": "承租国有房屋从事生产经营的小微企业和个体工商户，2026年免除3个月租金；"
        "承租非国有房屋的，鼓励业主减免，政府按减免额的50%给予补贴。",
        "eligibility": "在本市登记注册的小型、微型企业；\n承租房屋用于生产经营。",
        "benefits": [
            ("国有房屋", "免除3个月租金", ""),
            ("非国有房屋", "按业主减免额的50%补贴", "每户最高10万元"),
        ],
        "rule": [
            C((1, "enterprise_size", "in", "小,微")),
            C((1, "registration_district", "prefix_in", "3101")),
        ],
    },
    {
        "slug": "xiaowei-daikuan-tiexi",
        "title": "小微企业贷款贴息",
        "dept": "swj",
        "doc": "沪财金〔2026〕12号",
        "from": "2026-02-01",
        "to": "2026-12-31",
        "codes": "SWJ-05-0001",
        "summary": "对2026年新发放的小微企业流动资金贷款，按贷款市场报价利率（LPR）的50%给予贴息，单户贴息最高50万元。",
        "eligibility": "小型、微型企业；\n纳税信用等级为A级或B级；\n从业人数不超过100人。",
        "benefits": [("贷款贴息", "按LPR的50%贴息", "单户最高50万元")],
        "rule": [
            C((1, "enterprise_size", "in", "小,微")),
            C((1, "tax_credit_rating", "in", "A,B")),
            C((1, "headcount", "lte", "100")),
        ],
    },
    {
        "slug": "shebaofei-huanjiao",
        "title": "特困行业阶段性缓缴社会保险费",
        "dept": "rsj",
        "doc": "沪人社规〔2026〕5号",
        "from": "2026-04-01",
        "to": "2026-12-31",
        "codes": "RSJ-05-0003",
        "summary": "餐饮、零售、旅游、民航、公路水路铁路运输等特困行业企业，可申请阶段性缓缴养老、失业、工伤保险单位缴费部分，缓缴期间免收滞纳金。",
        "eligibility": "属于餐饮、住宿、零售、旅游、文化娱乐、交通运输等特困行业；\n生产经营出现暂时困难。",
        "benefits": [("缓缴期限", "养老保险最长缓缴至2026年底", "缓缴期间免收滞纳金")],
        "rule": [C((1, "industry_code", "prefix_in", "H,F52,G,R,O"))],
    },
    {
        "slug": "fangyi-wuzi-shengchan-butie",
        "title": "防疫物资生产企业扩产补贴",
        "dept": "scjg",
        "doc": "沪市监发〔2026〕18号",
        "from": "2026-01-15",
        "to": "2026-09-30",
        "codes": "SCJG-05-0002",
        "summary": "对生产口罩、防护服、消毒用品等重点防疫物资并实施扩产的企业，按新增设备投资额的30%给予补贴。",
        "eligibility": "从事医药制造、纺织、专用设备制造；\n持有医疗器械生产许可证。",
        "benefits": [("扩产补贴", "新增设备投资额的30%", "单户最高500万元")],
        "rule": [
            C((1, "industry_code", "prefix_in", "C27,C17,C35")),
            C((1, "licences", "has", "医疗器械生产许可证")),
        ],
    },
    {
        "slug": "shouci-chuangye-butie",
        "title": "首次创业一次性补贴",
        "dept": "rsj",
        "doc": "沪人社就〔2026〕8号",
        "from": "2026-01-01",
        "to": None,
        "codes": "RSJ-05-0002",
        "summary": "首次创办小微企业、成立3年内、正常经营并带动就业的，给予一次性创业补贴8000元。",
        "eligibility": "企业成立不满3年；\n小型、微型企业；\n吸纳就业并缴纳社会保险。",
        "benefits": [("一次性创业补贴", "8000元", "")],
        "rule": [
            C((1, "age_years", "lte", "3")),
            C((1, "enterprise_size", "in", "小,微")),
            C((1, "headcount", "gte", "1")),
        ],
    },
    {
        "slug": "canyin-shukun",
        "title": "餐饮业纾困专项补贴",
        "dept": "scjg",
        "doc": "沪市监规〔2026〕9号",
        "from": "2026-03-15",
        "to": "2026-12-31",
        "codes": "SCJG-05-0001",
        "summary": "持有效食品经营许可证、依法经营的餐饮企业，按门店数给予每店1万元的纾困补贴，用于防疫消杀和员工核酸检测等支出。",
        "eligibility": "属于正餐、快餐、饮料及冷饮服务等餐饮业；\n持有有效的食品经营许可证；\n纳税信用等级不为C级、D级。",
        "benefits": [("纾困补贴", "每店1万元", "单户最高20万元")],
        "rule": [
            C((1, "industry_code", "prefix_in", "H62")),
            C((1, "licences", "has", "食品经营许可证")),
            C((1, "tax_credit_rating", "not_in", "C,D")),
        ],
    },
    {
        "slug": "xina-jiuye-butie",
        "title": "中小微企业吸纳就业补贴",
        "dept": "rsj",
        "doc": "沪人社就〔2026〕11号",
        "from": "2026-01-01",
        "to": "2026-12-31",
        "codes": "RSJ-05-0002",
        "summary": "中小微企业吸纳登记失业人员和高校毕业生，签订1年以上劳动合同并缴纳社会保险的，按每人1500元给予一次性吸纳就业补贴。",
        "eligibility": "中型、小型、微型企业；\n从业人数50人以上（含新吸纳人员）。",
        "benefits": [("吸纳就业补贴", "每人1500元", "")],
        "rule": [
            C((1, "enterprise_size", "in", "中,小,微")),
            C((1, "headcount", "gte", "50")),
        ],
    },
    {
        "slug": "yigong-daixun",
        "title": "受疫情影响企业以工代训补贴",
        "dept": "rsj",
        "doc": "沪人社职〔2026〕4号",
        "from": "2026-02-01",
        "to": "2026-12-31",
        "codes": "RSJ-05-0001",
        "auto": True,
        "summary": "受疫情影响较大的住宿餐饮、文化旅游、交通运输、批发零售等行业企业，组织职工以工代训的，按每人每月500元给予补贴，最长6个月。符合条件的企业系统主动推送，确认后发放。",
        "eligibility": "属于住宿餐饮、文化旅游、交通运输、批发零售行业；\n从业人数10人以上。",
        "benefits": [("以工代训补贴", "每人每月500元", "最长6个月")],
        "rule": [
            C((1, "industry_code", "prefix_in", "H,R,G,F52")),
            C((1, "headcount", "gte", "10")),
        ],
    },
    {
        "slug": "yanfa-feiyong-jiakou",
        "title": "研发费用加计扣除",
        "dept": "swj",
        "doc": "沪税发〔2026〕13号",
        "from": "2026-01-01",
        "to": None,
        "codes": "",
        "summary": "企业开展研发活动实际发生的研发费用，未形成无形资产的，按实际发生额的100%在税前加计扣除。烟草制造、住宿和餐饮、批发和零售、房地产、租赁和商务服务、娱乐业不适用。",
        "eligibility": "会计核算健全、实行查账征收；\n不属于住宿和餐饮业、批发和零售业、房地产业等负面清单行业。",
        "benefits": [("加计扣除", "研发费用的100%", "在年度汇算清缴时享受")],
        "rule": [
            C((1, "industry_code", "not_prefix_in", "H,F,K,L,C16,R90")),
            C((1, "age_years", "gte", "1")),
        ],
    },
    {
        "slug": "zhuanjing-texin",
        "title": "专精特新中小企业奖励",
        "dept": "scjg",
        "doc": "沪经信企〔2026〕21号",
        "from": "2026-05-01",
        "to": "2026-12-31",
        "codes": "",
        "summary": "对首次认定为市级专精特新中小企业的制造业和软件信息服务业企业，给予一次性奖励30万元。",
        "eligibility": "中型、小型企业；\n属于制造业或信息传输、软件和信息技术服务业；\n成立满3年；\n纳税信用等级A级。",
        "benefits": [("一次性奖励", "30万元", "")],
        "rule": [
            C((1, "enterprise_size", "in", "中,小")),
            C((1, "industry_code", "prefix_in", "C,I")),
            C((1, "age_years", "gte", "3")),
            C((1, "tax_credit_rating", "in", "A")),
        ],
    },
    {
        "slug": "shoutaitao-baoxian",
        "title": "首台（套）重大技术装备保险补偿",
        "dept": "scjg",
        "doc": "沪经信装〔2026〕7号",
        "from": "2026-01-01",
        "to": "2027-12-31",
        "codes": "",
        "summary": "装备制造企业投保首台（套）重大技术装备综合险的，按年度保费的80%给予补偿，补偿期限3年。",
        "eligibility": "从事通用设备、专用设备、电气机械、计算机通信设备制造；\n纳税信用等级A级或B级。",
        "benefits": [("保费补偿", "年度保费的80%", "最长3年")],
        "rule": [
            C((1, "industry_code", "prefix_in", "C34,C35,C38,C39")),
            C((1, "tax_credit_rating", "in", "A,B")),
        ],
    },
    {
        "slug": "waimao-wen-dingdan",
        "title": "外贸企业稳订单拓市场支持",
        "dept": "swj",
        "doc": "沪商贸〔2026〕15号",
        "from": "2026-03-01",
        "to": "2026-12-31",
        "codes": "",
        "summary": "对参加境外展会、开展跨境电商的外贸企业，给予展位费70%补贴和出口信用保险保费50%补贴。",
        "eligibility": "已办理对外贸易经营者备案登记；\n属于批发业或制造业。",
        "benefits": [("展位费补贴", "70%", ""), ("出口信保保费补贴", "50%", "")],
        "rule": [
            C((1, "licences", "has", "对外贸易经营者备案登记表")),
            C((1, "industry_code", "prefix_in", "F51,C")),
        ],
    },
    {
        "slug": "wenlv-xiaofeiquan",
        "title": "文旅消费券商户补贴",
        "dept": "scjg",
        "doc": "沪文旅发〔2026〕6号",
        "from": "2026-04-15",
        "to": "2026-10-31",
        "codes": "",
        "summary": "参与文旅消费券活动的本市餐饮、住宿、文化娱乐商户，按核销金额的10%给予补贴。",
        "eligibility": "注册在本市；\n属于餐饮、住宿、文化娱乐业。",
        "benefits": [("核销补贴", "核销金额的10%", "")],
        "rule": [
            C((1, "industry_code", "prefix_in", "H61,H62,R86,R87,R88,R90")),
            C((1, "registration_district", "prefix_in", "31")),
        ],
    },
    {
        "slug": "daolu-yunshu-shukun",
        "title": "道路运输企业纾困补贴",
        "dept": "jtw",
        "doc": "沪交运〔2026〕10号",
        "from": "2026-02-01",
        "to": "2026-12-31",
        "codes": "",
        "summary": "持有道路运输经营许可证的客运、货运企业，按在册营运车辆每车2000元给予一次性纾困补贴。",
        "eligibility": "从事道路运输；\n持有道路运输经营许可证。",
        "benefits": [("纾困补贴", "每车2000元", "")],
        "rule": [
            C((1, "industry_code", "prefix_in", "G54")),
            C((1, "licences", "has", "道路运输经营许可证")),
        ],
    },
    {
        "slug": "baozhengjin-jianmian",
        "title": "建筑业农民工工资保证金减免",
        "dept": "zjw",
        "doc": "沪建建管〔2026〕22号",
        "from": "2026-01-01",
        "to": "2026-12-31",
        "codes": "",
        "summary": "纳税信用良好、近两年无拖欠农民工工资行为的建筑业企业，工资保证金按50%缴存，或以银行保函替代。",
        "eligibility": "从事建筑业；\n纳税信用等级A级或B级。",
        "benefits": [("保证金减半", "按应缴额的50%缴存", "可用银行保函替代")],
        "rule": [
            C((1, "industry_code", "prefix_in", "E")),
            C((1, "tax_credit_rating", "in", "A,B")),
        ],
    },
    {
        "slug": "shuidianqi-butie",
        "title": "小微企业水电气费用补贴",
        "dept": "scjg",
        "doc": "沪发改价〔2026〕3号",
        "from": "2026-04-01",
        "to": "2026-09-30",
        "codes": "",
        "summary": "对餐饮、零售等受影响较大的小微企业，2026年二、三季度水电气费用给予10%补贴。",
        "eligibility": "小型、微型企业；\n从业人数不超过50人；\n属于餐饮、零售、居民服务业。",
        "benefits": [("水电气补贴", "实际缴纳费用的10%", "")],
        "rule": [
            C((1, "enterprise_size", "in", "小,微")),
            C((1, "headcount", "lte", "50")),
            C((1, "industry_code", "prefix_in", "H62,F52,O80")),
        ],
    },
    {
        "slug": "kunnan-qiye-peixun",
        "title": "困难企业职工技能培训补贴",
        "dept": "rsj",
        "doc": "沪人社职〔2026〕9号",
        "from": "2026-01-01",
        "to": "2026-12-31",
        "codes": "RSJ-05-0001",
        "summary": "生产经营困难、开展职工在岗或转岗技能培训的企业，按培训费用的80%给予补贴。",
        "eligibility": "在本市注册；\n从业人数20人以上；\n纳税信用等级不为D级。",
        "benefits": [("培训补贴", "培训费用的80%", "每人每年最多3次")],
        "rule": [
            C((1, "registration_district", "prefix_in", "3101")),
            C((1, "headcount", "gte", "20")),
            C((1, "tax_credit_rating", "not_in", "D")),
        ],
    },
]

DEMO_BUSINESS_PROFILE = {
    "industry_code": "H6210",
    "enterprise_size": "小",
    "registration_district": "310114",
    "established_date": "2019-04-18",
    "headcount": 36,
    "tax_credit_rating": "A",
    "licences": ["食品经营许可证", "公共场所卫生许可证"],
}

# Further organisations (no login) for the 免申即享 scan: (name, USCC first 17, profile)
EXTRA_ORGANISATIONS = [
    (
        "上海嘉定汇丰物流有限公司",
        "91310114MA1GU1001",
        {
            "industry_code": "G5430",
            "enterprise_size": "中",
            "registration_district": "310114",
            "established_date": "2012-03-09",
            "headcount": 180,
            "tax_credit_rating": "B",
            "licences": ["道路运输经营许可证"],
        },
    ),
    (
        "上海安达医疗用品有限公司",
        "91310115MA1GU1002",
        {
            "industry_code": "C3586",
            "enterprise_size": "小",
            "registration_district": "310115",
            "established_date": "2016-08-21",
            "headcount": 62,
            "tax_credit_rating": "A",
            "licences": ["医疗器械生产许可证"],
        },
    ),
    (
        "上海云启软件科技有限公司",
        "91310104MA1GU1003",
        {
            "industry_code": "I6510",
            "enterprise_size": "小",
            "registration_district": "310104",
            "established_date": "2018-11-02",
            "headcount": 48,
            "tax_credit_rating": "A",
            "licences": [],
        },
    ),
    (
        "上海黄浦老饭店有限公司",
        "91310101MA1GU1004",
        {
            "industry_code": "H6210",
            "enterprise_size": "微",
            "registration_district": "310101",
            "established_date": "2024-05-10",
            "headcount": 8,
            "tax_credit_rating": "M",
            "licences": ["食品经营许可证"],
        },
    ),
    (
        "上海长宁宏达建筑工程有限公司",
        "91310105MA1GU1005",
        {
            "industry_code": "E4710",
            "enterprise_size": "大",
            "registration_district": "310105",
            "established_date": "2005-01-20",
            "headcount": 860,
            "tax_credit_rating": "A",
            "licences": ["建筑业企业资质证书"],
        },
    ),
    (
        "上海浦东锦程国际贸易有限公司",
        "91310115MA1GU1006",
        {
            "industry_code": "F5137",
            "enterprise_size": "中",
            "registration_district": "310115",
            "established_date": "2010-07-07",
            "headcount": 120,
            "tax_credit_rating": "B",
            "licences": ["对外贸易经营者备案登记表"],
        },
    ),
    (
        "上海徐汇悦然文化传播有限公司",
        "91310104MA1GU1007",
        {
            "industry_code": "R8710",
            "enterprise_size": "微",
            "registration_district": "310104",
            "established_date": "2025-02-14",
            "headcount": 6,
            "tax_credit_rating": "B",
            "licences": [],
        },
    ),
    (
        "上海嘉定精工机械制造有限公司",
        "91310114MA1GU1008",
        {
            "industry_code": "C3421",
            "enterprise_size": "中",
            "registration_district": "310114",
            "established_date": "2009-09-30",
            "headcount": 240,
            "tax_credit_rating": "A",
            "licences": [],
        },
    ),
]

FAQS = [
    (
        "wengang-fanhuan",
        "稳岗返还需要企业自己提交申请吗？",
        "不需要。本政策实行免申即享，系统根据社保缴费和纳税信用数据主动筛选符合条件的企业并推送通知，企业登录后确认享受意愿即可，返还资金直接拨付到企业对公账户。",
    ),
    (
        "wengang-fanhuan",
        "返还资金多久能到账？",
        "企业确认后，人社部门在10个工作日内完成复核，复核通过后5个工作日内拨付。",
    ),
    (
        "xiaowei-fangzu-jianmian",
        "承租的是民营园区的房屋，能否享受减免？",
        "可以。业主为企业减免租金的，凭减免协议向区市场监管部门申请，政府按减免额的50%给予补贴。",
    ),
    (
        "canyin-shukun",
        "连锁餐饮企业多个门店如何申报？",
        "以法人单位为主体统一申报，在申报表中列明各门店的食品经营许可证编号，每店补贴1万元，单户最高20万元。",
    ),
]

PENDING_QUESTIONS = [
    ("shebaofei-huanjiao", "我公司缓缴社保费期间，职工个人账户权益是否受影响？", 5),
    ("xiaowei-daikuan-tiexi", "2025年底发放、2026年仍在还款的贷款能否享受贴息？", 1),
]


def _home() -> Page | None:
    from portal.models.pages import HomePage

    return HomePage.objects.first()


def _channel(home: Page) -> BusinessChannelPage:
    channel = BusinessChannelPage.objects.filter(slug="business").first()
    if channel is None:
        channel = BusinessChannelPage(
            title="惠企政策 · 复工复产专栏",
            slug="business",
            intro="<p>复工复产、纾困解难政策一站汇集：<b>政策找企业</b>，符合条件的免申即享，其余政策在线申报。</p>",
            service_codes="\n".join(
                [
                    "RSJ-05-0001",
                    "RSJ-05-0003",
                    "SCJG-05-0001",
                    "SWJ-05-0001",
                    "SCJG-05-0002",
                    "RSJ-05-0002",
                    "SCJG-01-0002",
                    "SCJG-01-0003",
                ]
            ),
        )
        home.add_child(instance=channel)
        channel.save_revision().publish()
    return channel


def _policy(channel: BusinessChannelPage, spec: dict, departments: dict) -> PolicyPage:
    page = PolicyPage.objects.child_of(channel).filter(slug=spec["slug"]).first()
    creating = page is None
    if creating:
        page = PolicyPage(slug=spec["slug"])
    page.title = spec["title"]
    page.department = departments[spec["dept"]]
    page.document_number = spec["doc"]
    page.effective_from = dt.date.fromisoformat(spec["from"])
    page.effective_to = dt.date.fromisoformat(spec["to"]) if spec["to"] else None
    page.summary = spec["summary"]
    page.linked_service_codes = spec["codes"]
    page.benefit_without_application = spec.get("auto", False)
    page.body = [
        ("eligibility", _p(spec["eligibility"])),
        ("benefits", [{"title": t, "amount": a, "note": n} for t, a, n in spec["benefits"]]),
        (
            "section",
            {
                "heading": "政策依据",
                "body": _p(f"{spec['doc']}。本政策由{departments[spec['dept']].name}负责解释。"),
            },
        ),
    ]
    services_rules = [
        {"group": g, "field": f, "operator": o, "value": v} for g, f, o, v in spec["rule"]
    ]
    from policies.rules import rule_validate

    rule_validate(services_rules)  # demo rules obey the same checks as the admin form
    page.conditions = [
        PolicyCondition(group=g, field=f, operator=o, value=v) for g, f, o, v in spec["rule"]
    ]
    if creating:
        channel.add_child(instance=page)
    else:
        page.save()
    page.save_revision().publish()
    return page


@transaction.atomic
def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
    home = _home()
    if home is None:
        if stdout is not None:
            stdout.write("  policies: skipped (no home page)")
        return
    channel = _channel(home)
    portal_setup()  # the 政策审核 workflow on the channel: the same set-up as `setup_portal`
    departments = {d.code: d for d in Department.objects.all()}
    pages = {spec["slug"]: _policy(channel, spec, departments) for spec in POLICIES}

    now = timezone.now()
    business_org = Organisation.objects.get(uscc=BUSINESS["uscc"])
    agent = User.objects.get(username=BUSINESS["username"])
    # The demo business's profile comes through data exchange when the department simulator
    # answers; otherwise it is seeded with the same 营业执照 record the simulator holds.
    profile = services.profile_refresh_certified(actor=agent)
    if profile.fetch_status != FetchStatus.OK:
        services.profile_record_certified(
            organisation=business_org,
            values=DEMO_BUSINESS_PROFILE,
            department_name=SCJG_NAME,
            verified_at=now,
        )
    for name, first17, values in EXTRA_ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            uscc=make_uscc(first17),
            defaults={"name": name, "region_code": values["registration_district"]},
        )
        services.profile_record_certified(
            organisation=org, values=values, department_name=SCJG_NAME, verified_at=now
        )

    answerers = {
        d: User.objects.filter(department__code=d, kind="staff").order_by("pk").first()
        for d in departments
    }
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    for slug, question, answer in FAQS:
        policy = pages[slug]
        q, _ = PolicyQuestion.objects.get_or_create(
            policy=policy,
            question=question,
            defaults={"organisation": business_org, "asked_by": agent},
        )
        if q.status != QuestionStatus.ANSWERED:
            services.question_answer(
                actor=answerers.get(policy.department.code) or admin,
                question=q,
                answer=answer,
                publish_as_faq=True,
            )
    for slug, question, days_ago in PENDING_QUESTIONS:
        q, created = PolicyQuestion.objects.get_or_create(
            policy=pages[slug],
            question=question,
            defaults={"organisation": business_org, "asked_by": agent},
        )
        if created:
            PolicyQuestion.objects.filter(pk=q.pk).update(
                asked_at=now - dt.timedelta(days=days_ago)
            )
    services.questions_flag_overdue()

    # One 免申即享 scan, in-process, so the demo business has notices to confirm.
    run = BenefitScanRun.objects.create(total=services.BusinessProfile.objects.count())
    while services.benefit_scan_process_batch(run=run, batch_size=500):
        pass
    if stdout is not None:
        stdout.write(
            f"  policies: {len(pages)} policies, {run.total} business profiles, "
            f"{run.notices_created} new 免申即享 notices"
        )
