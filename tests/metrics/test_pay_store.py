"""The pay measures read the real store: census worker details written through the model, read by
frames.load into the pay frame (decimals become floats; nulls stay null)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import factories
from thrive.codes import ContractType, StartOrigin
from thrive.frames.load import load
from thrive.import_records.models import CensusWorkerDetail
from thrive.metrics import compute

pytestmark = pytest.mark.django_db


def test_census_pay_is_read_into_the_pay_frame_and_measured() -> None:
    la = factories.authority()
    team = factories.team(la, "Child Protection North")
    for i, salary in enumerate(("33000.00", "35500.50", "38000.00")):
        w = factories.worker(la)
        factories.spell(w, team, date(2015, 1, 1), start_origin=StartOrigin.NOT_KNOWN.value)
        CensusWorkerDetail.objects.create(
            worker=w,
            year=2018,
            base_salary=Decimal(salary),
            rr_payments=Decimal("1500") if i == 0 else None,
        )
    locum = factories.worker(la)
    factories.spell(
        locum, team, date(2017, 1, 1), contract=ContractType.AGENCY, day_rate=Decimal("310")
    )
    frames = load(la)
    assert frames.pay.height == 3
    assert sorted(frames.pay["base_salary"].to_list()) == [33000.0, 35500.5, 38000.0]
    assert frames.pay["rr_payments"].null_count() == 2
    found = {
        r.name: r
        for r in compute(
            frames,
            date(2019, 3, 31),
            hr=True,
            names=[
                "median_base_salary",
                "rr_payment_cost",
                "rr_payment_share",
                "agency_cost_premium",
            ],
        )
        if r.slice is None
    }
    assert found["median_base_salary"].value == 35500.5
    assert found["rr_payment_cost"].value == 1500
    assert found["rr_payment_share"].value == pytest.approx(100 / 3)
    assert found["agency_cost_premium"].value == pytest.approx(
        310 * 253 - 106500.5 / 3 * 1.3
    )  # the mean, with on-costs
