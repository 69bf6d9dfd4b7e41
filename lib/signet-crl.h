/* signet-crl.h: a certificate revocation list, read once and indexed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>

#include "signet-certificate.h"

G_BEGIN_DECLS

/* CRLReason (RFC 5280 5.3.1); SIGNET_CRL_REASON_NONE when the entry has none. */
typedef enum
{
  SIGNET_CRL_REASON_NONE = -1,
  SIGNET_CRL_REASON_UNSPECIFIED = 0,
  SIGNET_CRL_REASON_KEY_COMPROMISE = 1,
  SIGNET_CRL_REASON_CA_COMPROMISE = 2,
  SIGNET_CRL_REASON_AFFILIATION_CHANGED = 3,
  SIGNET_CRL_REASON_SUPERSEDED = 4,
  SIGNET_CRL_REASON_CESSATION_OF_OPERATION = 5,
  SIGNET_CRL_REASON_CERTIFICATE_HOLD = 6,
  SIGNET_CRL_REASON_REMOVE_FROM_CRL = 8,
  SIGNET_CRL_REASON_PRIVILEGE_WITHDRAWN = 9,
  SIGNET_CRL_REASON_AA_COMPROMISE = 10,
} SignetCrlReason;

/* ReasonFlags bits of onlySomeReasons / DistributionPoint.reasons: bit n is
 * (1 << n) with n the BIT STRING bit number (unused = 0, keyCompromise = 1,
 * ..., aACompromise = 8). SIGNET_CRL_REASONS_ALL covers bits 1..8. */
/**
 * SIGNET_CRL_REASONS_ALL:
 *
 * The ReasonFlags bits 1 to 8 (keyCompromise to aACompromise): every reason.
 * Bit n is (1 << n), n the BIT STRING bit number.
 *
 * Since: 0.1
 */
#define SIGNET_CRL_REASONS_ALL 0x1fe

typedef struct
{
  gint64 revocation_time;
  SignetCrlReason reason;
  gint64 invalidity_date;        /* -1 when absent */
  gboolean has_unknown_critical_extension;
} SignetCrlEntry;

#define SIGNET_TYPE_CRL (signet_crl_get_type ())
G_DECLARE_FINAL_TYPE (SignetCrl, signet_crl, SIGNET, CRL, GObject)

SignetCrl *signet_crl_new_from_der (GBytes *der, GError **error);
SignetCrl *signet_crl_new_from_bytes (GBytes *data, GError **error); /* DER or PEM */
GPtrArray *signet_crl_list_from_file (const char *path, GError **error);

GBytes *signet_crl_get_der (SignetCrl *self);
const char *signet_crl_get_sha256 (SignetCrl *self);
const char *signet_crl_get_issuer (SignetCrl *self);           /* RFC 4514 string */
GBytes *signet_crl_get_raw_issuer (SignetCrl *self);           /* DER Name */
GBytes *signet_crl_get_authority_key_id (SignetCrl *self);     /* nullable */
gint64 signet_crl_get_this_update (SignetCrl *self);
gint64 signet_crl_get_next_update (SignetCrl *self);           /* -1 when absent */
GBytes *signet_crl_get_number (SignetCrl *self);               /* nullable, INTEGER contents */
int signet_crl_get_version (SignetCrl *self);                  /* 1 or 2 */
gnutls_sign_algorithm_t signet_crl_get_signature_algorithm (SignetCrl *self);
guint signet_crl_get_entry_count (SignetCrl *self);

/* A CRL or entry extension marked critical that Signet does not understand
 * makes the CRL unusable (RFC 5280 5.2, 5.3). */
gboolean signet_crl_has_unknown_critical_extension (SignetCrl *self);

/* deltaCRLIndicator: returns TRUE for a delta CRL and its base CRL number. */
gboolean signet_crl_is_delta (SignetCrl *self, GBytes **base_crl_number);
/* freshestCRL: URIs of delta CRLs (nullable, NULL-terminated). */
const char *const *signet_crl_get_freshest_uris (SignetCrl *self);

/* issuingDistributionPoint. Returns FALSE when the CRL has none. */
gboolean signet_crl_get_idp (SignetCrl *self,
                             gboolean *only_user_certs,
                             gboolean *only_ca_certs,
                             gboolean *only_attribute_certs,
                             guint *only_some_reasons,      /* SIGNET_CRL_REASONS_ALL if absent */
                             gboolean *indirect);
/* The IDP's distributionPoint: fullName URIs and directory names (DER),
 * or the nameRelativeToCRLIssuer expanded to a full DN (DER). Nullable. */
const char *const *signet_crl_get_idp_uris (SignetCrl *self);
GPtrArray *signet_crl_get_idp_directory_names (SignetCrl *self); /* element-type GBytes, nullable */

/* Looks up a serial (raw INTEGER contents as in signet_certificate_get_serial;
 * redundant leading octets do not matter: 00 00 ff and 00 ff are both 255,
 * while ff is -1) in O(1). For indirect CRLs,
 * @cert_issuer is the DER Name of the certificate's issuer (entries carry a
 * certificateIssuer extension that applies to the entries that follow it);
 * pass NULL for a direct CRL, meaning the CRL issuer. */
gboolean signet_crl_lookup (SignetCrl *self,
                            GBytes *serial,
                            GBytes *cert_issuer,
                            SignetCrlEntry *entry);

/* Whether @issuer's public key verifies the CRL's signature (nothing else:
 * cRLSign, names and dates are the caller's checks). */
gboolean signet_crl_verify_signature (SignetCrl *self, SignetCertificate *issuer);

/* Limits of the CRL reader, on top of signet-limits.h. */
/**
 * SIGNET_CRL_MAX_PEM_BLOCKS:
 *
 * The most CRLs read from one PEM bundle.
 *
 * Since: 0.1
 */
#define SIGNET_CRL_MAX_PEM_BLOCKS   4096 /* CRLs read from one PEM bundle */
/**
 * SIGNET_CRL_MAX_SERIAL_SIZE:
 *
 * The longest serial number of a CRL entry, in octets.
 *
 * Since: 0.1
 */
#define SIGNET_CRL_MAX_SERIAL_SIZE  128  /* octets of one userCertificate serial */
/**
 * SIGNET_CRL_MAX_NAMES:
 *
 * The most GeneralNames kept from one extension.
 *
 * Since: 0.1
 */
#define SIGNET_CRL_MAX_NAMES        256  /* GeneralNames kept from one extension */

const char *signet_crl_get_issuer_display_name (SignetCrl *self);
GBytes *signet_crl_get_idp_der (SignetCrl *self);
gboolean signet_crl_verify_signature_with_pubkey (SignetCrl *self, gnutls_pubkey_t key);

/* One DistributionPoint of a cRLDistributionPoints (or freshestCRL)
 * extension. */
typedef struct
{
  gboolean has_name;           /* distributionPoint present */
  GStrv uris;                  /* fullName URIs (never NULL) */
  GPtrArray *directory_names;  /* element-type GBytes: fullName directoryNames, or
                                * nameRelativeToCRLIssuer expanded to a full DN */
  guint reasons;               /* SIGNET_CRL_REASONS_ALL when absent */
  GPtrArray *crl_issuers;      /* element-type GBytes: cRLIssuer directoryNames, NULL when absent */
} SignetCrlDistributionPoint;

void signet_crl_distribution_point_free (SignetCrlDistributionPoint *point);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetCrlDistributionPoint, signet_crl_distribution_point_free)

GPtrArray *signet_crl_parse_distribution_points (GBytes *extension_value,
                                                 GBytes *issuer_name,
                                                 GError **error);
gboolean signet_crl_names_equal (GBytes *a, GBytes *b);

G_END_DECLS
