#!/usr/bin/env python3
"""Build the Vietnamese administrative-unit CSVs for the registration service.

Reads two *unzipped* PyPI wheels (see README.md next to this file for how to
obtain them) and writes, into services/registration/data/:

  admin-units.csv          era,code,name,level,kind,parent_code,valid_from,valid_to
  admin-unit-mapping.csv   legacy_code,legacy_level,new_code,new_level,note

Python 3.11 standard library only. The packages' Python modules are parsed with
``ast`` (never imported or executed), the JSON with ``json`` and the SQLite
database with ``sqlite3`` (opened read-only).

Sources and how they are combined
---------------------------------
* vietnam-provinces (NSO lists, primary):
  - data/nested-divisions.json       -> 2025 era: 34 provinces, 3,321 communes
  - legacy/_lookup.py                -> legacy names/types (NSO snapshot 2025-01-04)
  - _ward_conversion_2025.py         -> legacy commune -> 2025 commune(s), by code
  - _lookup.py, _province_conversion_2025.py -> cross-checks only
* vietnamadminunits (secondary):
  - data/dataset.db admin_units_legacy -> the set of legacy units as on
    2025-06-30 (it matches the official conversion table; the NSO snapshot in
    vietnam-provinces is from 2025-01-04 and misses changes of 2025-01..06)
  - data/dataset.db admin_units        -> cross-check of the 2025 list
  - data/converter_2025.json           -> fallback mapping (by name keys) for
    legacy communes the conversion table in vietnam-provinces does not carry,
    and a cross-check of the whole mapping.

Run ``python3 extract.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import ast
import collections
import csv
import io
import json
import re
import sqlite3
import sys
import unicodedata
from pathlib import Path

LEGACY_VALID_TO = '2025-06-30'
NEW_VALID_FROM = '2025-07-01'
LEVELS = ('province', 'district', 'commune')
CODE_WIDTH = {'province': 2, 'district': 3, 'commune': 5}

# Canonical name prefix -> kind, per level. Matching is case-insensitive so
# that source typos such as "Thành Phố", "Thị Xã" or "xã" are normalised.
PREFIXES = {
    'province': [('Thành phố ', 'thanh-pho-trung-uong'), ('Tỉnh ', 'tinh')],
    'district': [('Thành phố ', 'thanh-pho'), ('Thị xã ', 'thi-xa'), ('Huyện ', 'huyen'), ('Quận ', 'quan')],
    'commune': [('Thị trấn ', 'thi-tran'), ('Phường ', 'phuong'), ('Đặc khu ', 'dac-khu'), ('Xã ', 'xa')],
}
# Division types as the packages spell them -> kind.
TYPE_TO_KIND = {
    'tỉnh': 'tinh', 'TINH': 'tinh',
    'thành phố trung ương': 'thanh-pho-trung-uong', 'THANH_PHO_TRUNG_UONG': 'thanh-pho-trung-uong',
    'huyện': 'huyen', 'HUYEN': 'huyen',
    'quận': 'quan', 'QUAN': 'quan',
    'thị xã': 'thi-xa', 'THI_XA': 'thi-xa',
    'xã': 'xa', 'XA': 'xa',
    'phường': 'phuong', 'PHUONG': 'phuong',
    'thị trấn': 'thi-tran', 'THI_TRAN': 'thi-tran',
    'đặc khu': 'dac-khu', 'DAC_KHU': 'dac-khu',
}

SCRIPT_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = SCRIPT_DIR.parent.parent / 'services' / 'registration' / 'data'


class Report:
    """Collects counts and findings; printed at the end."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.sections: list[tuple[str, list[str]]] = []

    def add(self, title: str, lines: list[str], limit: int | None = 12) -> None:
        if limit is not None and not self.verbose and len(lines) > limit:
            lines = lines[:limit] + [f'... and {len(lines) - limit} more (use --verbose)']
        self.sections.append((title, lines))

    def print(self) -> None:
        for title, lines in self.sections:
            print(f'\n== {title}')
            for line in lines:
                print(f'  {line}')


# --------------------------------------------------------------------------
# Locating and reading the package files
# --------------------------------------------------------------------------

def find_pkg_dir(root: Path, name: str, marker: str) -> Path:
    """Accept the unzip root (containing NAME/) or the package folder itself."""
    for cand in (root, root / name):
        if (cand / marker).is_file():
            return cand
    sys.exit(f'error: {marker} not found under {root} or {root / name}; see tools/admin-units/README.md')


def dist_version(root: Path, pkg_dir: Path, dist: str) -> str:
    for base in (root, pkg_dir.parent):
        for meta in base.glob(f'{dist}-*.dist-info/METADATA'):
            for line in meta.read_text(encoding='utf-8').splitlines():
                if line.startswith('Version:'):
                    return line.split(':', 1)[1].strip()
    return 'unknown'


def module_assignments(path: Path) -> dict[str, ast.expr]:
    tree = ast.parse(path.read_text(encoding='utf-8'), filename=str(path))
    out: dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            out[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            out[node.target.id] = node.value
    return out


def literal(node: ast.expr):
    """Evaluate the restricted literal forms used in the packages' data modules.

    Constants, tuples, dicts, ``Enum.MEMBER`` (-> 'MEMBER') and
    ``Ctor(args...)`` (-> ('Ctor', [args])). Anything else is an error.
    """
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Tuple):
        return tuple(literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        return (node.func.id, [literal(a) for a in node.args])
    raise ValueError(f'unexpected expression in data module: {ast.dump(node)[:200]}')


def module_string(assigns: dict[str, ast.expr], name: str) -> str | None:
    node = assigns.get(name)
    return node.value if isinstance(node, ast.Constant) else None


# --------------------------------------------------------------------------
# Name helpers
# --------------------------------------------------------------------------

def fold(s: str) -> str:
    """Lower-case, no diacritics, letters and digits only (for comparisons)."""
    s = s.replace('đ', 'd').replace('Đ', 'D')
    s = ''.join(ch for ch in unicodedata.normalize('NFD', s) if unicodedata.category(ch) != 'Mn')
    return re.sub(r'[^a-z0-9]', '', s.lower())


def clean_name(raw: str, level: str, fixes: list[str], ident: str) -> tuple[str, str | None]:
    """NFC, single spaces, ASCII apostrophe, canonical type prefix. Returns (name, kind-from-prefix)."""
    name = unicodedata.normalize('NFC', raw)
    name = re.sub(r'\s+', ' ', name).strip()
    name = name.replace('\u2019', "'").replace('\u2018', "'")
    kind = None
    for prefix, k in PREFIXES[level]:
        if name[: len(prefix)].lower() == prefix.lower():
            name = prefix + name[len(prefix):]
            kind = k
            break
    if name != raw:
        fixes.append(f'{ident}: {raw!r} -> {name!r}')
    return name, kind


# --------------------------------------------------------------------------
# Main extraction
# --------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--vietnam-provinces', type=Path, default=Path('/tmp/vp/vietnam_provinces'),
                    help='unzipped vietnam-provinces wheel (folder holding vietnam_provinces/, or that package folder)')
    ap.add_argument('--vietnamadminunits', type=Path, default=Path('/tmp/vp/vietnamadminunits'),
                    help='unzipped vietnamadminunits wheel (folder holding vietnamadminunits/, or that package folder)')
    ap.add_argument('--out', type=Path, default=DEFAULT_OUT, help=f'output folder (default: {DEFAULT_OUT})')
    ap.add_argument('--verbose', '-v', action='store_true', help='print every finding, not the first few')
    args = ap.parse_args()
    rep = Report(args.verbose)

    vp = find_pkg_dir(args.vietnam_provinces, 'vietnam_provinces', 'data/nested-divisions.json')
    vau = find_pkg_dir(args.vietnamadminunits, 'vietnamadminunits', 'data/dataset.db')
    vp_version = dist_version(args.vietnam_provinces, vp, 'vietnam_provinces')
    vau_version = dist_version(args.vietnamadminunits, vau, 'vietnamadminunits')
    vp_data_version = module_string(module_assignments(vp / '__init__.py'), '__data_version__')
    rep.add('Sources', [
        f'vietnam-provinces {vp_version} (data version {vp_data_version}) at {vp}',
        f'vietnamadminunits {vau_version} at {vau}',
    ])

    name_fixes: list[str] = []
    problems: list[str] = []  # hard failures

    # ---------------- 2025 era ----------------
    nested = json.loads((vp / 'data' / 'nested-divisions.json').read_text(encoding='utf-8'))
    new_units: dict[tuple[str, int], dict] = {}
    kind_mismatch: list[str] = []
    for p in nested:
        pname, pkind_prefix = clean_name(p['name'], 'province', name_fixes, f'2025 province {p["code"]:02d}')
        pkind = TYPE_TO_KIND.get(p.get('division_type') or '')
        if pkind is None:
            pkind = pkind_prefix
            kind_mismatch.append(f'2025 province {p["code"]:02d}: no division_type, kind taken from name')
        elif pkind_prefix and pkind_prefix != pkind:
            kind_mismatch.append(f'2025 province {p["code"]:02d} {pname}: type {p["division_type"]!r} vs name prefix')
        new_units[('province', p['code'])] = dict(name=pname, kind=pkind, parent=None)
        for w in p['wards']:
            wname, wkind_prefix = clean_name(w['name'], 'commune', name_fixes, f'2025 commune {w["code"]:05d}')
            wkind = TYPE_TO_KIND.get(w.get('division_type') or '')
            if wkind is None:
                wkind = wkind_prefix
                kind_mismatch.append(f'2025 commune {w["code"]:05d}: no division_type, kind taken from name')
            elif wkind_prefix and wkind_prefix != wkind:
                kind_mismatch.append(f'2025 commune {w["code"]:05d} {wname}: type {w["division_type"]!r} vs name prefix')
            if ('commune', w['code']) in new_units:
                problems.append(f'duplicate 2025 commune code {w["code"]}')
            new_units[('commune', w['code'])] = dict(name=wname, kind=wkind, parent=p['code'])

    # Cross-check 2025 list: flat JSON, the package's Python lookup, vietnamadminunits.
    cross_2025: list[str] = []
    flat = json.loads((vp / 'data' / 'flat-divisions.json').read_text(encoding='utf-8'))
    flat_codes = {w['code'] for w in flat}
    nested_codes = {c for (lvl, c) in new_units if lvl == 'commune'}
    if flat_codes != nested_codes:
        cross_2025.append(f'flat-divisions.json and nested-divisions.json differ in {len(flat_codes ^ nested_codes)} codes')
    lk = module_assignments(vp / '_lookup.py')
    py_prov = literal(lk['PROVINCE_MAPPING'])
    py_ward = literal(lk['WARD_MAPPING'])
    for code, (_, a) in sorted(py_prov.items()):
        u = new_units.get(('province', code))
        if u is None:
            cross_2025.append(f'_lookup.py province {code:02d} {a[0]} not in JSON')
        elif a[0] != u['name'] or TYPE_TO_KIND[a[2]] != u['kind']:
            cross_2025.append(f'province {code:02d}: JSON (used) {u["name"]!r}/{u["kind"]} vs package _lookup.py '
                              f'{a[0]!r}/{TYPE_TO_KIND[a[2]]} (later change? no effective date carried)')
    ward_name_diffs = 0
    for code, (_, a) in py_ward.items():
        u = new_units.get(('commune', code))
        if u is None:
            cross_2025.append(f'_lookup.py commune {code:05d} {a[0]} not in JSON')
        elif clean_name(a[0], 'commune', [], '')[0] != u['name']:
            ward_name_diffs += 1
            cross_2025.append(f'commune {code:05d}: JSON (used) {u["name"]!r} vs _lookup.py {a[0]!r}')
    missing_py = nested_codes - set(py_ward)
    if missing_py:
        cross_2025.append(f'{len(missing_py)} JSON communes missing from _lookup.py')

    db = sqlite3.connect(f'file:{vau / "data" / "dataset.db"}?mode=ro', uri=True)
    vau_new = {int(r[0]): (r[1], int(r[2])) for r in db.execute('SELECT wardCode, ward, provinceCode FROM admin_units')}
    if set(vau_new) != nested_codes:
        cross_2025.append(f'vietnamadminunits 2025 list differs in {len(set(vau_new) ^ nested_codes)} codes')
    vau_parent_diff = [c for c in nested_codes & set(vau_new) if vau_new[c][1] != new_units[('commune', c)]['parent']]
    vau_name_diff = [c for c in nested_codes & set(vau_new)
                     if fold(vau_new[c][0]) != fold(new_units[('commune', c)]['name'])]
    cross_2025.append(f'vietnamadminunits 2025 list: {len(vau_new)} communes, same codes: {set(vau_new) == nested_codes}, '
                      f'province differs: {len(vau_parent_diff)}, name differs beyond diacritics/case: {len(vau_name_diff)}')
    rep.add('2025 list cross-checks (names used come from nested-divisions.json)', cross_2025, limit=20)

    # ---------------- legacy era ----------------
    leg = module_assignments(vp / 'legacy' / '_lookup.py')
    nso_prov = literal(leg['PROVINCE_MAPPING'])
    nso_dist = literal(leg['DISTRICT_MAPPING'])
    nso_ward = literal(leg['WARD_MAPPING'])

    rows = db.execute('SELECT provinceCode, province, districtCode, district, districtType, wardCode, ward, wardType '
                      'FROM admin_units_legacy').fetchall()
    vau_prov: dict[int, str] = {}
    vau_dist: dict[int, tuple[str, str, int]] = {}
    vau_ward: dict[int, tuple[str, str, int]] = {}
    for pc, pn, dc, dn, dt, wc, wn, wt in rows:
        vau_prov[int(pc)] = pn
        vau_dist[int(dc)] = (dn, dt, int(pc))
        if wc:
            vau_ward[int(wc)] = (wn, wt, int(dc))

    legacy_units: dict[tuple[str, int], dict] = {}
    name_source = collections.Counter()
    newer_names: list[str] = []
    leg_kind_notes: list[str] = []

    def pick(level: str, code: int, nso_entry, vau_name: str, vau_type: str | None, parent: int | None) -> None:
        ident = f'legacy {level} {code:0{CODE_WIDTH[level]}d}'
        if nso_entry is not None and fold(nso_entry[1][0]) == fold(vau_name):
            raw, src_type, src = nso_entry[1][0], nso_entry[1][2], 'nso'
        else:
            raw, src_type, src = vau_name, vau_type, 'vau'
            if nso_entry is not None:
                newer_names.append(f'{ident}: NSO 2025-01-04 {nso_entry[1][0]!r} -> 2025-06-30 {vau_name!r}')
        name_source[(level, src)] += 1
        name, kind_prefix = clean_name(raw, level, name_fixes, ident)
        kind_type = TYPE_TO_KIND.get(src_type or '') or TYPE_TO_KIND.get((src_type or '').lower())
        if level == 'province' and src == 'vau':
            kind_type = None  # vietnamadminunits has no province type column
        kind = kind_prefix or kind_type
        if kind is None:
            problems.append(f'{ident} {name!r}: cannot determine kind')
        elif kind_type and kind_prefix and kind_type != kind_prefix:
            leg_kind_notes.append(f'{ident} {name!r}: source type {src_type!r} contradicts the name; kind {kind_prefix} (from name)')
        legacy_units[(level, code)] = dict(name=name, kind=kind, parent=parent)

    for code, pn in sorted(vau_prov.items()):
        pick('province', code, nso_prov.get(code), pn, None, None)
    for code, (dn, dt, pc) in sorted(vau_dist.items()):
        pick('district', code, nso_dist.get(code), dn, dt, pc)
        nso = nso_dist.get(code)
        if nso is not None and int(nso[1][4][2:]) != pc:
            problems.append(f'legacy district {code}: province differs between packages')
    for code, (wn, wt, dc) in sorted(vau_ward.items()):
        pick('commune', code, nso_ward.get(code), wn, wt, dc)

    only_nso = sorted(set(nso_ward) - set(vau_ward))
    only_vau = sorted(set(vau_ward) - set(nso_ward))
    leg_lines = [
        f'legacy units = vietnamadminunits admin_units_legacy (state on {LEGACY_VALID_TO}); names from the NSO list in '
        f'vietnam-provinces where it spells the same name, else from vietnamadminunits',
        f'name source counts: ' + ', '.join(f'{lvl}/{src}={n}' for (lvl, src), n in sorted(name_source.items())),
        f'NSO snapshot (vietnam-provinces legacy, 2025-01-04): {len(nso_prov)} provinces, {len(nso_dist)} districts, '
        f'{len(nso_ward)} communes',
        f'communes only in the NSO 2025-01-04 snapshot (abolished/merged before {LEGACY_VALID_TO}; NOT written): '
        f'{len(only_nso)}: ' + ' '.join(f'{c:05d}' for c in only_nso),
        f'communes only in vietnamadminunits (created 2025-01..06; written, names from vietnamadminunits): '
        f'{len(only_vau)}: ' + ' '.join(f'{c:05d}' for c in only_vau),
    ]
    rep.add('Legacy list', leg_lines, limit=None)
    rep.add(f'Legacy names that changed between the NSO 2025-01-04 snapshot and {LEGACY_VALID_TO} '
            f'(renames, re-typing, spelling; later name written): {len(newer_names)}', newer_names)
    rep.add(f'Legacy type/name contradictions in the sources: {len(leg_kind_notes)}', leg_kind_notes)

    # referential integrity (legacy)
    for (lvl, code), u in legacy_units.items():
        if lvl == 'district' and ('province', u['parent']) not in legacy_units:
            problems.append(f'legacy district {code} has unknown province {u["parent"]}')
        if lvl == 'commune' and ('district', u['parent']) not in legacy_units:
            problems.append(f'legacy commune {code} has unknown district {u["parent"]}')
    districts_without_communes = sorted(
        set(c for (lvl, c) in legacy_units if lvl == 'district')
        - {u['parent'] for (lvl, _), u in legacy_units.items() if lvl == 'commune'})

    # ---------------- mapping ----------------
    conv = module_assignments(vp / '_ward_conversion_2025.py')
    conv_source = module_string(conv, 'SOURCE')
    conv_effective = module_string(conv, 'EFFECTIVE_DATE')
    old_to_new = literal(conv['OLD_TO_NEW'])

    # fallback / cross-check: vietnamadminunits converter (keys are folded names)
    vau_keys = {}
    for pk, dk, wk, wc in db.execute('SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy '
                                     'WHERE wardCode IS NOT NULL'):
        vau_keys[f'{pk}_{dk}_{wk}'] = int(wc)
    new_keys = {(pk, wk): int(wc) for pk, wk, wc in db.execute('SELECT provinceKey, wardKey, wardCode FROM admin_units')}
    conv_vau = json.loads((vau / 'data' / 'converter_2025.json').read_text(encoding='utf-8'))
    vau_map: dict[int, set[int]] = collections.defaultdict(set)
    vau_island: dict[str, int] = {}
    for pk, wards in conv_vau['DICT_PROVINCE_WARD_NO_DIVIDED'].items():
        for nk, olds in wards.items():
            nc = new_keys.get((pk, nk))
            for ok in olds:
                if nc is None:
                    continue
                if ok in vau_keys:
                    vau_map[vau_keys[ok]].add(nc)
                elif ok.endswith('_'):
                    vau_island[ok] = nc  # island district without communes
    for pk, olds in conv_vau['DICT_PROVINCE_WARD_DIVIDED'].items():
        for ok, news in olds.items():
            for w in news:
                nc = new_keys.get((pk, w['newWardKey']))
                if nc is not None and ok in vau_keys:
                    vau_map[vau_keys[ok]].add(nc)
    db.close()

    mapping: list[tuple[str, int, str, int, str]] = []
    commune_targets: dict[int, list[int]] = {}
    conv_notes: list[str] = []
    stat = collections.Counter()
    for code, u in sorted((c, u) for (lvl, c), u in legacy_units.items() if lvl == 'commune'):
        entry = old_to_new.get(code)
        if entry is not None:
            _, (old_ref, new_refs) = entry
            _, (ocode, odist, oprov, partly) = old_ref
            targets = sorted({r[1][0] for r in new_refs})
            if odist != u['parent']:
                conv_notes.append(f'conversion table gives legacy commune {code:05d} district {odist}, legacy list {u["parent"]} (legacy list used)')
            if oprov != legacy_units[('district', u['parent'])]['parent']:
                conv_notes.append(f'conversion table gives legacy commune {code:05d} province {oprov}, legacy list '
                                  f'{legacy_units[("district", u["parent"])]["parent"]} (legacy list used)')
            if len(targets) > 1:
                note = 'split'
            elif partly:
                note = 'partial'
            else:
                note = ''
            stat['conversion table'] += 1
            vt = vau_map.get(code)
            if vt is not None and vt != set(targets):
                stat['differs from vietnamadminunits'] += 1
                conv_notes.append(f'legacy commune {code:05d}: vietnam-provinces -> {targets}, vietnamadminunits -> {sorted(vt)} (first used)')
        elif code in vau_map:
            targets = sorted(vau_map[code])
            note = ('split;' if len(targets) > 1 else '') + 'secondary-source'
            stat['vietnamadminunits fallback'] += 1
            conv_notes.append(f'legacy commune {code:05d} {u["name"]} not in the conversion table of vietnam-provinces; '
                              f'mapped by vietnamadminunits (name keys) -> {targets}')
        else:
            targets, note = [], ''
            stat['unmapped'] += 1
        commune_targets[code] = targets
        for t in targets:
            if ('commune', t) not in new_units:
                problems.append(f'mapping target {t} of legacy commune {code} is not a 2025 commune')
            mapping.append(('commune', code, 'commune', t, note))
    extra_conv = sorted(set(old_to_new) - {c for (lvl, c) in legacy_units if lvl == 'commune'})
    if extra_conv:
        conv_notes.append(f'conversion-table legacy codes not in the legacy list (ignored): {extra_conv}')

    # provinces of the legacy districts/provinces, from their communes' targets
    dist_new_prov: dict[int, set[int]] = collections.defaultdict(set)
    for code, targets in commune_targets.items():
        d = legacy_units[('commune', code)]['parent']
        for t in targets:
            dist_new_prov[d].add(new_units[('commune', t)]['parent'])
    prov_new_prov: dict[int, set[int]] = collections.defaultdict(set)
    for d, provs in dist_new_prov.items():
        prov_new_prov[legacy_units[('district', d)]['parent']] |= provs
    # districts without communes (islands): the province their legacy province went to
    for d in districts_without_communes:
        p = legacy_units[('district', d)]['parent']
        dist_new_prov[d] = set(prov_new_prov.get(p, set()))
    for (lvl, code) in sorted(k for k in legacy_units if k[0] in ('province', 'district')):
        provs = sorted((prov_new_prov if lvl == 'province' else dist_new_prov).get(code, set()))
        if not provs:
            problems.append(f'legacy {lvl} {code} has no 2025 province')
        for t in provs:
            mapping.append((lvl, code, 'province', t, 'split' if len(provs) > 1 else ''))

    # cross-check with the package's own province conversion (derived there from the same table)
    pconv = literal(module_assignments(vp / '_province_conversion_2025.py')['OLD_TO_NEW'])
    for code, (_, (_, news)) in sorted(pconv.items()):
        theirs = sorted(r[1][0] for r in news)
        ours = sorted(prov_new_prov.get(code, set()))
        if theirs != ours:
            conv_notes.append(f'legacy province {code:02d}: package _province_conversion_2025 -> {theirs}, '
                              f'written -> {ours} (ours follows the legacy list parents)')

    island_lines = []
    for d in districts_without_communes:
        u = legacy_units[('district', d)]
        p = legacy_units[('province', u['parent'])]
        key = f'{fold(p["name"])}_{fold(u["name"])}_'
        nc = vau_island.get(key)
        tgt = f'{nc:05d} {new_units[("commune", nc)]["name"]}' if nc else 'none found'
        island_lines.append(f'{d:03d} {u["name"]} ({p["name"]}) -> province {sorted(dist_new_prov[d])}; '
                            f'vietnamadminunits: special zone {tgt} (not written: mapping has districts -> provinces only)')
    new_without_old = sorted(c for (lvl, c) in new_units if lvl == 'commune'
                             and all(c not in t for t in commune_targets.values()))

    rep.add(f'Mapping (conversion table {conv_source!r}, effective {conv_effective})', [
        f'legacy communes: ' + ', '.join(f'{k}={v}' for k, v in sorted(stat.items())),
        f'2025 communes that no legacy commune maps to: {len(new_without_old)}: '
        + ' '.join(f'{c:05d} {new_units[("commune", c)]["name"]}' for c in new_without_old),
    ], limit=None)
    rep.add(f'Legacy districts without communes: {len(districts_without_communes)}', island_lines, limit=None)
    rep.add(f'Mapping notes and cross-checks: {len(conv_notes)}', conv_notes, limit=20)
    rep.add(f'Name normalisations applied (NFC, spaces, apostrophe U+2019 -> \', type-prefix case): {len(name_fixes)}',
            name_fixes)
    rep.add(f'2025 type/name contradictions: {len(kind_mismatch)}', kind_mismatch)

    # ---------------- write ----------------
    unit_rows = []
    for era, units in (('legacy', legacy_units), ('2025', new_units)):
        for (lvl, code), u in units.items():
            parent = u['parent']
            if era == 'legacy':
                plvl = {'district': 'province', 'commune': 'district'}.get(lvl)
            else:
                plvl = 'province' if lvl == 'commune' else None
            unit_rows.append((
                0 if era == 'legacy' else 1, LEVELS.index(lvl), code,
                [era, f'{code:0{CODE_WIDTH[lvl]}d}', u['name'], lvl, u['kind'],
                 f'{parent:0{CODE_WIDTH[plvl]}d}' if parent is not None else '',
                 '' if era == 'legacy' else NEW_VALID_FROM,
                 LEGACY_VALID_TO if era == 'legacy' else ''],
            ))
    unit_rows.sort(key=lambda r: r[:3])
    map_rows = sorted(mapping, key=lambda r: (LEVELS.index(r[0]), r[1], LEVELS.index(r[2]), r[3]))

    args.out.mkdir(parents=True, exist_ok=True)
    units_path = args.out / 'admin-units.csv'
    map_path = args.out / 'admin-unit-mapping.csv'
    write_csv(units_path, ['era', 'code', 'name', 'level', 'kind', 'parent_code', 'valid_from', 'valid_to'],
              [r[3] for r in unit_rows])
    write_csv(map_path, ['legacy_code', 'legacy_level', 'new_code', 'new_level', 'note'],
              [[f'{lc:0{CODE_WIDTH[ll]}d}', ll, f'{nc:0{CODE_WIDTH[nl]}d}', nl, note]
               for ll, lc, nl, nc, note in map_rows])

    # ---------------- counts / checks ----------------
    cnt = collections.Counter((r[3][0], r[3][3]) for r in unit_rows)
    kinds = collections.Counter((r[3][0], r[3][3], r[3][4]) for r in unit_rows)
    notes = collections.Counter((r[0], r[4]) for r in map_rows)
    unmapped = [c for c, t in commune_targets.items() if not t]
    lines = []
    for era in ('legacy', '2025'):
        lines.append(f'{era}: ' + ', '.join(f'{lvl}={cnt[(era, lvl)]}' for lvl in LEVELS))
        lines.append(f'  kinds: ' + ', '.join(f'{k}={n}' for (e, _, k), n in sorted(kinds.items()) if e == era))
    lines.append(f'mapping rows: {len(map_rows)} (' + ', '.join(
        f'{lvl}{"/" + n if n else ""}={c}' for (lvl, n), c in sorted(notes.items(), key=lambda x: (LEVELS.index(x[0][0]), x[0][1]))) + ')')
    lines.append(f'legacy communes with no mapping: {len(unmapped)}' + (f': {unmapped}' if unmapped else ''))
    lines.append(f'{units_path}: {units_path.stat().st_size} bytes, {len(unit_rows)} rows')
    lines.append(f'{map_path}: {map_path.stat().st_size} bytes, {len(map_rows)} rows')
    expect = {('legacy', 'province'): 63, ('2025', 'province'): 34, ('2025', 'commune'): 3321}
    for k, v in expect.items():
        if cnt[k] != v:
            lines.append(f'WARNING: expected {v} {k[0]} {k[1]}s, got {cnt[k]}')
    lines.append('validity dates: the packages carry none per unit; legacy valid_from left empty, '
                 f'legacy valid_to = {LEGACY_VALID_TO}, 2025 valid_from = {NEW_VALID_FROM} (the conversion table\'s EFFECTIVE_DATE)')
    rep.add('Counts', lines, limit=None)

    # ---------------- spot check: Lạng Giang ----------------
    spot = []
    lg = [c for (lvl, c), u in legacy_units.items() if lvl == 'district' and u['name'] == 'Huyện Lạng Giang']
    for d in lg:
        du = legacy_units[('district', d)]
        pu = legacy_units[('province', du['parent'])]
        spot.append(f'legacy province {du["parent"]:02d} {pu["name"]} -> '
                    + ', '.join(f'{t:02d} {new_units[("province", t)]["name"]}' for t in sorted(prov_new_prov[du['parent']])))
        spot.append(f'legacy district {d:03d} {du["name"]} -> '
                    + ', '.join(f'{t:02d} {new_units[("province", t)]["name"]}' for t in sorted(dist_new_prov[d])))
        for c in sorted(c for (lvl, c), u in legacy_units.items() if lvl == 'commune' and u['parent'] == d):
            note = next((r[4] for r in map_rows if r[0] == 'commune' and r[1] == c), '')
            spot.append(f'  {c:05d} {legacy_units[("commune", c)]["name"]:<20} -> '
                        + '; '.join(f'{t:05d} {new_units[("commune", t)]["name"]}' for t in commune_targets[c])
                        + (f'  [{note}]' if note else ''))
    rep.add('Spot check: Huyện Lạng Giang', spot or ['NOT FOUND'], limit=None)

    rep.print()
    if problems:
        print('\n== PROBLEMS (files written, but fix before use)')
        for p in problems:
            print(f'  {p}')
        return 1
    return 0


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n')
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding='utf-8', newline='\n')


if __name__ == '__main__':
    sys.exit(main())
