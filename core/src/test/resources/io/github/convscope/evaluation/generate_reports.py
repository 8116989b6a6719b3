"""Generates reports.txt, the golden fixture of ClassificationReportGoldenTest, with Debian's python3-sklearn.

Run from this folder:  python3 generate_reports.py
Each case holds fixed labels (or probability rows), the class names and digits, then scikit-learn's numbers
(precision_recall_fscore_support with labels=all classes, accuracy_score, confusion_matrix) and the exact text of
classification_report(..., labels=all classes, target_names=names, digits=digits), with the default zero_division.
"""
import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix,
                             precision_recall_fscore_support)

rng = np.random.RandomState(20261130)
out = open("reports.txt", "w")


def ints(a):
    return " ".join(str(int(v)) for v in a)


def write_case(name, names, digits, y_true, y_pred, probs=None):
    labels = list(range(len(names)))
    out.write("case %s\n" % name)
    out.write("classes %s\n" % "|".join(names))
    out.write("digits %d\n" % digits)
    out.write("true %s\n" % ints(y_true))
    if probs is not None:
        out.write("probs %d %s\n" % (probs.shape[1], " ".join(repr(float(v)) for v in probs.ravel())))
    out.write("pred %s\n" % ints(y_pred))
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    out.write("confusion %s\n" % ints(cm.ravel()))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division="warn")
    for i in labels:
        out.write("scores %r %r %r %d\n" % (float(p[i]), float(r[i]), float(f[i]), int(s[i])))
    out.write("accuracy %r\n" % float(accuracy_score(y_true, y_pred)))
    for avg in ("micro", "macro", "weighted"):
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=avg)
        out.write("%s %r %r %r %d\n" % (avg, float(p), float(r), float(f), len(y_true)))
    text = classification_report(y_true, y_pred, labels=labels, target_names=names, digits=digits)
    lines = text.split("\n")
    out.write("text %d\n" % len(lines))
    for line in lines:
        out.write("|" + line + "\n")
    out.write("end\n")


out.write("# scikit-learn %s\n" % sklearn.__version__)
# Three classes, the last one never predicted (precision 0 by zero_division).
t = rng.randint(0, 3, 40)
p = np.where(rng.rand(40) < 0.6, np.minimum(t, 1), rng.randint(0, 2, 40))
write_case("never-predicted", ["cats", "dogs", "horses"], 2, t, p)
# A class with neither support nor predictions, and precision 1/8 (a tie Python rounds half-to-even).
t = np.array([0] * 8 + [1] * 8 + [2] * 4)
p = np.array([1] * 7 + [0] + [1] * 8 + [2] * 4)
write_case("absent-class", ["a", "b", "c", "zebra"], 2, t, p)
write_case("absent-class-digits0", ["a", "b", "c", "zebra"], 0, t, p)
# Long names, four digits.
t = rng.randint(0, 4, 57)
p = np.where(rng.rand(57) < 0.5, t, rng.randint(0, 4, 57))
write_case("long-names", ["T-shirt_top", "an_unusually_long_class_name", "x", "Ankle boot"], 4, t, p)
# Softmax probability rows (float32), predicted class = argmax.
t = rng.randint(0, 3, 30)
probs = rng.dirichlet([1.0, 1.0, 1.0], 30).astype(np.float32)
write_case("softmax", ["shirts", "t-shirts", "tops"], 3, t, probs.argmax(1), probs)
# One sigmoid unit: class 1 when p > 0.5.
t = rng.randint(0, 2, 25)
probs = rng.rand(25, 1).astype(np.float32)
probs[3, 0] = 0.5
write_case("sigmoid", ["shirts", "t-shirts"], 2, t, (probs[:, 0] > 0.5).astype(int), probs)
out.close()
