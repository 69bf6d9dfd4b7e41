#!/usr/bin/env bash
# Builds the seed corpora of the fuzz harnesses from tests/data.
#
#   fuzz/make-seeds.sh OUTDIR
#
# makes OUTDIR/message, OUTDIR/cms, OUTDIR/certificate-path, OUTDIR/crl,
# OUTDIR/certs-only and OUTDIR/der (one file per seed), starting from the
# small committed fuzz/seeds/<harness>/ and adding what tests/data holds:
# messages, CMS objects (also the ones inside messages), certificate chains,
# CRLs (also as to-be-signed structures for the harnesses that sign what
# they get), certificate files. The corpora are not committed: they are
# rebuilt in a build directory. Needs bash and python3 (standard library
# only).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data="$here/../tests/data"
out=${1:?usage: make-seeds.sh OUTDIR}

for h in message cms certificate-path crl certs-only der; do
  mkdir -p "$out/$h"
  if [ -d "$here/seeds/$h" ]; then
    cp "$here/seeds/$h"/* "$out/$h"/ 2>/dev/null || true
  fi
done

# copy DIR-GLOB... into HARNESS
copy() {
  local h=$1
  shift
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$out/$h/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
}

# Messages.
copy message "$data"/messages/*.eml "$data"/mime/*.eml "$data"/pkits/smime/*.eml

# CMS: files, and the CMS objects inside the messages.
copy cms "$data"/cms/*.p7s "$data"/cms/*.p7c "$data"/cms/*.p7m "$data"/messages/*.p7c
copy certs-only "$data"/cms/*.p7c "$data"/messages/*.p7c "$data"/messages/certs-only.eml \
  "$data"/mime/certs-only*.eml "$data"/pki/*.pem "$data"/store/*.pem "$data"/store/*.p7c \
  "$data"/crl/bundle.pem

python3 - "$data" "$out" <<'EOF'
import email, email.policy, glob, os, sys

data, out = sys.argv[1], sys.argv[2]
n = 0
for path in sorted(glob.glob(os.path.join(data, "messages", "*.eml")) +
                   glob.glob(os.path.join(data, "mime", "*.eml")) +
                   glob.glob(os.path.join(data, "pkits", "smime", "*.eml"))[:40]):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.compat32)
    for part in msg.walk():
        ctype = part.get_content_type()
        if "pkcs7" not in ctype:
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:
            continue
        if not payload:
            continue
        name = "%s-%s-%d.der" % (os.path.basename(os.path.dirname(path)),
                                 os.path.basename(path), n)
        n += 1
        with open(os.path.join(out, "cms", name), "wb") as f:
            f.write(payload)
        with open(os.path.join(out, "der", name), "wb") as f:
            f.write(payload)
EOF

# DER: certificates, CRLs, CMS.
copy der "$data"/pki/*.der "$data"/pki/*.crl "$data"/cms/*.p7s "$data"/crl/*.crl

# CRLs: as they are (mode octet 0x00); to-be-signed lists of the test PKI,
# which fuzz-crl signs with inter-ca's (0x01) or root-ca's (0x03) key.
python3 - "$data" "$out" <<'EOF'
import glob, os, sys

data, out = sys.argv[1], sys.argv[2]

def tlv(buf, pos=0):
    """(header length, value length) of the DER value at pos."""
    first = buf[pos + 1]
    if first < 0x80:
        return 2, first
    n = first & 0x7f
    return 2 + n, int.from_bytes(buf[pos + 2:pos + 2 + n], "big")

def first_element(der):
    hl, _ = tlv(der)
    h2, l2 = tlv(der, hl)
    return der[hl:hl + h2 + l2]

def put(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

crls = (sorted(glob.glob(os.path.join(data, "pki", "*.crl"))) +
        sorted(glob.glob(os.path.join(data, "crl", "*.crl"))) +
        sorted(glob.glob(os.path.join(data, "pkits", "crls", "*.crl")))[:60])
for path in crls:
    der = open(path, "rb").read()
    if not der.startswith(b"\x30"):
        continue
    base = "%s-%s" % (os.path.basename(os.path.dirname(path)), os.path.basename(path))
    put(os.path.join("crl", base), b"\x00" + der)
    if "/pki/" in path:
        mode = b"\x03" if "root-ca" in path else b"\x01"
        put(os.path.join("crl", "tbs-" + base), mode + first_element(der))

# Certificate paths: leaf + inter-ca + root-ca (+ inter-ca's CRL), as they
# are (second octet 0x00) and as to-be-signed certificates that the harness
# signs (leaf with inter-ca's key, the others with root-ca's: 0x03).
pki = os.path.join(data, "pki")
inter = open(os.path.join(pki, "inter-ca.der"), "rb").read()
root = open(os.path.join(pki, "root-ca.der"), "rb").read()
inter_crl = open(os.path.join(pki, "inter-ca.crl"), "rb").read()
root_crl = open(os.path.join(pki, "root-ca.crl"), "rb").read()
for path in sorted(glob.glob(os.path.join(pki, "*.der"))):
    name = os.path.basename(path)[:-4]
    if name in ("inter-ca", "root-ca"):
        continue
    leaf = open(path, "rb").read()
    put(os.path.join("certificate-path", name + "-chain"), b"\x00\x00" + leaf + inter + root)
    put(os.path.join("certificate-path", name + "-crls"),
        b"\x02\x00" + leaf + inter + inter_crl + root_crl)
    put(os.path.join("certificate-path", name + "-anchor"), b"\x41\x00" + leaf + inter + root)
    put(os.path.join("certificate-path", name + "-signed"),
        b"\x02\x03" + first_element(leaf) + first_element(inter) + first_element(root))
put(os.path.join("certificate-path", "inter2"),
    b"\x00\x00" + open(os.path.join(pki, "multi.der"), "rb").read() +
    open(os.path.join(pki, "inter2-a.der"), "rb").read() +
    open(os.path.join(pki, "inter2-b.der"), "rb").read() + root)

# PKITS: every certificate named after a test, with the PKITS anchor's
# intermediates, at the PKITS time (first octet bit 2).
certs = os.path.join(data, "pkits", "certs")
good_ca = open(os.path.join(certs, "GoodCACert.crt"), "rb").read()
for path in sorted(glob.glob(os.path.join(certs, "*EE*.crt")))[:60]:
    leaf = open(path, "rb").read()
    put(os.path.join("certificate-path", "pkits-" + os.path.basename(path)),
        b"\x04\x00" + leaf + good_ca)
EOF

for h in message cms certificate-path crl certs-only der; do
  printf '%-18s %5d seeds\n' "$h" "$(ls "$out/$h" | wc -l)"
done
