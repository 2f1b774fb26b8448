"""The read-only open-data API (/api/v1/): services with their guides, and the four lists.

Thin: validate the query, call services_catalog/portal selectors, shape the response. The
办事指南 endpoints are in api.catalogue, the four lists (one router per list kind) in api.lists.
Only live (approved) records are served; nothing personal exists in these records.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError
from ninja.openapi.docs import Swagger

from api.catalogue import services
from api.lists import list_router
from api.throttling import PerIpMinuteThrottle
from portal.list_kinds import LIST_KINDS

api = NinjaAPI(
    title="一网通办开放数据接口",
    version="1.0.0",
    description=(
        "只读接口：办事指南（含申请材料）与四张清单（权力清单、责任清单、市场准入负面清单、公共服务事项清单）。"
        "仅提供已审核发布的内容；分页参数 page（从 1 开始）与 page_size（≤100）；每个 IP 每分钟限流。"
    ),
    urls_namespace="api-v1",
    docs=Swagger(settings={"persistAuthorization": False, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[PerIpMinuteThrottle()],
)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled):
    response = api.create_response(
        request, {"detail": "请求过于频繁，请一分钟后再试。", "code": "rate_limited"}, status=429
    )
    response["Retry-After"] = str(int(exc.wait or 60)) if getattr(exc, "wait", None) else "60"
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    return api.create_response(
        request, {"detail": "请求参数无效。", "code": "invalid", "errors": exc.errors}, status=422
    )


api.add_router("/services/", services)
for kind in LIST_KINDS.values():
    api.add_router(f"/{kind.path}/", list_router(kind))
