"""Offline text classifier: event titles and notes -> activity slug, with NumPy/SciPy only.

Multinomial naive Bayes over TF-IDF-weighted word unigrams, word bigrams and character
n-grams (3-5, within words, so "planning" and "plans" share evidence). Trained at run time
in well under a second from text we may ship or the person owns: our hand-written phrases
(analytics.activity_phrases), the taxonomy's labels and descriptions, O*NET DWA titles when
the person has loaded O*NET, and the person's own past assignments (weighted up, since they
speak the person's vocabulary). No model file is downloaded or stored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from ownpath.analytics.activity_phrases import ACTIVITY_PHRASES
from ownpath.analytics.activity_rules import apply_rules, normalise_text
from ownpath.taxonomy import BUILTIN_ACTIVITIES, activity_for_gwa

_TOKEN = re.compile(r"[a-z0-9]+(?::[0-9]+)?")
STOPWORDS = frozenset(
    "a an and are as at be by for from has in into is it its of on or our the their this to with w "
    "we you your my me i re fw fwd".split()
)


@dataclass(frozen=True)
class LabelledText:
    """One training example: text, activity slug, and how much it counts."""

    text: str
    activity: str
    weight: float = 1.0
    source: str = ""


def features(text: str, char_range: tuple[int, int] = (3, 5), bigrams: bool = True) -> list[str]:
    """Feature strings of a text: words, word pairs and in-word character n-grams."""
    tokens = _TOKEN.findall(normalise_text(text))
    words = [t for t in tokens if t not in STOPWORDS]
    result = [f"w:{w}" for w in words]
    if bigrams:
        result.extend(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    low, high = char_range
    if high >= low > 0:
        for word in words:
            padded = f"<{word}>"
            for n in range(low, high + 1):
                result.extend(f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1))
    return result


@dataclass
class TextClassifier:
    """Naive Bayes over TF-IDF features; ``fit`` then ``rank``/``predict_proba``."""

    alpha: float = 0.05
    char_range: tuple[int, int] = (3, 5)
    bigrams: bool = True
    uniform_prior: bool = True
    classes: list[str] = field(default_factory=list)
    vocabulary: dict[str, int] = field(default_factory=dict)
    idf: np.ndarray | None = None
    log_likelihood: np.ndarray | None = None  # classes x features
    log_prior: np.ndarray | None = None
    training_size: int = 0

    def fit(self, examples: Sequence[LabelledText]) -> TextClassifier:
        """Learn from labelled examples (at least two activities are needed)."""
        examples = [e for e in examples if e.text.strip() and e.weight > 0]
        self.classes = sorted({e.activity for e in examples})
        if len(self.classes) < 2:
            raise ValueError("the classifier needs examples of at least two activities")
        class_index = {c: i for i, c in enumerate(self.classes)}
        self.vocabulary = {}
        rows = [self._feature_counts(e.text, grow=True) for e in examples]
        matrix = self._matrix(rows)
        document_frequency = np.asarray((matrix > 0).sum(axis=0)).ravel()
        self.idf = np.log((1 + matrix.shape[0]) / (1 + document_frequency)) + 1.0
        weighted = self._tfidf(matrix)
        labels = np.array([class_index[e.activity] for e in examples])
        weights = np.array([e.weight for e in examples], dtype=float)
        membership = sparse.csr_matrix((weights, (labels, np.arange(len(examples)))),
                                       shape=(len(self.classes), len(examples)))
        class_feature = np.asarray((membership @ weighted).todense()) + self.alpha
        self.log_likelihood = np.log(class_feature / class_feature.sum(axis=1, keepdims=True))
        if self.uniform_prior:
            self.log_prior = np.full(len(self.classes), -math.log(len(self.classes)))
        else:
            totals = np.bincount(labels, weights=weights, minlength=len(self.classes))
            self.log_prior = np.log(totals / totals.sum())
        self.training_size = len(examples)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Posterior probability of each class (columns follow ``classes``) per text."""
        if self.log_likelihood is None:
            raise ValueError("fit the classifier first")
        matrix = self._tfidf(self._matrix([self._feature_counts(t, grow=False) for t in texts]))
        joint = np.asarray(matrix @ self.log_likelihood.T) + self.log_prior
        joint -= joint.max(axis=1, keepdims=True)
        probabilities = np.exp(joint)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def rank(self, text: str, top: int = 3) -> list[tuple[str, float]]:
        """The ``top`` most likely activities with probabilities; [] when no known feature."""
        if not any(f in self.vocabulary for f in self._features(text)):
            return []
        probabilities = self.predict_proba([text])[0]
        order = np.argsort(-probabilities)[:top]
        return [(self.classes[i], float(probabilities[i])) for i in order]

    def _features(self, text: str) -> list[str]:
        return features(text, self.char_range, self.bigrams)

    def _feature_counts(self, text: str, grow: bool) -> dict[int, float]:
        counts: dict[int, float] = {}
        for feature in self._features(text):
            index = self.vocabulary.get(feature)
            if index is None:
                if not grow:
                    continue
                index = self.vocabulary[feature] = len(self.vocabulary)
            counts[index] = counts.get(index, 0.0) + 1.0
        return counts

    def _matrix(self, rows: list[dict[int, float]]) -> sparse.csr_matrix:
        indptr, indices, values = [0], [], []
        for row in rows:
            indices.extend(row.keys())
            values.extend(row.values())
            indptr.append(len(indices))
        return sparse.csr_matrix((np.array(values, dtype=float), np.array(indices, dtype=np.int64), np.array(indptr)),
                                 shape=(len(rows), len(self.vocabulary)))

    def _tfidf(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        # Sublinear term frequency and L2 length-normalisation keep one long task statement
        # from outweighing many short titles.
        weighted = matrix.copy()
        weighted.data = 1.0 + np.log(weighted.data)
        weighted = weighted.multiply(self.idf[: weighted.shape[1]]).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ weighted


def builtin_examples() -> list[LabelledText]:
    """Our shipped training text: hand-written phrases plus taxonomy labels and descriptions."""
    examples = []
    for activity in BUILTIN_ACTIVITIES:
        examples.append(LabelledText(activity.label, activity.slug, source="taxonomy"))
        examples.append(LabelledText(activity.description, activity.slug, source="taxonomy"))
        for phrase in ACTIVITY_PHRASES.get(activity.slug, ()):
            examples.append(LabelledText(phrase, activity.slug, source="phrases"))
    return examples


def dwa_examples(rows: Iterable[tuple[str, str]], weight: float = 0.5) -> list[LabelledText]:
    """Training examples from O*NET DWA rows ``(DWA ID, DWA title)``, labelled via their GWA."""
    examples = []
    for dwa_id, title in rows:
        activity = activity_for_gwa(dwa_id)
        if activity and title.strip():
            examples.append(LabelledText(title, activity, weight=weight, source="onet-dwa"))
    return examples


def own_examples(assignments: Iterable[tuple[str, str]], weight: float = 3.0) -> list[LabelledText]:
    """Training examples from the person's own past (text, activity) assignments."""
    return [LabelledText(text, activity, weight=weight, source="own") for text, activity in assignments if text.strip()]


@dataclass(frozen=True)
class Assignment:
    """The activity chosen for an event or row, and why (or None: the person assigns it)."""

    activity: str | None
    source: str  # "rule", "classifier" or "" when unassigned
    confidence: float | None = None
    rule_name: str = ""
    alternatives: tuple[tuple[str, float], ...] = ()


def assign_activity(
    text: str,
    rules=(),
    classifier: TextClassifier | None = None,
    organiser: str = "",
    attendees: int | None = None,
    min_confidence: float = 0.5,
) -> Assignment:
    """Rules first (the person's explicit word), then the classifier when it is confident enough."""
    rule = apply_rules(rules, text, organiser, attendees)
    if rule is not None:
        return Assignment(rule.activity, "rule", None, rule.name or rule.activity)
    if classifier is None or not text.strip():
        return Assignment(None, "")
    ranked = classifier.rank(text, top=3)
    if ranked and ranked[0][1] >= min_confidence:
        return Assignment(ranked[0][0], "classifier", ranked[0][1], "", tuple(ranked))
    return Assignment(None, "", ranked[0][1] if ranked else None, "", tuple(ranked))
