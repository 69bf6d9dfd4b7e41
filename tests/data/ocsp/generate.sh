#!/bin/sh
# Regenerates the OCSP and AIA fixtures of tests/test-ocsp.c and
# tests/test-fetcher.c. Certificates are valid 2020-01-01..2045-01-01; the
# tests validate at 2030-01-01T00:00:00Z. OCSP responses get thisUpdate =
# the time this script runs (openssl cannot backdate them) and, unless
# noted, nextUpdate 20 years later. Needs certtool (GnuTLS) and openssl 3.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key () { certtool --generate-privkey --key-type ecdsa --curve secp256r1 --no-text --outfile "$1" 2>/dev/null; }

cert () { # name issuer(or "self") template-lines
  printf '%b' "$3" > "$work/$1.tmpl"
  if [ "$2" = self ]; then
    certtool --generate-self-signed --load-privkey "$1.key" --template "$work/$1.tmpl" \
      --outfile "$1.pem" --no-text 2>/dev/null
  else
    certtool --generate-certificate --load-privkey "$1.key" --load-ca-privkey "$2.key" \
      --load-ca-certificate "$2.pem" --template "$work/$1.tmpl" --outfile "$1.pem" \
      --no-text 2>/dev/null
  fi
}

dates='activation_date = "2020-01-01 00:00:00 UTC"\nexpiration_date = "2045-01-01 00:00:00 UTC"\n'
ca_name='cn = "Signet Test OCSP CA"\norganization = "Signet Tests"\n'

for k in ca responder noeku rogue twin-ca leaf revoked stranger twin; do key "$k.key"; done

# The CA, and a second CA with the same name but another key.
cert ca self "${ca_name}serial = 1\n${dates}ca\ncert_signing_key\ncrl_signing_key\n"
cert twin-ca self "${ca_name}serial = 2\n${dates}ca\ncert_signing_key\ncrl_signing_key\n"

# A delegated responder (id-kp-OCSPSigning) and a CA-issued certificate
# without that purpose, and a self-signed key nobody authorised.
cert responder ca "cn = \"Signet Test OCSP Responder\"\norganization = \"Signet Tests\"\nserial = 16\n${dates}signing_key\nocsp_signing_key\n"
cert noeku ca "cn = \"Signet Test Not A Responder\"\norganization = \"Signet Tests\"\nserial = 17\n${dates}signing_key\nemail_protection_key\n"
cert rogue self "cn = \"Signet Test OCSP CA\"\norganization = \"Signet Tests\"\nserial = 18\n${dates}signing_key\nocsp_signing_key\n"

leaf () { # name issuer serial
  cert "$1" "$2" "cn = \"$1\"\nemail = \"$1@example.org\"\nserial = $3\n${dates}signing_key\nemail_protection_key\nocsp_uri = \"http://ocsp.example.org/\"\nca_issuers_uri = \"http://ca.example.org/ca.der\"\ncrl_dist_points = \"http://crl.example.org/ca.crl\"\n"
}
leaf leaf ca 8193        # 0x2001: good
leaf revoked ca 8194     # 0x2002: revoked 2024-01-01, keyCompromise
leaf stranger ca 8195    # 0x2003: not in the responder's index: unknown
leaf twin twin-ca 8193   # 0x2001 again, from the other CA of the same name

for c in ca responder noeku rogue twin-ca leaf revoked stranger twin; do
  certtool --certificate-info --infile "$c.pem" --outder --outfile "$c.der" 2>/dev/null
done

# The responder's database (openssl ca index format).
printf 'V\t450101000000Z\t\t2001\tunknown\t/CN=leaf\n' > "$work/index.txt"
printf 'R\t450101000000Z\t240101000000Z,keyCompromise\t2002\tunknown\t/CN=revoked\n' >> "$work/index.txt"
printf 'V\t450101000000Z\t\t2001\tunknown\t/CN=twin\n' > "$work/twin-index.txt"

req () { # out cert issuer [nonce]
  if [ "${4:-}" = nonce ]; then
    openssl ocsp -issuer "$3.pem" -cert "$2.pem" -reqout "$1" 2>/dev/null
  else
    openssl ocsp -issuer "$3.pem" -cert "$2.pem" -no_nonce -reqout "$1" 2>/dev/null
  fi
}
resp () { # out request signer ca index extra-args...
  out=$1 reqf=$2 signer=$3 ca=$4 index=$5
  shift 5
  openssl ocsp -index "$index" -CA "$ca.pem" -rsigner "$signer.pem" -rkey "$signer.key" \
    -reqin "$reqf" -respout "$out" "$@" >/dev/null 2>&1
}

req req-leaf.der leaf ca
req req-leaf-nonce.der leaf ca nonce
req "$work/req-revoked.der" revoked ca
req "$work/req-stranger.der" stranger ca
req "$work/req-twin.der" twin twin-ca

long="-ndays 7300"
resp good.der req-leaf.der responder ca "$work/index.txt" $long
resp good-direct.der req-leaf.der ca ca "$work/index.txt" $long
resp good-nonce.der req-leaf-nonce.der responder ca "$work/index.txt" $long
resp revoked.der "$work/req-revoked.der" responder ca "$work/index.txt" $long
resp unknown.der "$work/req-stranger.der" responder ca "$work/index.txt" $long
resp noeku.der req-leaf.der noeku ca "$work/index.txt" $long
resp rogue.der req-leaf.der rogue ca "$work/index.txt" $long
resp stale.der req-leaf.der responder ca "$work/index.txt" -nmin 1
resp no-next-update.der req-leaf.der responder ca "$work/index.txt"
resp twin.der "$work/req-twin.der" twin-ca twin-ca "$work/twin-index.txt" $long

# A certificate with every kind of fetchable and non-fetchable pointer, for
# the authorityInfoAccess / cRLDistributionPoints readers.
cat > "$work/aia.cnf" <<T
[ ext ]
basicConstraints = CA:FALSE
crlDistributionPoints = cdp1, cdp2
freshestCRL = URI:http://crl.example.org/delta.crl
authorityInfoAccess = OCSP;URI:http://ocsp.example.org/, OCSP;URI:ldap://ocsp.example.org/, caIssuers;URI:https://ca.example.org/ca.p7c, caIssuers;URI:file:///etc/passwd, caIssuers;URI:http://ca.example.org/ca.der
[ cdp1 ]
fullname = URI:http://crl.example.org/ca.crl, URI:ldap://ldap.example.org/cn=CA?certificateRevocationList, URI:http://crl.example.org/ca.crl
[ cdp2 ]
fullname = URI:https://crl2.example.org/ca.crl, URI:ftp://crl.example.org/ca.crl
T
openssl req -new -key leaf.key -subj "/O=Signet Tests/CN=aia" -out "$work/aia.csr" 2>/dev/null
openssl x509 -req -in "$work/aia.csr" -CA ca.pem -CAkey ca.key -set_serial 8196 -days 7300 \
  -extfile "$work/aia.cnf" -extensions ext -outform DER -out aia.der 2>/dev/null

echo "OCSP fixtures written to $(pwd)"
