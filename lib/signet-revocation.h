/* signet-revocation.h: the revocation status of one certificate of a path.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <gnutls/abstract.h>

#include "signet-certificate.h"
#include "signet-crl.h"

G_BEGIN_DECLS

typedef enum
{
  SIGNET_REVOCATION_GOOD,      /* a usable CRL covers it and does not list it */
  SIGNET_REVOCATION_REVOKED,   /* a usable CRL lists it */
  SIGNET_REVOCATION_UNKNOWN,   /* no usable CRL covers it */
  SIGNET_REVOCATION_PENDING,   /* a fetch is under way (network issue) */
} SignetRevocationState;

typedef struct
{
  SignetRevocationState state;
  gint64 revocation_time;      /* REVOKED only */
  SignetCrlReason reason;      /* REVOKED only */
  char *crl_sha256;            /* the CRL that decided, nullable */
  gint64 crl_next_update;      /* of that CRL, -1 when none */
} SignetRevocationResult;

void signet_revocation_result_clear (SignetRevocationResult *result);

const char *signet_revocation_state_to_string (SignetRevocationState state);

/* Called when a CRL is signed by a certificate other than @issuer (an
 * indirect CRL, a cRLIssuer, or a CA's separate CRL-signing key): returns
 * whether @signer itself has a valid path (the path module validates it to
 * the same trust anchors, revocation included, with a recursion bound). */
typedef gboolean (*SignetCrlSignerValidator) (SignetCertificate *signer, gpointer user_data);

/* Decides @cert's status from @crls (element-type SignetCrl) at time @when,
 * @issuer being the certificate that issued @cert in the validated path,
 * following RFC 5280 6.3: a CRL is usable when its issuer is the
 * certificate's issuer (or, for an indirect CRL or a distribution point
 * with cRLIssuer, the CRL issuer named there, with certificateIssuer entry
 * extensions), its signature verifies with @issuer's key or with the key of
 * a certificate from @candidates that has the CRL issuer's name, allows
 * cRLSign and that @validate_signer accepts; thisUpdate <= @when; nextUpdate
 * (if any) >= @when; no unknown critical CRL or entry extension; its scope
 * (issuingDistributionPoint: onlyContainsUserCerts/CACerts, onlySomeReasons,
 * distribution point names matching the certificate's cRLDistributionPoints)
 * covers the certificate; delta CRLs (deltaCRLIndicator) are merged with
 * their base; removeFromCRL entries of a delta unrevoke; certificateHold is
 * revoked (state REVOKED, reason CERTIFICATE_HOLD). The reasons covered by
 * the usable CRLs must add up to all reasons, else UNKNOWN.
 * Every CRL that looked relevant but was unusable adds a warning to
 * @warnings (element-type SignetWarning), once per CRL: `crl-expired` for a
 * stale CRL (details "crl_issuer", "next_update" ISO 8601), `crl-invalid`
 * otherwise (details "crl_issuer", "reason": one of signature,
 * not-yet-valid, critical-extension, no-crl-sign, scope, malformed). */
void signet_revocation_check (SignetCertificate *cert,
                              SignetCertificate *issuer,
                              GPtrArray *crls,
                              GPtrArray *candidates,
                              gint64 when,
                              SignetCrlSignerValidator validate_signer,
                              gpointer user_data,
                              SignetRevocationResult *result,
                              GPtrArray *warnings);

void signet_revocation_check_with_key (SignetCertificate *cert,
                                       SignetCertificate *issuer,
                                       gnutls_pubkey_t issuer_key,
                                       GPtrArray *crls,
                                       GPtrArray *candidates,
                                       gint64 when,
                                       SignetCrlSignerValidator validate_signer,
                                       gpointer user_data,
                                       SignetRevocationResult *result,
                                       GPtrArray *warnings);

/* Revocation decisions are cached process-wide (see signet-revocation.c
 * for what the key covers and when an entry applies). */
#define SIGNET_REVOCATION_CACHE_SIZE 4096

void signet_revocation_clear_cache (void);

G_END_DECLS
