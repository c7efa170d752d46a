"""Offline text classifier over event titles and notes."""

from __future__ import annotations

import numpy as np
import pytest

from ownpath.analytics.activity_rules import default_rules
from ownpath.analytics.text_classifier import (
    LabelledText,
    TextClassifier,
    assign_activity,
    builtin_examples,
    dwa_examples,
    features,
    own_examples,
)
from ownpath.taxonomy import BUILTIN_SLUGS


@pytest.fixture(scope="module")
def shipped():
    return TextClassifier().fit(builtin_examples())


def test_shipped_training_text_covers_every_builtin_activity():
    assert {e.activity for e in builtin_examples()} == set(BUILTIN_SLUGS)


def test_features_include_words_pairs_and_character_ngrams():
    found = features("Roadmap planning")
    assert "w:roadmap" in found and "b:roadmap_planning" in found and "c:plan" in found


def test_classifies_typical_titles_it_has_not_seen_verbatim(shipped):
    assert shipped.rank("write the quarterly report")[0][0] == "writing"
    assert shipped.rank("flight to Berlin")[0][0] == "travel"
    assert shipped.rank("expense report and timesheet")[0][0] == "admin"


def test_probabilities_are_normalised_and_ranked(shipped):
    probabilities = shipped.predict_proba(["sales pitch", "debug the outage"])
    assert probabilities.shape == (2, len(shipped.classes))
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    ranked = shipped.rank("sales pitch", top=3)
    assert len(ranked) == 3 and ranked[0][1] >= ranked[1][1] >= ranked[2][1]


def test_text_with_no_known_feature_gets_no_guess(shipped):
    assert shipped.rank("zzqx") == []
    assert assign_activity("zzqx", classifier=shipped).activity is None


def test_own_assignments_teach_the_persons_vocabulary():
    examples = builtin_examples() + own_examples([("Gemba walk", "monitoring")] * 3)
    model = TextClassifier().fit(examples)
    assert model.rank("gemba walk line 3")[0][0] == "monitoring"


def test_dwa_rows_are_labelled_through_their_gwa():
    examples = dwa_examples([("4.A.4.a.6.I01.D01", "Sell products to customers."), ("9.Z", "Unknown.")])
    assert [(e.activity, e.source) for e in examples] == [("selling", "onet-dwa")]


def test_rules_come_first_then_confident_classifier_then_unassigned(shipped):
    rules = default_rules()
    by_rule = assign_activity("1:1 with Sam", rules, shipped)
    assert (by_rule.activity, by_rule.source) == ("managing", "rule")
    by_model = assign_activity("an article for the website", rules, shipped, min_confidence=0.2)
    assert by_model.source == "classifier" and by_model.activity == "writing"
    unsure = assign_activity("an article for the website", rules, shipped, min_confidence=0.999)
    assert unsure.activity is None and unsure.alternatives


def test_fit_needs_two_activities():
    with pytest.raises(ValueError):
        TextClassifier().fit([LabelledText("a", "admin")])
