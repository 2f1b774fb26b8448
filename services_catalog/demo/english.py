"""English versions of the demo catalogue: every theme and life event, and the key guide
fields (name, 受理条件, 办理流程, materials, result, desk) of the ten most used services.

The ten are the services people use most in a city portal (identity and residence, birth,
marriage, social security and unemployment, starting a company, a food licence, income tax);
the demo's own case list (applications/demo/cases.py) uses them most too. Every other guide
stays Chinese only and says so in English mode.
"""

from __future__ import annotations

from services_catalog.demo.builders import steps

THEMES_EN = {
    "p-household": "Household registration",
    "p-employment": "Jobs and starting a business",
    "p-social-insurance": "Social security",
    "p-birth": "Birth and adoption",
    "p-marriage": "Marriage registration",
    "p-housing": "Housing support",
    "p-traffic": "Transport and driving",
    "p-education": "Education and research",
    "p-medical": "Health care",
    "p-relief": "Social assistance",
    "p-tax": "Personal tax",
    "p-exit-entry": "Travel documents and entry-exit",
    "b-establish": "Registration and changes",
    "b-permits": "Business permits",
    "b-employment": "Human resources",
    "b-tax": "Tax and finance",
    "b-subsidy": "Support for businesses",
    "b-construction": "Construction projects",
    "b-transport": "Transport operators",
    "b-health": "Health care providers",
    "b-property": "Real estate",
    "b-closure": "Deregistration and liquidation",
}

LIFE_EVENTS_EN = {
    "open-restaurant": (
        "Opening a restaurant",
        "Everything needed to open a restaurant, told once: the business licence, the food "
        "business licence and social insurance for the staff.",
    ),
    "newborn": (
        "A new baby",
        "After a birth: the medical birth certificate, birth registration (hukou), the "
        "vaccination certificate and the social security card, done together.",
    ),
    "unemployment": (
        "Losing a job and finding work",
        "Unemployment registration, unemployment insurance benefit, vocational training and "
        "the start-up subsidy.",
    ),
    "start-business": (
        "Starting a company",
        "Company name, registration, company seal, social insurance and tax registration in "
        "one go.",
    ),
    "marriage-family": (
        "Marriage and a home",
        "Marriage registration, property registration after buying a home, lease "
        "registration and housing support.",
    ),
    "retirement-care": (
        "Old age and care",
        "Allowance for the very old, assistance for families in hardship and social "
        "insurance records.",
    ),
    "enterprise-relief": (
        "Relief for businesses",
        "Job-retention refunds, deferred social insurance contributions, rent reductions and "
        "loan interest subsidies.",
    ),
}

# Each department's desk in English: (办理地点, 办理时间)
_WEEKDAYS = "Working days 9:00-17:00 (closed on public holidays)"
DESKS_EN = {
    "gongan": (
        "Public security desk, ground floor, Citizens' Centre (100 Shifu Avenue), or the "
        "household registration desk of your local police station",
        "Monday to Friday 9:00-17:00, Saturday 9:00-12:00",
    ),
    "rsj": (
        "Human resources and social security desk, first floor, Citizens' Centre (100 Shifu "
        "Avenue), or any community affairs service centre",
        _WEEKDAYS,
    ),
    "scjg": (
        "Business registration desk, first floor, Citizens' Centre (100 Shifu Avenue)",
        _WEEKDAYS,
    ),
    "wjw": ("Health desk, second floor, Citizens' Centre (100 Shifu Avenue)", _WEEKDAYS),
    "mzj": (
        "Any district marriage registration centre or community affairs service centre "
        "(civil affairs desk)",
        "Monday to Saturday 9:00-16:30 (closed on public holidays)",
    ),
    "swj": (
        "Tax service hall of any district tax bureau (city hall: 500 Wusong Road)",
        "Monday to Friday 9:00-17:00; Saturdays 9:00-12:00 during the monthly filing period",
    ),
}

# Materials that several guides share, by their Chinese name
MATERIALS_EN = {
    "申请人居民身份证": "Applicant's resident ID card",
    "近期免冠照片": "Recent photo, head uncovered",
    "社会保险参保证明": "Proof of social insurance enrolment",
    "解除或终止劳动合同证明": "Proof that the employment contract ended",
    "营业执照": "Business licence",
    "出生医学证明": "Medical birth certificate",
    "父母居民身份证": "Parents' resident ID cards",
    "父母结婚证": "Parents' marriage certificate",
}


def online_steps_en(*, review: str, result: str, days: int, online: bool) -> list[dict]:
    """The English 办理流程 of a guide that declares no steps of its own (see the loader)."""
    if online:
        first = (
            "Apply online",
            "Sign in to the portal, fill in one application form, authorise the use of shared "
            "certificate data, upload the other materials and submit.",
        )
    else:
        first = ("Apply at the window", "Bring all the materials to the service desk.")
    return steps(
        first,
        (
            "Acceptance",
            "Complete applications are accepted with a receipt; if anything is missing you are "
            "told everything that is needed at once.",
        ),
        ("Review and decision", review),
        (
            "Completion",
            f"Completed within {days} working days of acceptance: {result}.",
        ),
    )


# code -> English key fields; "review" fills the generated steps of online services
SERVICES_EN: dict[str, dict] = {
    "RSJ-20-0002": {
        "name": "Applying for a social security card",
        "conditions": "People insured in this city, or registered for residents' medical "
        "insurance here, applying for the first time or whose old card was cancelled.",
        "result_name": "Third-generation social security card (with electronic card)",
        "review": "The social security bureau checks identity and insurance records and "
        "sends the card to the partner bank for production.",
        "materials": {
            "社会保障卡制卡照片": "Photo for the card",
            "监护人居民身份证（未成年人申领时）": "Guardian's resident ID card (for minors)",
        },
    },
    "RSJ-20-0001": {
        "name": "Unemployment registration",
        "conditions": "Residents of working age with a local hukou or residence permit who "
        "can work, want work and have none; the employment contract has ended and the "
        "employer has removed them from social insurance.",
        "result_name": "Employment and Unemployment Registration Certificate (electronic)",
        "review": "The social security bureau checks the insurance record and employment "
        "status and registers those who qualify.",
    },
    "GONGAN-07-0001": {
        "name": "Applying for a residence permit",
        "conditions": "Citizens who have left the place of their hukou and lived in this city "
        "for more than six months, with stable legal work, a stable legal home or continuous "
        "study here.",
        "result_name": "Residence permit",
        "review": "The police station checks the residence registration and the home, and "
        "may visit it.",
        "materials": {
            "居住地住所证明": "Proof of your home address",
            "就业或就读证明": "Proof of work or study",
        },
    },
    "GONGAN-07-0003": {
        "name": "Renewing a resident ID card",
        "conditions": "The resident ID card has expired, its details changed, or it is too "
        "damaged to read.",
        "result_name": "Resident ID card of the People's Republic of China",
        "materials": {
            "原居民身份证": "Old resident ID card",
            "数码相片回执": "Digital photo receipt",
        },
    },
    "GONGAN-07-0002": {
        "name": "Birth registration (hukou for a newborn)",
        "conditions": "Within one month of the birth, the head of household, a relative, the "
        "carer or a neighbour registers the birth at the registration office of the baby's "
        "place of residence.",
        "result_name": "Household register entry for the newborn",
        "review": "The police station checks the medical birth certificate and the parents' "
        "household records, then registers the birth.",
        "materials": {"落户地居民户口簿": "Household register of the new home"},
    },
    "WJW-07-0001": {
        "name": "Medical birth certificate",
        "conditions": "For babies born in a licensed maternity hospital in this city; the "
        "parents or guardian apply for the first certificate.",
        "result_name": "Medical birth certificate (with electronic certificate)",
        "review": "The maternity hospital checks the delivery record and the parents' "
        "identity and issues the certificate.",
        "materials": {
            "新生儿父母居民身份证": "Parents' resident ID cards",
            "医疗机构出生记录": "The hospital's birth record",
        },
    },
    "MZJ-07-0001": {
        "name": "Marriage registration",
        "conditions": "Both parties marry of their own free will; the man is at least 22 and "
        "the woman at least 20; neither is married; they are not related by blood in direct "
        "line or within three generations.",
        "result_name": "Marriage certificate",
        "process_steps": steps(
            ("Book online", "Choose a registration office and a date on the portal."),
            (
                "Apply in person",
                "Both come with the materials, fill in the declaration and sign it before "
                "the registrar.",
            ),
            ("Check and register", "The registrar checks on the spot and registers you."),
            ("Certificate", "The certificate is issued at once; a ceremony is available."),
        ),
        "materials": {
            "男女双方居民身份证": "Both parties' resident ID cards",
            "男女双方户口簿": "Both parties' household registers",
            "双方近期半身免冠合影照片": "Recent half-length photo of the couple together",
            "申请结婚登记声明书": "Declaration for marriage registration",
        },
    },
    "SCJG-01-0003": {
        "name": "Registering a company",
        "conditions": "A compliant name, registered address, subscribed capital, business "
        "scope and organisation; the legal number of shareholders or founders.",
        "result_name": "Business licence (with electronic business licence)",
        "review": "The registration authority checks the documents and registers companies "
        "that qualify within 1 working day.",
        "materials": {
            "公司登记（备案）申请书": "Company registration (filing) application",
            "公司章程": "Articles of association",
            "股东、法定代表人及董事、监事、经理的身份证明": "Identity documents of the "
            "shareholders, legal representative, directors, supervisors and manager",
            "住所使用证明": "Proof of the right to use the address",
        },
    },
    "SCJG-01-0002": {
        "name": "Food business licence",
        "conditions": "A business licence; premises and equipment suited to the food sold; "
        "food safety staff and rules; a sensible layout and process.",
        "result_name": "Food business licence (electronic)",
        "review": "Market regulation reviews the documents and inspects the premises within "
        "10 working days if needed; with the notification-and-commitment option the licence "
        "is issued at once and checked within 3 months.",
        "materials": {
            "食品经营许可申请书": "Food business licence application",
            "经营场所平面布局图和设备布局、工艺流程图": "Floor plan, equipment layout and "
            "process flow chart",
            "食品安全自查、从业人员健康管理、进货查验记录等制度": "Food safety rules: "
            "self-inspection, staff health, purchase checks",
            "食品安全管理人员健康证明": "Health certificate of the food safety manager",
        },
    },
    "SWJ-20-0003": {
        "name": "Annual individual income tax reconciliation",
        "conditions": "Resident individuals with comprehensive income who owe tax or claim a "
        "refund file between 1 March and 30 June of the following year.",
        "result_name": "Annual return result and tax refund or payment receipt",
        "review": "The tax bureau checks the return and refunds or collects the difference.",
        "materials": {"专项附加扣除相关证明": "Proof for special additional deductions"},
    },
}
