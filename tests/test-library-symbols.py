#!/usr/bin/env python3
# Checks the dynamic symbol table of libsignet: every exported function is
# one the version script (generated from the public headers) lists, the
# private modules stay hidden, and the library does not link libsoup.
#
#   test-library-symbols.py LIBSIGNET VERSION_SCRIPT
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import re
import subprocess
import sys

library, version_script = sys.argv[1], sys.argv[2]
failures = []

listed = set(re.findall(r'^\s+(signet_\w+);', open(version_script).read(), re.M))
out = subprocess.run(['nm', '-D', '--defined-only', library],
                     check=True, capture_output=True, text=True).stdout
exported = set()
for line in out.splitlines():
    parts = line.split()
    if len(parts) == 3 and parts[1] in 'TDBRVW':
        exported.add(parts[2].split('@')[0])

unexpected = sorted(s for s in exported if s not in listed)
if unexpected:
    failures.append('exported but not public: %s' % ', '.join(unexpected[:20]))
for required in ('signet_init', 'signet_verifier_new', 'signet_verifier_verify_async',
                 'signet_report_get_verdict', 'signet_warning_get_code',
                 'signet_store_list_async', 'signet_verdict_get_type',
                 'signet_severity_get_type', 'signet_key_usage_get_type',
                 'signet_store_record_get_type', 'signet_store_record_copy',
                 'signet_store_crl_record_get_type', 'signet_trust_decision_get_type',
                 'signet_trust_anchors_get_type', 'signet_store_lookup_ocsp_async',
                 'signet_trust_anchors_load_async', 'signet_prompt_new_for_signature_finish'):
    if required not in exported:
        failures.append('missing export: %s' % required)
private = [s for s in exported
           if re.match(r'_?signet_(der|cms|asn1|path|policy_tree|name_constraints|ocsp|aia|'
                       r'strings|signer_info|mime_scanner|address|revocation(?!_order_)|certs_only)_', s)]
if private:
    failures.append('private symbols exported: %s' % ', '.join(sorted(private)[:20]))

dynamic = subprocess.run(['readelf', '-d', library], check=True, capture_output=True,
                         text=True).stdout
if 'libsoup' in dynamic:
    failures.append('libsignet links libsoup')
if not re.search(r'SONAME\)\s+Library soname: \[libsignet-1\.0\.so\.0\]', dynamic):
    failures.append('unexpected SONAME')

print('%d symbols exported, %d public declarations' % (len(exported), len(listed)))
for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
