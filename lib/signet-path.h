/* signet-path.h: certification path building and validation (RFC 5280 6.1).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>
#include <gnutls/abstract.h>

#include "signet-certificate.h"
#include "signet-revocation.h"

G_BEGIN_DECLS

typedef enum
{
  SIGNET_LEAF_USAGE_SIGNING,     /* digitalSignature or nonRepudiation */
  SIGNET_LEAF_USAGE_ENCRYPTION,  /* keyEncipherment (RSA) / keyAgreement (DH, ECDH) */
  SIGNET_LEAF_USAGE_ANY,         /* no keyUsage requirement (signet check) */
} SignetLeafUsage;

/* Settings of one validation (plain struct; the caller owns the strings). */
typedef struct
{
  gint64 time;                         /* validation time, Unix seconds */
  const char *const *initial_policies; /* user-initial-policy-set; NULL = { anyPolicy } */
  gboolean require_explicit_policy;    /* initial-explicit-policy */
  gboolean inhibit_policy_mapping;     /* initial-policy-mapping-inhibit */
  gboolean inhibit_any_policy;         /* initial-any-policy-inhibit */
  const char *purpose_oid;             /* EKU wanted of the leaf; NULL = emailProtection */
  SignetLeafUsage leaf_usage;
  gboolean check_revocation;           /* TRUE: every certificate of the path but the anchor */
} SignetPathOptions;

void signet_path_options_init (SignetPathOptions *options, gint64 time);

/* How deep the validation of a CRL signer's own path may recurse (a CRL
 * signer whose CRL is signed by another CRL signer, ...). */
#define SIGNET_MAX_CRL_SIGNER_DEPTH 3

#define SIGNET_TYPE_PATH_RESULT (signet_path_result_get_type ())
G_DECLARE_FINAL_TYPE (SignetPathResult, signet_path_result, SIGNET, PATH_RESULT, GObject)

/* Builds every candidate path from @leaf through @intermediates (any
 * order, unrelated extras ignored; element-type SignetCertificate) to one
 * of @anchors (element-type SignetCertificate), matching by name and
 * AKI/SKI, trying several candidates for one issuer (same subject and
 * key, overlapping validity: RFC 2632 2.1) until one validates, with loops
 * and depth bounded (SIGNET_MAX_PATH_LENGTH, SIGNET_MAX_PATH_CANDIDATES).
 * Validates each per RFC 5280 6.1 at @options->time and returns the valid
 * path if any, else the most plausible failed one with every reason it
 * failed. A self-signed certificate is never trusted unless it is in
 * @anchors. @crls (element-type SignetCrl) decide revocation. */
SignetPathResult *signet_path_validate (SignetCertificate *leaf,
                                        GPtrArray *intermediates,
                                        GPtrArray *anchors,
                                        GPtrArray *crls,
                                        const SignetPathOptions *options);

/* Leaf first; the anchor last when one was reached. */
GPtrArray *signet_path_result_get_chain (SignetPathResult *self);  /* element-type SignetCertificate */
/* TRUE only when a whole path to a trust anchor validated and every
 * certificate's revocation status (the anchor's aside) is known and good
 * (when revocation checking was asked for). */
gboolean signet_path_result_get_path_valid (SignetPathResult *self);
/* TRUE when the chain ends at a trust anchor (whatever else failed). */
gboolean signet_path_result_get_anchored (SignetPathResult *self);
/* Findings, element-type SignetWarning (codes of signet-warning.h: each
 * with details "certificate" = display name and "sha256" of the certificate
 * concerned where there is one). */
GPtrArray *signet_path_result_get_warnings (SignetPathResult *self);
/* Revocation status of chain element @index (the anchor: GOOD). */
const SignetRevocationResult *signet_path_result_get_revocation (SignetPathResult *self, guint index);
/* The authorities-constrained policy set of the valid path (OIDs;
 * "2.5.29.32.0" when any policy is acceptable), NULL when no valid path. */
const char *const *signet_path_result_get_valid_policies (SignetPathResult *self);

/* The key of @chain[@index] (leaf first) completed with DSA parameters
 * inherited from the certificates above it (RFC 5280 6.1.4 (f)), for
 * checking what that certificate signed (certificates, CRLs); NULL when its
 * key needs no inheritance or nothing above supplies the parameters. */
gnutls_pubkey_t signet_path_inherited_dsa_key (GPtrArray *chain, guint index);

/* Empties the process-wide caches of validated certificate links,
 * revocation decisions and parsed certificates (for benchmarks and tests;
 * the caches never need flushing for correctness). */
void signet_path_clear_caches (void);

/* Certificate links whose signature verified, kept process-wide. */
#define SIGNET_PATH_LINK_CACHE_SIZE 4096

G_END_DECLS
