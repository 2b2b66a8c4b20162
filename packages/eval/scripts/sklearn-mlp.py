#!/usr/bin/env python3
"""scikit-learn's MLPClassifier on the splits that `examples model-selection` exports.

Usage: python3 sklearn-mlp.py out/model-selection/digits-split.json out/model-selection/breast-cancer-split.json

Each JSON file holds the table (x, y), the development and test indices, and the configuration our
search chose. For each file this prints the test accuracy of
  1. MLPClassifier with its defaults (100 ReLU units, Adam, lr 1e-3, batch 200, max_iter raised to 2000),
  2. MLPClassifier with our chosen configuration (units, activation, lr, beta_1 = momentum, batch 32, 20 epochs),
each trained on the development samples standardized with their own mean and std, over random_state
0 … 4 (mean ± std), next to the accuracy @nn reported. Not part of CI: scikit-learn is installed by hand.
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

EPOCHS = 20  # the FULL budget of model-selection.ts


def run(path):
    d = json.load(open(path))
    x = np.asarray(d["x"], dtype=np.float64)
    y = np.asarray(d["y"])
    dev, test = np.asarray(d["dev"]), np.asarray(d["test"])
    scaler = StandardScaler().fit(x[dev])
    xd, xt = scaler.transform(x[dev]), scaler.transform(x[test])
    best = d["best"]
    configs = {
        "defaults": lambda s: MLPClassifier(max_iter=2000, random_state=s),
        "our config": lambda s: MLPClassifier(
            hidden_layer_sizes=(best["units"],), activation=best["act"], learning_rate_init=best["lr"],
            beta_1=best["momentum"], batch_size=32, max_iter=EPOCHS, random_state=s),
    }
    print(f"{d['dataset']}: {len(dev)} development, {len(test)} test samples; @nn test accuracy {100 * d['testAccuracy']:.1f}% with {best}")
    for name, make in configs.items():
        accs = []
        for seed in range(5):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                accs.append(make(seed).fit(xd, y[dev]).score(xt, y[test]))
        print(f"  sklearn {sklearn.__version__} MLPClassifier, {name}: {100 * np.mean(accs):.1f}% ± {100 * np.std(accs, ddof=1):.1f}")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        run(p)
