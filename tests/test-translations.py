#!/usr/bin/env python3
# The translations: every message of po/signet.pot is translated, not
# fuzzy, in each language of po/LINGUAS, with every plural form; msgfmt
# finds the printf formats in agreement; po/POTFILES.in lists every file
# with translatable strings; and `signet verify` speaks German with
# LANGUAGE=de.
#
#   test-translations.py MSGFMT
#
# Environment: G_TEST_SRCDIR (the tests folder), SIGNET_CLI (the built
# command), SIGNET_LOCALEDIR (the build tree's po folder).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile

TESTS = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(TESTS)
PO = os.path.join(ROOT, 'po')

results = []


def check(ok, name, why=''):
    results.append((bool(ok), name, why))


def unquote(parts):
    return ''.join(ast.literal_eval(p) for p in parts)


def parse_po(path):
    """The entries of a .po file: dicts with msgctxt, msgid, msgid_plural,
    msgstr (a list: one per plural form), flags; obsolete entries are
    left out."""
    entries = []
    cur = None
    field = None
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for line in lines + ['']:
        if line.startswith('#~'):
            continue
        if line.strip() == '':
            if cur is not None and 'msgid' in cur:
                entries.append(cur)
            cur, field = None, None
            continue
        if cur is None:
            cur = {'flags': set(), 'msgstr': {}}
        if line.startswith('#,'):
            cur['flags'] |= {x.strip() for x in line[2:].split(',')}
            continue
        if line.startswith('#'):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if m:
            key = m.group(1)
            if key.startswith('msgstr'):
                index = int(m.group(2)) if m.group(2) is not None else 0
                field = ('msgstr', index)
                cur['msgstr'][index] = [m.group(3)]
            else:
                field = (key, None)
                cur[key] = [m.group(3)]
            continue
        if line.startswith('"') and field is not None:
            if field[0] == 'msgstr':
                cur['msgstr'][field[1]].append(line)
            else:
                cur[field[0]].append(line)
            continue
        raise ValueError('%s: cannot parse line %r' % (path, line))
    for e in entries:
        for k in ('msgctxt', 'msgid', 'msgid_plural'):
            if k in e:
                e[k] = unquote(e[k])
        e['msgstr'] = [unquote(e['msgstr'][i]) for i in sorted(e['msgstr'])]
    return entries


def key(e):
    return (e.get('msgctxt'), e['msgid'])


def header_field(entries, name):
    for e in entries:
        if e['msgid'] == '':
            for line in e['msgstr'][0].split('\n'):
                if line.startswith(name + ':'):
                    return line[len(name) + 1:].strip()
    return None


def main():
    msgfmt = sys.argv[1] if len(sys.argv) > 1 else 'msgfmt'
    with open(os.path.join(PO, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f for w in line.split('#')[0].split()]
    check(set(languages) >= {'de', 'fr', 'es'}, 'LINGUAS names de, fr and es', repr(languages))

    pot = [e for e in parse_po(os.path.join(PO, 'signet.pot')) if e['msgid'] != '']
    pot_keys = {key(e) for e in pot}
    check(len(pot) > 0, 'signet.pot has messages')

    for lang in languages:
        path = os.path.join(PO, lang + '.po')
        entries = parse_po(path)
        messages = {key(e): e for e in entries if e['msgid'] != ''}
        plural_forms = header_field(entries, 'Plural-Forms') or ''
        m = re.search(r'nplurals\s*=\s*(\d+)', plural_forms)
        nplurals = int(m.group(1)) if m else 0
        check(nplurals > 0, '%s: Plural-Forms header' % lang, plural_forms)
        check(header_field(entries, 'Language') == lang, '%s: Language header' % lang)
        check('charset=UTF-8' in (header_field(entries, 'Content-Type') or ''), '%s: UTF-8' % lang)

        missing = sorted(k for k in pot_keys if k not in messages)
        check(not missing, '%s: every message of signet.pot is in %s.po' % (lang, lang),
              '; '.join(repr(k[1][:60]) for k in missing[:10]))
        untranslated, fuzzy, forms = [], [], []
        for k in sorted(pot_keys & set(messages), key=str):
            e = messages[k]
            if 'fuzzy' in e['flags']:
                fuzzy.append(k)
            if 'msgid_plural' in e and len(e['msgstr']) != nplurals:
                forms.append(k)
            if any(s == '' for s in e['msgstr']) or not e['msgstr']:
                untranslated.append(k)
        check(not untranslated, '%s: every message is translated' % lang,
              '; '.join(repr(k[1][:60]) for k in untranslated[:10]))
        check(not fuzzy, '%s: no message is fuzzy' % lang,
              '; '.join(repr(k[1][:60]) for k in fuzzy[:10]))
        check(not forms, '%s: every plural message has %d forms' % (lang, nplurals),
              '; '.join(repr(k[1][:60]) for k in forms[:10]))

        proc = subprocess.run([msgfmt, '--check', '--check-format', '-o', os.devnull, path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        check(proc.returncode == 0 and proc.stdout.strip() == '',
              '%s: msgfmt --check --check-format passes' % lang, proc.stdout.strip()[:2000])

    check_potfiles()
    check_pot_current(pot_keys)
    check_german_cli()

    print('1..%d' % len(results))
    failed = 0
    for i, (ok, name, why) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            for line in why.split('\n'):
                print('# ' + line)
    return 1 if failed else 0


MARK = re.compile(r'(?:^|[^A-Za-z0-9_])(?:_|N_|C_|NC_|S_|SC_|SP_|g_dngettext|g_dpgettext2|g_dgettext)\s*\(\s*(?:GETTEXT_PACKAGE\s*,\s*)?"')


def check_potfiles():
    with open(os.path.join(PO, 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]
    check(listed == sorted(listed), 'POTFILES.in is sorted')
    absent = [p for p in listed if not os.path.isfile(os.path.join(ROOT, p))]
    check(not absent, 'every file of POTFILES.in exists', ', '.join(absent))
    marked = []
    for top in ('lib', 'tools', 'ui-strings', 'plugin'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = [d for d in dirnames if d != 'tests']
            for name in filenames:
                if not name.endswith('.c'):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                # Comments do not count.
                text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
                if MARK.search(text):
                    marked.append(os.path.relpath(path, ROOT))
    unlisted = sorted(set(marked) - set(listed))
    check(not unlisted, 'POTFILES.in lists every file with translatable strings', ', '.join(unlisted))


# The keywords of po/meson.build: the glib preset and the catalog's own.
XGETTEXT_ARGS = ['--from-code=UTF-8', '--add-comments',
                 '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                 '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
                 '--keyword=S_', '--keyword=SC_:1c,2', '--keyword=SP_:1,2']


def check_pot_current(pot_keys):
    """signet.pot holds exactly the messages of the sources: run
    `meson compile signet-pot` (or ninja signet-pot) after changing them."""
    xgettext = shutil.which('xgettext')
    if xgettext is None:
        check(False, 'signet.pot is up to date', 'xgettext is not installed')
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'signet.pot')
        proc = subprocess.run([xgettext] + XGETTEXT_ARGS +
                              ['-D', ROOT, '-f', os.path.join(PO, 'POTFILES.in'), '-o', out],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            check(False, 'signet.pot is up to date', proc.stdout)
            return
        fresh = {key(e) for e in parse_po(out) if e['msgid'] != ''}
    stale = sorted(fresh ^ pot_keys, key=str)
    check(not stale, 'signet.pot is up to date with the sources (ninja signet-pot)',
          '; '.join(('new ' if k in fresh else 'gone ') + repr(k[1][:60]) for k in stale[:10]))


def check_german_cli():
    cli = os.environ.get('SIGNET_CLI')
    localedir = os.environ.get('SIGNET_LOCALEDIR')
    if not cli or not localedir:
        check(False, 'German output of signet verify', 'SIGNET_CLI or SIGNET_LOCALEDIR is not set')
        return
    de = {key(e): e for e in parse_po(os.path.join(PO, 'de.po')) if e['msgid'] != ''}
    title = de[('verdict', 'Signature with warnings')]['msgstr'][0]
    mismatch = de[(None, 'The message says it is from %s, but the certificate belongs to %s.')]
    sentence = mismatch['msgstr'][0] % ('mallory@example.com', 'alice@example.org')
    english = 'The message says it is from mallory@example.com, but the certificate belongs to alice@example.org.'
    data = os.path.join(TESTS, 'data')
    env = dict(os.environ)
    # GNU gettext honours LANGUAGE unless the locale is "C"; C.UTF-8 counts
    # as a real locale, so no German locale needs to be generated.
    env.update({'LANGUAGE': 'de', 'LC_ALL': 'C.UTF-8', 'SIGNET_LOCALEDIR': localedir})
    args = [cli, 'verify', '--no-store', '--no-system-trust', '--offline',
            '--anchor', os.path.join(data, 'pki', 'root-ca.pem'), '--at', '2030-01-01',
            os.path.join(data, 'messages', 'mismatch.eml')]
    proc = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = proc.stdout
    check(proc.returncode == 1, 'signet verify exits with 1 (warning) on mismatch.eml',
          'exit %d; %s' % (proc.returncode, proc.stderr.strip()))
    check(title in out, 'the German verdict title “%s” is printed' % title, out)
    check(sentence in out, 'the German address-mismatch sentence is printed', out)
    check(english not in out, 'the English sentence is not printed', out)

    env['LANGUAGE'] = 'en'
    proc = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(english in proc.stdout and 'Signature with warnings' in proc.stdout,
          'without German, signet verify prints English', proc.stdout)


if __name__ == '__main__':
    sys.exit(main())
