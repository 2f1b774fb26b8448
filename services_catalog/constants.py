"""Code tables from GB/T 39046-2020 appendix A (docs/domain.md, "Service items and guides")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):  # A.1 事项类型
    LICENSING = "01", _("行政许可")
    PENALTY = "02", _("行政处罚")
    COERCION = "03", _("行政强制")
    LEVY = "04", _("行政征收")
    PAYMENT = "05", _("行政给付")
    INSPECTION = "06", _("行政检查")
    CONFIRMATION = "07", _("行政确认")
    REWARD = "08", _("行政奖励")
    ADJUDICATION = "09", _("行政裁决")
    OTHER_POWER = "10", _("其他行政权力")
    PUBLIC_SERVICE = "20", _("公共服务")


ADMINISTRATIVE_POWER_TYPES = [c for c in ItemType if c != ItemType.PUBLIC_SERVICE]


class ExerciseLevel(models.TextChoices):  # A.2 行使层级
    NATIONAL = "1", _("国家级")
    PROVINCIAL = "2", _("省级")
    MUNICIPAL = "3", _("市级")
    COUNTY = "4", _("县级")
    TOWNSHIP = "5", _("乡镇（街道）级")
    VILLAGE = "6", _("村（社区）级")
    TIERED = "7", _("分级管理")


class ImplementerNature(models.TextChoices):  # A.3 实施主体性质
    STATUTORY = "1", _("法定机关")
    AUTHORISED = "2", _("授权组织")
    ENTRUSTED = "3", _("受委托组织")
    OTHER = "9", _("其他")


class ServiceObject(models.TextChoices):  # A.4 服务对象
    NATURAL_PERSON = "1", _("自然人")
    ENTERPRISE = "2", _("企业法人")
    INSTITUTION = "3", _("事业法人")
    SOCIAL_ORG = "4", _("社会组织法人")
    ORGAN = "5", _("行政机关")
    OTHER_ORG = "6", _("其他组织")


class HandlingForm(models.TextChoices):  # A.5 办理形式
    WINDOW = "1", _("窗口办理")
    PC = "2", _("电脑端")
    MOBILE = "3", _("移动端")
    EXPRESS = "4", _("快递")
    OTHER = "9", _("其他")


class CaseType(models.TextChoices):  # A.6 办件类型
    IMMEDIATE = "1", _("即办件")
    PROMISED = "2", _("承诺件")
    OTHER = "9", _("其他")


class Audience(models.TextChoices):
    """Browse axis of the catalogue: 个人办事 / 法人办事."""

    PERSON = "person", _("个人办事")
    BUSINESS = "business", _("法人办事")
    BOTH = "both", _("个人和法人")


class MaterialForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    BOTH = "both", _("纸质和电子")


class MaterialNecessity(models.TextChoices):
    REQUIRED = "required", _("必备")
    TOLERABLE = "tolerable", _("容缺（可后补）")
    OPTIONAL = "optional", _("非必备")


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", _("申请人自备")
    GOVERNMENT = "government", _("政府部门核发")
    OTHER = "other", _("其他")


class JointMode(models.TextChoices):
    """How a 联办 service routes to its departments."""

    NONE = "none", _("单部门办理")
    SEQUENTIAL = "sequential", _("依次办理")
    PARALLEL = "parallel", _("并联办理")


class FieldType(models.TextChoices):
    """Field types that a service's one form (一表申请) may declare."""

    TEXT = "text", _("文本")
    TEXTAREA = "textarea", _("多行文本")
    DATE = "date", _("日期")
    PHONE = "phone", _("手机号码")
    ID_NUMBER = "id_number", _("身份证号")
    USCC = "uscc", _("统一社会信用代码")
    NUMBER = "number", _("数字")
    CHOICE = "choice", _("单选")
    ADDRESS = "address", _("地址")


# Evidence types that can replace a material (免提交). The registry belongs to data_exchange;
# these are the names fixed in the cross-app contract, used only to label guide pages
# without making the catalogue depend on data_exchange.
EVIDENCE_TYPE_LABELS: dict[str, tuple[str, str]] = {
    "gongan.household_register": (_("居民户籍信息"), _("市公安局")),
    "scjg.business_licence": (_("营业执照"), _("市市场监督管理局")),
    "rsj.social_insurance": (_("社会保险参保证明"), _("市人力资源和社会保障局")),
    "bdc.property_certificate": (_("不动产权证书"), _("市不动产登记中心")),
    "jyj.education_certificate": (_("学历证书"), _("市教育局")),
    "mzj.marriage_registration": (_("婚姻登记信息"), _("市民政局")),
    "wjw.birth_certificate": (_("出生医学证明"), _("市卫生健康委员会")),
}
