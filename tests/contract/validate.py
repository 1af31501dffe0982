#!/usr/bin/env python3
"""Checks recorded API responses against docs/openapi.yaml.

    validate.py SPEC LOG

LOG holds the responses one after the other: a header line, tab-separated, METHOD, PATH (with
the query), STATUS, CONTENT-TYPE and N, then the N bytes of the body (kept for JSON only, else
N is 0) and a newline. Each response must match an operation of SPEC; its status must be
documented, its media type must be one the status documents and a JSON body must validate
against that media type's schema. Paths the spec does not have (the web
UI, deliberate wrong paths and methods) must answer 404 or 405 with an Error body.

Schemas are OpenAPI 3.1 (JSON Schema 2020-12) with: $ref, type, enum, const, properties,
required, additionalProperties, items, allOf, oneOf, anyOf, minimum, maximum, minLength,
maxLength, pattern, minItems, maxItems, and the formats date-time and date. Objects are closed:
a property that no part of the schema declares is reported, unless the schema says
additionalProperties (true or a schema) or declares no properties at all (a free-form object).

Prints one line per mismatch (operation, status, JSON path, reason) and exits 1 if there is one.
Python standard library plus PyYAML (Debian python3-yaml); the parsed spec is cached as JSON
next to the log's directory, keyed by the spec's SHA-256.
"""
import hashlib
import json
import os
import re
import sys
import tempfile

MAX_REPORTS = 200
# the string formats the spec uses for times and dates (RFC 3339)
FORMATS = {
    'date-time': re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$'),
    'date': re.compile(r'^\d{4}-\d\d-\d\d$'),
}


def load_spec(path, cache_dir):
    raw = open(path, 'rb').read()
    digest = hashlib.sha256(raw).hexdigest()
    cache = os.path.join(cache_dir, 'openapi-%s.json' % digest[:16])
    try:
        with open(cache, encoding='utf-8') as f:
            return json.load(f)
    except (OSError, ValueError):
        pass
    import yaml
    loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
    spec = yaml.load(raw, Loader=loader)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix='.openapi-')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(spec, f)
    os.replace(tmp, cache)
    return spec


class Validator:
    def __init__(self, spec):
        self.spec = spec

    def resolve(self, ref):
        if not ref.startswith('#/'):
            raise ValueError('only local $ref is supported: ' + ref)
        node = self.spec
        for part in ref[2:].split('/'):
            node = node[part.replace('~1', '/').replace('~0', '~')]
        return node

    def check(self, schema, inst, path, errs):
        """Validates inst and reports properties no part of the schema declares."""
        ev = self.validate(schema, inst, path, errs)
        if isinstance(inst, dict) and ev is not None and ev[0]:
            for k in inst:
                if k not in ev[1]:
                    errs.append((path_join(path, k), 'property not in the schema'))

    def validate(self, s, inst, path, errs):
        """Appends (path, reason) to errs. For an object returns (declared, names): whether
        some part of the schema declares properties, and the names it allows; None when any
        name is allowed."""
        if '$ref' in s:
            s = dict(s)
            target = self.resolve(s.pop('$ref'))
            ev = self.validate(target, inst, path, errs)
            if s:
                ev = merge(ev, self.validate(s, inst, path, errs))
            return ev
        t = s.get('type')
        if t is not None:
            types = t if isinstance(t, list) else [t]
            if not any(type_ok(x, inst) for x in types):
                errs.append((path, 'expected %s, got %s' % ('|'.join(types), json_type(inst))))
                return (False, set())
        if 'enum' in s and not any(same(inst, v) for v in s['enum']):
            errs.append((path, '%s not in enum %s' % (short(inst), json.dumps(
                s['enum'], ensure_ascii=False))))
        if 'const' in s and not same(inst, s['const']):
            errs.append((path, '%s is not %s' % (short(inst), short(s['const']))))
        if is_num(inst):
            if 'minimum' in s and inst < s['minimum']:
                errs.append((path, '%s below minimum %s' % (inst, s['minimum'])))
            if 'maximum' in s and inst > s['maximum']:
                errs.append((path, '%s above maximum %s' % (inst, s['maximum'])))
            if 'exclusiveMinimum' in s and inst <= s['exclusiveMinimum']:
                errs.append((path, '%s not above %s' % (inst, s['exclusiveMinimum'])))
            if 'exclusiveMaximum' in s and inst >= s['exclusiveMaximum']:
                errs.append((path, '%s not below %s' % (inst, s['exclusiveMaximum'])))
        if isinstance(inst, str):
            if 'minLength' in s and len(inst) < s['minLength']:
                errs.append((path, 'shorter than %d characters' % s['minLength']))
            if 'maxLength' in s and len(inst) > s['maxLength']:
                errs.append((path, 'longer than %d characters' % s['maxLength']))
            if 'pattern' in s and not re.search(s['pattern'], inst):
                errs.append((path, '%s does not match %s' % (short(inst), s['pattern'])))
            fmt = FORMATS.get(s.get('format'))
            if fmt and not fmt.match(inst):
                errs.append((path, '%s is not a %s' % (short(inst), s['format'])))
        if isinstance(inst, list):
            if 'minItems' in s and len(inst) < s['minItems']:
                errs.append((path, 'fewer than %d items' % s['minItems']))
            if 'maxItems' in s and len(inst) > s['maxItems']:
                errs.append((path, 'more than %d items' % s['maxItems']))
            if isinstance(s.get('items'), dict):
                for i, v in enumerate(inst):
                    self.check(s['items'], v, '%s[%d]' % (path, i), errs)
        ev = None
        if isinstance(inst, dict):
            ev = self.validate_object(s, inst, path, errs)
        for sub in s.get('allOf', []):
            ev = merge(ev, self.validate(sub, inst, path, errs))
        for key in ('oneOf', 'anyOf'):
            if key in s:
                ev = merge(ev, self.validate_choice(key, s[key], inst, path, errs))
        return ev

    def validate_object(self, s, inst, path, errs):
        props = s.get('properties', {})
        for k in s.get('required', []):
            if k not in inst:
                errs.append((path, 'required property %s missing' % k))
        for k, v in inst.items():
            if k in props:
                self.check(props[k], v, path_join(path, k), errs)
        extra = s.get('additionalProperties')
        if extra is None or extra is True:
            if extra is True:
                return None
            return ('properties' in s, set(props))
        if extra is False:
            for k in inst:
                if k not in props:
                    errs.append((path_join(path, k), 'property not in the schema'))
            return (True, set(props))
        for k, v in inst.items():
            if k not in props:
                self.check(extra, v, path_join(path, k), errs)
        return None

    def validate_choice(self, key, branches, inst, path, errs):
        results = []
        for b in branches:
            e = []
            ev = self.validate(b, inst, path, e)
            if not e and isinstance(inst, dict) and ev is not None and ev[0]:
                e = [(path_join(path, k), 'property not in the schema')
                     for k in inst if k not in ev[1]]
            results.append((e, ev))
        good = [r for r in results if not r[0]]
        if key == 'oneOf' and len(good) > 1:
            errs.append((path, 'matches %d of the oneOf branches, not exactly one' % len(good)))
        if good:
            ev = good[0][1]
            for r in good[1:]:
                ev = merge(ev, r[1])
            return ev
        best = min(results, key=lambda r: len(r[0]))
        if len(branches) > 1:
            errs.append((path, 'matches none of the %s branches; nearest:' % key))
        errs.extend(best[0])
        return best[1]


def merge(a, b):
    """Names allowed by both parts of a composition: None (any name) wins."""
    if a is None or b is None:
        return None
    return (a[0] or b[0], a[1] | b[1])


def type_ok(t, v):
    return {
        'null': v is None,
        'boolean': isinstance(v, bool),
        'integer': isinstance(v, int) and not isinstance(v, bool),
        'number': is_num(v),
        'string': isinstance(v, str),
        'array': isinstance(v, list),
        'object': isinstance(v, dict),
    }.get(t, False)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def json_type(v):
    for t in ('null', 'boolean', 'integer', 'number', 'string', 'array', 'object'):
        if type_ok(t, v):
            return t
    return type(v).__name__


def same(a, b):
    return type(a) is type(b) and a == b or (is_num(a) and is_num(b) and a == b)


def short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 60 else s[:57] + '...'


def path_join(path, key):
    return '%s.%s' % (path, key) if re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', key) else \
        '%s[%s]' % (path, json.dumps(key, ensure_ascii=False))


def operations(spec):
    """[(regex, template, {method: operation})], literal paths before templated ones."""
    ops = []
    for template, item in spec.get('paths', {}).items():
        rx = '^' + re.sub(r'\\\{[^}]*\\\}', '[^/]+', re.escape(template)) + '$'
        methods = {m.upper(): op for m, op in item.items()
                   if m in ('get', 'put', 'post', 'patch', 'delete', 'head', 'options')}
        ops.append((template.count('{'), re.compile(rx), template, methods))
    ops.sort(key=lambda o: o[0])
    return [o[1:] for o in ops]


def media(ct):
    return ct.split(';')[0].strip().lower()


def records(log):
    """Yields (method, target, status, content_type, body bytes) from the log."""
    data = open(log, 'rb').read()
    pos = 0
    while pos < len(data):
        eol = data.find(b'\n', pos)
        fields = data[pos:eol if eol >= 0 else len(data)].decode('utf-8', 'replace').split('\t')
        if eol < 0 or len(fields) != 5 or not fields[4].isdigit():
            raise SystemExit('contract: %s: bad record at byte %d' % (log, pos))
        start = eol + 1
        end = start + int(fields[4])
        if data[end:end + 1] != b'\n':
            raise SystemExit('contract: %s: body of %s %s is not %s bytes long' % (
                log, fields[0], fields[1], fields[4]))
        yield fields[0], fields[1], fields[2], fields[3], data[start:end]
        pos = end + 1


def main():
    if len(sys.argv) != 3:
        sys.stderr.write('usage: validate.py SPEC LOG\n')
        return 2
    log = sys.argv[2]
    spec = load_spec(sys.argv[1], os.path.dirname(os.path.dirname(os.path.abspath(log))))
    v = Validator(spec)
    ops = operations(spec)
    error_schema = {'$ref': '#/components/schemas/Error'}
    reports = []
    seen = set()
    checked = 0
    for method, target, status, ctype, body in records(log):
        path = target.split('?')[0]
        if status == '000':
            continue  # no answer (connection refused after a stop): nothing to check
        checked += 1
        hit = next(((tpl, ms) for rx, tpl, ms in ops if rx.match(path)), None)
        op = hit[1].get(method) if hit else None
        errs = []
        if op is None:
            name = '(no operation)'
            want = '405' if hit else '404'
            if path == '/' or path.startswith('/ui/') or method == 'HEAD':
                continue
            if status != want:
                errs.append(('', 'not in the spec: expected %s, got %s' % (want, status)))
            schema_for = {'application/json': {'schema': error_schema}}
        else:
            name = op.get('operationId', '%s %s' % (method, hit[0]))
            responses = op.get('responses', {})
            resp = responses.get(status) or responses.get(status[0] + 'XX') or \
                responses.get('default')
            if resp is None:
                errs.append(('', 'status %s not documented' % status))
                schema_for = None
            else:
                if '$ref' in resp:
                    resp = v.resolve(resp['$ref'])
                schema_for = resp.get('content', {})
        if schema_for is not None:
            if not schema_for:
                if ctype:
                    errs.append(('', 'a %s body where the spec documents none' % ctype))
            elif media(ctype) not in schema_for:
                errs.append(('', 'Content-Type %r, documented: %s' % (
                    ctype, ', '.join(sorted(schema_for)))))
            elif media(ctype) == 'application/json' and 'schema' in schema_for[media(ctype)]:
                try:
                    inst = json.loads(body.decode('utf-8'))
                except ValueError as e:
                    errs.append(('', 'body is not JSON: %s' % e))
                else:
                    v.check(schema_for[media(ctype)]['schema'], inst, '$', errs)
        for where, why in errs:
            # one report per operation, status, place and reason, whatever the item index
            key = (name, status, re.sub(r'\[\d+\]', '[]', where), re.sub(r'\d+', 'N', why))
            if key in seen:
                continue
            seen.add(key)
            reports.append('%s %s -> %s: %s: %s' % (name, target, status, where or '$', why))
    for r in reports[:MAX_REPORTS]:
        print('contract: ' + r)
    if len(reports) > MAX_REPORTS:
        print('contract: ... and %d more' % (len(reports) - MAX_REPORTS))
    if reports:
        print('contract: %d mismatch(es) in %d responses checked against %s' % (
            len(reports), checked, sys.argv[1]))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
