#!/usr/bin/env python3
"""Checks a composite action's metadata (action.yml) and runs its steps the way GitHub's runner
does, for tests/action.rs. Needs PyYAML (installed by .ci/run).

    action_runner.py check ACTION_YML
        Prints the metadata problems found, one a line; exits 1 if there are any.
    action_runner.py run ACTION_YML --workspace DIR --report FILE [--input NAME=VALUE ...]
        Runs the `run:` steps in DIR and writes a JSON report: each step (ran or skipped, exit
        code, output), the job's step summary, the action's outputs and its conclusion. A
        `uses:` step cannot run here; it is recorded with its evaluated `with:`.

What the runner does and this script copies: inputs are strings (defaults from action.yml);
`${{ }}` expressions are evaluated in `run`, `env`, `with` and `working-directory`; `if:` is an
expression with an implicit `success() &&` unless it calls a status function; a `bash` step
runs as `bash --noprofile --norc -eo pipefail FILE` in the workspace; each step gets its own
GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files, whose contents set the
step's outputs, later steps' environment and PATH, and the job summary. Expressions outside the
small grammar below are refused, so a test fails instead of guessing.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

TOP_KEYS = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
INPUT_KEYS = {"description", "required", "default", "deprecationMessage"}
STEP_KEYS = {
    "id", "if", "name", "uses", "run", "shell", "with", "env", "working-directory",
    "continue-on-error",
}
SHELLS = {"bash", "sh", "pwsh", "python", "cmd", "powershell"}
EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def load(path):
    with open(path, encoding="utf-8") as f:
        # BaseLoader keeps every scalar a string, as the runner reads them ('true', not True).
        return yaml.load(f, Loader=yaml.BaseLoader)


def check(meta):
    """The action metadata schema's required keys and types, for a composite action."""
    errors = []
    if not isinstance(meta, dict):
        return ["action.yml is not a mapping"]
    for key in sorted(set(meta) - TOP_KEYS):
        errors.append(f"unknown top-level key `{key}`")
    for key in ("name", "description", "runs"):
        if key not in meta:
            errors.append(f"missing required key `{key}`")
    for key in ("name", "description"):
        if key in meta and not (isinstance(meta[key], str) and meta[key].strip()):
            errors.append(f"`{key}` must be a non-empty string")
    inputs = meta.get("inputs") or {}
    if not isinstance(inputs, dict):
        errors.append("`inputs` must be a mapping")
        inputs = {}
    for name, spec in inputs.items():
        if not isinstance(spec, dict):
            errors.append(f"input `{name}` must be a mapping")
            continue
        for key in sorted(set(spec) - INPUT_KEYS):
            errors.append(f"input `{name}` has unknown key `{key}`")
        if not str(spec.get("description", "")).strip():
            errors.append(f"input `{name}` has no description")
        if spec.get("required", "false") not in ("true", "false"):
            errors.append(f"input `{name}`: `required` must be true or false")
    outputs = meta.get("outputs") or {}
    for name, spec in outputs.items():
        if not isinstance(spec, dict) or not str(spec.get("description", "")).strip():
            errors.append(f"output `{name}` has no description")
        elif "value" not in spec:
            errors.append(f"output `{name}` of a composite action needs `value`")
    runs = meta.get("runs")
    if not isinstance(runs, dict):
        return errors + ["`runs` must be a mapping"]
    if runs.get("using") != "composite":
        return errors + [f"runs.using is `{runs.get('using')}`, expected `composite`"]
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        return errors + ["runs.steps must be a non-empty list"]
    ids = set()
    for i, step in enumerate(steps):
        where = f"step {i + 1} ({step.get('name', 'unnamed') if isinstance(step, dict) else '?'})"
        if not isinstance(step, dict):
            errors.append(f"{where} is not a mapping")
            continue
        for key in sorted(set(step) - STEP_KEYS):
            errors.append(f"{where} has unknown key `{key}`")
        if ("run" in step) == ("uses" in step):
            errors.append(f"{where} needs exactly one of `run` and `uses`")
        if "run" in step:
            if "shell" not in step:
                errors.append(f"{where} has `run` but no `shell` (required in composite actions)")
            elif step["shell"] not in SHELLS and "{0}" not in step["shell"]:
                errors.append(f"{where} has unknown shell `{step['shell']}`")
            if "with" in step:
                errors.append(f"{where} has `with` on a `run` step")
        if "uses" in step:
            if not re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+|\./[\w./-]+|docker://\S+", step["uses"]):
                errors.append(f"{where}: `uses: {step['uses']}` is not owner/repo@ref")
            if "shell" in step:
                errors.append(f"{where} has `shell` on a `uses` step")
        if "id" in step:
            if step["id"] in ids:
                errors.append(f"{where}: duplicate id `{step['id']}`")
            ids.add(step["id"])
        # Every expression must refer to declared inputs and to steps that come earlier.
        texts = [step.get("if", "")] + [str(v) for v in (step.get("env") or {}).values()]
        texts += [str(v) for v in (step.get("with") or {}).values()]
        texts += [step.get("run", ""), step.get("working-directory", "")]
        for text in texts:
            for name in re.findall(r"\binputs\.([\w-]+)", text):
                if name not in inputs:
                    errors.append(f"{where} uses undeclared input `{name}`")
            for sid in re.findall(r"\bsteps\.([\w-]+)\.", text):
                if sid not in ids or sid == step.get("id"):
                    errors.append(f"{where} refers to step `{sid}`, which does not run before it")
    for name, spec in outputs.items():
        for sid in re.findall(r"\bsteps\.([\w-]+)\.", str(spec.get("value", ""))):
            if sid not in ids:
                errors.append(f"output `{name}` refers to unknown step `{sid}`")
    return errors


class Expr:
    """The subset of GitHub's expression language the action uses: context properties,
    'strings', ==, !=, !, &&, || and the status functions."""

    TOKEN = re.compile(r"\s*(?:(==|!=|&&|\|\||!|\(|\))|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*)\(\)|([A-Za-z_][\w.-]*))")

    def __init__(self, text, ctx):
        self.tokens, pos, text = [], 0, text.strip()
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"unsupported expression: {text!r}")
            op, string, call, ident = m.groups()
            if op:
                self.tokens.append(("op", op))
            elif string is not None:
                self.tokens.append(("str", string.replace("''", "'")))
            elif call:
                self.tokens.append(("call", call))
            else:
                self.tokens.append(("ident", ident))
            pos = m.end()
        self.i, self.ctx = 0, ctx

    def value(self):
        v = self.or_()
        if self.i != len(self.tokens):
            raise ValueError(f"trailing tokens in expression: {self.tokens[self.i:]}")
        return v

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self):
        self.i += 1
        return self.tokens[self.i - 1]

    def or_(self):
        v = self.and_()
        while self.peek() == ("op", "||"):
            self.take()
            r = self.and_()
            v = v if truthy(v) else r
        return v

    def and_(self):
        v = self.cmp()
        while self.peek() == ("op", "&&"):
            self.take()
            r = self.cmp()
            v = r if truthy(v) else v
        return v

    def cmp(self):
        v = self.unary()
        while self.peek() in (("op", "=="), ("op", "!=")):
            op = self.take()[1]
            r = self.unary()
            same = str(v).lower() == str(r).lower()  # string comparison ignores case
            v = same if op == "==" else not same
        return v

    def unary(self):
        if self.peek() == ("op", "!"):
            self.take()
            return not truthy(self.unary())
        kind, tok = self.take()
        if kind == "op" and tok == "(":
            v = self.or_()
            if self.take() != ("op", ")"):
                raise ValueError("unbalanced parentheses")
            return v
        if kind == "str":
            return tok
        if kind == "call":
            status = self.ctx["status"]
            fns = {
                "success": status == "success",
                "failure": status == "failure",
                "always": True,
                "cancelled": False,
            }
            if tok not in fns:
                raise ValueError(f"unsupported function {tok}()")
            return fns[tok]
        if kind == "ident":
            return lookup(tok, self.ctx)
        raise ValueError(f"unexpected token {tok!r}")


def truthy(v):
    return bool(v) and v != "false" if not isinstance(v, bool) else v


def lookup(name, ctx):
    parts = name.split(".")
    if parts[0] == "inputs" and len(parts) == 2:
        if parts[1] not in ctx["inputs"]:
            raise ValueError(f"undeclared input {parts[1]}")
        return ctx["inputs"][parts[1]]
    if parts[0] == "github" and len(parts) == 2 and parts[1] in ctx["github"]:
        return ctx["github"][parts[1]]
    if parts[0] == "runner" and parts[1:] == ["temp"]:
        return ctx["runner_temp"]
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return ctx["steps"].get(parts[1], {}).get(parts[3], "")
    raise ValueError(f"unsupported context reference {name}")


def render(text, ctx):
    def one(m):
        v = Expr(m.group(1), ctx).value()
        return ("true" if v else "false") if isinstance(v, bool) else str(v)

    return EXPR.sub(one, str(text))


def condition(text, ctx):
    text = text.strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
    if m:
        text = m.group(1)
    if not re.search(r"\b(success|failure|always|cancelled)\(\)", text):
        text = f"success() && ({text})"
    return truthy(Expr(text, ctx).value())


def read_kv_file(path):
    """name=value lines and name<<DELIM heredocs, as in GITHUB_OUTPUT and GITHUB_ENV."""
    out, lines = {}, open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1 : j])
            i = j + 1
            continue
        if line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out


def run(meta, workspace, given, report_path):
    inputs = {name: spec.get("default", "") for name, spec in (meta.get("inputs") or {}).items()}
    for name, value in given.items():
        if name not in inputs:
            raise SystemExit(f"action.yml declares no input `{name}`")
        inputs[name] = value
    action_path = os.path.dirname(os.path.abspath(sys.argv[2]))
    runner_temp = tempfile.mkdtemp(prefix="runner-temp-")
    files = tempfile.mkdtemp(prefix="runner-files-")
    ctx = {
        "inputs": inputs,
        "github": {"action_path": action_path, "workspace": workspace},
        "runner_temp": runner_temp,
        "steps": {},
        "status": "success",
    }
    env = dict(os.environ)
    env.update(
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=workspace,
        GITHUB_ACTION_PATH=action_path,
        RUNNER_TEMP=runner_temp,
    )
    summary, report = [], {"steps": []}
    for n, step in enumerate(meta["runs"]["steps"]):
        entry = {"name": step.get("name", ""), "id": step.get("id")}
        report["steps"].append(entry)
        if "if" in step and not condition(step["if"], ctx) or "if" not in step and ctx["status"] != "success":
            entry["ran"] = False
            continue
        if "uses" in step:
            entry.update(ran=False, uses=step["uses"],
                         **{"with": {k: render(v, ctx) for k, v in (step.get("with") or {}).items()}})
            continue
        per_step = {k: os.path.join(files, f"{k.lower()}-{n}") for k in
                    ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
        for path in per_step.values():
            open(path, "w").close()
        step_env = dict(env, **per_step)
        step_env.update({k: render(v, ctx) for k, v in (step.get("env") or {}).items()})
        if step["shell"] != "bash":
            raise SystemExit(f"this runner only runs `shell: bash`, not {step['shell']}")
        script = os.path.join(files, f"step-{n}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(render(step["run"], ctx))
        cwd = os.path.join(workspace, render(step.get("working-directory", "."), ctx))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=cwd, env=step_env, capture_output=True, text=True)
        sys.stderr.write(f"--- step {entry['name']}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
        entry.update(ran=True, exit_code=proc.returncode, stdout=proc.stdout, stderr=proc.stderr,
                     path=step_env["PATH"])
        if proc.returncode != 0 and step.get("continue-on-error") != "true":
            ctx["status"] = "failure"
        if step.get("id"):
            ctx["steps"][step["id"]] = read_kv_file(per_step["GITHUB_OUTPUT"])
            entry["outputs"] = ctx["steps"][step["id"]]
        env.update(read_kv_file(per_step["GITHUB_ENV"]))
        for line in reversed(open(per_step["GITHUB_PATH"], encoding="utf-8").read().splitlines()):
            if line.strip():
                env["PATH"] = line.strip() + os.pathsep + env["PATH"]
        summary.append(open(per_step["GITHUB_STEP_SUMMARY"], encoding="utf-8").read())
    report["conclusion"] = ctx["status"]
    report["summary"] = "".join(summary)
    report["outputs"] = {name: render(spec.get("value", ""), ctx)
                         for name, spec in (meta.get("outputs") or {}).items()}
    report["runner_temp"] = runner_temp
    with open(report_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)


def main(argv):
    if len(argv) >= 3 and argv[1] == "check":
        errors = check(load(argv[2]))
        for e in errors:
            print(e)
        return 1 if errors else 0
    if len(argv) >= 3 and argv[1] == "run":
        meta, rest = load(argv[2]), argv[3:]
        errors = check(meta)
        if errors:
            print("\n".join(errors), file=sys.stderr)
            return 1
        opts, given = {}, {}
        while rest:
            flag, value, rest = rest[0], rest[1], rest[2:]
            if flag == "--input":
                name, _, v = value.partition("=")
                given[name] = v
            else:
                opts[flag] = value
        run(meta, os.path.abspath(opts["--workspace"]), given, opts["--report"])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
