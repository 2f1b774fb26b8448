"""Policy Q&A of the demo: answered questions (published as FAQ) and questions still open."""

from __future__ import annotations

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
