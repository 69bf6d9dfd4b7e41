/* signet-trust.c: the trust model.
 *
 * Modelled on gcr's trust API: a decision is about one certificate, for a
 * purpose (always e-mail protection here) and, for a pin, a peer (an
 * e-mail address):
 *
 * - anchors: the built-in list (signet-trust-anchors.c), plus the
 *   certificates the user adds, minus the built-in ones the user removes,
 *   minus every distrusted certificate;
 * - distrust: a certificate that must not be relied on anywhere in a path;
 *   distrust wins over every other decision, and the built-in list's own
 *   distrusted certificates count too;
 * - pins: "this certificate is alice@example.org's": the certificate is
 *   trusted for that address even when no anchor vouches for it (it must
 *   still be valid, unrevoked and not distrusted).
 *
 * Permanent decisions live in the store's trust table (kind, sha256,
 * address, scope = purpose OID, decision, reason, created); session
 * decisions live only in this object. Every decision can be listed and
 * undone. The store is read on each question, so a decision made by
 * another process (the command-line tool) counts at once.
 *
 * Store rows: kind "anchor" + decision "trust" (added anchor), kind
 * "anchor" + decision "remove" (removed built-in anchor), kind
 * "certificate" + decision "distrust", kind "pin" + decision "trust".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-trust.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "signet-address.h"
#include "signet-error.h"
#include "signet-prompt.h"
#include "signet-warning.h"

/**
 * SignetTrust:
 *
 * The trust model: the built-in e-mail anchors (see #SignetTrustSource),
 * the anchors the user added or took away, distrusted certificates and
 * certificates pinned to an address. Permanent decisions live in a
 * #SignetStore, session decisions in the object. The verifier asks it
 * about every path; signet_trust_apply() records the answer to a
 * #SignetPrompt.
 *
 * Since: 0.1
 */
struct _SignetTrust
{
  GObject parent_instance;

  GMutex lock;
  SignetStore *store;
  SignetTrustSource source;
  gboolean builtin_given;
  GPtrArray *builtin_anchors; /* NULL until loaded */
  GPtrArray *builtin_distrusted;
  GPtrArray *session; /* SignetTrustDecision */
  guint next_session_id;
  gboolean has_time;
  gint64 time;
};

G_DEFINE_FINAL_TYPE (SignetTrust, signet_trust, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (SignetTrustDecision,
                     signet_trust_decision,
                     signet_trust_decision_copy,
                     signet_trust_decision_free)

/**
 * signet_trust_kind_to_string:
 * @kind: a decision kind
 *
 * The name of a decision kind, as the store and `signet trust list` write
 * it.
 *
 * Returns: `anchor`, `removed-anchor`, `distrust` or `pin`
 *
 * Since: 0.1
 */
const char *
signet_trust_kind_to_string (SignetTrustKind kind)
{
  switch (kind)
    {
    case SIGNET_TRUST_KIND_ANCHOR:
      return "anchor";
    case SIGNET_TRUST_KIND_REMOVED_ANCHOR:
      return "removed-anchor";
    case SIGNET_TRUST_KIND_DISTRUST:
      return "distrust";
    case SIGNET_TRUST_KIND_PIN:
    default:
      return "pin";
    }
}

/**
 * signet_trust_decision_free:
 * @decision: (transfer full) (nullable): a decision
 *
 * Frees @decision.
 *
 * Since: 0.1
 */
void
signet_trust_decision_free (SignetTrustDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->id);
  g_free (decision->sha256);
  g_clear_object (&decision->certificate);
  g_free (decision->address);
  g_free (decision->purpose);
  g_free (decision->reason);
  g_free (decision);
}

/**
 * signet_trust_decision_copy:
 * @decision: a decision
 *
 * Copies @decision; the copy holds a new reference to the certificate.
 *
 * Returns: (transfer full): a copy of @decision
 *
 * Since: 0.1
 */
SignetTrustDecision *
signet_trust_decision_copy (const SignetTrustDecision *decision)
{
  const SignetTrustDecision *d = decision;
  SignetTrustDecision *c;

  g_return_val_if_fail (decision != NULL, NULL);

  c = g_new0 (SignetTrustDecision, 1);

  c->id = g_strdup (d->id);
  c->kind = d->kind;
  c->scope = d->scope;
  c->sha256 = g_strdup (d->sha256);
  c->certificate = d->certificate ? g_object_ref (d->certificate) : NULL;
  c->address = g_strdup (d->address);
  c->purpose = g_strdup (d->purpose);
  c->reason = g_strdup (d->reason);
  c->created = d->created;
  return c;
}

static void
signet_trust_finalize (GObject *object)
{
  SignetTrust *self = SIGNET_TRUST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->builtin_anchors, g_ptr_array_unref);
  g_clear_pointer (&self->builtin_distrusted, g_ptr_array_unref);
  g_clear_pointer (&self->session, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (signet_trust_parent_class)->finalize (object);
}

static void
signet_trust_class_init (SignetTrustClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_trust_finalize;
}

static void
signet_trust_init (SignetTrust *self)
{
  g_mutex_init (&self->lock);
  self->session = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_trust_decision_free);
  self->next_session_id = 1;
}

static GPtrArray *
copy_certificates (GPtrArray *list)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (list, i)));
  return out;
}

/**
 * signet_trust_new:
 * @store: (nullable): the store keeping permanent decisions; without one
 *   only session decisions can be made
 * @source: where the built-in anchors come from (loaded on first use, once
 *   per process, see signet_trust_anchors_get_default())
 *
 * Creates a trust model. No disk access: the store's decisions are read when
 * a question is asked, the built-in anchors when first needed
 * (signet_trust_new_async() loads them in a worker thread).
 *
 * Returns: (transfer full): a trust model
 *
 * Since: 0.1
 */
SignetTrust *
signet_trust_new (SignetStore *store, SignetTrustSource source)
{
  SignetTrust *self = g_object_new (SIGNET_TYPE_TRUST, NULL);

  g_return_val_if_fail (store == NULL || SIGNET_IS_STORE (store), NULL);

  self->store = store ? g_object_ref (store) : NULL;
  self->source = source;
  return self;
}

/**
 * signet_trust_new_with_anchors:
 * @store: (nullable): the store keeping permanent decisions
 * @builtin_anchors: (nullable) (element-type SignetCertificate): the
 *   anchors to use instead of a built-in list
 * @builtin_distrusted: (nullable) (element-type SignetCertificate):
 *   certificates that list distrusts
 *
 * A trust model with a given list instead of a system source (tests, hosts
 * that keep their own list).
 *
 * Returns: (transfer full): a trust model
 *
 * Since: 0.1
 */
SignetTrust *
signet_trust_new_with_anchors (SignetStore *store,
                               GPtrArray *builtin_anchors,
                               GPtrArray *builtin_distrusted)
{
  SignetTrust *self = signet_trust_new (store, SIGNET_TRUST_SOURCE_NONE);

  self->builtin_given = TRUE;
  self->builtin_anchors = copy_certificates (builtin_anchors);
  self->builtin_distrusted = copy_certificates (builtin_distrusted);
  return self;
}

/**
 * signet_trust_get_store:
 * @self: a trust model
 *
 * The store keeping the permanent decisions.
 *
 * Returns: (transfer none) (nullable): the store
 *
 * Since: 0.1
 */
SignetStore *
signet_trust_get_store (SignetTrust *self)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  return self->store;
}

/**
 * signet_trust_get_source:
 * @self: a trust model
 *
 * Where the built-in anchors come from. Loads them on the first call, like
 * signet_trust_get_builtin_anchors(): create the model with
 * signet_trust_new_async() to keep that off the main thread.
 *
 * Returns: the source the built-in anchors really came from (after the
 *   fallbacks of signet_trust_anchors_load())
 *
 * Since: 0.1
 */
SignetTrustSource
signet_trust_get_source (SignetTrust *self)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), SIGNET_TRUST_SOURCE_NONE);
  if (self->builtin_given)
    return SIGNET_TRUST_SOURCE_NONE;
  return signet_trust_anchors_get_default (self->source)->source;
}

/**
 * signet_trust_set_time:
 * @self: a trust model
 * @unix_time: the time to record decisions at (tests; by default now)
 *
 * Sets the time new decisions are recorded with.
 *
 * Since: 0.1
 */
void
signet_trust_set_time (SignetTrust *self, gint64 unix_time)
{
  g_return_if_fail (SIGNET_IS_TRUST (self));
  self->has_time = TRUE;
  self->time = unix_time;
}

static gint64
now (SignetTrust *self)
{
  return self->has_time ? self->time : g_get_real_time () / G_USEC_PER_SEC;
}

/* Called with the lock held. */
static void
ensure_builtin (SignetTrust *self)
{
  const SignetTrustAnchors *defaults;

  if (self->builtin_anchors != NULL)
    return;
  defaults = signet_trust_anchors_get_default (self->source);
  self->builtin_anchors = copy_certificates (defaults->anchors);
  self->builtin_distrusted = copy_certificates (defaults->distrusted);
}

static SignetTrustKind
kind_from_record (const SignetStoreTrustRecord *r, gboolean *known)
{
  *known = TRUE;
  if (g_str_equal (r->kind, "anchor") && g_str_equal (r->decision, "trust"))
    return SIGNET_TRUST_KIND_ANCHOR;
  if (g_str_equal (r->kind, "anchor") && g_str_equal (r->decision, "remove"))
    return SIGNET_TRUST_KIND_REMOVED_ANCHOR;
  if (g_str_equal (r->decision, "distrust"))
    return SIGNET_TRUST_KIND_DISTRUST;
  if (g_str_equal (r->kind, "pin") && g_str_equal (r->decision, "trust") && r->address != NULL)
    return SIGNET_TRUST_KIND_PIN;
  *known = FALSE; /* written by a newer version: ignored */
  return SIGNET_TRUST_KIND_DISTRUST;
}

/* Every decision, permanent ones first (oldest first), then the session's.
 * @with_certificates: look up the certificates of anchors and pins. */
static GPtrArray *
all_decisions (SignetTrust *self, gboolean with_certificates, GError **error)
{
  g_autoptr (GPtrArray) out =
      g_ptr_array_new_with_free_func ((GDestroyNotify) signet_trust_decision_free);
  g_autoptr (GMutexLocker) locker = NULL;

  if (self->store != NULL)
    {
      g_autoptr (GPtrArray) records = signet_store_list_trust (self->store, NULL, error);

      if (records == NULL)
        return NULL;
      for (guint i = 0; i < records->len; i++)
        {
          SignetStoreTrustRecord *r = g_ptr_array_index (records, i);
          SignetTrustDecision *d;
          gboolean known;
          SignetTrustKind kind = kind_from_record (r, &known);

          if (!known)
            continue;
          d = g_new0 (SignetTrustDecision, 1);
          d->id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
          d->kind = kind;
          d->scope = SIGNET_TRUST_SCOPE_PERMANENT;
          d->sha256 = g_strdup (r->sha256);
          d->address = g_strdup (r->address);
          d->purpose = g_strdup (r->scope ? r->scope : SIGNET_TRUST_PURPOSE_EMAIL);
          d->reason = g_strdup (r->reason);
          d->created = r->created;
          if (with_certificates)
            d->certificate = signet_store_lookup (self->store, r->sha256, NULL);
          g_ptr_array_add (out, d);
        }
    }
  locker = g_mutex_locker_new (&self->lock);
  for (guint i = 0; i < self->session->len; i++)
    g_ptr_array_add (out, signet_trust_decision_copy (g_ptr_array_index (self->session, i)));
  return g_steal_pointer (&out);
}

/* Decisions for the questions: a failing store counts as no decisions
 * (logged), like the verifier's other store uses. */
static GPtrArray *
decisions_for_questions (SignetTrust *self, gboolean with_certificates)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *all = all_decisions (self, with_certificates, &error);

  if (all == NULL)
    {
      g_debug ("Trust decisions cannot be read: %s", error->message);
      all = all_decisions (self, FALSE, NULL);
    }
  if (all == NULL)
    all = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_trust_decision_free);
  return all;
}

static gboolean
has_decision (GPtrArray *decisions, SignetTrustKind kind, const char *sha256)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      SignetTrustDecision *d = g_ptr_array_index (decisions, i);

      if (d->kind == kind && g_str_equal (d->sha256, sha256))
        return TRUE;
    }
  return FALSE;
}

static gboolean
in_list (GPtrArray *list, const char *sha256)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_str_equal (signet_certificate_get_sha256 (g_ptr_array_index (list, i)), sha256))
      return TRUE;
  return FALSE;
}

static gboolean
distrusted_in (SignetTrust *self, GPtrArray *decisions, const char *sha256)
{
  gboolean builtin;

  {
    g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

    ensure_builtin (self);
    builtin = in_list (self->builtin_distrusted, sha256);
  }
  return builtin || has_decision (decisions, SIGNET_TRUST_KIND_DISTRUST, sha256);
}

/**
 * signet_trust_get_builtin_anchors:
 * @self: a trust model
 *
 * The anchors of the model's source, loaded on the first call (from PKCS#11
 * modules, which can be slow: see signet_trust_get_builtin_anchors_async()).
 *
 * Returns: (transfer container) (element-type SignetCertificate): the built-in
 *   anchors, before any decision of the user
 *
 * Since: 0.1
 */
GPtrArray *
signet_trust_get_builtin_anchors (SignetTrust *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  locker = g_mutex_locker_new (&self->lock);
  ensure_builtin (self);
  return copy_certificates (self->builtin_anchors);
}

static void
add_unique (GPtrArray *list, SignetCertificate *cert)
{
  if (!in_list (list, signet_certificate_get_sha256 (cert)))
    g_ptr_array_add (list, g_object_ref (cert));
}

/**
 * signet_trust_get_anchors:
 * @self: a trust model
 *
 * The trust anchors for path building: the built-in anchors and the
 * certificates the user added, without those the user removed and without
 * any distrusted certificate.
 *
 * Returns: (transfer container) (element-type SignetCertificate): the anchors
 *
 * Since: 0.1
 */
GPtrArray *
signet_trust_get_anchors (SignetTrust *self)
{
  g_autoptr (GPtrArray) decisions = NULL;
  g_autoptr (GPtrArray) candidates = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SIGNET_IS_TRUST (self), out);

  decisions = decisions_for_questions (self, TRUE);
  candidates = signet_trust_get_builtin_anchors (self);
  for (guint i = 0; i < decisions->len; i++)
    {
      SignetTrustDecision *d = g_ptr_array_index (decisions, i);

      if (d->kind == SIGNET_TRUST_KIND_ANCHOR && d->certificate != NULL)
        add_unique (candidates, d->certificate);
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      SignetCertificate *cert = g_ptr_array_index (candidates, i);
      const char *sha256 = signet_certificate_get_sha256 (cert);

      /* A removal undoes the built-in trust; adding it again later wins. */
      if (has_decision (decisions, SIGNET_TRUST_KIND_REMOVED_ANCHOR, sha256))
        {
          gboolean readded = FALSE;
          gboolean removed_after = FALSE;

          for (guint j = 0; j < decisions->len; j++)
            {
              SignetTrustDecision *d = g_ptr_array_index (decisions, j);

              if (!g_str_equal (d->sha256, sha256))
                continue;
              if (d->kind == SIGNET_TRUST_KIND_ANCHOR)
                readded = TRUE, removed_after = FALSE;
              else if (d->kind == SIGNET_TRUST_KIND_REMOVED_ANCHOR)
                removed_after = TRUE;
            }
          if (removed_after || !readded)
            continue;
        }
      if (distrusted_in (self, decisions, sha256))
        continue;
      g_ptr_array_add (out, g_object_ref (cert));
    }
  return out;
}

/**
 * signet_trust_is_anchor:
 * @self: a trust model
 * @certificate: a certificate
 *
 * Whether paths ending at @certificate are trusted; reads the store's
 * decisions (see signet_trust_is_anchor_async()).
 *
 * Returns: whether @certificate is one of signet_trust_get_anchors()
 *
 * Since: 0.1
 */
gboolean
signet_trust_is_anchor (SignetTrust *self, SignetCertificate *certificate)
{
  g_autoptr (GPtrArray) anchors = NULL;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  anchors = signet_trust_get_anchors (self);
  return in_list (anchors, signet_certificate_get_sha256 (certificate));
}

/**
 * signet_trust_is_distrusted:
 * @self: a trust model
 * @certificate: a certificate
 *
 * Whether @certificate is distrusted; reads the store's decisions (see
 * signet_trust_is_distrusted_async()).
 *
 * Returns: whether the user or the built-in list distrusts @certificate: a
 *   path through it must not be relied on
 *
 * Since: 0.1
 */
gboolean
signet_trust_is_distrusted (SignetTrust *self, SignetCertificate *certificate)
{
  g_autoptr (GPtrArray) decisions = NULL;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  decisions = decisions_for_questions (self, FALSE);
  return distrusted_in (self, decisions, signet_certificate_get_sha256 (certificate));
}

static gboolean
pin_matches (SignetTrustDecision *d, const char *normalized, const char *sha256)
{
  return d->kind == SIGNET_TRUST_KIND_PIN && g_strcmp0 (d->address, normalized) == 0 &&
         (sha256 == NULL || g_str_equal (d->sha256, sha256));
}

/**
 * signet_trust_get_pin:
 * @self: a trust model
 * @address: an e-mail address
 *
 * The certificate the user said belongs to @address; reads the store's
 * decisions (see signet_trust_get_pin_async()).
 *
 * Returns: (transfer full) (nullable): the certificate most recently
 *   pinned for @address that is not distrusted, or %NULL
 *
 * Since: 0.1
 */
SignetCertificate *
signet_trust_get_pin (SignetTrust *self, const char *address)
{
  g_autoptr (GPtrArray) decisions = NULL;
  g_autofree char *normalized = NULL;
  SignetCertificate *best = NULL;
  gint64 best_time = G_MININT64;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  normalized = signet_address_normalize (address);
  if (normalized == NULL)
    return NULL;
  decisions = decisions_for_questions (self, TRUE);
  for (guint i = 0; i < decisions->len; i++)
    {
      SignetTrustDecision *d = g_ptr_array_index (decisions, i);

      if (!pin_matches (d, normalized, NULL) || d->certificate == NULL || d->created < best_time ||
          distrusted_in (self, decisions, d->sha256))
        continue;
      best = d->certificate;
      best_time = d->created;
    }
  return best ? g_object_ref (best) : NULL;
}

/**
 * signet_trust_is_pinned:
 * @self: a trust model
 * @address: an e-mail address
 * @certificate: a certificate
 *
 * Whether @certificate is pinned for @address; reads the store's decisions
 * (see signet_trust_is_pinned_async()).
 *
 * Returns: whether the user said @certificate belongs to @address (and it
 *   is not distrusted)
 *
 * Since: 0.1
 */
gboolean
signet_trust_is_pinned (SignetTrust *self, const char *address, SignetCertificate *certificate)
{
  g_autoptr (GPtrArray) decisions = NULL;
  g_autofree char *normalized = NULL;
  const char *sha256;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  normalized = signet_address_normalize (address);
  if (normalized == NULL)
    return FALSE;
  sha256 = signet_certificate_get_sha256 (certificate);
  decisions = decisions_for_questions (self, FALSE);
  if (distrusted_in (self, decisions, sha256))
    return FALSE;
  for (guint i = 0; i < decisions->len; i++)
    if (pin_matches (g_ptr_array_index (decisions, i), normalized, sha256))
      return TRUE;
  return FALSE;
}

/* ---- reviewing a verified signature --------------------------------------- */

static SignetWarning *
pinned_warning (SignetCertificate *cert, const char *address, const char *replaces)
{
  return signet_warning_new_with (SIGNET_WARNING_PINNED, SIGNET_SEVERITY_INFO, "certificate",
                                  g_variant_new_string (signet_certificate_get_display_name (cert)),
                                  "sha256",
                                  g_variant_new_string (signet_certificate_get_sha256 (cert)),
                                  "address", g_variant_new_string (address), "replaces",
                                  replaces ? g_variant_new_string (replaces) : NULL, NULL);
}

/* The message addresses @cert is pinned for. */
static GStrv
pinned_addresses (SignetTrust *self, SignetSignature *sig, SignetCertificate *cert)
{
  const char *const *addresses = signet_signature_get_message_addresses (sig);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    if (signet_trust_is_pinned (self, addresses[i], cert))
      g_strv_builder_add (builder, addresses[i]);
  return g_strv_builder_end (builder);
}

static gboolean
all_pinned (const char *const *wanted, const char *const *pinned)
{
  if (wanted == NULL || wanted[0] == NULL)
    return FALSE;
  for (guint i = 0; wanted[i] != NULL; i++)
    if (!signet_address_list_contains (pinned, wanted[i], NULL))
      return FALSE;
  return TRUE;
}

/**
 * signet_trust_review_signature:
 * @self: a trust model
 * @signature: a signature the verifier has just checked
 *
 * Applies the user's decisions to @signature (the verifier calls this once
 * per signature, after path validation, the address check and the
 * continuity check):
 *
 * - every distrusted certificate of the chain (the signer included) adds a
 *   `distrusted` error;
 * - when the signer's certificate is pinned for a message address, each
 *   `untrusted-root`, `self-signed` and `issuer-unknown` warning, each
 *   `address-mismatch` whose addresses are all pinned to it and each
 *   `certificate-changed` that names it as the new certificate is replaced
 *   by a `pinned` information (detail "replaces": the code it replaces);
 *   if nothing was replaced, one `pinned` information is added.
 *
 * A pin never hides a bad signature, an expiry, a revocation or a broken
 * chain.
 *
 * Since: 0.1
 */
void
signet_trust_review_signature (SignetTrust *self, SignetSignature *signature)
{
  SignetCertificate *signer;
  GPtrArray *chain;
  g_autoptr (GPtrArray) warnings = NULL;
  g_auto (GStrv) pinned = NULL;
  gboolean replaced = FALSE;
  guint n;

  g_return_if_fail (SIGNET_IS_TRUST (self));
  g_return_if_fail (SIGNET_IS_SIGNATURE (signature));

  signer = signet_signature_get_signer (signature);
  if (signer == NULL)
    return;
  chain = signet_signature_get_chain (signature);
  n = chain != NULL && chain->len > 0 ? chain->len : 1;

  for (guint i = 0; i < n; i++)
    {
      SignetCertificate *cert =
          chain != NULL && chain->len > 0 ? g_ptr_array_index (chain, i) : signer;
      g_autoptr (SignetWarning) w = NULL;

      if (!signet_trust_is_distrusted (self, cert))
        continue;
      w = signet_warning_new_with (
          SIGNET_WARNING_DISTRUSTED, SIGNET_SEVERITY_ERROR, "certificate",
          g_variant_new_string (signet_certificate_get_display_name (cert)), "sha256",
          g_variant_new_string (signet_certificate_get_sha256 (cert)), "reason",
          g_variant_new_string (cert == signer ? "signer" : "issuer"), NULL);
      signet_signature_add_warning (signature, w);
    }

  pinned = pinned_addresses (self, signature, signer);
  if (pinned[0] == NULL)
    return;

  /* Copy: replacing changes the signature's array. */
  warnings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < signet_signature_get_warnings (signature)->len; i++)
    g_ptr_array_add (
        warnings, g_object_ref (g_ptr_array_index (signet_signature_get_warnings (signature), i)));
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);
      const char *code = signet_warning_get_code (w);
      gboolean replace = FALSE;
      const char *address = pinned[0];

      if (g_str_equal (code, SIGNET_WARNING_UNTRUSTED_ROOT) ||
          g_str_equal (code, SIGNET_WARNING_SELF_SIGNED) ||
          g_str_equal (code, SIGNET_WARNING_ISSUER_UNKNOWN))
        replace = TRUE;
      else if (g_str_equal (code, SIGNET_WARNING_ADDRESS_MISMATCH))
        {
          g_autofree const char **wanted = NULL;
          GVariant *details = signet_warning_get_details (w);

          replace = details != NULL &&
                    g_variant_lookup (details, "message_addresses", "^a&s", &wanted) &&
                    all_pinned (wanted, (const char *const *) pinned);
        }
      else if (g_str_equal (code, SIGNET_WARNING_CERTIFICATE_CHANGED))
        {
          const char *changed = signet_warning_get_detail_string (w, "address");

          replace = g_strcmp0 (signet_warning_get_detail_string (w, "new_sha256"),
                               signet_certificate_get_sha256 (signer)) == 0 &&
                    changed != NULL &&
                    signet_address_list_contains ((const char *const *) pinned, changed, NULL);
          if (replace)
            address = changed;
        }
      if (replace)
        {
          g_autoptr (SignetWarning) info = pinned_warning (signer, address, code);

          signet_signature_replace_warning (signature, w, info);
          replaced = TRUE;
        }
    }
  if (!replaced)
    {
      g_autoptr (SignetWarning) info = pinned_warning (signer, pinned[0], NULL);

      signet_signature_add_warning (signature, info);
    }
}

/* ---- decisions ----------------------------------------------------------- */

static const char *
store_kind (SignetTrustKind kind)
{
  switch (kind)
    {
    case SIGNET_TRUST_KIND_ANCHOR:
    case SIGNET_TRUST_KIND_REMOVED_ANCHOR:
      return "anchor";
    case SIGNET_TRUST_KIND_DISTRUST:
      return "certificate";
    case SIGNET_TRUST_KIND_PIN:
    default:
      return "pin";
    }
}

static const char *
store_decision (SignetTrustKind kind)
{
  switch (kind)
    {
    case SIGNET_TRUST_KIND_REMOVED_ANCHOR:
      return "remove";
    case SIGNET_TRUST_KIND_DISTRUST:
      return "distrust";
    case SIGNET_TRUST_KIND_ANCHOR:
    case SIGNET_TRUST_KIND_PIN:
    default:
      return "trust";
    }
}

static char *
record (SignetTrust *self,
        SignetTrustKind kind,
        SignetTrustScope scope,
        SignetCertificate *cert,
        const char *sha256,
        const char *address,
        const char *reason,
        GError **error)
{
  g_autofree char *normalized = NULL;

  if (cert != NULL)
    sha256 = signet_certificate_get_sha256 (cert);
  if (address != NULL && (normalized = signet_address_normalize (address)) == NULL)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   /* Translators: %s is what was given as an e-mail address. */
                   _ ("“%s” is not an e-mail address."), address);
      return NULL;
    }

  if (scope == SIGNET_TRUST_SCOPE_SESSION)
    {
      g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
      SignetTrustDecision *d = g_new0 (SignetTrustDecision, 1);

      d->id = g_strdup_printf ("session-%u", self->next_session_id++);
      d->kind = kind;
      d->scope = scope;
      d->sha256 = g_ascii_strdown (sha256, -1);
      d->certificate = cert ? g_object_ref (cert) : NULL;
      d->address = g_steal_pointer (&normalized);
      d->purpose = g_strdup (SIGNET_TRUST_PURPOSE_EMAIL);
      d->reason = g_strdup (reason);
      d->created = now (self);
      g_ptr_array_add (self->session, d);
      return g_strdup (d->id);
    }

  if (self->store == NULL)
    {
      g_set_error_literal (
          error, SIGNET_ERROR, SIGNET_ERROR_IO,
          _ ("The decision cannot be kept: there is no certificate store to keep it in."));
      return NULL;
    }
  {
    g_autofree char *lower = g_ascii_strdown (sha256, -1);
    SignetStoreTrustRecord r = { 0 };
    gint64 id = 0;

    r.kind = (char *) store_kind (kind);
    r.decision = (char *) store_decision (kind);
    r.sha256 = lower;
    r.address = normalized;
    r.scope = (char *) SIGNET_TRUST_PURPOSE_EMAIL;
    r.reason = (char *) reason;
    r.created = now (self);
    if (!signet_store_add_trust (self->store, &r, cert, &id, error))
      return NULL;
    return g_strdup_printf ("%" G_GINT64_FORMAT, id);
  }
}

/**
 * signet_trust_add_anchor:
 * @self: a trust model
 * @certificate: a certificate authority (or any certificate) to trust for
 *   e-mail
 * @scope: permanent or for this session
 * @reason: (nullable): why
 * @error: return location for a #GError
 *
 * Trusts @certificate as an anchor for e-mail: paths ending at it are valid.
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_add_anchor (SignetTrust *self,
                         SignetCertificate *certificate,
                         SignetTrustScope scope,
                         const char *reason,
                         GError **error)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), NULL);
  return record (self, SIGNET_TRUST_KIND_ANCHOR, scope, certificate, NULL, NULL, reason, error);
}

/**
 * signet_trust_remove_anchor:
 * @self: a trust model
 * @certificate: a built-in anchor
 * @reason: (nullable): why
 * @error: return location for a #GError
 *
 * Takes a built-in anchor away (permanently); undoing the decision gives
 * it back.
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_remove_anchor (SignetTrust *self,
                            SignetCertificate *certificate,
                            const char *reason,
                            GError **error)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), NULL);
  return record (self, SIGNET_TRUST_KIND_REMOVED_ANCHOR, SIGNET_TRUST_SCOPE_PERMANENT, NULL,
                 signet_certificate_get_sha256 (certificate), NULL, reason, error);
}

static gboolean
is_sha256_hex (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * signet_trust_distrust:
 * @self: a trust model
 * @certificate: (nullable): the certificate
 * @sha256: (nullable): or only its SHA-256 fingerprint (64 hex digits),
 *   when the certificate itself is not at hand
 * @scope: permanent or for this session
 * @reason: (nullable): why
 * @error: return location for a #GError
 *
 * Distrusts a certificate: no path through it is valid, whatever else was
 * decided.
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_distrust (SignetTrust *self,
                       SignetCertificate *certificate,
                       const char *sha256,
                       SignetTrustScope scope,
                       const char *reason,
                       GError **error)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  g_return_val_if_fail (certificate != NULL || sha256 != NULL, NULL);

  if (certificate == NULL && !is_sha256_hex (sha256))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE,
                   /* Translators: %s is what was given as a fingerprint. */
                   _ ("“%s” is not a SHA-256 fingerprint (64 hexadecimal digits)."), sha256);
      return NULL;
    }
  return record (self, SIGNET_TRUST_KIND_DISTRUST, scope, certificate, sha256, NULL, reason, error);
}

/**
 * signet_trust_pin:
 * @self: a trust model
 * @certificate: a certificate
 * @address: the e-mail address it belongs to
 * @scope: permanent or for this session
 * @reason: (nullable): why
 * @error: return location for a #GError
 *
 * Says that @certificate is @address's: it is then trusted for that
 * address even when no anchor vouches for it, and even when it does not
 * name the address.
 *
 * Returns: (transfer full): the id of the decision, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
char *
signet_trust_pin (SignetTrust *self,
                  SignetCertificate *certificate,
                  const char *address,
                  SignetTrustScope scope,
                  const char *reason,
                  GError **error)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (address != NULL, NULL);
  return record (self, SIGNET_TRUST_KIND_PIN, scope, certificate, NULL, address, reason, error);
}

/**
 * signet_trust_list:
 * @self: a trust model
 * @error: return location for a #GError
 *
 * Lists the decisions, as `signet trust list` shows them.
 *
 * Returns: (transfer container) (element-type SignetTrustDecision): every
 *   decision, permanent ones first (oldest first), then this session's,
 *   or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
signet_trust_list (SignetTrust *self, GError **error)
{
  g_return_val_if_fail (SIGNET_IS_TRUST (self), NULL);
  return all_decisions (self, TRUE, error);
}

/**
 * signet_trust_undo:
 * @self: a trust model
 * @id: the id of a decision
 * @found: (out) (optional): whether there was such a decision
 * @error: return location for a #GError
 *
 * Undoes one decision.
 *
 * Returns: %TRUE on success (also when nothing was found), %FALSE with
 *   @error set
 *
 * Since: 0.1
 */
gboolean
signet_trust_undo (SignetTrust *self, const char *id, gboolean *found, GError **error)
{
  gint64 row;
  char *end = NULL;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (found)
    *found = FALSE;
  if (g_str_has_prefix (id, "session-"))
    {
      g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

      for (guint i = 0; i < self->session->len; i++)
        if (g_str_equal (((SignetTrustDecision *) g_ptr_array_index (self->session, i))->id, id))
          {
            g_ptr_array_remove_index (self->session, i);
            if (found)
              *found = TRUE;
            break;
          }
      return TRUE;
    }
  row = g_ascii_strtoll (id, &end, 10);
  if (end == id || *end != '\0' || row <= 0 || self->store == NULL)
    return TRUE;
  return signet_store_remove_trust (self->store, row, found, error);
}

/**
 * signet_trust_undo_certificate:
 * @self: a trust model
 * @sha256: a SHA-256 fingerprint (lower- or upper-case hex)
 * @error: return location for a #GError
 *
 * Undoes every decision about one certificate.
 *
 * Returns: how many decisions were undone; 0 with @error set on failure
 *
 * Since: 0.1
 */
guint
signet_trust_undo_certificate (SignetTrust *self, const char *sha256, GError **error)
{
  g_autoptr (GPtrArray) decisions = NULL;
  g_autofree char *lower = NULL;
  guint n = 0;

  g_return_val_if_fail (SIGNET_IS_TRUST (self), 0);
  g_return_val_if_fail (sha256 != NULL, 0);

  lower = g_ascii_strdown (sha256, -1);
  decisions = all_decisions (self, FALSE, error);
  if (decisions == NULL)
    return 0;
  for (guint i = 0; i < decisions->len; i++)
    {
      SignetTrustDecision *d = g_ptr_array_index (decisions, i);
      gboolean found = FALSE;

      if (!g_str_equal (d->sha256, lower))
        continue;
      if (!signet_trust_undo (self, d->id, &found, error))
        return 0;
      if (found)
        n++;
    }
  return n;
}

/**
 * signet_trust_apply:
 * @trust: a trust model
 * @prompt: a prompt made by signet_prompt_new_for_signature()
 * @choice: the id of one of @prompt's choices
 * @error: return location for a #GError
 *
 * Records the answer to @prompt; the caller then verifies the message
 * again. The decisions, by choice:
 *
 * - `trust-authority`: the root becomes an anchor;
 * - `trust-sender` / `trust-session`: the signer's certificate is pinned
 *   for the prompt's address, permanently or for this session;
 * - `distrust-authority`: the root is distrusted; `distrust`: the signer's
 *   certificate is distrusted;
 * - `accept-new`: the new certificate is pinned for the address and
 *   recorded as its latest signing certificate (so the next message
 *   signed with it is not told as a change again); `reject-new`: the new
 *   certificate is distrusted;
 * - `pin-address`: the signer's certificate is pinned for the message's
 *   address.
 *
 * Returns: %TRUE when recorded, %FALSE with @error set
 *   (%SIGNET_ERROR_FAILED for a choice the prompt does not offer)
 *
 * Since: 0.1
 */
gboolean
signet_trust_apply (SignetTrust *trust, SignetPrompt *prompt, const char *choice, GError **error)
{
  SignetCertificate *signer;
  SignetCertificate *subject;
  const char *address;
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (SIGNET_IS_TRUST (trust), FALSE);
  g_return_val_if_fail (SIGNET_IS_PROMPT (prompt), FALSE);
  g_return_val_if_fail (choice != NULL, FALSE);

  if (!signet_prompt_has_choice (prompt, choice))
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   /* Translators: %s is a choice id such as “trust-sender”. */
                   _ ("“%s” is not one of the answers to this question."), choice);
      return FALSE;
    }
  signer = signet_prompt_get_signer (prompt);
  subject = signet_prompt_get_subject (prompt);
  address = signet_prompt_get_address (prompt);
  reason = g_strdup_printf ("answer “%s” to the %s question%s%s", choice,
                            signet_prompt_kind_to_string (signet_prompt_get_kind (prompt)),
                            address ? " about " : "", address ? address : "");

  if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_TRUST_AUTHORITY))
    id = signet_trust_add_anchor (trust, subject, SIGNET_TRUST_SCOPE_PERMANENT, reason, error);
  else if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_TRUST_SENDER) ||
           g_str_equal (choice, SIGNET_PROMPT_CHOICE_PIN_ADDRESS))
    id = signet_trust_pin (trust, signer, address, SIGNET_TRUST_SCOPE_PERMANENT, reason, error);
  else if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_TRUST_SESSION))
    id = signet_trust_pin (trust, signer, address, SIGNET_TRUST_SCOPE_SESSION, reason, error);
  else if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_DISTRUST_AUTHORITY))
    id = signet_trust_distrust (trust, subject, NULL, SIGNET_TRUST_SCOPE_PERMANENT, reason, error);
  else if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_DISTRUST) ||
           g_str_equal (choice, SIGNET_PROMPT_CHOICE_REJECT_NEW))
    id = signet_trust_distrust (trust, signer, NULL, SIGNET_TRUST_SCOPE_PERMANENT, reason, error);
  else if (g_str_equal (choice, SIGNET_PROMPT_CHOICE_ACCEPT_NEW))
    {
      id = signet_trust_pin (trust, signer, address, SIGNET_TRUST_SCOPE_PERMANENT, reason, error);
      if (id != NULL && trust->store != NULL &&
          !signet_store_record_signer (trust->store, address, signer, now (trust), error))
        g_clear_pointer (&id, g_free);
    }
  return id != NULL;
}
