#!/bin/sh
# generate.sh: the small PKI of tests/test-path.c.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every certificate is valid 2020-01-01..2045-01-01 unless the test needs
# otherwise; the tests validate at 2030-01-01T00:00:00Z. Run from this
# folder: ./generate.sh (needs certtool from gnutls-bin). The outputs
# (*.pem, *.key) are committed; regenerating changes keys and signatures
# but not what the tests check.
set -eu
cd "$(dirname "$0")"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

NB="2020-01-01 00:00:00"
NA="2045-01-01 00:00:00"

key_rsa () { certtool --generate-privkey --key-type rsa --bits "${2:-2048}" --outfile "$1.key" >/dev/null 2>&1; }
key_ec () { certtool --generate-privkey --key-type ecdsa --curve secp256r1 --outfile "$1.key" >/dev/null 2>&1; }

# tmpl NAME CN [extra template lines...]: writes $T/NAME.tmpl
tmpl () {
  name=$1
  cn=$2
  shift 2
  {
    echo "cn = \"$cn\""
    echo "organization = \"Signet Tests\""
    echo "country = \"DE\""
    echo "serial = $(od -An -N6 -tu8 /dev/urandom | tr -d ' ')"
    for line in "$@"; do echo "$line"; done
    case "$*" in *activation_date*) ;; *) echo "activation_date = \"$NB\"" ;; esac
    case "$*" in *expiration_date*) ;; *) echo "expiration_date = \"$NA\"" ;; esac
  } >"$T/$name.tmpl"
}

selfsign () { # NAME KEY
  certtool --generate-self-signed --load-privkey "$2.key" --template "$T/$1.tmpl" \
    --outfile "$1.pem" --hash SHA256 >/dev/null 2>&1
}

sign () { # NAME KEY CA CAKEY [HASH]
  certtool --generate-certificate --load-privkey "$2.key" --load-ca-certificate "$3.pem" \
    --load-ca-privkey "$4.key" --template "$T/$1.tmpl" --outfile "$1.pem" \
    --hash "${5:-SHA256}" >/dev/null 2>&1
}

CA="ca|cert_signing_key|crl_signing_key"
ca_lines () { echo "$CA" | tr '|' '\n'; }
LEAF_SIGN="signing_key"
LEAF_EKU="email_protection_key"

leaf () { # NAME CN EMAIL CA CAKEY [extra lines...]
  name=$1; cn=$2; email=$3; ca=$4; cakey=$5
  shift 5
  tmpl "$name" "$cn" "email = \"$email\"" "$@"
  key_ec "$name"
  sign "$name" "$name" "$ca" "$cakey"
}

# Root and Sub CA (RSA: the weak-hash leaves are signed by the Sub CA).
key_rsa root
tmpl root "Signet Test Root CA" ca cert_signing_key crl_signing_key
selfsign root root

key_rsa sub
tmpl sub "Signet Test Sub CA" ca cert_signing_key crl_signing_key
sign sub sub root root

# The same Sub CA (same name and key), expired, and newer than sub.
tmpl sub-expired "Signet Test Sub CA" ca cert_signing_key crl_signing_key \
  "activation_date = \"2020-06-01 00:00:00\"" "expiration_date = \"2025-01-01 00:00:00\""
sign sub-expired sub root root

# The same Sub CA (same name, key and so SKI), newer, but signed by a key
# that only claims to be the root: preferred by building, must fail, and
# the builder must go back to sub.
key_rsa fake-root
tmpl fake-root "Signet Test Root CA" ca cert_signing_key crl_signing_key
selfsign fake-root fake-root
tmpl sub-badsig "Signet Test Sub CA" ca cert_signing_key crl_signing_key \
  "activation_date = \"2021-01-01 00:00:00\""
sign sub-badsig sub fake-root fake-root

# A CA with the Sub CA's name and another key: what "forged" is signed by.
key_rsa fake-sub
tmpl fake-sub "Signet Test Sub CA" ca cert_signing_key
selfsign fake-sub fake-sub

leaf alice "Alice" alice@example.org sub sub $LEAF_SIGN $LEAF_EKU
leaf forged "Forged" forged@example.org fake-sub fake-sub $LEAF_SIGN $LEAF_EKU
leaf expired "Expired User" expired@example.org sub sub $LEAF_SIGN $LEAF_EKU \
  "activation_date = \"2020-01-01 00:00:00\"" "expiration_date = \"2025-01-01 00:00:00\""
leaf future "Future User" future@example.org sub sub $LEAF_SIGN $LEAF_EKU \
  "activation_date = \"2035-01-01 00:00:00\"" "expiration_date = \"2045-01-01 00:00:00\""
leaf critext "Critical Extension User" critext@example.org sub sub $LEAF_SIGN $LEAF_EKU \
  "add_critical_extension = \"1.3.6.1.4.1.55555.1.1 0500\""
leaf serverauth "Server Auth User" server@example.org sub sub $LEAF_SIGN tls_www_server
leaf nonrep "Non Repudiation User" nonrep@example.org sub sub non_repudiation $LEAF_EKU

# A keyEncipherment-only RSA leaf (not for signing).
tmpl encrypt-only "Encryption Only User" "email = \"encrypt@example.org\"" encryption_key $LEAF_EKU
key_rsa encrypt-only
sign encrypt-only encrypt-only sub sub

# Weak algorithms.
tmpl md5 "MD5 User" "email = \"md5@example.org\"" $LEAF_SIGN $LEAF_EKU
key_ec md5
sign md5 md5 sub sub MD5
tmpl sha1 "SHA1 User" "email = \"sha1@example.org\"" $LEAF_SIGN $LEAF_EKU
key_ec sha1
sign sha1 sha1 sub sub SHA1
tmpl rsa1024 "Small Key User" "email = \"small@example.org\"" $LEAF_SIGN $LEAF_EKU
key_rsa rsa1024 1024
sign rsa1024 rsa1024 sub sub

# A CA:FALSE certificate that issued a certificate.
key_ec notca
tmpl notca "Not A CA" "email = \"notca@example.org\"" $LEAF_SIGN cert_signing_key
sign notca notca sub sub
leaf notca-leaf "Issued By Not A CA" victim@example.org notca notca $LEAF_SIGN $LEAF_EKU

# An intermediate with a serverAuth-only EKU (as many real S/MIME CAs).
key_ec sub-tls
tmpl sub-tls "Signet Test TLS-Only Sub CA" ca cert_signing_key tls_www_server
sign sub-tls sub-tls root root
leaf tls-sub-leaf "TLS Sub User" tlssub@example.org sub-tls sub-tls $LEAF_SIGN $LEAF_EKU

# A self-signed end entity.
key_ec selfsigned
tmpl selfsigned "Self Signed User" "email = \"self@example.org\"" $LEAF_SIGN $LEAF_EKU
selfsign selfsigned selfsigned

# An unrelated hierarchy.
key_ec unrelated-root
tmpl unrelated-root "Unrelated Root CA" ca cert_signing_key
selfsign unrelated-root unrelated-root
key_ec unrelated-ca
tmpl unrelated-ca "Unrelated Sub CA" ca cert_signing_key
sign unrelated-ca unrelated-ca unrelated-root unrelated-root
leaf other-leaf "Other User" other@example.org unrelated-ca unrelated-ca $LEAF_SIGN $LEAF_EKU

# A loop: loop-a is issued by loop-b, loop-b by loop-a.
key_ec loop-a
key_ec loop-b
tmpl tmp-a "Loop CA A" ca cert_signing_key
tmpl tmp-b "Loop CA B" ca cert_signing_key
certtool --generate-self-signed --load-privkey loop-a.key --template "$T/tmp-a.tmpl" --outfile "$T/tmp-a.pem" >/dev/null 2>&1
certtool --generate-self-signed --load-privkey loop-b.key --template "$T/tmp-b.tmpl" --outfile "$T/tmp-b.pem" >/dev/null 2>&1
tmpl loop-a "Loop CA A" ca cert_signing_key
certtool --generate-certificate --load-privkey loop-a.key --load-ca-certificate "$T/tmp-b.pem" \
  --load-ca-privkey loop-b.key --template "$T/loop-a.tmpl" --outfile loop-a.pem >/dev/null 2>&1
tmpl loop-b "Loop CA B" ca cert_signing_key
certtool --generate-certificate --load-privkey loop-b.key --load-ca-certificate "$T/tmp-a.pem" \
  --load-ca-privkey loop-a.key --template "$T/loop-b.tmpl" --outfile loop-b.pem >/dev/null 2>&1
leaf loop-leaf "Loop User" loop@example.org loop-a loop-a $LEAF_SIGN $LEAF_EKU

# A chain of ten CAs under the root.
prev=root
for i in 1 2 3 4 5 6 7 8 9 10; do
  key_ec chain$i
  tmpl chain$i "Signet Test Chain CA $i" ca cert_signing_key
  sign chain$i chain$i $prev $prev
  prev=chain$i
done
leaf chain-leaf "Chain User" chain@example.org chain10 chain10 $LEAF_SIGN $LEAF_EKU
leaf chain8-leaf "Chain8 User" chain8@example.org chain8 chain8 $LEAF_SIGN $LEAF_EKU

# Name constraints: a CA limited to example.org mailboxes, a leaf within,
# and one whose subject emailAddress (not its SAN) is outside.
key_ec nc-ca
tmpl nc-ca "Signet Test Constrained CA" ca cert_signing_key "nc_permit_email = \"example.org\""
sign nc-ca nc-ca root root
leaf nc-good "Constrained Good" good@example.org nc-ca nc-ca $LEAF_SIGN $LEAF_EKU
tmpl nc-dn-email "Constrained DN Email" "email = \"good@example.org\"" \
  "dn_oid = 1.2.840.113549.1.9.1 evil@evil.test" $LEAF_SIGN $LEAF_EKU
key_ec nc-dn-email
sign nc-dn-email nc-dn-email nc-ca nc-ca
# A CA below nc-ca whose own subject emailAddress is outside: constraints
# apply to intermediates too.
key_ec nc-sub-bad
tmpl nc-sub-bad "Constrained Sub Outside" ca cert_signing_key \
  "dn_oid = 1.2.840.113549.1.9.1 ca@evil.test"
sign nc-sub-bad nc-sub-bad nc-ca nc-ca
leaf nc-sub-leaf "Below Outside Sub" below@example.org nc-sub-bad nc-sub-bad $LEAF_SIGN $LEAF_EKU

# Certificate policies: a CA that requires an explicit policy and a leaf
# without any policy (invalid), and one with the required policy (valid).
key_ec pol-ca
tmpl pol-ca "Signet Test Policy CA" ca cert_signing_key \
  "policy1 = 1.3.6.1.4.1.55555.2.1" "policy2 = 1.3.6.1.4.1.55555.2.2"
sign pol-ca pol-ca root root
leaf pol-leaf "Policy User" policy@example.org pol-ca pol-ca $LEAF_SIGN $LEAF_EKU \
  "policy1 = 1.3.6.1.4.1.55555.2.1"
leaf pol-none "No Policy User" nopolicy@example.org pol-ca pol-ca $LEAF_SIGN $LEAF_EKU

# A tangle: six certificates named "Signet Test Wide CA", issued by that
# same name but signed by another key (self-issued, never self-signed), so
# each is an issuer candidate of every other: the number of paths explodes
# and building must stop at SIGNET_MAX_PATH_CANDIDATES.
key_ec wide
key_ec "$T/wide-signer"
tmpl wide-signer "Signet Test Wide CA" ca cert_signing_key
certtool --generate-self-signed --load-privkey "$T/wide-signer.key" --template "$T/wide-signer.tmpl" \
  --outfile "$T/wide-signer.pem" >/dev/null 2>&1
for i in 1 2 3 4 5 6; do
  tmpl wide$i "Signet Test Wide CA" ca cert_signing_key
  certtool --generate-certificate --load-privkey wide.key --load-ca-certificate "$T/wide-signer.pem" \
    --load-ca-privkey "$T/wide-signer.key" --template "$T/wide$i.tmpl" --outfile wide$i.pem >/dev/null 2>&1
done
leaf wide-leaf "Wide User" wide@example.org wide1 wide

# Revocation: the root's CRL (empty) and the Sub CA's CRL revoking
# "revoked" (certtool writes no reason code: "unspecified").
leaf revoked "Revoked User" revoked@example.org sub sub $LEAF_SIGN $LEAF_EKU
{
  echo "crl_number = 1"
  echo "crl_this_update_date = \"2020-01-01 00:00:00\""
  echo "crl_next_update_date = \"2045-01-01 00:00:00\""
  echo "crl_revocation_date = \"2021-06-01 12:00:00\""
} >"$T/crl.tmpl"
certtool --generate-crl --load-ca-privkey root.key --load-ca-certificate root.pem \
  --template "$T/crl.tmpl" --outfile root.crl >/dev/null 2>&1
certtool --generate-crl --load-ca-privkey sub.key --load-ca-certificate sub.pem \
  --load-certificate revoked.pem --template "$T/crl.tmpl" --outfile sub.crl >/dev/null 2>&1

echo "done"
