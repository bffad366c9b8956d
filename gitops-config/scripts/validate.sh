#!/usr/bin/env bash
# Checks what Flux would apply, before it reaches a cluster:
#   - every kustomization.yaml and every Flux Kustomization spec.path builds;
#   - rendered app overlays pin image tags (sha-<commit> in dev, vX.Y.Z in staging and
#     prod), set requests and limits, liveness and readiness probes, a restricted
#     security context, and carry the app / backstage.io/kubernetes-id labels;
#   - only the post-build variables the clusters define are used;
#   - yamllint, promtool on the PrometheusRules, Grafana dashboards are valid JSON.
# Needs kubectl (kustomize v5), python3 with PyYAML, yamllint and promtool.
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT" || exit 2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/rendered" "$WORK/rules"
fail=0

echo "== kubectl kustomize: every directory with a kustomization.yaml"
n=0
while IFS= read -r k; do
  d=$(dirname "$k")
  n=$((n + 1))
  rel="${d#./}"
  out="$WORK/rendered/${rel//\//__}.yaml"
  if ! kubectl kustomize "$d" >"$out" 2>"$WORK/err"; then
    echo "FAIL build $d: $(cat "$WORK/err")"
    fail=1
  fi
done < <(find . -name kustomization.yaml -not -path './.git/*' | sort)
echo "built $n directories"

echo "== kubectl kustomize: every Flux Kustomization spec.path"
python3 - >"$WORK/paths" <<'PY'
import glob
import yaml
for f in sorted(glob.glob("clusters/**/*.yaml", recursive=True)):
    for d in yaml.safe_load_all(open(f)):
        if d and d.get("apiVersion", "").startswith("kustomize.toolkit.fluxcd.io/") and d.get("kind") == "Kustomization":
            print(f, d["metadata"]["name"], d["spec"]["path"])
PY
m=0
while read -r f name p; do
  m=$((m + 1))
  if [ ! -d "$p" ]; then
    echo "FAIL $f ($name): $p is not a directory"
    fail=1
  elif ! kubectl kustomize "$p" >/dev/null 2>"$WORK/err"; then
    echo "FAIL $f ($name): $p: $(cat "$WORK/err")"
    fail=1
  fi
done <"$WORK/paths"
echo "checked $m Flux Kustomization paths"

echo "== rendered app overlays"
python3 - "$WORK/rendered" <<'PY' || fail=1
import glob
import os
import re
import sys
import yaml

rendered = sys.argv[1]
allowed = {"CLUSTER_NAME", "ENVIRONMENT", "AWS_REGION", "AWS_ACCOUNT_ID"}
bad = 0


def report(*msg):
    global bad
    bad += 1
    print("FAIL", *msg)


for f in sorted(glob.glob(rendered + "/*.yaml")):
    name = os.path.basename(f)
    text = open(f).read()
    for var in sorted(set(re.findall(r"\$\{([^}]*)\}", text)) - allowed):
        report(name, "uses ${%s}, which no cluster substitutes" % var)
    m = re.match(r"apps__(.+)__overlays__(dev|staging|prod)\.yaml$", name)
    if not m:
        continue
    app, env = m.groups()
    kinds = set()
    for d in yaml.safe_load_all(text):
        if not d:
            continue
        kinds.add(d["kind"])
        labels = d["metadata"].get("labels", {})
        if labels.get("app") != app or labels.get("backstage.io/kubernetes-id") != app:
            report(name, d["kind"], d["metadata"]["name"], "lacks the app / backstage.io/kubernetes-id labels")
        if d["kind"] != "Deployment":
            continue
        pod = d["spec"]["template"]["spec"]
        if d["spec"]["template"]["metadata"]["labels"].get("backstage.io/kubernetes-id") != app:
            report(name, "pod template lacks backstage.io/kubernetes-id")
        pod_non_root = pod.get("securityContext", {}).get("runAsNonRoot") is True
        inits = pod.get("initContainers", [])
        for c in inits + pod["containers"]:
            is_init = c in inits
            image = c["image"]
            tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
            if tag in ("", "latest"):
                report(name, c["name"], "image tag not pinned:", image)
            elif not is_init and env == "dev" and not re.fullmatch(r"sha-[0-9a-f]{7,40}", tag):
                report(name, c["name"], "dev tag is not sha-<commit>:", image)
            elif not is_init and env != "dev" and not re.fullmatch(r"v\d+\.\d+\.\d+", tag):
                report(name, c["name"], "tag is not vX.Y.Z:", image)
            res = c.get("resources", {})
            for kind in ("requests", "limits"):
                for q in ("cpu", "memory"):
                    if q not in res.get(kind, {}):
                        report(name, c["name"], "has no", kind, q)
            if not is_init:
                for probe in ("livenessProbe", "readinessProbe"):
                    if probe not in c:
                        report(name, c["name"], "has no", probe)
            sc = c.get("securityContext", {})
            if not (sc.get("runAsNonRoot") is True or (pod_non_root and "runAsNonRoot" not in sc)):
                report(name, c["name"], "does not run as non-root")
            if sc.get("allowPrivilegeEscalation") is not False or sc.get("capabilities", {}).get("drop") != ["ALL"]:
                report(name, c["name"], "security context is not restricted")
    need = {"Namespace", "ServiceAccount", "Deployment", "Service", "ConfigMap", "ServiceMonitor"}
    if env == "prod":
        need |= {"HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"}
    if not need <= kinds:
        report(name, "lacks", ", ".join(sorted(need - kinds)))
print("findings:", bad)
sys.exit(1 if bad else 0)
PY

echo "== yamllint"
yamllint -s . && echo "yamllint clean" || fail=1

echo "== promtool check rules"
python3 - "$WORK/rules" <<'PY'
import glob
import os
import sys
import yaml
for f in sorted(glob.glob("infrastructure/base/prometheus/rules/*-alerts.yaml")):
    spec = yaml.safe_load(open(f))["spec"]
    with open(os.path.join(sys.argv[1], os.path.basename(f)), "w") as out:
        yaml.safe_dump(spec, out, sort_keys=False)
PY
promtool check rules "$WORK"/rules/*.yaml || fail=1

echo "== Grafana dashboards"
python3 - <<'PY' || fail=1
import glob
import json
import sys
import yaml
bad = 0
for f in sorted(glob.glob("infrastructure/base/grafana/dashboards/*.yaml")):
    if f.endswith("kustomization.yaml"):
        continue
    for key, text in yaml.safe_load(open(f))["data"].items():
        try:
            dash = json.loads(text)
        except ValueError as e:
            print("FAIL", f, key, e)
            bad += 1
            continue
        if "${" in text:
            print("FAIL", f, "contains ${, which Flux post-build substitution would replace")
            bad += 1
        print(f, "->", dash["title"], [p["title"] for p in dash["panels"]])
sys.exit(1 if bad else 0)
PY

if [ "$fail" = 0 ]; then echo "== PASS"; else echo "== FAIL"; fi
exit "$fail"
