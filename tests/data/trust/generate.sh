#!/bin/bash
# Generates the trust test data from tests/data/pki (run from anywhere;
# outputs are committed, the tests never run this).
#
# system/   a p11-kit trust source (read with paths=): root-ca trusted for
#           e-mail (OpenSSL TRUSTED CERTIFICATE with emailProtection),
#           other-root trusted for serverAuth only, selfsigned trusted and
#           rejected for e-mail, stranger in the blocklist.
# tls/      a p11-kit trust source like a TLS bundle: root-ca and other-root
#           as plain anchors, no purposes.
# alice-foreign.{pem,key}, foreign.eml: a new alice@example.org certificate
#           under other-root and a message signed with it (certificate
#           changed, issuer changed).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
pki="$here/../pki"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rm -rf "$here/system" "$here/tls"
mkdir -p "$here/system/blocklist" "$here/tls/anchors"

openssl x509 -in "$pki/root-ca.pem" -addtrust emailProtection -out "$here/system/root-ca-email.pem"
openssl x509 -in "$pki/other-root.pem" -addtrust serverAuth -out "$here/system/other-root-tls.pem"
openssl x509 -in "$pki/selfsigned.pem" -addtrust emailProtection -addreject emailProtection \
  -out "$here/system/selfsigned-rejected.pem"
cp "$pki/stranger.pem" "$here/system/blocklist/stranger.pem"
cp "$pki/root-ca.pem" "$pki/other-root.pem" "$here/tls/anchors/"

cat > "$tmp/ext.cnf" <<'EXT'
subjectAltName=email:alice@example.org
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=emailProtection
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
basicConstraints=critical,CA:FALSE
EXT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$here/alice-foreign.key" 2>/dev/null
openssl req -new -key "$here/alice-foreign.key" -subj "/O=Signet Test/CN=Alice Example" -out "$tmp/alice.csr"
# 2020-01-01 .. 2045-01-01, like every fixture.
openssl x509 -req -in "$tmp/alice.csr" -CA "$pki/other-root.pem" -CAkey "$pki/other-root.key" \
  -set_serial 0x8001 -not_before 20200101000000Z -not_after 20450101000000Z -sha256 \
  -extfile "$tmp/ext.cnf" -out "$here/alice-foreign.pem" 2>/dev/null ||
  use_ca=1
if [ "${use_ca:-0}" = 1 ]; then
  # openssl 3.0 x509 has no -not_before: use ca with explicit dates.
  mkdir -p "$tmp/ca"
  : > "$tmp/ca/index.txt"
  echo 8001 > "$tmp/ca/serial"
  cat > "$tmp/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $tmp/ca
database = \$dir/index.txt
new_certs_dir = \$dir
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
[any]
organizationName = optional
commonName = supplied
CNF
  openssl ca -batch -config "$tmp/ca.cnf" -cert "$pki/other-root.pem" -keyfile "$pki/other-root.key" \
    -in "$tmp/alice.csr" -startdate 20200101000000Z -enddate 20450101000000Z -extfile "$tmp/ext.cnf" \
    -notext -out "$here/alice-foreign.pem" 2>/dev/null
fi
openssl x509 -in "$here/alice-foreign.pem" -outform DER -out "$here/alice-foreign.der"

printf 'Content-Type: text/plain\r\n\r\nHello again, from my new provider.\r\n' > "$tmp/content.txt"
openssl cms -sign -in "$tmp/content.txt" -signer "$here/alice-foreign.pem" -inkey "$here/alice-foreign.key" \
  -certfile "$pki/other-root.pem" -out "$tmp/signed.eml"
{
  printf 'From: Alice Example <alice@example.org>\r\nTo: bob@example.org\r\n'
  printf 'Subject: my new certificate\r\nMessage-ID: <foreign@example.org>\r\n'
  cat "$tmp/signed.eml"
} > "$here/foreign.eml"
echo "trust test data written to $here"
