"""On the demo council, the leaving-risk model gives lifelines' Cox hazard ratios.

The model is fitted as a piecewise-exponential model (one baseline rate per month of service),
which for leaving grouped by month is Cox's model; lifelines' ``CoxTimeVaryingFitter`` fits the
Cox partial likelihood on the same episodes with exact leaving days. The two must agree closely.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from demo_counting import DemoSnapshot
from lifelines import CoxTimeVaryingFitter

from thrive.retention.episodes import episodes
from thrive.retention.risk_model import RetentionModel
from thrive.retention.tenure import tenure
from thrive.summaries.results_common import latest_day

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_hazard_ratios_match_lifelines_cox_model(demo: DemoSnapshot) -> None:
    day = latest_day(demo.frames)
    split = episodes(demo.frames, tenure(demo.frames, day), day)
    model = RetentionModel(penalizer=0.01).fit(split)
    # the same matrix (teams and grades with few leavers pooled), the same penalty per stint
    data = pd.DataFrame(model.matrix(split).toarray(), columns=model.columns_).assign(
        start=split["start"].to_numpy(),
        stop=split["stop"].to_numpy(),
        left=split["left"].to_numpy(),
        stint=split["stint_id"].to_numpy(),
    )
    cox = CoxTimeVaryingFitter(penalizer=0.01 * model.stints_ / split.height).fit(
        data, id_col="stint", event_col="left", start_col="start", stop_col="stop"
    )
    ours = model.hazard_ratios_["hazard_ratio"].to_numpy()
    theirs = cox.summary.loc[model.columns_, "exp(coef)"].to_numpy()
    assert model.leavers_ > 300 and len(model.columns_) > 20
    # the log hazard ratios within 0.03 (3%) of each other, and well within each other's intervals
    assert np.abs(np.log(ours) - np.log(theirs)).max() < 0.03
    ours_se = model.fitter_.standard_errors_
    theirs_se = cox.summary.loc[model.columns_, "se(coef)"].to_numpy()
    assert (np.abs(np.log(ours) - np.log(theirs)) < 0.1 * theirs_se).all()
    assert np.allclose(ours_se, theirs_se, rtol=0.03)
