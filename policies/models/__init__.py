from policies.models.pages import BusinessChannelPage, PolicyCondition, PolicyPage, PolicyPageForm
from policies.models.records import (
    BenefitNotice,
    BenefitScanRun,
    BusinessProfile,
    PolicyExpiryReminder,
    PolicyQuestion,
)

__all__ = [
    "BenefitNotice",
    "BenefitScanRun",
    "BusinessChannelPage",
    "BusinessProfile",
    "PolicyCondition",
    "PolicyExpiryReminder",
    "PolicyPage",
    "PolicyPageForm",
    "PolicyQuestion",
]
