#!/usr/bin/env python3
# How crates/undoc-lang/src/languages/states/{fr,es,ru,ar,zh}.tsv were made: the ISO 3166-1
# names and their translations in the iso-codes catalogues that the pycountry wheel ships
# (pip download pycountry; unzip into /tmp/pyc), matched to the English table by name, plus
# the UN forms of a few States the catalogues name otherwise. Usage: gen-state-names.py fr > fr.tsv
import json, gettext, sys
data = json.load(open('/tmp/pyc/pycountry/databases/iso3166-1.json'))['3166-1']
names = [l.rstrip('\n').split('\t') for l in open('crates/undoc-lang/src/languages/states/en.tsv')]
def norm(s): return s.lower().replace('’',"'").strip()
by = {}
for e in data:
    for k in ('name','common_name','official_name'):
        if k in e: by.setdefault(norm(e[k]), e)
for e in data:
    n = e['name']
    if ', ' in n:
        a, b = n.split(', ', 1); by.setdefault(norm(f"{a} ({b})"), e)
extra = {'Democratic Republic of the Congo': 'COD', 'Holy See': 'VAT', 'State of Palestine': 'PSE'}
by_a3 = {e['alpha_3']: e for e in data}
manual = {
 'fr': {'Democratic Republic of the Congo': ['République démocratique du Congo'], 'Holy See': ['Saint-Siège'], 'State of Palestine': ['État de Palestine', 'Palestine'], 'United Kingdom of Great Britain and Northern Ireland': ["Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", 'Royaume-Uni'], 'United States of America': ["États-Unis d'Amérique", 'États-Unis'], 'Russian Federation': ['Fédération de Russie'], 'Iran (Islamic Republic of)': ["Iran (République islamique d')", "République islamique d'Iran"], 'Türkiye': ['Türkiye', 'Turquie']},
 'es': {'Democratic Republic of the Congo': ['República Democrática del Congo'], 'Holy See': ['Santa Sede'], 'State of Palestine': ['Estado de Palestina', 'Palestina'], 'United Kingdom of Great Britain and Northern Ireland': ['Reino Unido de Gran Bretaña e Irlanda del Norte', 'Reino Unido'], 'United States of America': ['Estados Unidos de América', 'Estados Unidos'], 'Russian Federation': ['Federación de Rusia'], 'Iran (Islamic Republic of)': ['Irán (República Islámica del)', 'República Islámica del Irán'], 'Türkiye': ['Türkiye', 'Turquía'], 'Egypt': ['Egipto']},
 'ru': {'Democratic Republic of the Congo': ['Демократическая Республика Конго'], 'Holy See': ['Святейший Престол'], 'State of Palestine': ['Государство Палестина', 'Палестина'], 'United Kingdom of Great Britain and Northern Ireland': ['Соединенное Королевство Великобритании и Северной Ирландии', 'Соединенное Королевство'], 'United States of America': ['Соединенные Штаты Америки', 'Соединенные Штаты'], 'Russian Federation': ['Российская Федерация'], 'Iran (Islamic Republic of)': ['Иран (Исламская Республика)', 'Исламская Республика Иран'], 'Türkiye': ['Турция', 'Тюркие'], 'Egypt': ['Египет', 'Египта'], 'Azerbaijan': ['Азербайджан'], 'Armenia': ['Армения']},
 'ar': {'Democratic Republic of the Congo': ['جمهورية الكونغو الديمقراطية'], 'Holy See': ['الكرسي الرسولي'], 'State of Palestine': ['دولة فلسطين', 'فلسطين'], 'United Kingdom of Great Britain and Northern Ireland': ['المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية', 'المملكة المتحدة'], 'United States of America': ['الولايات المتحدة الأمريكية', 'الولايات المتحدة'], 'Russian Federation': ['الاتحاد الروسي'], 'Iran (Islamic Republic of)': ['جمهورية إيران الإسلامية', 'إيران'], 'Türkiye': ['تركيا'], 'Azerbaijan': ['أذربيجان'], 'Armenia': ['أرمينيا'], 'Egypt': ['مصر']},
 'zh_CN': {'Democratic Republic of the Congo': ['刚果民主共和国'], 'Holy See': ['罗马教廷', '教廷'], 'State of Palestine': ['巴勒斯坦国', '巴勒斯坦'], 'United Kingdom of Great Britain and Northern Ireland': ['大不列颠及北爱尔兰联合王国', '联合王国', '英国'], 'United States of America': ['美利坚合众国', '美国'], 'Russian Federation': ['俄罗斯联邦'], 'Iran (Islamic Republic of)': ['伊朗伊斯兰共和国', '伊朗'], 'Türkiye': ['土耳其'], 'Azerbaijan': ['阿塞拜疆'], 'Armenia': ['亚美尼亚']},
}
def strip_marks(s):
    return ''.join(c for c in s if not ('\u064b' <= c <= '\u0652' or c == '\u0640'))
lang = sys.argv[1]
t = gettext.translation('iso3166-1', '/tmp/pyc/pycountry/locales', languages=[lang])
out = []
for row in names:
    canon = row[0]
    e = None
    for v in row:
        e = by.get(norm(v))
        if e: break
    if not e and canon in extra: e = by_a3[extra[canon]]
    vs = []
    for m in manual.get(lang, {}).get(canon, []):
        if m not in vs: vs.append(m)
    if e:
        for k in ('name','common_name','official_name'):
            if k in e:
                tr = t.gettext(e[k])
                if tr == e[k] and lang in ('ru','ar','zh_CN'): continue
                tr = strip_marks(tr).replace('’', "'")
                # ISO's "Bolivia, Estado plurinacional de": the UN writes it with parentheses.
                if ', ' in tr and k == 'name':
                    a, b = tr.split(', ', 1); tr2 = f"{a} ({b})"
                    if tr2 not in vs: vs.append(tr2)
                    continue
                if tr not in vs: vs.append(tr)
    if vs:
        out.append(canon + '\t' + '\t'.join(vs))
print('\n'.join(out))
