#!/usr/bin/env python3
"""Extracts the contract of the operations segsync uses from Segment's generated Go SDK.

    api/contract/extract.py SDK_DIR

SDK_DIR is a clone of github.com/segmentio/public-api-sdk-go (a bare git directory is read at
HEAD). The operations come from `api/api_*.go` (one `<Op>Execute` function each: method, path,
query parameters, which parameters are required, request and response media types, body and
return models), the models from `api/model_*.go` (JSON field names, Go types; a field is optional
when its type is a pointer or it is tagged `omitempty`; a Nullable type may be null). Only the operations named in
`operations.txt` beside this script are written, with every model they reach, to
`operations.json` and `models.json` beside it. The SDK version and commit are recorded in both.
"""

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


class Sdk:
    def __init__(self, root):
        self.root = root
        self.bare = not os.path.isdir(os.path.join(root, "api"))

    def git(self, *args):
        return subprocess.run(["git", "-C", self.root, *args], check=True, capture_output=True, text=True).stdout

    def files(self, prefix):
        if self.bare:
            names = self.git("ls-tree", "--name-only", "HEAD", "api/").split()
        else:
            names = ["api/" + n for n in os.listdir(os.path.join(self.root, "api"))]
        return sorted(n for n in names if os.path.basename(n).startswith(prefix) and n.endswith(".go"))

    def read(self, path):
        if self.bare:
            return self.git("show", "HEAD:" + path)
        with open(os.path.join(self.root, path)) as f:
            return f.read()

    def version(self):
        m = re.search(r"API version: (\S+)", self.read("api/client.go"))
        commit = self.git("rev-parse", "--short", "HEAD").strip()
        return f"{m.group(1) if m else '?'} (commit {commit})"


def string_list(block):
    return re.findall(r'"([^"]+)"', block)


def operations(sdk):
    ops = {}
    for path in sdk.files("api_"):
        text = sdk.read(path)
        for m in re.finditer(r"\nfunc \(a \*(\w+)APIService\) (\w+)Execute\(\n(.*?)\n}\n", text, re.S):
            svc, name, body = m.group(1), m.group(2), m.group(3)
            method = re.search(r"localVarHTTPMethod\s+= http\.Method(\w+)", body).group(1).upper()
            op_path = re.search(r'localVarPath := localBasePath \+ "([^"]*)"', body).group(1)
            query = [
                [q, style]
                for q, style in re.findall(r'parameterAddToHeaderOrQuery\(\s*localVarQueryParams,\s*"(\w+)",[^,]+,\s*"(\w*)"', body)
            ]
            seen = set()
            query = [q for q in query if not (q[0] in seen or seen.add(q[0]))]
            required = re.findall(r'"(\w+) is required and must be specified"', body)
            content = string_list(re.search(r"localVarHTTPContentTypes := \[\]string\{(.*?)\}", body, re.S).group(1))
            accept = string_list(re.search(r"localVarHTTPHeaderAccepts := \[\]string\{(.*?)\}", body, re.S).group(1))
            post = re.search(r"localVarPostBody = r\.(\w+)", body)
            ret = re.search(r"localVarReturnValue \*?(\w+)", body)
            ops[name] = {
                "svc": svc,
                "file": os.path.basename(path),
                "method": method,
                "path": op_path,
                "query": sorted(query),
                "required": required,
                "content": content,
                "accept": accept,
                "body": post.group(1) if post else None,
                "ret": ret.group(1) if ret else None,
            }
    return ops


FIELD = re.compile(r'^\t(?:// (?P<doc>.*)\n\t)?(?P<go>\w+) (?P<type>[^`]+?) `json:"(?P<json>[^",]+)(?P<omit>,omitempty)?"`', re.M)


def models(sdk):
    out = {}
    for path in sdk.files("model_"):
        text = sdk.read(path)
        for m in re.finditer(r"\ntype (\w+) struct \{\n(.*?)\n\}\n", text, re.S):
            name, body = m.group(1), m.group(2)
            fields = []
            for f in FIELD.finditer(body):
                go_type = f.group("type").strip()
                optional = bool(f.group("omit")) or go_type.startswith("*")
                field = {"json": f.group("json"), "go_type": go_type, "required": not optional}
                if f.group("doc"):
                    field["doc"] = f.group("doc")
                fields.append(field)
            if fields or "AdditionalProperties" not in body:
                out[name] = {"file": os.path.basename(path), "fields": fields}
    return out


def model_of(go_type):
    """The model names a Go type refers to."""
    return [t for t in re.findall(r"[A-Z]\w*", go_type) if t not in ("Nullable",)]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sdk = Sdk(sys.argv[1])
    with open(os.path.join(HERE, "operations.txt")) as f:
        wanted = [l.split("#")[0].strip() for l in f if l.split("#")[0].strip()]
    all_ops, all_models = operations(sdk), models(sdk)
    missing = [w for w in wanted if w not in all_ops]
    if missing:
        sys.exit(f"not operations of this SDK: {', '.join(missing)}")
    ops = {w: all_ops[w] for w in sorted(wanted)}

    reached, todo = {}, []
    for op in ops.values():
        for t in (op["body"], op["ret"]):
            if t:
                todo.append(t[0].upper() + t[1:])
    todo.append("RequestErrorEnvelope")
    while todo:
        t = todo.pop()
        if t.startswith("Nullable") and t[len("Nullable"):] in all_models:
            t = t[len("Nullable"):]
        if t in reached or t not in all_models:
            continue
        reached[t] = all_models[t]
        for f in all_models[t]["fields"]:
            todo.extend(model_of(f["go_type"]))

    source = f"segmentio/public-api-sdk-go {sdk.version()}, extracted by api/contract/extract.py"
    with open(os.path.join(HERE, "operations.json"), "w") as f:
        json.dump({"source": source, "operations": ops}, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(HERE, "models.json"), "w") as f:
        json.dump({"source": source, "models": dict(sorted(reached.items()))}, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(ops)} operations, {len(reached)} models from {source}")


if __name__ == "__main__":
    main()
