#!/usr/bin/env python3
"""Lists facts whose metric, factory or period differ from the gold (a debugging aid for the linker).

usage: fact_misses.py ASSAY_BINARY [CORPUS]
"""
import glob
import json
import os
import subprocess
import sys


def main(binary, corpus="corpus"):
    for gp in sorted(glob.glob(f"{corpus}/*/*.gold.json")):
        doc = gp[: -len(".gold.json")] + ".txt"
        if not os.path.exists(doc):
            doc = gp[: -len(".gold.json")] + ".html"
        gold = json.load(open(gp, encoding="utf-8"))
        out = subprocess.run([binary, "extract", "--compact", doc], capture_output=True, text=True).stdout
        rec = json.loads(out)
        ents = rec["entities"]
        pred = {}
        for f in rec["facts"]:
            m = ents[f["money"]]
            code = ents[f["factory"]]["value"]["code"] if f["factory"] is not None else None
            per = ents[f["period"]]["value"] if f["period"] is not None else None
            pred[m["start"]] = (f["metric"], code, (per["start"], per["end"]) if per else None, f["period_by"], f["factory_by"])
        for gf in gold["facts"]:
            ge = gold["entities"][gf["money"]]
            p = pred.get(ge["start"])
            gper = (gf["period"]["start"], gf["period"]["end"]) if gf["period"] else None
            if p is None:
                print(os.path.basename(doc), "no fact for", repr(ge["text"]))
                continue
            bad = []
            if p[0] != gf["metric"]:
                bad.append(f"metric {p[0]} != {gf['metric']}")
            if p[1] != gf["factory"]:
                bad.append(f"factory {p[1]} ({p[4]}) != {gf['factory']}")
            if p[2] != gper:
                bad.append(f"period {p[2]} ({p[3]}) != {gper}")
            if bad:
                print(os.path.basename(doc), repr(ge["text"]), "; ".join(bad))


if __name__ == "__main__":
    main(*sys.argv[1:3])
