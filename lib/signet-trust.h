/* signet-trust.h: the trust model: anchors, distrust and pins.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "signet-certificate.h"
#include "signet-signature.h"
#include "signet-store.h"
#include "signet-trust-anchors.h"

G_BEGIN_DECLS

/* Warning codes SignetTrust adds to a signature (signet_trust_review_signature()). */
/**
 * SIGNET_WARNING_DISTRUSTED:
 *
 * The code of the warning (an error) signet_trust_review_signature() adds
 * when a certificate of the path is distrusted; its details name the
 * certificate (`certificate`, `sha256`) and whether it is the `signer` or
 * an `issuer` (`reason`).
 *
 * Since: 0.1
 */
#ifndef SIGNET_WARNING_DISTRUSTED
#define SIGNET_WARNING_DISTRUSTED "distrusted"
#endif
/**
 * SIGNET_WARNING_PINNED:
 *
 * The code of the information signet_trust_review_signature() adds when
 * the signer's certificate is trusted for the address because the user
 * said so, not because of a certificate authority; the detail `replaces`
 * names the warning it replaced, if any.
 *
 * Since: 0.1
 */
#ifndef SIGNET_WARNING_PINNED
#define SIGNET_WARNING_PINNED "pinned"
#endif

/**
 * SIGNET_TRUST_PURPOSE_EMAIL:
 *
 * The purpose every decision is for unless said otherwise: e-mail
 * protection (id-kp-emailProtection, 1.3.6.1.5.5.7.3.4).
 *
 * Since: 0.1
 */
#define SIGNET_TRUST_PURPOSE_EMAIL "1.3.6.1.5.5.7.3.4"

/**
 * SignetTrustKind:
 * @SIGNET_TRUST_KIND_ANCHOR: the certificate is a trust anchor for e-mail
 *   (a certificate authority, or one certificate trusted directly)
 * @SIGNET_TRUST_KIND_REMOVED_ANCHOR: a built-in anchor the user took away;
 *   the certificate is then simply not an anchor
 * @SIGNET_TRUST_KIND_DISTRUST: the certificate must not be relied on,
 *   anywhere in a path; wins over every other decision
 * @SIGNET_TRUST_KIND_PIN: the certificate belongs to an address: it is
 *   trusted for that address even when no anchor vouches for it
 *
 * What a trust decision says.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_TRUST_KIND_ANCHOR,
  SIGNET_TRUST_KIND_REMOVED_ANCHOR,
  SIGNET_TRUST_KIND_DISTRUST,
  SIGNET_TRUST_KIND_PIN,
} SignetTrustKind;

const char *signet_trust_kind_to_string (SignetTrustKind kind);

/**
 * SignetTrustScope:
 * @SIGNET_TRUST_SCOPE_PERMANENT: kept in the store
 * @SIGNET_TRUST_SCOPE_SESSION: kept in the #SignetTrust object only,
 *   forgotten when it is freed
 *
 * How long a decision lasts.
 *
 * Since: 0.1
 */
typedef enum
{
  SIGNET_TRUST_SCOPE_PERMANENT,
  SIGNET_TRUST_SCOPE_SESSION,
} SignetTrustScope;

/**
 * SignetTrustDecision:
 * @id: a stable id: the store's row id ("12") or "session-N"
 * @kind: what the decision says
 * @scope: how long it lasts
 * @sha256: the certificate's SHA-256 fingerprint (lower-case hex)
 * @certificate: (nullable): the certificate, when known
 * @address: (nullable): the address of a pin (normalised)
 * @purpose: the purpose OID (e-mail protection)
 * @reason: (nullable): why
 * @created: when (Unix time)
 *
 * One trust decision, as signet_trust_list() returns it.
 *
 * Since: 0.1
 */
typedef struct
{
  char *id;
  SignetTrustKind kind;
  SignetTrustScope scope;
  char *sha256;
  SignetCertificate *certificate;
  char *address;
  char *purpose;
  char *reason;
  gint64 created;
} SignetTrustDecision;

#define SIGNET_TYPE_TRUST_DECISION (signet_trust_decision_get_type ())
GType signet_trust_decision_get_type (void) G_GNUC_CONST;
SignetTrustDecision *signet_trust_decision_copy (const SignetTrustDecision *decision);
void signet_trust_decision_free (SignetTrustDecision *decision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignetTrustDecision, signet_trust_decision_free)

#define SIGNET_TYPE_TRUST (signet_trust_get_type ())
G_DECLARE_FINAL_TYPE (SignetTrust, signet_trust, SIGNET, TRUST, GObject)

SignetTrust *signet_trust_new (SignetStore *store, SignetTrustSource source);
SignetTrust *signet_trust_new_with_anchors (SignetStore *store,
                                            GPtrArray *builtin_anchors,
                                            GPtrArray *builtin_distrusted);
SignetStore *signet_trust_get_store (SignetTrust *self);
SignetTrustSource signet_trust_get_source (SignetTrust *self);
void signet_trust_set_time (SignetTrust *self, gint64 unix_time);

/* Questions (the verifier's side) */
GPtrArray *signet_trust_get_builtin_anchors (SignetTrust *self);
GPtrArray *signet_trust_get_anchors (SignetTrust *self);
gboolean signet_trust_is_anchor (SignetTrust *self, SignetCertificate *certificate);
gboolean signet_trust_is_distrusted (SignetTrust *self, SignetCertificate *certificate);
SignetCertificate *signet_trust_get_pin (SignetTrust *self, const char *address);
gboolean
signet_trust_is_pinned (SignetTrust *self, const char *address, SignetCertificate *certificate);
void signet_trust_review_signature (SignetTrust *self, SignetSignature *signature);

/* Decisions */
char *signet_trust_add_anchor (SignetTrust *self,
                               SignetCertificate *certificate,
                               SignetTrustScope scope,
                               const char *reason,
                               GError **error);
char *signet_trust_remove_anchor (SignetTrust *self,
                                  SignetCertificate *certificate,
                                  const char *reason,
                                  GError **error);
char *signet_trust_distrust (SignetTrust *self,
                             SignetCertificate *certificate,
                             const char *sha256,
                             SignetTrustScope scope,
                             const char *reason,
                             GError **error);
char *signet_trust_pin (SignetTrust *self,
                        SignetCertificate *certificate,
                        const char *address,
                        SignetTrustScope scope,
                        const char *reason,
                        GError **error);
GPtrArray *signet_trust_list (SignetTrust *self, GError **error);
gboolean signet_trust_undo (SignetTrust *self, const char *id, gboolean *found, GError **error);
guint signet_trust_undo_certificate (SignetTrust *self, const char *sha256, GError **error);

G_END_DECLS
