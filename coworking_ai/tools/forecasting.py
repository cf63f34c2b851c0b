# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Demand forecasting without the ORM: features of an hour, the model, the
seasonal-naive baseline and the errors of both on held-out weeks.

A series is a list of rows ``(group, hour_utc, local_moment, rate)``: the
group is a small integer (a kind of space at a location), ``local_moment``
the hour on the location's clock, ``rate`` the share of the capacity booked
(``None`` for hours to forecast)."""

import math
from datetime import timedelta

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

FEATURES = (
    "group",
    "hour_of_day",
    "weekday",
    "day_of_year_sin",
    "day_of_year_cos",
    "public_holiday",
    "trend_days",
)
# groups a company's model learns (kinds of space × locations)
MAX_GROUPS = 250
WEEK = timedelta(days=7)


def features(rows, origin, holidays_of):
    """The feature matrix of ``rows``; ``origin`` (a naive datetime) is day 0
    of the trend, ``holidays_of(group)`` the set of public holidays (dates)
    of the group's country."""
    matrix = np.empty((len(rows), len(FEATURES)), dtype=np.float64)
    for index, (group, hour, local, _rate) in enumerate(rows):
        day = local.timetuple().tm_yday
        angle = 2 * math.pi * day / 365.25
        matrix[index] = (
            group,
            local.hour,
            local.weekday(),
            math.sin(angle),
            math.cos(angle),
            1.0 if local.date() in holidays_of(group) else 0.0,
            (hour - origin).total_seconds() / 86400.0,
        )
    return matrix


def new_estimator():
    """The regressor of the expected share of the capacity booked (squared
    error: its forecasts are means, which pricing and recommendations
    weigh; a median would say "empty" for most hours): gradient-boosted
    trees over the features (the group is a number the trees split on: a
    categorical feature would store a function reference that skops does
    not trust)."""
    return HistGradientBoostingRegressor(
        loss="squared_error",
        learning_rate=0.1,
        max_iter=150,
        max_leaf_nodes=31,
        min_samples_leaf=40,
        l2_regularization=1.0,
        categorical_features=None,
        early_stopping=False,
        random_state=0,
    )


def predict(estimator, matrix):
    """Forecast rates, within 0 and 1."""
    if not len(matrix):
        return np.empty(0)
    return np.clip(estimator.predict(matrix), 0.0, 1.0)


def seasonal_naive(rows, known):
    """The baseline's forecast of each row: the rate of the same group one
    week earlier (``known``: ``{(group, hour): rate}``), ``None`` when it is
    not known."""
    return [known.get((group, hour - WEEK)) for group, hour, _local, _rate in rows]


def split_held_out(rows, weeks):
    """``(train, test)``: the last ``weeks`` weeks of the series are held out."""
    if not rows:
        return [], []
    last = max(hour for _group, hour, _local, _rate in rows)
    cut = last - weeks * WEEK
    train = [row for row in rows if row[1] <= cut]
    test = [row for row in rows if row[1] > cut]
    return train, test


def evaluate(rows, weeks, origin, holidays_of):
    """Train on all but the last ``weeks`` weeks and score both forecasts on
    them. Returns ``(estimator, scores, predictions)``: the scores are the
    ``errors`` of the model and of the baseline over the held-out hours the
    baseline can forecast, and the predictions
    ``[(group, hour, forecast)]`` of the held-out hours."""
    train, test = split_held_out(rows, weeks)
    if not train or not test:
        raise ValueError("not enough history to hold weeks out")
    estimator = new_estimator()
    estimator.fit(
        features(train, origin, holidays_of),
        np.array([rate for *_head, rate in train]),
    )
    forecast = predict(estimator, features(test, origin, holidays_of))
    known = {(group, hour): rate for group, hour, _local, rate in rows}
    baseline = seasonal_naive(test, known)
    pairs = np.array(
        [
            (row[3], model, base)
            for row, model, base in zip(test, forecast, baseline, strict=True)
            if base is not None
        ]
    )
    scores = errors(pairs[:, 0], pairs[:, 1], pairs[:, 2])
    scores.update(train_rows=len(train), test_rows=len(pairs))
    predictions = [
        (group, hour, float(value))
        for (group, hour, _local, _rate), value in zip(test, forecast, strict=True)
    ]
    return estimator, scores, predictions


def errors(actual, forecast, baseline):
    """Errors of ``forecast`` and of ``baseline`` against ``actual`` (arrays):
    root mean square (the goal's measure: the forecast is an expected
    share) and mean absolute, and how much lower (%) the forecast's root
    mean square error is than the baseline's."""
    rmse = float(np.sqrt(np.mean((forecast - actual) ** 2)))
    baseline_rmse = float(np.sqrt(np.mean((baseline - actual) ** 2)))
    return {
        "rmse": rmse,
        "baseline_rmse": baseline_rmse,
        "mae": float(np.mean(np.abs(forecast - actual))),
        "baseline_mae": float(np.mean(np.abs(baseline - actual))),
        "improvement": (1 - rmse / baseline_rmse) * 100 if baseline_rmse else 0.0,
    }


def fit(rows, origin, holidays_of):
    """The estimator trained on every row of the series."""
    estimator = new_estimator()
    estimator.fit(
        features(rows, origin, holidays_of),
        np.array([rate for *_head, rate in rows]),
    )
    return estimator
