from django.db import models
from django.utils.translation import gettext_lazy as _


class HolderKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人")


class EvidenceStatus(models.TextChoices):
    PENDING = "pending", _("获取中")
    VERIFIED = "verified", _("已核验")
    FAILED = "failed", _("获取失败")
    REFUSED = "refused", _("无权获取")


class Decision(models.TextChoices):
    USE = "use", _("使用")
    NOT_USE = "not_use", _("不使用")


class LogEvent(models.TextChoices):
    REQUEST = "request", _("请求")
    RESPONSE = "response", _("响应")
    CACHE = "cache", _("缓存复用")
    REFUSED = "refused", _("拒绝（超出授权）")
    SECURITY = "security", _("安全事件")
    DECISION = "decision", _("用户选择")
    REAL_NAME = "real_name", _("实名核验")
    LICENCE_CHECK = "licence_check", _("证照核验")
    PURGE = "purge", _("数据清除")


# Codes of verification failures (security events) and their message for the citizen.
VERIFICATION_FAILURES = {
    "malformed": _("部门返回的数据格式无效"),
    "unsupported_algorithm": _("部门返回的数据签名算法不受支持"),
    "unknown_key": _("部门返回的数据签名密钥未登记"),
    "revoked_key": _("部门返回的数据签名密钥已吊销"),
    "expired_key": _("部门返回的数据签名密钥已过期"),
    "bad_signature": _("部门返回的数据签名校验未通过（数据可能被篡改）"),
    "replay": _("部门返回的数据为重放的旧响应"),
    "stale": _("部门返回的数据已超出有效时间"),
    "request_hash_mismatch": _("部门返回的数据与本次请求不对应"),
    "holder_mismatch": _("部门返回的数据不属于申请人"),
}

# Pseudo service codes for requests that are not a catalogue service.
SERVICE_PROFILE = "PROFILE"  # 企业画像（惠企政策免申即享）
SERVICE_WALLET = "WALLET"  # 电子证照归集
SERVICE_REAL_NAME = "REALNAME"  # 实名核验


def url_setting_name(department_code: str) -> str:
    """The environment variable that configures a department's URL (config/settings/base.py)."""
    return f"DATA_EXCHANGE_URL_{department_code.upper()}"


class AgreementStatus(models.TextChoices):
    """共享协议 (sharing agreement) states: only 已批准 grants access."""

    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("已拒绝")
    WITHDRAWN = "withdrawn", _("已撤回")


# Uses of certified data that are not a catalogue service and need no sharing agreement:
# they are the holder's own data (wallet, real-name check) or the 免申即享 profile.
INTERNAL_USES = (SERVICE_PROFILE, SERVICE_WALLET, SERVICE_REAL_NAME)

# Permission of the 数据共享管理员 role (data steward) of a department.
PERM_STEWARD = "data_exchange.steward_agreements"
