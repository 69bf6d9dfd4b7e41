/* signet-certs-only.h: reading certificate files and writing certs-only
 * messages (RFC 2632 section 4: application/pkcs7-mime; smime-type=certs-only).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-certificate.h"
#include "signet-crl.h"

G_BEGIN_DECLS

/* Limits of the import reader, on top of signet-limits.h. */
#define SIGNET_CERTS_ONLY_MAX_FILE_SIZE  (64 * 1024 * 1024) /* bytes of one import file */
#define SIGNET_CERTS_ONLY_MAX_ITEMS      10000 /* certificates + CRLs + refusals read from one file */
#define SIGNET_CERTS_ONLY_MAX_DEPTH      4     /* a message holding a bag holding ... */

/**
 * SignetRefusalReason:
 * @SIGNET_REFUSAL_GARBAGE: the bytes are not DER, PEM, PKCS #7 or MIME at all
 * @SIGNET_REFUSAL_NOT_A_CERTIFICATE: a well-formed object that is not a
 *   certificate or CRL (a private key, a signed message without
 *   certificates, ...)
 * @SIGNET_REFUSAL_BAD_CERTIFICATE: it claims to be a certificate but
 *   GnuTLS cannot read it
 * @SIGNET_REFUSAL_BAD_CRL: it claims to be a CRL but cannot be read
 * @SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE: an attribute certificate, which
 *   S/MIME does not use
 * @SIGNET_REFUSAL_OTHER_CERTIFICATE_FORMAT: another CertificateChoices
 *   form (RFC 5652 "other")
 * @SIGNET_REFUSAL_OTHER_REVOCATION_INFO: revocation data that is not a CRL
 *   (an OCSP response, RFC 5940)
 * @SIGNET_REFUSAL_DUPLICATE: the same certificate or CRL appeared earlier in
 *   the file
 * @SIGNET_REFUSAL_TOO_MANY: the file holds more items than
 *   %SIGNET_CERTS_ONLY_MAX_ITEMS or nests deeper than
 *   %SIGNET_CERTS_ONLY_MAX_DEPTH
 *
 * Why an item of an import file was not taken.
 */
typedef enum
{
  SIGNET_REFUSAL_GARBAGE,
  SIGNET_REFUSAL_NOT_A_CERTIFICATE,
  SIGNET_REFUSAL_BAD_CERTIFICATE,
  SIGNET_REFUSAL_BAD_CRL,
  SIGNET_REFUSAL_ATTRIBUTE_CERTIFICATE,
  SIGNET_REFUSAL_OTHER_CERTIFICATE_FORMAT,
  SIGNET_REFUSAL_OTHER_REVOCATION_INFO,
  SIGNET_REFUSAL_DUPLICATE,
  SIGNET_REFUSAL_TOO_MANY,
} SignetRefusalReason;

/**
 * SignetRefusal:
 * @location: where the item was, e.g. "PEM block 3", "PKCS #7 certificate 2",
 *   "MIME part 1.2" (English, for logs and the CLI)
 * @reason: why it was refused
 * @detail: (nullable): a technical detail in English (a GnuTLS error, a PEM
 *   label)
 *
 * One refused item of an import file.
 */
typedef struct
{
  char *location;
  SignetRefusalReason reason;
  char *detail;
} SignetRefusal;

/**
 * SignetCertsOnlyContents:
 * @certificates: (element-type SignetCertificate): the certificates, in
 *   file order, without duplicates
 * @crls: (element-type SignetCrl): the CRLs, without duplicates
 * @refused: (element-type SignetRefusal): what was not taken
 *
 * What an import file holds.
 */
typedef struct
{
  GPtrArray *certificates;
  GPtrArray *crls;
  GPtrArray *refused;
} SignetCertsOnlyContents;

void signet_certs_only_contents_free (SignetCertsOnlyContents *contents);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetCertsOnlyContents, signet_certs_only_contents_free)

const char *signet_refusal_reason_to_string (SignetRefusalReason reason);
char *signet_refusal_describe (const SignetRefusal *refusal);

SignetCertsOnlyContents *signet_certs_only_parse (GBytes *data, GError **error);
SignetCertsOnlyContents *signet_certs_only_parse_file (const char *path, GError **error);

GBytes *signet_certs_only_build_p7c (GPtrArray *certificates, GError **error);
GBytes *signet_certs_only_build_message (GPtrArray *certificates, GError **error);

G_END_DECLS
