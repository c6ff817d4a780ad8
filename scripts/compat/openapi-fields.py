"""Which fields of the bodies a deploy writes differ between Prefect server releases.

The table in src/prefect/server-version.ts came from this: start each release's server (a venv from
scripts/compat-venvs.sh: `<venv>/bin/prefect server start --no-services --port N`), save its
`http://127.0.0.1:N/openapi.json` as `<version>.json`, and run

    python3 scripts/compat/openapi-fields.py 3.4.25.json 3.6.29.json 3.8.8.json 3.9.1.json

Prints every property, nested through $refs, of the write schemas whose definition is not the same
in all the files (`<absent>` where a release lacks it), and whether the schema forbids extra keys
(`#extra False`: such a server refuses a key it does not know, even with a null value).
"""
import json
import re
import sys

ROOTS = ["DeploymentCreate", "DeploymentUpdate", "FlowCreate", "AutomationCreate"]


def norm(name):
    # pydantic splits a schema into -Input/-Output once it differs by direction; compare the input.
    return re.sub(r"-(Input|Output)$", "", name)


def schemas(doc):
    out = {}
    for name, schema in doc["components"]["schemas"].items():
        if name.endswith("-Output"):
            continue
        out.setdefault(norm(name), schema)
    return out


def walk(defs, name, path, seen, out):
    schema = defs.get(name)
    if schema is None or name in seen:
        return
    seen = seen | {name}
    out[path + "#extra"] = schema.get("additionalProperties")
    for key, prop in (schema.get("properties") or {}).items():
        shown = {k: v for k, v in prop.items() if k not in ("description", "title", "examples")}
        text = re.sub(r"#/components/schemas/([^\"]+)", lambda m: norm(m.group(1)), json.dumps(shown, sort_keys=True))
        out[f"{path}.{key}"] = text
        for ref in re.findall(r"#/components/schemas/([^\"]+)", json.dumps(prop)):
            walk(defs, norm(ref), f"{path}.{key}<{norm(ref)}>", seen, out)


def main(files):
    docs = {f: schemas(json.load(open(f))) for f in files}
    for root in ROOTS:
        tables = {}
        for f, defs in docs.items():
            tables[f] = {}
            walk(defs, root, root, frozenset(), tables[f])
        for key in sorted(set().union(*tables.values())):
            values = [str(tables[f].get(key, "<absent>")) for f in files]
            if len(set(values)) > 1:
                print(key)
                for f, v in zip(files, values):
                    print(f"    {f}: {v[:200]}")


if __name__ == "__main__":
    main(sys.argv[1:])
