#!/bin/sh
# Regenerates the CRL test fixtures of tests/test-crl.c and
# tests/test-revocation.c. Certificates are valid 2020-01-01..2045-01-01,
# CRLs from 2020-01-01 to 2040-01-01 (stale ones end 2025-01-01); the tests
# validate at 2030-01-01T00:00:00Z. Needs certtool (GnuTLS) and openssl.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key () { certtool --generate-privkey --key-type ecdsa --curve secp256r1 --no-text --outfile "$1" 2>/dev/null; }

# --- keys and certificates ------------------------------------------------
key ca.key
key other.key
key crlsigner.key
key leaf.key

cat > "$work/ca.tmpl" <<T
cn = "Signet Test CRL CA"
organization = "Signet Tests"
serial = 1
activation_date = "2020-01-01 00:00:00 UTC"
expiration_date = "2045-01-01 00:00:00 UTC"
ca
cert_signing_key
crl_signing_key
T
certtool --generate-self-signed --load-privkey ca.key --template "$work/ca.tmpl" \
  --outfile ca.pem --no-text 2>/dev/null

# The same name with another key: CRLs it signs must not verify with ca.pem.
certtool --generate-self-signed --load-privkey other.key --template "$work/ca.tmpl" \
  --outfile other-ca.pem --no-text 2>/dev/null

# A separate CRL-signing certificate of the CA (same subject, other key;
# certtool writes cRLSign only for CA certificates).
cat > "$work/crlsigner.tmpl" <<T
cn = "Signet Test CRL CA"
organization = "Signet Tests"
serial = 2
activation_date = "2020-01-01 00:00:00 UTC"
expiration_date = "2045-01-01 00:00:00 UTC"
ca
crl_signing_key
T
certtool --generate-certificate --load-privkey crlsigner.key --load-ca-privkey ca.key \
  --load-ca-certificate ca.pem --template "$work/crlsigner.tmpl" --outfile crlsigner.pem \
  --no-text 2>/dev/null

# The same name again, without cRLSign.
cat > "$work/nocrlsign.tmpl" <<T
cn = "Signet Test CRL CA"
organization = "Signet Tests"
serial = 3
activation_date = "2020-01-01 00:00:00 UTC"
expiration_date = "2045-01-01 00:00:00 UTC"
signing_key
T
certtool --generate-certificate --load-privkey other.key --load-ca-privkey ca.key \
  --load-ca-certificate ca.pem --template "$work/nocrlsign.tmpl" --outfile nocrlsign.pem \
  --no-text 2>/dev/null

leaf () { # name serial extra-template-lines
  {
    echo "cn = \"$1\""
    echo "email = \"$1@example.org\""
    echo "serial = $2"
    echo 'activation_date = "2020-01-01 00:00:00 UTC"'
    echo 'expiration_date = "2045-01-01 00:00:00 UTC"'
    echo "signing_key"
    echo "email_protection_key"
    printf '%b' "${3:-}"
  } > "$work/$1.tmpl"
  certtool --generate-certificate --load-privkey leaf.key --load-ca-privkey ca.key \
    --load-ca-certificate ca.pem --template "$work/$1.tmpl" --outfile "$1.pem" \
    --no-text 2>/dev/null
}
leaf alice 16                  # 0x10: revoked, keyCompromise
leaf bob 17                    # 0x11: revoked, no reason code
leaf carol 255                 # 0x00ff: revoked, leading zero octet in the certificate
leaf dave 4096                 # 0x1000: not revoked
leaf erin 18 'crl_dist_points = "http://crl.example.org/part1.crl"\n'   # 0x12, in partition 1
leaf frank 19                  # 0x13: on hold in the base CRL, removed by the delta

# --- CRLs (openssl ca over a hand-written index) --------------------------
mkdir -p "$work/db"
cat > "$work/ca.cnf" <<T
[ ca ]
default_ca = ca_default
[ ca_default ]
database = $work/db/index.txt
crlnumber = $work/db/crlnumber
default_md = sha256
crl_extensions = crl_ext
[ crl_ext ]
authorityKeyIdentifier = keyid
[ crl_critical ]
authorityKeyIdentifier = keyid
1.3.6.1.4.1.55555.1 = critical,ASN1:NULL
[ crl_idp ]
authorityKeyIdentifier = keyid
issuingDistributionPoint = critical,@idp
[ idp ]
fullname = URI:http://crl.example.org/part1.crl
onlyuser = TRUE
onlysomereasons = keyCompromise,CACompromise
[ crl_delta ]
authorityKeyIdentifier = keyid
2.5.29.27 = critical,ASN1:INTEGER:5
[ crl_freshest ]
authorityKeyIdentifier = keyid
freshestCRL = URI:http://crl.example.org/delta.crl
T

gencrl () { # out index crlnumber key cert extsection lastupdate nextupdate
  cp "$2" "$work/db/index.txt"
  echo "$3" > "$work/db/crlnumber"
  openssl ca -batch -config "$work/ca.cnf" -gencrl -keyfile "$4" -cert "$5" \
    -crlexts "$6" -crl_lastupdate "$7" -crl_nextupdate "$8" -out "$work/out.pem" 2>/dev/null
  openssl crl -in "$work/out.pem" -outform DER -out "$1.crl"
  cp "$work/out.pem" "$1.pem"
}

: > "$work/empty.idx"
printf 'R\t450101000000Z\t210601000000Z,keyCompromise\t10\tunknown\t/CN=alice\n' > "$work/entries.idx"
printf 'R\t450101000000Z\t210602000000Z\t11\tunknown\t/CN=bob\n' >> "$work/entries.idx"
printf 'R\t450101000000Z\t210603000000Z,superseded\tFF\tunknown\t/CN=carol\n' >> "$work/entries.idx"
printf 'R\t450101000000Z\t210604000000Z,certificateHold\t13\tunknown\t/CN=frank\n' >> "$work/entries.idx"
printf 'R\t450101000000Z\t210605000000Z,keyCompromise\t12\tunknown\t/CN=erin\n' > "$work/part1.idx"
printf 'R\t450101000000Z\t220101000000Z,removeFromCRL\t13\tunknown\t/CN=frank\n' > "$work/delta.idx"
printf 'R\t450101000000Z\t220102000000Z,cessationOfOperation\t1000\tunknown\t/CN=dave\n' >> "$work/delta.idx"

L=20200101000000Z
N=20400101000000Z
gencrl empty "$work/empty.idx" 01 ca.key ca.pem crl_ext $L $N
gencrl entries "$work/entries.idx" 05 ca.key ca.pem crl_ext $L $N
gencrl stale "$work/entries.idx" 04 ca.key ca.pem crl_ext 20200101000000Z 20250101000000Z
gencrl future "$work/entries.idx" 06 ca.key ca.pem crl_ext 20350101000000Z 20400101000000Z
gencrl wrongkey "$work/entries.idx" 05 other.key other-ca.pem crl_ext $L $N
gencrl critical "$work/entries.idx" 05 ca.key ca.pem crl_critical $L $N
gencrl idp "$work/part1.idx" 07 ca.key ca.pem crl_idp $L $N
gencrl delta "$work/delta.idx" 08 ca.key ca.pem crl_delta 20210101000000Z $N
gencrl freshest "$work/entries.idx" 05 ca.key ca.pem crl_freshest $L $N
gencrl bysigner "$work/entries.idx" 05 crlsigner.key crlsigner.pem crl_ext $L $N
gencrl bynocrlsign "$work/entries.idx" 05 other.key nocrlsign.pem crl_ext $L $N
cat empty.pem entries.pem idp.pem > bundle.pem
rm -f empty.pem stale.pem future.pem wrongkey.pem critical.pem idp.pem delta.pem \
  freshest.pem bysigner.pem bynocrlsign.pem
# entries.pem stays: the PEM form of entries.crl.
rm -f ca.key other.key crlsigner.key leaf.key
