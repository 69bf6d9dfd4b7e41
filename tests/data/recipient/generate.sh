#!/bin/sh
# Generates the fixtures of tests/test-recipient.c, tests/test-directory.c
# and tests/test-request.c: a small PKI of its own (OpenSSL "ca", so that
# every keyUsage bit and every date can be chosen), an attribute
# certificate inside a CMS SignedData (asn1Coding), and LDIF for the test
# directory. The outputs are committed; run again only to change them.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"

cat > "$work/ca.cnf" <<'CNF'
[ ca ]
default_ca = testca
[ testca ]
database = WORK/index.txt
new_certs_dir = WORK/new
serial = WORK/serial
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
copy_extensions = none
[ anything ]
commonName = optional
emailAddress = optional
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ inter ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ rsa_enc ]
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = emailProtection
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ rsa_sign ]
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ rsa_server ]
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ec_agree ]
keyUsage = critical,keyAgreement
extendedKeyUsage = emailProtection
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ec_decipher ]
keyUsage = critical,keyAgreement,decipherOnly
extendedKeyUsage = emailProtection
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ec_encipher ]
keyUsage = critical,keyAgreement,encipherOnly
extendedKeyUsage = emailProtection
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ no_ku ]
extendedKeyUsage = emailProtection
subjectAltName = email:copy
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ empty_subject ]
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = emailProtection
subjectAltName = critical,email:nosubject@example.org
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ rogue ]
keyUsage = critical,digitalSignature,keyEncipherment,keyCertSign
subjectAltName = email:copy
CNF
sed -i "s|WORK|$work|g" "$work/ca.cnf"
mkdir "$work/new"
: > "$work/index.txt"
echo 1000 > "$work/serial"

key () { # name type
  [ -f "$1.key" ] && return 0
  case "$2" in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$1.key" 2>/dev/null ;;
  esac
}
ca () { # out key subject start end extensions issuer-pem issuer-key
  openssl req -new -key "$2" -subj "$3" -config "$work/ca.cnf" -out "$work/$1.csr"
  if [ "$7" = self ]; then
    openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$2" -in "$work/$1.csr" \
      -startdate "$4" -enddate "$5" -extensions "$6" -notext -subj "$3" -out "$1.pem" 2>/dev/null
  else
    openssl ca -batch -config "$work/ca.cnf" -cert "$7" -keyfile "$8" -in "$work/$1.csr" \
      -startdate "$4" -enddate "$5" -extensions "$6" -notext -subj "$3" -out "$1.pem" 2>/dev/null
  fi
  openssl x509 -in "$1.pem" -outform DER -out "$1.der"
}
Y2020=20200101000000Z
Y2045=20450101000000Z

key root rsa; key inter rsa; key carol rsa; key carol-ec ec; key dave ec; key erin ed25519
key rogue rsa
ca root root.key "/O=Signet Recipient Test/CN=Recipient Test Root CA" $Y2020 $Y2045 root self
# Two intermediate certificates: same subject, same key, overlapping validity.
ca inter inter.key "/O=Signet Recipient Test/CN=Recipient Test CA" $Y2020 $Y2045 inter root.pem root.key
ca inter-renewed inter.key "/O=Signet Recipient Test/CN=Recipient Test CA" 20210101000000Z $Y2045 inter root.pem root.key

leaf () { # name key cn email start end extensions
  ca "$1" "$2.key" "/CN=$3/emailAddress=$4" "$5" "$6" "$7" inter.pem inter.key
}
leaf carol carol "Carol Example" carol@example.org $Y2020 $Y2045 rsa_enc
leaf carol-new carol "Carol Example" carol@example.org 20220101000000Z $Y2045 rsa_enc
leaf carol-sign carol "Carol Example" carol@example.org 20230101000000Z $Y2045 rsa_sign
leaf carol-expired carol "Carol Example" carol@example.org $Y2020 20250101000000Z rsa_enc
leaf carol-server carol "Carol Example" carol@example.org $Y2020 $Y2045 rsa_server
# Same dates as carol.pem: ranked by last signer and SMIMECapabilities.
leaf carol-twin carol "Carol Example" carol@example.org $Y2020 $Y2045 rsa_enc
leaf carol-ec carol-ec "Carol Example" carol@example.org $Y2020 $Y2045 ec_agree
leaf dave dave "Dave Example" dave@example.org $Y2020 $Y2045 ec_agree
leaf dave-decipher dave "Dave Example" dave@example.org $Y2020 $Y2045 ec_decipher
leaf dave-encipher dave "Dave Example" dave@example.org $Y2020 $Y2045 ec_encipher
leaf erin erin "Erin Example" erin@example.org $Y2020 $Y2045 no_ku
# Addresses of the test directory (tests/test-directory.c).
leaf valid carol "Valid Entry" valid@example.org $Y2020 $Y2045 rsa_enc
leaf expired carol "Expired Entry" expired@example.org $Y2020 20250101000000Z rsa_enc
leaf signonly carol "Signing Only" signonly@example.org $Y2020 $Y2045 rsa_sign
leaf several-a carol "Several Certs" several@example.org $Y2020 $Y2045 rsa_enc
leaf several-b carol "Several Certs" several@example.org 20220101000000Z $Y2045 rsa_enc
leaf several-c carol "Several Certs" several@example.org $Y2020 $Y2045 rsa_sign
# RFC 2632 3: empty subject, critical subjectAltName.
ca nosubject carol.key "/" $Y2020 $Y2045 empty_subject inter.pem inter.key
# A self-signed certificate claiming Carol's address.
ca rogue rogue.key "/CN=Carol Example/emailAddress=carol@example.org" $Y2020 $Y2045 rogue self

# The user's own certificate chain, for request messages, and carol's key
# as PKCS #12 (password "secret").
cat carol.pem inter.pem root.pem > carol-chain.pem
openssl pkcs12 -export -inkey carol.key -in carol.pem -out carol.p12 -passout pass:secret \
  -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256

# userSMIMECertificate (PKCS #7 certs-only) for "several".
openssl crl2pkcs7 -nocrl -certfile several-c.pem -certfile inter.pem -outform DER \
  -out several-smime.p7c

# --- an attribute certificate (RFC 5755) inside a SignedData -------------
# asn1Coding writes DER from a value notation; the signature is a fixed
# string: attribute certificates are shown, never verified nor used.
hex () { od -An -v -tx1 "$1" | tr -d ' \n'; }
carol_serial=$(openssl x509 -in carol.pem -noout -serial | sed 's/^serial=//')
# The issuer Name of carol.pem, DER: the fourth SEQUENCE of the certificate
# (certificate, tbsCertificate, signature, issuer).
name_hex () {
  set -- $(openssl asn1parse -inform DER -in carol.der |
    awk '/SEQUENCE/ {n++; if (n == 4) {split($0, a, ":"); o = a[1] + 0;
      match($0, /hl= *[0-9]+/); h = substr($0, RSTART + 3, RLENGTH - 3) + 0;
      match($0, / l= *[0-9]+/); l = substr($0, RSTART + 3, RLENGTH - 3) + 0;
      print o, h + l; exit}}')
  dd if=carol.der bs=1 skip="$1" count="$2" 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
}
ihex=$(name_hex)
role_name="treasurer@example.org"
gcc -o "$work/make-attribute-cert" make-attribute-cert.c $(pkg-config --cflags --libs libtasn1)
"$work/make-attribute-cert" ../../../lib/signet-attribute-cert.asn carol.der "$ihex" "$carol_serial" "$role_name" \
  "$work/ac.der"
cp "$work/ac.der" attribute-cert.p7
