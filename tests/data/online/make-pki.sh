#!/bin/sh
# make-pki.sh DIR BASE: the test PKI of test-online, made while the test
# runs so that the URLs in the certificates carry the port of the test's
# HTTP server (BASE, e.g. http://127.0.0.1:40123).
#
#   root (anchor) -> intermediate -> leaf (alice@example.org)
#
# The intermediate names BASE/root.crl; the leaf names BASE/inter.crl,
# the OCSP responder BASE/ocsp and its issuer's certificate BASE/inter.cer.
# Outputs: certificates (PEM and DER), CRLs (good, revoked, stale, signed by
# a wrong key), OCSP responses (good, revoked, unknown), signed messages.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
DIR=$1
BASE=$2
cd "$DIR"

key () { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

cat > ext.cnf <<CNF
[req]
distinguished_name = dn
[dn]
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:$BASE/root.crl
authorityInfoAccess = caIssuers;URI:$BASE/root.cer
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectAltName = email:alice@example.org
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:$BASE/inter.crl
authorityInfoAccess = OCSP;URI:$BASE/ocsp, caIssuers;URI:$BASE/inter.cer
CNF

key root.key; key inter.key; key leaf.key; key fake.key
openssl req -new -x509 -key root.key -subj "/O=Signet Test/CN=Online Test Root" -days 3650 \
  -set_serial 1 -config ext.cnf -extensions root -out root.pem 2>/dev/null
openssl req -new -key inter.key -subj "/O=Signet Test/CN=Online Test Intermediate" -config ext.cnf \
  -out inter.csr 2>/dev/null
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 2 -days 3000 \
  -extfile ext.cnf -extensions inter -out inter.pem 2>/dev/null
openssl req -new -key leaf.key -subj "/O=Signet Test/CN=Alice Online" -config ext.cnf \
  -out leaf.csr 2>/dev/null
openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -set_serial 4660 -days 2000 \
  -extfile ext.cnf -extensions leaf -out leaf.pem 2>/dev/null
# A CA with the intermediate's name and another key: what it signs must not count.
openssl req -new -x509 -key fake.key -subj "/O=Signet Test/CN=Online Test Intermediate" -days 3000 \
  -set_serial 3 -config ext.cnf -extensions inter -out fake.pem 2>/dev/null
openssl x509 -in inter.pem -outform DER -out inter.der
openssl crl2pkcs7 -nocrl -certfile inter.pem -outform DER -out inter.p7c

# CRLs, through "openssl ca" databases written by hand.
now=$(date -u +%Y%m%d%H%M%S)Z
hour_ago=$(date -u -d '-1 hour' +%Y%m%d%H%M%S)Z
tomorrow=$(date -u -d '+1 day' +%Y%m%d%H%M%S)Z
week_ago=$(date -u -d '-7 days' +%Y%m%d%H%M%S)Z
two_days_ago=$(date -u -d '-2 days' +%Y%m%d%H%M%S)Z
leaf_exp=$(openssl x509 -in leaf.pem -noout -enddate | sed 's/notAfter=//')
leaf_exp=$(date -u -d "$leaf_exp" +%y%m%d%H%M%S)Z
revoked_at=$(date -u -d '-3 hours' +%y%m%d%H%M%S)Z
subject="/O=Signet Test/CN=Alice Online"

: > idx-empty
printf 'V\t%s\t\t1234\tunknown\t%s\n' "$leaf_exp" "$subject" > idx-good
printf 'R\t%s\t%s,keyCompromise\t1234\tunknown\t%s\n' "$leaf_exp" "$revoked_at" "$subject" > idx-revoked

crl () { # crl OUT INDEX CERT KEY LAST NEXT
  printf '[ca]\ndefault_ca = db\n[db]\ndatabase = %s\ncrlnumber = %s.num\ndefault_md = sha256\n[crl_ext]\nauthorityKeyIdentifier = keyid\n' \
    "$2" "$1" > "$1.cnf"
  echo 01 > "$1.num"
  openssl ca -gencrl -config "$1.cnf" -cert "$3" -keyfile "$4" -crlexts crl_ext \
    -crl_lastupdate "$5" -crl_nextupdate "$6" -out "$1.pem" 2>/dev/null
  openssl crl -in "$1.pem" -outform DER -out "$1"
}
crl root.crl idx-empty root.pem root.key "$hour_ago" "$tomorrow"
crl inter-good.crl idx-good inter.pem inter.key "$hour_ago" "$tomorrow"
crl inter-revoked.crl idx-revoked inter.pem inter.key "$hour_ago" "$tomorrow"
crl inter-stale.crl idx-good inter.pem inter.key "$week_ago" "$two_days_ago"
crl inter-wrongkey.crl idx-good fake.pem fake.key "$hour_ago" "$tomorrow"

# OCSP answers for the leaf, signed by the intermediate itself.
openssl ocsp -issuer inter.pem -cert leaf.pem -no_nonce -reqout ocsp-req.der >/dev/null 2>&1
for s in good revoked empty; do
  openssl ocsp -index "idx-$s" -rsigner inter.pem -rkey inter.key -CA inter.pem -ndays 1 \
    -reqin ocsp-req.der -respout "ocsp-$s.der" >/dev/null 2>&1
done

# Signed messages: with the intermediate, and without it.
printf 'Content-Type: text/plain; charset=utf-8\n\nHello from the network test.\n' > body.txt
openssl cms -sign -in body.txt -signer leaf.pem -inkey leaf.key -certfile inter.pem \
  -from alice@example.org -to bob@example.org -subject "Online test" -out msg.eml
openssl cms -sign -in body.txt -signer leaf.pem -inkey leaf.key \
  -from alice@example.org -to bob@example.org -subject "Online test, no intermediate" -out msg-leaf-only.eml
