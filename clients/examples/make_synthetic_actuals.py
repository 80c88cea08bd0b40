#!/usr/bin/env python3
"""Write synthetic-actuals.csv: SYNTHETIC annual output series, NOT real statistics.

A worked example for `chaincast estimate` and `chaincast backtest` (README,
"Calibration and backtest"). Six cells of the real model, 2010-2024, each
drawn as a random walk with drift in log space,

    ln V[t] = ln V[t-1] + mu + sigma * e[t],   e[t] ~ N(0, 1),

with the (mu, sigma) and 2010 values below and numpy's PCG64 generator seeded
with SEED. The values are then rounded to 0.01 亿元. Regenerate with

    /usr/bin/python3 clients/examples/make_synthetic_actuals.py
"""

import csv
import math
import os

import numpy as np

SEED = 2025
FIRST, LAST = 2010, 2024
SOURCE = "SYNTHETIC (make_synthetic_actuals.py, seed 2025): not real statistics"

# cell id: (2010 value in 亿元, mu = true drift in log growth per year, sigma = true volatility)
CELLS = {
    "pharma@etdz": (180.0, 0.09, 0.08),
    "pharma@haizhou": (90.0, 0.04, 0.10),
    "pharma@ganyu": (40.0, 0.06, 0.15),
    "pharma@donghai": (35.0, 0.05, 0.12),
    "steel@unallocated": (600.0, 0.03, 0.12),
    "new_energy@unallocated": (60.0, 0.12, 0.20),
}


def main() -> None:
    rng = np.random.default_rng(SEED)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "synthetic-actuals.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["subject_id", "year", "value", "unit", "period", "source", "relative_error"])
        for cell, (start, mu, sigma) in CELLS.items():
            ln = math.log(start)
            for year in range(FIRST, LAST + 1):
                if year > FIRST:
                    ln += mu + sigma * rng.standard_normal()
                out.writerow([cell, year, f"{math.exp(ln):.2f}", "亿元", "", SOURCE, ""])
    print("wrote", path)


if __name__ == "__main__":
    main()
