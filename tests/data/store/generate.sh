#!/bin/sh
# Generates the fixtures of tests/test-store.c and tests/test-certs-only.c.
# It makes its own small PKI, so that it does not depend on ../pki.
# The outputs are committed; run again only to change them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
pki="$here"

# --- a small PKI of our own ------------------------------------------------
# root-ca -> inter-ca -> alice, alice2 (newer), bob, revoked, dana (IDN domain)
tmpl () { # name cn serial email-or-empty kind
  {
    echo "organization = \"Signet Test\""
    echo "cn = \"$2\""
    echo "serial = $3"
    if [ -n "$4" ]; then echo "email = \"$4\""; fi
    if [ "$2" = "Alice Example" ] && [ "$1" = alice2 ]; then
      echo 'activation_date = "2021-01-01 00:00:00"'
    else
      echo 'activation_date = "2020-01-01 00:00:00"'
    fi
    echo 'expiration_date = "2045-01-01 00:00:00"'
    if [ "$5" = ca ]; then
      echo ca; echo cert_signing_key; echo crl_signing_key
    else
      echo signing_key; echo encryption_key; echo email_protection_key
    fi
  } > "$work/$1.tmpl"
}
for k in root-ca inter-ca alice bob; do
  [ -f "$k.key" ] || certtool --generate-privkey --key-type rsa --bits 2048 --outfile "$k.key" 2>/dev/null
done
tmpl root-ca "Signet Store Test Root CA" 0x1001 "" ca
certtool --generate-self-signed --load-privkey root-ca.key --template "$work/root-ca.tmpl" \
  --outfile root-ca.pem 2>/dev/null
tmpl inter-ca "Signet Store Test Intermediate CA" 0x1002 "" ca
certtool --generate-certificate --load-privkey inter-ca.key --load-ca-certificate root-ca.pem \
  --load-ca-privkey root-ca.key --template "$work/inter-ca.tmpl" --outfile inter-ca.pem 2>/dev/null
issue () { # name key cn serial email
  tmpl "$1" "$3" "$4" "$5" ee
  certtool --generate-certificate --load-privkey "$2.key" --load-ca-certificate inter-ca.pem \
    --load-ca-privkey inter-ca.key --template "$work/$1.tmpl" --outfile "$1.pem" 2>/dev/null
}
issue alice alice "Alice Example" 0x1007 alice@example.org
issue alice2 alice "Alice Example" 0x2001 alice@example.org
issue bob bob "Bob Example" 0x1008 bob@example.org
issue revoked bob "Revoked Example" 0x100B revoked@example.org
issue dana bob "Dana Example" 0x2002 Dana.Example@xn--bcher-kva.example
for c in root-ca inter-ca alice alice2 bob revoked dana; do
  certtool --certificate-info --infile "$c.pem" --outder --outfile "$c.der" 2>/dev/null
done

# --- CRLs (openssl ca, which can set thisUpdate) ---------------------------
mkcrl () { # issuer-name out-file last-update number-or-empty index-lines idp-or-empty
  d="$work/ca-$2"
  mkdir -p "$d"
  printf '%b' "$5" > "$d/index.txt"
  {
    echo "[ca]"; echo "default_ca = c"
    echo "[c]"; echo "database = $d/index.txt"; echo "default_md = sha256"
    echo "crl_extensions = ext"
    if [ -n "$4" ]; then echo "crlnumber = $d/crlnumber"; fi
    echo "[ext]"; echo "authorityKeyIdentifier = keyid:always"
    if [ -n "$6" ]; then echo "issuingDistributionPoint = critical, @idp"; echo "[idp]"; echo "fullname = URI:$6"; fi
  } > "$d/ca.cnf"
  if [ -n "$4" ]; then echo "$4" > "$d/crlnumber"; fi
  openssl ca -config "$d/ca.cnf" -gencrl -keyfile "$pki/$1.key" -cert "$pki/$1.pem" \
    -crl_lastupdate "$3" -crl_nextupdate 20450101000000Z -out "$work/$2.pem" 2>/dev/null
  openssl crl -in "$work/$2.pem" -outform DER -out "$2"
}
subj_rev='/O=Signet Test/CN=Revoked Example'
subj_bob='/O=Signet Test/CN=Bob Example'
rev="R\t450101000000Z\t250101000000Z,keyCompromise\t100B\tunknown\t$subj_rev\n"
bob="R\t450101000000Z\t250115000000Z,superseded\t1008\tunknown\t$subj_bob\n"
mkcrl inter-ca inter-1.crl 20250101000000Z 01 "$rev" ""
mkcrl inter-ca inter-2.crl 20250201000000Z 02 "$rev$bob" ""
mkcrl inter-ca inter-idp.crl 20250101000000Z 05 "$bob" "http://crl.example.org/partition-1.crl"
mkcrl root-ca root-a.crl 20250101000000Z "" "R\t450101000000Z\t250101000000Z\t1234\tunknown\t/CN=x\n" ""
mkcrl root-ca root-b.crl 20250301000000Z "" "R\t450101000000Z\t250101000000Z\t1234\tunknown\t/CN=x\n" ""
openssl crl -inform DER -in inter-2.crl -out inter-2.pem

# --- bags and bundles -----------------------------------------------------
openssl crl2pkcs7 -nocrl -certfile "$pki/alice.pem" -certfile "$pki/inter-ca.pem" \
  -outform DER -out openssl-bag.p7c
openssl crl2pkcs7 -nocrl -certfile "$pki/bob.pem" -certfile "$pki/inter-ca.pem" \
  -out openssl-bag.pem
openssl crl2pkcs7 -in "$work/inter-2.crl.pem" -certfile "$pki/alice.pem" \
  -outform DER -out with-crl.p7c

{
  printf 'From: alice@example.org\r\nSubject: My certificate\r\nMIME-Version: 1.0\r\n'
  printf 'Content-Type: application/pkcs7-mime; smime-type=certs-only; name=smime.p7c\r\n'
  printf 'Content-Transfer-Encoding: base64\r\n'
  printf 'Content-Disposition: attachment; filename=smime.p7c\r\n\r\n'
  base64 -w 76 openssl-bag.p7c | sed 's/$/\r/'
} > certs-only.eml

{
  printf 'From: bob@example.org\nSubject: Certificates attached\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nHere you are.\n'
  printf -- '--b1\nContent-Type: application/octet-stream; name=bob.cer\n'
  printf 'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=bob.cer\n\n'
  base64 -w 76 "$pki/bob.der"
  printf -- '--b1--\n'
} > multipart.eml

{
  echo "Alice, with a duplicate, a private key and a request:"
  cat "$pki/alice.pem" "$pki/inter-ca.pem" "$pki/alice.pem"
  printf -- '-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n'
  printf -- '-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n'
  cat inter-2.pem
} > bundle.pem

head -c 600 /dev/zero | tr '\000' '\377' > garbage.bin
printf 'this is not a certificate\n' > text.txt

# An attribute-certificate-shaped DER, bare and inside a bag ([2] IMPLICIT),
# and a bag carrying an OCSP response as "other" revocation info ([1]).
python3 - "$pki/alice.der" <<'PY'
import sys
def tlv(tag, body):
    n = len(body)
    if n < 0x80: l = bytes([n])
    elif n < 0x100: l = bytes([0x81, n])
    else: l = bytes([0x82, n >> 8, n & 0xff])
    return bytes([tag]) + l + body
alg = tlv(0x30, tlv(0x06, bytes.fromhex("2a864886f70d01010b")) + b"\x05\x00")
acinfo = tlv(0x30, tlv(0x02, b"\x01") + tlv(0x30, b"") + tlv(0xa0, b"") + alg
             + tlv(0x02, b"\x05") + tlv(0x30, tlv(0x18, b"20200101000000Z") + tlv(0x18, b"20450101000000Z"))
             + tlv(0x30, b""))
ac = tlv(0x30, acinfo + alg + tlv(0x03, b"\x00\x01"))
open("attribute-cert.der", "wb").write(ac)
alice = open(sys.argv[1], "rb").read()
def bag(certs, crls):
    sd = tlv(0x02, b"\x01") + tlv(0x31, b"") + tlv(0x30, tlv(0x06, bytes.fromhex("2a864886f70d010701")))
    sd += tlv(0xa0, certs)
    if crls: sd += tlv(0xa1, crls)
    sd += tlv(0x31, b"")
    return tlv(0x30, tlv(0x06, bytes.fromhex("2a864886f70d010702")) + tlv(0xa0, tlv(0x30, sd)))
open("attribute-bag.p7c", "wb").write(bag(alice + b"\xa2" + ac[1:], b""))
ocsp = tlv(0xa1, tlv(0x06, bytes.fromhex("2b0601050507100201")) + tlv(0x30, b""))
open("ocsp-bag.p7c", "wb").write(bag(alice, ocsp))
PY

# --- gpgsm export --------------------------------------------------------
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
echo disable-crl-checks > "$GNUPGHOME/gpgsm.conf"
gpgsm --batch --quiet --import "$pki/root-ca.pem" "$pki/inter-ca.pem" "$pki/alice.pem" "$pki/bob.pem" 2>/dev/null
gpgsm --batch --quiet --armor --export > gpgsm-export.pem
gpgsm --batch --quiet --export bob@example.org > gpgsm-bob.der
gpgconf --kill all 2>/dev/null || true
