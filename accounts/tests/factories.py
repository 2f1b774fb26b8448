from __future__ import annotations

import itertools

import factory
from factory.django import DjangoModelFactory

from accounts import crypto
from accounts.constants import AccountKind, Role
from accounts.demo import make_id_number, make_uscc
from accounts.models import Department, Organisation, User

_serial = itertools.count(1)


def new_id_number() -> str:
    n = next(_serial)
    return make_id_number(f"3101141990{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}")


def new_uscc() -> str:
    n = next(_serial)
    return make_uscc(f"913101140{n:08d}")


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"测试部门{n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    uscc = factory.Sequence(lambda n: make_uscc(f"11310000MB{n:07d}"))
    region_code = "310000"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    uscc = factory.LazyFunction(new_uscc)
    region_code = "310114"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cn")
    kind = AccountKind.CITIZEN
    real_name = factory.Sequence(lambda n: f"测试用户{n}")
    phone = "13900000000"
    password = factory.PostGenerationMethodCall("set_password", "demo-pass-2026")

    @factory.lazy_attribute
    def id_number(self):
        return new_id_number() if self.kind != AccountKind.STAFF else ""

    @factory.lazy_attribute
    def id_number_digest(self):
        return crypto.blind_index(self.id_number) if self.id_number else ""

    class Params:
        business = factory.Trait(
            kind=AccountKind.BUSINESS, organisation=factory.SubFactory(OrganisationFactory)
        )
        staff = factory.Trait(
            kind=AccountKind.STAFF, department=factory.SubFactory(DepartmentFactory)
        )

    @factory.post_generation
    def org_admin(self, create, extracted, **kwargs):
        """A business account is its company's administrator unless org_admin=False."""
        if not create or self.kind != AccountKind.BUSINESS or extracted is False:
            return
        self.save()
        from accounts.services import organisation_admin_grant

        organisation_admin_grant(user=self)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        if extracted:
            from accounts.services import role_group

            self.groups.set([role_group(role=Role(role)) for role in extracted])
