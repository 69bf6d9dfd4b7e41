/* signet-verifier.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-verifier.h"

#include <string.h>

#include <gio/gunixinputstream.h>

#include "signet-address.h"
#include "signet-aia.h"
#include "signet-certs-only.h"
#include "signet-cms.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-mime-scanner.h"
#include "signet-ocsp.h"
#include "signet-oids.h"
#include "signet-online.h"
#include "signet-path.h"
#include "signet-signer-info-private.h"
#include "signet-store.h"
#include "signet-trust.h"
#include "signet-trust-anchors.h"
#include "signet-warning.h"

/**
 * SignetVerifier:
 *
 * Verifies the S/MIME signatures of messages. Configure it (trust anchors,
 * CRLs, validation time, policy settings) before the first verification;
 * after that it may be used from several threads at once.
 *
 * Every S/MIME part of the message is found (see signet_mime_scan()); for
 * each SignerInfo the signature is checked with the signer's certificate
 * (GnuTLS), a certificate path is built from the certificates that came
 * with the message and the verifier's own, validated per RFC 5280 at the
 * validation time, with revocation from CRLs, and the From/Sender address
 * is compared with the certificate's (RFC 2632 section 3).
 *
 * Since: 0.1
 */
struct _SignetVerifier
{
  GObject parent_instance;

  GPtrArray *anchors;
  GPtrArray *certificates;
  GPtrArray *crls;
  gboolean use_system_trust;
  gboolean offline;
  gboolean has_time;
  gint64 time;
  GStrv initial_policies;
  gboolean require_explicit_policy;
  gboolean inhibit_policy_mapping;
  gboolean inhibit_any_policy;
  gboolean check_revocation;
  gboolean reject_sha1;
  SignetStore *store;
  SignetTrust *trust;

  /* The network (see "Online" below). */
  SignetRevocationOrder revocation_order;
  guint fetch_budget;
  SignetFetcher *fetcher;
  SignetOnline *online;
  GMutex cache_lock;
  GHashTable *memory_crls;  /* URL -> SignetCrl fetched from it (without a store too) */
  GHashTable *memory_ocsp;  /* issuer sha256 ":" serial hex -> GBytes response */
};

G_DEFINE_FINAL_TYPE (SignetVerifier, signet_verifier, G_TYPE_OBJECT)

static gint64 validation_time (SignetVerifier *self);

static void
signet_verifier_finalize (GObject *object)
{
  SignetVerifier *self = SIGNET_VERIFIER (object);

  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_strfreev (self->initial_policies);
  g_clear_object (&self->store);
  g_clear_object (&self->trust);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->online);
  g_hash_table_unref (self->memory_crls);
  g_hash_table_unref (self->memory_ocsp);
  g_mutex_clear (&self->cache_lock);

  G_OBJECT_CLASS (signet_verifier_parent_class)->finalize (object);
}

static void
signet_verifier_class_init (SignetVerifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_verifier_finalize;
}

static void
signet_verifier_init (SignetVerifier *self)
{
  self->anchors = g_ptr_array_new_with_free_func (g_object_unref);
  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  self->crls = g_ptr_array_new_with_free_func (g_object_unref);
  self->use_system_trust = TRUE;
  self->check_revocation = TRUE;
  self->revocation_order = SIGNET_REVOCATION_ORDER_CRL_FIRST;
  self->fetch_budget = SIGNET_VERIFIER_DEFAULT_FETCH_BUDGET;
  self->fetcher = signet_fetcher_new (NULL);
  self->online = signet_online_new (self->fetcher);
  g_mutex_init (&self->cache_lock);
  self->memory_crls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->memory_ocsp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
}

/**
 * signet_verifier_new:
 *
 * A new verifier is online: it fetches what certificates point to (CRLs,
 * OCSP answers, missing issuer certificates) when what it already knows
 * does not settle a certificate, as the command-line tool expects. A mail
 * client sets it offline (signet_verifier_set_offline()) when the user
 * does not want the network used, and in any case verifies with
 * signet_verifier_verify_async(), which never waits for the network, then
 * signet_verifier_complete_async(). See docs/NETWORK.md.
 *
 * Returns: (transfer full): a verifier that trusts the system's anchors,
 *   validates at the current time and checks revocation, online, CRLs
 *   first
 *
 * Since: 0.1
 */
SignetVerifier *
signet_verifier_new (void)
{
  signet_init ();
  return g_object_new (SIGNET_TYPE_VERIFIER, NULL);
}

static void
add_unique_certificate (GPtrArray *list, SignetCertificate *cert)
{
  for (guint i = 0; i < list->len; i++)
    if (signet_certificate_equal (g_ptr_array_index (list, i), cert))
      return;
  g_ptr_array_add (list, g_object_ref (cert));
}

/**
 * signet_verifier_add_anchor:
 * @self: a verifier
 * @anchor: a certificate to trust for e-mail
 *
 * Trusts @anchor as a trust anchor for the verifier's paths.
 *
 * Since: 0.1
 */
void
signet_verifier_add_anchor (SignetVerifier *self, SignetCertificate *anchor)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  add_unique_certificate (self->anchors, anchor);
}

static gboolean
add_certificates_from_file (GPtrArray *list, const char *path, GError **error)
{
  g_autoptr (GPtrArray) certs = signet_certificate_list_from_file (path, error);

  if (certs == NULL)
    return FALSE;
  for (guint i = 0; i < certs->len; i++)
    add_unique_certificate (list, g_ptr_array_index (certs, i));
  return TRUE;
}

/**
 * signet_verifier_add_anchors_from_file:
 * @self: a verifier
 * @path: a DER certificate or a PEM bundle
 * @error: return location for a #GError
 *
 * Reads trust anchors from a file (DER or a PEM bundle); see
 * signet_verifier_add_anchors_from_file_async().
 *
 * Returns: %TRUE when at least one certificate was added
 *
 * Since: 0.1
 */
gboolean
signet_verifier_add_anchors_from_file (SignetVerifier *self, const char *path, GError **error)
{
  return add_certificates_from_file (self->anchors, path, error);
}

/**
 * signet_verifier_add_certificate:
 * @self: a verifier
 * @certificate: an untrusted certificate available for path building
 *
 * Adds an intermediate certificate the verifier may use to build paths.
 *
 * Since: 0.1
 */
void
signet_verifier_add_certificate (SignetVerifier *self, SignetCertificate *certificate)
{
  add_unique_certificate (self->certificates, certificate);
}

/**
 * signet_verifier_add_certificates_from_file:
 * @self: a verifier
 * @path: (type filename): a file holding a DER certificate or a PEM bundle
 * @error: return location for a #GError
 *
 * Adds the certificates of @path as intermediate certificates, used to build
 * paths but never trusted by themselves.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_verifier_add_certificates_from_file (SignetVerifier *self, const char *path, GError **error)
{
  return add_certificates_from_file (self->certificates, path, error);
}

/**
 * signet_verifier_add_crl:
 * @self: a verifier
 * @crl: a CRL to use for revocation checks (it is validated before use)
 *
 * Adds a CRL the verifier may use to check revocation.
 *
 * Since: 0.1
 */
void
signet_verifier_add_crl (SignetVerifier *self, SignetCrl *crl)
{
  g_ptr_array_add (self->crls, g_object_ref (crl));
}

/**
 * signet_verifier_add_crls_from_file:
 * @self: a verifier
 * @path: (type filename): a file holding DER or PEM CRLs
 * @error: return location for a #GError
 *
 * Adds the CRLs of @path for revocation checking.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
signet_verifier_add_crls_from_file (SignetVerifier *self, const char *path, GError **error)
{
  g_autoptr (GPtrArray) crls = signet_crl_list_from_file (path, error);

  if (crls == NULL)
    return FALSE;
  for (guint i = 0; i < crls->len; i++)
    signet_verifier_add_crl (self, g_ptr_array_index (crls, i));
  return TRUE;
}

/**
 * signet_verifier_set_use_system_trust:
 * @self: a verifier
 * @use_system_trust: whether to use the system's anchors
 *
 * Sets whether the system's trust anchors are used besides the added ones.
 *
 * Since: 0.1
 */
void
signet_verifier_set_use_system_trust (SignetVerifier *self, gboolean use_system_trust)
{
  self->use_system_trust = use_system_trust;
}

/**
 * signet_verifier_set_time:
 * @self: a verifier
 * @unix_time: the time to validate at (Unix time)
 *
 * Validates at @unix_time instead of now (for tests and for reading old
 * mail as of a given date).
 *
 * Since: 0.1
 */
void
signet_verifier_set_time (SignetVerifier *self, gint64 unix_time)
{
  self->has_time = TRUE;
  self->time = unix_time;
}

/**
 * signet_verifier_get_time:
 * @self: a verifier
 *
 * Gets the validation time (Unix time): the one set with
 * signet_verifier_set_time(), or now.
 *
 * Returns: the validation time (Unix time): the one set with
 *   signet_verifier_set_time(), or now
 *
 * Since: 0.1
 */
gint64
signet_verifier_get_time (SignetVerifier *self)
{
  return validation_time (self);
}

/**
 * signet_verifier_unset_time:
 * @self: a verifier
 *
 * Validates at the current time again (the default).
 *
 * Since: 0.1
 */
void
signet_verifier_unset_time (SignetVerifier *self)
{
  self->has_time = FALSE;
}

/**
 * signet_verifier_set_offline:
 * @self: a verifier
 * @offline: whether to forbid every network access
 *
 * An offline verifier fetches nothing: certificates whose revocation only
 * the network could tell get `revocation-unknown` with reason "offline".
 * Cached CRLs and OCSP answers are still used.
 *
 * Since: 0.1
 */
void
signet_verifier_set_offline (SignetVerifier *self, gboolean offline)
{
  self->offline = !!offline;
  signet_fetcher_set_offline (self->fetcher, self->offline);
}

/**
 * signet_verifier_get_offline:
 * @self: a verifier
 *
 * Checks whether the verifier stays off the network.
 *
 * Returns: whether the verifier stays off the network
 *
 * Since: 0.1
 */
gboolean
signet_verifier_get_offline (SignetVerifier *self)
{
  return self->offline;
}

/**
 * signet_verifier_set_initial_policies:
 * @self: a verifier
 * @policies: (nullable) (array zero-terminated=1): the user-initial-policy-set
 *   (policy OIDs); %NULL means anyPolicy
 *
 * Sets the policies the path must be valid for (RFC 5280 6.1.1).
 *
 * Since: 0.1
 */
void
signet_verifier_set_initial_policies (SignetVerifier *self, const char *const *policies)
{
  g_strfreev (self->initial_policies);
  self->initial_policies = policies && policies[0] ? g_strdupv ((char **) policies) : NULL;
}

/**
 * signet_verifier_set_require_explicit_policy:
 * @self: a verifier
 * @require: the initial-explicit-policy input of RFC 5280 6.1.1
 *
 * Sets whether the path must be valid for at least one policy.
 *
 * Since: 0.1
 */
void
signet_verifier_set_require_explicit_policy (SignetVerifier *self, gboolean require)
{
  self->require_explicit_policy = require;
}

/**
 * signet_verifier_set_inhibit_policy_mapping:
 * @self: a verifier
 * @inhibit: the initial-policy-mapping-inhibit input of RFC 5280 6.1.1
 *
 * Sets whether policy mappings are refused.
 *
 * Since: 0.1
 */
void
signet_verifier_set_inhibit_policy_mapping (SignetVerifier *self, gboolean inhibit)
{
  self->inhibit_policy_mapping = inhibit;
}

/**
 * signet_verifier_set_inhibit_any_policy:
 * @self: a verifier
 * @inhibit: the initial-any-policy-inhibit input of RFC 5280 6.1.1
 *
 * Sets whether anyPolicy is ignored in certificate policies.
 *
 * Since: 0.1
 */
void
signet_verifier_set_inhibit_any_policy (SignetVerifier *self, gboolean inhibit)
{
  self->inhibit_any_policy = inhibit;
}

/**
 * signet_verifier_set_check_revocation:
 * @self: a verifier
 * @check: whether to check revocation
 *
 * Sets whether certificates' revocation status is checked (CRLs, OCSP).
 *
 * Since: 0.1
 */
void
signet_verifier_set_check_revocation (SignetVerifier *self, gboolean check)
{
  self->check_revocation = check;
}

/**
 * signet_verifier_set_store:
 * @self: a verifier
 * @store: (nullable): the user's certificate store
 *
 * With a store, verification looks up signer and issuer certificates and
 * CRLs that the message does not carry, remembers the certificates and
 * valid CRLs that messages do carry (never as trust anchors), which
 * certificate each address signs with (a change gets a
 * `certificate-changed` warning), and the first verdict of every
 * signature (old mail whose certificate has since expired is then shown as
 * it was when it arrived). A store that cannot be written to never makes
 * verification fail.
 *
 * Since: 0.1
 */
void
signet_verifier_set_store (SignetVerifier *self, SignetStore *store)
{
  g_set_object (&self->store, store);
}

/**
 * signet_verifier_set_trust:
 * @self: a verifier
 * @trust: (nullable): the user's trust decisions
 *
 * With a trust model, the anchors are its e-mail anchors (built-in ones
 * plus those the user added, minus removed and distrusted ones), a
 * distrusted certificate anywhere in a path makes the signature invalid,
 * and a certificate the user pinned to an address is accepted for that
 * address. Without one, the built-in e-mail anchors are used (unless
 * signet_verifier_set_use_system_trust() turned them off).
 *
 * Since: 0.1
 */
void
signet_verifier_set_trust (SignetVerifier *self, SignetTrust *trust)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_set_object (&self->trust, trust);
}

/**
 * signet_verifier_get_trust:
 * @self: a verifier
 *
 * Gets the trust model.
 *
 * Returns: (transfer none) (nullable): the trust model, %NULL when none was set
 *
 * Since: 0.1
 */
SignetTrust *
signet_verifier_get_trust (SignetVerifier *self)
{
  return self->trust;
}

/**
 * signet_verifier_get_store:
 * @self: a verifier
 *
 * Gets the store.
 *
 * Returns: (transfer none) (nullable): the store, %NULL when none was set
 *
 * Since: 0.1
 */
SignetStore *
signet_verifier_get_store (SignetVerifier *self)
{
  return self->store;
}

/**
 * signet_verifier_set_revocation_order:
 * @self: a verifier
 * @order: where to look first
 *
 * Chooses between CRLs and OCSP (see #SignetRevocationOrder).
 *
 * Since: 0.1
 */
void
signet_verifier_set_revocation_order (SignetVerifier *self, SignetRevocationOrder order)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (order <= SIGNET_REVOCATION_ORDER_CRL_ONLY);
  self->revocation_order = order;
}

/**
 * signet_verifier_get_revocation_order:
 * @self: a verifier
 *
 * Gets where the verifier looks for revocation information first.
 *
 * Returns: where the verifier looks for revocation first
 *
 * Since: 0.1
 */
SignetRevocationOrder
signet_verifier_get_revocation_order (SignetVerifier *self)
{
  return self->revocation_order;
}

/**
 * signet_verifier_get_fetcher:
 * @self: a verifier
 *
 * Gets the fetcher the verifier uses (to tune its size limits).
 *
 * Returns: (transfer none): the fetcher the verifier uses (to tune its size
 *   limits)
 *
 * Since: 0.1
 */
SignetFetcher *
signet_verifier_get_fetcher (SignetVerifier *self)
{
  return self->fetcher;
}

/**
 * signet_verifier_set_fetcher:
 * @self: a verifier
 * @fetcher: the fetcher to use
 *
 * Replaces the fetcher (for example one with another helper program). The
 * verifier's offline setting is applied to it. Call it before verifying.
 *
 * Since: 0.1
 */
void
signet_verifier_set_fetcher (SignetVerifier *self, SignetFetcher *fetcher)
{
  g_return_if_fail (SIGNET_IS_FETCHER (fetcher));
  g_set_object (&self->fetcher, fetcher);
  g_clear_object (&self->online);
  self->online = signet_online_new (fetcher);
  if (self->offline)
    signet_fetcher_set_offline (fetcher, TRUE);
}

/**
 * signet_verifier_set_fetch_timeout:
 * @self: a verifier
 * @seconds: the time limit of one fetch; 0 restores the default
 *
 * See signet_fetcher_set_timeout().
 *
 * Since: 0.1
 */
void
signet_verifier_set_fetch_timeout (SignetVerifier *self, guint seconds)
{
  signet_fetcher_set_timeout (self->fetcher, seconds);
}

/**
 * signet_verifier_get_fetch_timeout:
 * @self: a verifier
 *
 * Gets the time limit of one fetch.
 *
 * Returns: the time limit of one fetch, in seconds (see
 *   signet_verifier_set_fetch_timeout())
 *
 * Since: 0.1
 */
guint
signet_verifier_get_fetch_timeout (SignetVerifier *self)
{
  g_return_val_if_fail (SIGNET_IS_VERIFIER (self), 0);

  return signet_fetcher_get_timeout (self->fetcher);
}

/**
 * signet_verifier_set_reject_sha1:
 * @self: a verifier
 * @reject: whether SHA-1 makes a signature invalid
 *
 * By default a signature whose digest is SHA-1, or whose certificate path
 * holds a certificate signed with SHA-1, gets a `weak-algorithm` warning of
 * severity warning: old mail often uses SHA-1. With @reject the same
 * warning has severity error, so the signature is invalid (the
 * `weak-algorithm-policy` setting, "reject-sha1"). MD5 and MD2 are always
 * rejected.
 *
 * Since: 0.1
 */
void
signet_verifier_set_reject_sha1 (SignetVerifier *self, gboolean reject)
{
  g_return_if_fail (SIGNET_IS_VERIFIER (self));

  self->reject_sha1 = reject;
}

/**
 * signet_verifier_get_reject_sha1:
 * @self: a verifier
 *
 * Gets whether SHA-1 signatures are rejected.
 *
 * Returns: whether SHA-1 makes a signature invalid (see
 *   signet_verifier_set_reject_sha1())
 *
 * Since: 0.1
 */
gboolean
signet_verifier_get_reject_sha1 (SignetVerifier *self)
{
  g_return_val_if_fail (SIGNET_IS_VERIFIER (self), FALSE);

  return self->reject_sha1;
}

/* With signet_verifier_set_reject_sha1(): every SHA-1 weak-algorithm
 * warning of @sig (the message digest, or a certificate of the path) becomes
 * an error, with the same code and details, so the same sentence. */
static void
apply_sha1_policy (SignetVerifier *self, SignetSignature *sig)
{
  GPtrArray *warnings;

  if (!self->reject_sha1)
    return;
  warnings = signet_signature_get_warnings (sig);
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);
      GVariant *details = signet_warning_get_details (w);
      const char *algorithm = NULL;
      g_autoptr (SignetWarning) error = NULL;

      if (!g_str_equal (signet_warning_get_code (w), SIGNET_WARNING_WEAK_ALGORITHM) ||
          signet_warning_get_severity (w) == SIGNET_SEVERITY_ERROR || details == NULL ||
          !g_variant_lookup (details, "algorithm", "&s", &algorithm) ||
          (g_ascii_strncasecmp (algorithm, "SHA1", 4) != 0 &&
           g_ascii_strncasecmp (algorithm, "SHA-1", 5) != 0))
        continue;
      error = signet_warning_new (SIGNET_WARNING_WEAK_ALGORITHM, SIGNET_SEVERITY_ERROR, details);
      signet_signature_replace_warning (sig, w, error);
    }
}

/**
 * signet_verifier_set_fetch_budget:
 * @self: a verifier
 * @seconds: the total time the fetches of one verification may take; 0
 *   restores %SIGNET_VERIFIER_DEFAULT_FETCH_BUDGET
 *
 * Fetches run in parallel where they can, in at most a few rounds (issuer
 * certificates, then CRLs, then OCSP); whatever is still running when the
 * budget is spent is stopped and counts as a timeout.
 *
 * Since: 0.1
 */
void
signet_verifier_set_fetch_budget (SignetVerifier *self, guint seconds)
{
  self->fetch_budget = seconds ? MIN (seconds, SIGNET_FETCH_MAX_TIMEOUT_SECONDS)
                               : SIGNET_VERIFIER_DEFAULT_FETCH_BUDGET;
}

/**
 * signet_verifier_get_fetch_budget:
 * @self: a verifier
 *
 * Gets the total fetch time of one verification, in seconds.
 *
 * Returns: the total fetch time of one verification, in seconds
 *
 * Since: 0.1
 */
guint
signet_verifier_get_fetch_budget (SignetVerifier *self)
{
  return self->fetch_budget;
}

/* The built-in anchors for e-mail: the roots Mozilla trusts for e-mail
 * (NSS's built-in roots module), else those the system's p11-kit trust
 * marks for e-mail; never a TLS bundle, which says nothing about e-mail.
 * Loaded once per process. */
static GPtrArray *
system_anchors (void)
{
  const SignetTrustAnchors *builtin = signet_trust_anchors_get_default (SIGNET_TRUST_SOURCE_MOZILLA);

  return builtin->anchors;
}

/* Adds @cert to @list unless @seen (keyed by SHA-256) has it: collecting
 * a hundred built-in anchors per message must not be quadratic. */
static void
add_unique_hashed (GPtrArray *list, GHashTable *seen, SignetCertificate *cert)
{
  if (g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (cert)))
    g_ptr_array_add (list, g_object_ref (cert));
}

static GPtrArray *
collect_anchors (SignetVerifier *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->anchors->len; i++)
    add_unique_hashed (all, seen, g_ptr_array_index (self->anchors, i));
  if (self->trust != NULL)
    {
      /* The user's decisions: built-in anchors, plus added, minus removed
       * and distrusted ones. */
      g_autoptr (GPtrArray) trusted = signet_trust_get_anchors (self->trust);

      for (guint i = 0; i < trusted->len; i++)
        add_unique_hashed (all, seen, g_ptr_array_index (trusted, i));
    }
  else if (self->use_system_trust)
    {
      GPtrArray *sys = system_anchors ();

      for (guint i = 0; i < sys->len; i++)
        add_unique_hashed (all, seen, g_ptr_array_index (sys, i));
    }
  return all;
}

static gint64
validation_time (SignetVerifier *self)
{
  return self->has_time ? self->time : g_get_real_time () / G_USEC_PER_SEC;
}

static void
path_options (SignetVerifier *self, SignetPathOptions *options, SignetLeafUsage usage)
{
  signet_path_options_init (options, validation_time (self));
  options->initial_policies = (const char *const *) self->initial_policies;
  options->require_explicit_policy = self->require_explicit_policy;
  options->inhibit_policy_mapping = self->inhibit_policy_mapping;
  options->inhibit_any_policy = self->inhibit_any_policy;
  options->purpose_oid = SIGNET_OID_KP_EMAIL_PROTECTION;
  options->leaf_usage = usage;
  options->check_revocation = self->check_revocation;
}

static SignetWarning *
certificate_warning (const char *code, SignetSeverity severity, SignetCertificate *cert,
                     const char *reason)
{
  return signet_warning_new_with (code, severity,
                                  "certificate",
                                  cert ? g_variant_new_string (signet_certificate_get_display_name (cert)) : NULL,
                                  "sha256",
                                  cert ? g_variant_new_string (signet_certificate_get_sha256 (cert)) : NULL,
                                  "reason", reason ? g_variant_new_string (reason) : NULL,
                                  NULL);
}

static void
add_owned_warning (SignetSignature *sig, SignetWarning *warning)
{
  signet_signature_add_warning (sig, warning);
  g_object_unref (warning);
}

static gboolean
any_in (const char *const *addresses, const char *const *cert_emails)
{
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    if (signet_address_list_contains (cert_emails, addresses[i], NULL))
      return TRUE;
  return FALSE;
}

static GStrv
message_addresses (const char *const *from, const char *const *sender)
{
  g_autoptr (GStrvBuilder) shown = g_strv_builder_new ();

  if (from != NULL)
    g_strv_builder_addv (shown, (const char **) from);
  for (guint i = 0; sender != NULL && sender[i] != NULL; i++)
    if (from == NULL || !g_strv_contains (from, sender[i]))
      g_strv_builder_add (shown, sender[i]);
  return g_strv_builder_end (shown);
}

static void
add_address_mismatch (SignetSignature *sig, SignetCertificate *cert, const char *const *addresses)
{
  add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_ADDRESS_MISMATCH, SIGNET_SEVERITY_WARNING,
                                                   "certificate",
                                                   g_variant_new_string (signet_certificate_get_display_name (cert)),
                                                   "sha256", g_variant_new_string (signet_certificate_get_sha256 (cert)),
                                                   "message_addresses", g_variant_new_strv (addresses, -1),
                                                   "certificate_addresses",
                                                   g_variant_new_strv (signet_certificate_get_emails (cert), -1),
                                                   NULL));
}

/* RFC 2632 section 3: the From or Sender address must be one of the signer
 * certificate's addresses. A message with several authors in From is
 * checked as a whole afterwards (check_authors_covered). */
static void
check_address (SignetSignature *sig,
               SignetCertificate *cert,
               const char *const *from,
               const char *const *sender)
{
  const char *const *emails = signet_certificate_get_emails (cert);
  g_auto (GStrv) shown = NULL;

  if (emails[0] == NULL)
    {
      add_owned_warning (sig, certificate_warning (SIGNET_WARNING_NO_ADDRESS, SIGNET_SEVERITY_WARNING,
                                                   cert, NULL));
      return;
    }
  if (any_in (from, emails) || any_in (sender, emails))
    return;

  shown = message_addresses (from, sender);
  add_address_mismatch (sig, cert, (const char *const *) shown);
}

/* Every author named in From must be vouched for by one of the part's
 * signers (or the Sender must be, RFC 5322 3.6.2); otherwise a signature
 * from one author would seem to cover the others too. */
static void
check_authors_covered (GPtrArray *signatures, const char *const *from, const char *const *sender)
{
  g_autoptr (GStrvBuilder) uncovered = g_strv_builder_new ();
  g_auto (GStrv) missing = NULL;
  guint n_from = from ? g_strv_length ((char **) from) : 0;

  if (n_from < 2)
    return;
  for (guint i = 0; i < n_from; i++)
    {
      gboolean covered = FALSE;

      for (guint j = 0; j < signatures->len && !covered; j++)
        {
          SignetCertificate *cert = signet_signature_get_signer (g_ptr_array_index (signatures, j));

          covered = cert != NULL && signet_address_list_contains (signet_certificate_get_emails (cert), from[i], NULL);
        }
      if (!covered)
        g_strv_builder_add (uncovered, from[i]);
    }
  missing = g_strv_builder_end (uncovered);
  if (missing[0] == NULL)
    return;

  /* The Sender vouches for the message when one signer is the Sender. */
  for (guint j = 0; j < signatures->len; j++)
    {
      SignetCertificate *cert = signet_signature_get_signer (g_ptr_array_index (signatures, j));

      if (cert != NULL && any_in (sender, signet_certificate_get_emails (cert)))
        return;
    }
  for (guint j = 0; j < signatures->len; j++)
    {
      SignetSignature *sig = g_ptr_array_index (signatures, j);
      SignetCertificate *cert = signet_signature_get_signer (sig);

      if (cert != NULL && !signet_signature_has_warning (sig, SIGNET_WARNING_ADDRESS_MISMATCH))
        add_address_mismatch (sig, cert, (const char *const *) missing);
    }
}

static void
check_digest_algorithm (SignetSignature *sig, SignetSignerInfo *info)
{
  gnutls_digest_algorithm_t digest = signet_signer_info_get_digest_algorithm (info);
  const char *name = signet_signer_info_get_digest_algorithm_name (info);

  if (digest == GNUTLS_DIG_MD5 || digest == GNUTLS_DIG_MD2)
    add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_WEAK_ALGORITHM, SIGNET_SEVERITY_ERROR,
                                                     "algorithm", g_variant_new_string (name),
                                                     "reason", g_variant_new_string ("broken"), NULL));
  else if (digest == GNUTLS_DIG_SHA1)
    add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_WEAK_ALGORITHM, SIGNET_SEVERITY_WARNING,
                                                     "algorithm", g_variant_new_string (name),
                                                     "reason", g_variant_new_string ("digest"), NULL));
}

/* @key: the signer's key completed from the path (a DSA key inheriting its
 * parameters, RFC 5280 6.1.4 (f)), or NULL to use @cert's own. */
static SignetCmsVerifyResult
verify_one (SignetCms *cms, guint index, SignetCertificate *cert, gnutls_pubkey_t key, GBytes *content)
{
  return key != NULL ? signet_cms_verify_signer_with_key (cms, index, key, content)
                     : signet_cms_verify_signer (cms, index, cert, content);
}

static SignetCmsVerifyResult
verify_content (SignetCms *cms, guint index, SignetCertificate *cert, gnutls_pubkey_t key,
                SignetSmimePart *part)
{
  GPtrArray *contents = signet_smime_part_get_signed_contents (part);
  SignetCmsVerifyResult best = SIGNET_CMS_VERIFY_NO_CONTENT;

  if (!signet_cms_is_detached (cms))
    return verify_one (cms, index, cert, key, NULL);

  for (guint i = 0; contents != NULL && i < contents->len; i++)
    {
      SignetCmsVerifyResult r = verify_one (cms, index, cert, key, g_ptr_array_index (contents, i));

      if (r == SIGNET_CMS_VERIFY_OK)
        return r;
      /* Report the most telling failure: a signature that fails over
       * matching content says more than a digest mismatch. */
      if (best == SIGNET_CMS_VERIFY_NO_CONTENT || r == SIGNET_CMS_VERIFY_BAD_SIGNATURE)
        best = r;
    }
  return best;
}

static void
check_signature_value (SignetSignature *sig, SignetCms *cms, SignetSignerInfo *info,
                       SignetCertificate *cert, gnutls_pubkey_t key, SignetSmimePart *part)
{
  SignetCmsVerifyResult r = verify_content (cms, signet_signer_info_get_index (info), cert, key, part);
  const char *reason = NULL;

  switch (r)
    {
    case SIGNET_CMS_VERIFY_OK:
      break;
    case SIGNET_CMS_VERIFY_DIGEST_MISMATCH:
      reason = "content-changed";
      break;
    case SIGNET_CMS_VERIFY_BAD_SIGNATURE:
      reason = "signature";
      break;
    case SIGNET_CMS_VERIFY_NO_CONTENT:
      reason = "no-content";
      break;
    case SIGNET_CMS_VERIFY_UNSUPPORTED:
      reason = "unsupported-algorithm";
      break;
    case SIGNET_CMS_VERIFY_MALFORMED:
    default:
      reason = "malformed-attributes";
      break;
    }
  if (reason != NULL)
    add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_BAD_SIGNATURE, SIGNET_SEVERITY_ERROR,
                                                     "reason", g_variant_new_string (reason), NULL));
  else if (!signet_signer_info_ess_matches (info, cert))
    add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_BAD_SIGNATURE, SIGNET_SEVERITY_ERROR,
                                                     "reason", g_variant_new_string ("signing-certificate"),
                                                     NULL));
}

static SignetCertificate *
find_signer (SignetSignerInfo *info, GPtrArray *pool)
{
  for (guint i = 0; i < pool->len; i++)
    if (signet_signer_info_matches (info, g_ptr_array_index (pool, i)))
      return g_ptr_array_index (pool, i);
  return NULL;
}

static SignetSignature *
malformed_signature (SignetSmimePart *part, const char *problem)
{
  SignetSignature *sig = signet_signature_new (signet_smime_part_get_path (part), 0);

  add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_MALFORMED, SIGNET_SEVERITY_ERROR,
                                                   "problem", problem ? g_variant_new_string (problem) : NULL,
                                                   NULL));
  return sig;
}

/* The store is a cache: a failing store never fails a verification. */
static void
store_failed (const char *what, GError *error)
{
  g_debug ("Certificate store: %s failed: %s", what, error ? error->message : "?");
}

static void
add_all_unique (GPtrArray *pool, GPtrArray *found)
{
  for (guint i = 0; found != NULL && i < found->len; i++)
    add_unique_certificate (pool, g_ptr_array_index (found, i));
}

/* The signer's certificate from the store, for messages that omit it. */
static SignetCertificate *
store_find_signer (SignetVerifier *self, SignetSignerInfo *info, GPtrArray *pool)
{
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;

  if (self->store == NULL)
    return NULL;
  if (signet_signer_info_get_issuer (info) != NULL && signet_signer_info_get_serial (info) != NULL)
    found = signet_store_find_by_issuer_serial (self->store, signet_signer_info_get_issuer (info),
                                                signet_signer_info_get_serial (info), &error);
  else if (signet_signer_info_get_subject_key_id (info) != NULL)
    found = signet_store_find_by_subject_key_id (self->store, signet_signer_info_get_subject_key_id (info),
                                                 &error);
  if (found == NULL)
    {
      if (error != NULL)
        store_failed ("signer lookup", error);
      return NULL;
    }
  add_all_unique (pool, found);
  return find_signer (info, pool);
}

/* Issuer candidates from the store, level by level up from @leaf, so that
 * messages without intermediates still build a path. */
static void
store_complete_pool (SignetVerifier *self, SignetCertificate *leaf, GPtrArray *pool)
{
  g_autoptr (GPtrArray) frontier = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) asked = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                        (GDestroyNotify) g_bytes_unref, NULL);
  guint added = 0;

  if (self->store == NULL)
    return;
  g_ptr_array_add (frontier, g_object_ref (leaf));
  for (guint level = 0; level < SIGNET_MAX_PATH_LENGTH && frontier->len > 0; level++)
    {
      g_autoptr (GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < frontier->len; i++)
        {
          SignetCertificate *cert = g_ptr_array_index (frontier, i);
          GBytes *issuer = signet_certificate_get_raw_issuer (cert);
          g_autoptr (GPtrArray) found = NULL;
          g_autoptr (GError) error = NULL;

          if (signet_certificate_is_self_issued (cert) || g_hash_table_contains (asked, issuer))
            continue;
          g_hash_table_add (asked, g_bytes_ref (issuer));
          /* Issuers the message already carries need no lookup. */
          for (guint j = 0; j < pool->len; j++)
            if (signet_certificate_is_issuer_name_of (g_ptr_array_index (pool, j), cert))
              g_ptr_array_add (next, g_object_ref (g_ptr_array_index (pool, j)));
          found = signet_store_find_by_subject (self->store, issuer, &error);
          if (found == NULL)
            {
              store_failed ("issuer lookup", error);
              continue;
            }
          for (guint j = 0; j < found->len && added < SIGNET_MAX_PATH_CANDIDATES; j++)
            {
              SignetCertificate *candidate = g_ptr_array_index (found, j);
              guint before = pool->len;

              add_unique_certificate (pool, candidate);
              if (pool->len > before)
                {
                  added++;
                  g_ptr_array_add (next, g_object_ref (candidate));
                }
            }
        }
      g_ptr_array_unref (g_steal_pointer (&frontier));
      frontier = g_steal_pointer (&next);
    }
}

/* CRLs the store holds for the issuers of @pool's certificates. */
static void
store_add_crls (SignetVerifier *self, GPtrArray *pool, GPtrArray *crls)
{
  g_autoptr (GHashTable) asked = NULL;

  if (self->store == NULL)
    return;
  asked = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  for (guint i = 0; i < pool->len && crls->len < SIGNET_MAX_CMS_CRLS * 4; i++)
    {
      GBytes *issuer = signet_certificate_get_raw_issuer (g_ptr_array_index (pool, i));
      g_autoptr (GPtrArray) found = NULL;
      g_autoptr (GError) error = NULL;

      if (g_hash_table_contains (asked, issuer))
        continue;
      g_hash_table_add (asked, g_bytes_ref (issuer));
      found = signet_store_find_crls_by_issuer (self->store, issuer, &error);
      if (found == NULL)
        {
          store_failed ("CRL lookup", error);
          continue;
        }
      for (guint j = 0; j < found->len; j++)
        {
          SignetCrl *crl = g_ptr_array_index (found, j);
          gboolean known = FALSE;

          for (guint k = 0; k < crls->len && !known; k++)
            known = g_str_equal (signet_crl_get_sha256 (g_ptr_array_index (crls, k)), signet_crl_get_sha256 (crl));
          if (!known)
            g_ptr_array_add (crls, g_object_ref (crl));
        }
    }
}

/* After a signature verified: keep the message's certificates, and the
 * CRLs it carried that a certificate of the validated chain signed. */
static void
store_remember (SignetVerifier *self,
                SignetSmimePart *part,
                GPtrArray *cms_certs,
                GPtrArray *cms_crls,
                GPtrArray *chain)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *origin = NULL;
  gint64 now = validation_time (self);
  const char *message_id = signet_smime_part_get_message_id (part);

  if (self->store == NULL)
    return;
  origin = message_id ? g_strdup_printf ("message:%s", message_id) : g_strdup ("message");
  if (cms_certs->len > 0 && !signet_store_add_certificates (self->store, cms_certs, origin, now, NULL, &error))
    store_failed ("adding certificates", error);

  for (guint i = 0; i < cms_crls->len; i++)
    {
      SignetCrl *crl = g_ptr_array_index (cms_crls, i);

      for (guint j = 1; j < chain->len; j++)
        {
          SignetCertificate *ca = g_ptr_array_index (chain, j);
          g_autoptr (GError) crl_error = NULL;

          if (!signet_crl_names_equal (signet_certificate_get_raw_subject (ca), signet_crl_get_raw_issuer (crl)) ||
              !signet_crl_verify_signature (crl, ca))
            continue;
          if (!signet_store_add_crl (self->store, crl, NULL, now, NULL, &crl_error))
            store_failed ("adding a CRL", crl_error);
          break;
        }
    }
}

static const char *
issuer_display (SignetCertificate *cert)
{
  /* The CN of the issuer, from the issuer DN string "CN=...,O=...". */
  return signet_certificate_get_issuer (cert);
}

/* Certificate continuity: the store remembers which certificate each
 * address signed with; another one is told as a renewal (same issuer and
 * subject, a later certificate) or a change. Only signatures whose path
 * validated are remembered, so that a forged message cannot teach the
 * store a certificate. */
static void
store_check_continuity (SignetVerifier *self, SignetSignature *sig, SignetCertificate *cert,
                        const char *const *from)
{
  const char *const *emails = signet_certificate_get_emails (cert);
  gint64 now = validation_time (self);
  gboolean remember;

  if (self->store == NULL)
    return;
  remember = signet_signature_get_path_valid (sig) && signet_signature_get_verdict (sig) != SIGNET_VERDICT_INVALID;

  for (guint i = 0; from != NULL && from[i] != NULL; i++)
    {
      const char *matched = NULL;
      g_autoptr (SignetCertificate) last = NULL;
      g_autoptr (GError) error = NULL;

      if (!signet_address_list_contains (emails, from[i], &matched))
        continue;
      last = signet_store_get_last_signer (self->store, from[i], NULL, &error);
      if (error != NULL)
        store_failed ("continuity lookup", error);
      if (last != NULL && !signet_certificate_equal (last, cert))
        {
          gboolean same_issuer = g_bytes_equal (signet_certificate_get_raw_issuer (last),
                                                signet_certificate_get_raw_issuer (cert));
          gboolean same_subject = g_bytes_equal (signet_certificate_get_raw_subject (last),
                                                 signet_certificate_get_raw_subject (cert));
          gboolean renewal = same_issuer && same_subject &&
                             signet_certificate_get_not_before (cert) >= signet_certificate_get_not_before (last);
          const char *reason = renewal ? "renewal" : !same_issuer ? "issuer-changed" : "replaced";

          add_owned_warning (sig, signet_warning_new_with (SIGNET_WARNING_CERTIFICATE_CHANGED,
                                                           renewal ? SIGNET_SEVERITY_INFO : SIGNET_SEVERITY_WARNING,
                                                           "address", g_variant_new_string (from[i]),
                                                           "reason", g_variant_new_string (reason),
                                                           "old_sha256", g_variant_new_string (signet_certificate_get_sha256 (last)),
                                                           "new_sha256", g_variant_new_string (signet_certificate_get_sha256 (cert)),
                                                           "old_issuer", g_variant_new_string (issuer_display (last)),
                                                           "new_issuer", g_variant_new_string (issuer_display (cert)),
                                                           "issuer_changed", g_variant_new_boolean (!same_issuer),
                                                           NULL));
        }
      if (remember && !signet_store_record_signer (self->store, from[i], cert, now, &error))
        store_failed ("recording the signer", error);
    }
}

static char *
iso8601 (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* Verdict memory: the first verification of each signature (by Message-ID
 * and the signature value's digest) is kept. When that first verdict was
 * valid and the certificate expired only afterwards, the expiry is told as
 * what it is (information), not as a failure of old mail. */
static void
store_verdict_memory (SignetVerifier *self, SignetSignature *sig, SignetSignerInfo *info, SignetSmimePart *part)
{
  const char *message_id = signet_smime_part_get_message_id (part);
  GBytes *value = _signet_signer_info_get_signature (info);
  g_autofree char *digest = NULL;
  g_autofree char *first = NULL;
  g_autoptr (GError) error = NULL;
  gint64 first_time = -1;
  GPtrArray *warnings = signet_signature_get_warnings (sig);

  if (self->store == NULL || message_id == NULL || value == NULL)
    return;
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, value);
  first = signet_store_lookup_verdict (self->store, message_id, digest, &first_time, &error);
  if (error != NULL)
    {
      store_failed ("verdict lookup", error);
      return;
    }
  if (first == NULL)
    {
      if (!signet_store_record_verdict (self->store, message_id, digest,
                                        signet_verdict_to_string (signet_signature_get_verdict (sig)),
                                        validation_time (self), &error))
        store_failed ("recording the verdict", error);
      return;
    }

  signet_signature_set_first_verified (sig, first, first_time);
  if (!g_str_equal (first, "valid"))
    return;
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);
      const char *not_after = signet_warning_get_detail_string (w, "not_after");
      g_autoptr (GDateTime) expiry = NULL;
      g_autofree char *first_iso = NULL;
      g_autoptr (SignetWarning) replacement = NULL;
      GVariantDict dict;

      if (!g_str_equal (signet_warning_get_code (w), SIGNET_WARNING_EXPIRED) || not_after == NULL)
        continue;
      expiry = g_date_time_new_from_iso8601 (not_after, NULL);
      if (expiry == NULL || g_date_time_to_unix (expiry) < first_time)
        continue;
      first_iso = iso8601 (first_time);
      g_variant_dict_init (&dict, signet_warning_get_details (w));
      g_variant_dict_insert (&dict, "reason", "s", "after-first-verification");
      g_variant_dict_insert (&dict, "first_verified", "s", first_iso);
      replacement = signet_warning_new (SIGNET_WARNING_EXPIRED, SIGNET_SEVERITY_INFO, g_variant_dict_end (&dict));
      signet_signature_replace_warning (sig, w, replacement);
    }
}

/* ---- Online ---------------------------------------------------------------
 *
 * After the offline pass (what the message, the verifier and the store
 * know), a path may end at an issuer nobody has (issuer-unknown), or some
 * certificates of an anchored path may have no usable CRL
 * (revocation-unknown). What the certificates point to is then fetched:
 *
 *   1. caIssuers of the last certificate, level by level, until the path
 *      reaches an anchor; the certificates are stored (never as anchors);
 *   2. for every certificate whose revocation is unknown, in parallel,
 *      in the order of the setting: CRLs from its cRLDistributionPoints
 *      (the next point when one fails; delta CRLs from freshestCRL after a
 *      usable base), stored with the URL; OCSP (requests without nonce),
 *      answers cached until nextUpdate.
 *
 * The path is validated again after each round. Each mode of a
 * verification decides what happens where the network would help:
 * NET_FETCH fetches, NET_DEFER marks it pending (revocation-pending, the
 * two-stage API), NET_OFFLINE tells revocation-unknown with reason
 * "offline".
 */

typedef enum
{
  NET_OFFLINE,
  NET_DEFER,
  NET_FETCH,
} NetMode;

typedef struct
{
  SignetVerifier *self;
  NetMode mode;
  GCancellable *cancellable;
  gint64 now;      /* validation time */
  gint64 deadline; /* monotonic, for NET_FETCH */
} Verification;

/* What the network (or the OCSP cache) added about one certificate. */
typedef struct
{
  SignetCertificate *cert;
  SignetCertificate *issuer;
  SignetRevocationState ocsp_state; /* GOOD or REVOKED when OCSP decided */
  gint64 revocation_time;
  SignetCrlReason reason;
  gboolean pending;
  char *failure;     /* why it stays unknown */
  char *failure_url;
  char *ocsp_status; /* the responseStatus when the responder refused */
  GPtrArray *attempts; /* "reason url" strings */
} CertNote;

typedef struct
{
  GPtrArray *notes;          /* CertNote */
  gboolean issuer_pending;
  char *issuer_failure;
  char *issuer_failure_url;
  SignetCertificate *issuer_of; /* the certificate whose issuer was looked for */
} Overlay;

static void
cert_note_free (CertNote *note)
{
  g_clear_object (&note->cert);
  g_clear_object (&note->issuer);
  g_free (note->failure);
  g_free (note->failure_url);
  g_free (note->ocsp_status);
  g_ptr_array_unref (note->attempts);
  g_free (note);
}

static void
overlay_init (Overlay *ov)
{
  memset (ov, 0, sizeof *ov);
  ov->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) cert_note_free);
}

static void
overlay_clear (Overlay *ov)
{
  g_clear_pointer (&ov->notes, g_ptr_array_unref);
  g_clear_pointer (&ov->issuer_failure, g_free);
  g_clear_pointer (&ov->issuer_failure_url, g_free);
  g_clear_object (&ov->issuer_of);
}

static CertNote *
overlay_find (Overlay *ov, const char *sha256)
{
  for (guint i = 0; sha256 != NULL && i < ov->notes->len; i++)
    {
      CertNote *note = g_ptr_array_index (ov->notes, i);

      if (g_str_equal (signet_certificate_get_sha256 (note->cert), sha256))
        return note;
    }
  return NULL;
}

static CertNote *
overlay_get (Overlay *ov, SignetCertificate *cert, SignetCertificate *issuer)
{
  CertNote *note = overlay_find (ov, signet_certificate_get_sha256 (cert));

  if (note == NULL)
    {
      note = g_new0 (CertNote, 1);
      note->cert = g_object_ref (cert);
      note->ocsp_state = SIGNET_REVOCATION_UNKNOWN;
      note->reason = SIGNET_CRL_REASON_NONE;
      note->revocation_time = -1;
      note->attempts = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (ov->notes, note);
    }
  if (issuer != NULL && note->issuer == NULL)
    note->issuer = g_object_ref (issuer);
  return note;
}

static void
note_failure (CertNote *note, const char *reason, const char *url)
{
  g_free (note->failure);
  note->failure = g_strdup (reason);
  g_free (note->failure_url);
  note->failure_url = g_strdup (url);
  if (note->attempts->len < 16)
    g_ptr_array_add (note->attempts, g_strdup_printf ("%s %s", reason, url ? url : ""));
}

static void
note_job_failure (CertNote *note, SignetOnlineJob *job)
{
  if (job->failure != NULL)
    note_failure (note, job->failure, job->failure_url);
}

static gboolean
order_uses_ocsp (SignetVerifier *self)
{
  return self->revocation_order != SIGNET_REVOCATION_ORDER_CRL_ONLY;
}

static char *
ocsp_cache_key (SignetCertificate *cert, SignetCertificate *issuer)
{
  GBytes *serial = signet_certificate_get_serial (cert);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (serial, &len);
  GString *key = g_string_new (signet_certificate_get_sha256 (issuer));

  g_string_append_c (key, ':');
  while (len > 1 && data[0] == 0)
    data++, len--;
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (key, "%02x", data[i]);
  return g_string_free (key, FALSE);
}

static const char *
crl_reason_name (SignetCrlReason reason)
{
  switch (reason)
    {
    case SIGNET_CRL_REASON_KEY_COMPROMISE:
      return "key-compromise";
    case SIGNET_CRL_REASON_CA_COMPROMISE:
      return "ca-compromise";
    case SIGNET_CRL_REASON_AFFILIATION_CHANGED:
      return "affiliation-changed";
    case SIGNET_CRL_REASON_SUPERSEDED:
      return "superseded";
    case SIGNET_CRL_REASON_CESSATION_OF_OPERATION:
      return "cessation-of-operation";
    case SIGNET_CRL_REASON_CERTIFICATE_HOLD:
      return "certificate-hold";
    case SIGNET_CRL_REASON_PRIVILEGE_WITHDRAWN:
      return "privilege-withdrawn";
    case SIGNET_CRL_REASON_AA_COMPROMISE:
      return "aa-compromise";
    default:
      return "unspecified";
    }
}

/* Judges an OCSP answer for @note; TRUE when it decides. */
static gboolean
judge_ocsp (Verification *v, CertNote *note, GBytes *response, SignetOcspResult *res)
{
  g_autoptr (GError) error = NULL;

  if (!signet_ocsp_check_response (response, note->cert, note->issuer, NULL, v->now, res, &error))
    {
      g_debug ("Unreadable OCSP response: %s", error ? error->message : "?");
      res->status = SIGNET_OCSP_CERT_ERROR;
      res->problem = SIGNET_OCSP_PROBLEM_NONE;
      return FALSE;
    }
  if (res->status == SIGNET_OCSP_CERT_GOOD || res->status == SIGNET_OCSP_CERT_REVOKED)
    {
      note->ocsp_state = res->status == SIGNET_OCSP_CERT_GOOD ? SIGNET_REVOCATION_GOOD : SIGNET_REVOCATION_REVOKED;
      note->revocation_time = res->revocation_time;
      note->reason = res->reason;
      return TRUE;
    }
  return FALSE;
}

/* A cached OCSP answer (memory, then store) that is still valid. */
static gboolean
ocsp_from_cache (Verification *v, CertNote *note)
{
  SignetVerifier *self = v->self;
  g_autofree char *key = ocsp_cache_key (note->cert, note->issuer);
  g_autoptr (GBytes) response = NULL;
  SignetOcspResult res;

  g_mutex_lock (&self->cache_lock);
  response = g_hash_table_lookup (self->memory_ocsp, key);
  if (response != NULL)
    g_bytes_ref (response);
  g_mutex_unlock (&self->cache_lock);
  if (response == NULL && self->store != NULL)
    {
      g_autoptr (GError) error = NULL;

      response = signet_store_lookup_ocsp (self->store, signet_certificate_get_sha256 (note->issuer),
                                           signet_certificate_get_serial (note->cert), v->now, NULL, &error);
      if (error != NULL)
        store_failed ("OCSP lookup", error);
    }
  return response != NULL && judge_ocsp (v, note, response, &res);
}

static void
ocsp_remember (Verification *v, CertNote *note, GBytes *response, const SignetOcspResult *res, const char *url)
{
  SignetVerifier *self = v->self;
  g_autoptr (GError) error = NULL;

  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->memory_ocsp) >= SIGNET_VERIFIER_MAX_MEMORY_CRLS * 4)
    g_hash_table_remove_all (self->memory_ocsp);
  g_hash_table_replace (self->memory_ocsp, ocsp_cache_key (note->cert, note->issuer), g_bytes_ref (response));
  g_mutex_unlock (&self->cache_lock);
  if (self->store != NULL &&
      !signet_store_record_ocsp (self->store, signet_certificate_get_sha256 (note->issuer),
                                 signet_certificate_get_serial (note->cert), response, res->this_update,
                                 res->next_update, url, v->now, &error))
    store_failed ("recording an OCSP answer", error);
}

typedef struct
{
  Verification *v;
  CertNote *note;
} OcspJob;

static gboolean
accept_ocsp (SignetOnlineJob *job, const char *url, GBytes *body, gpointer user_data)
{
  OcspJob *d = user_data;
  SignetOcspResult res;

  if (judge_ocsp (d->v, d->note, body, &res))
    {
      ocsp_remember (d->v, d->note, body, &res, url);
      return TRUE;
    }
  if (res.status == SIGNET_OCSP_CERT_UNKNOWN)
    signet_online_job_set_failure (job, "ocsp-unknown", url);
  else if (res.problem != SIGNET_OCSP_PROBLEM_NONE)
    {
      signet_online_job_set_failure (job, signet_ocsp_problem_to_string (res.problem), url);
      if (res.problem == SIGNET_OCSP_PROBLEM_RESPONDER_STATUS)
        {
          g_free (d->note->ocsp_status);
          d->note->ocsp_status = g_strdup (signet_ocsp_response_status_to_string (res.response_status));
        }
    }
  return FALSE;
}

typedef struct
{
  Verification *v;
  CertNote *note;
  GPtrArray *crls;     /* what the path uses now */
  GPtrArray *pool;
  gboolean delta;
  GPtrArray *fetched;  /* SignetCrl, every readable answer */
  SignetCrl *accepted; /* the one that decides, in @fetched */
} CrlJob;

static void
crl_job_free (CrlJob *d)
{
  g_ptr_array_unref (d->fetched);
  g_free (d);
}

static gboolean
accept_crl (SignetOnlineJob *job, const char *url, GBytes *body, gpointer user_data)
{
  CrlJob *d = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCrl) crl = signet_crl_new_from_bytes (body, &error);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  SignetRevocationResult res = { 0 };
  gboolean decided;

  if (crl == NULL)
    {
      g_debug ("Unreadable CRL from %s: %s", url, error->message);
      return FALSE;
    }
  if (signet_crl_is_delta (crl, NULL) != d->delta)
    return FALSE;
  g_ptr_array_add (d->fetched, g_object_ref (crl));

  all = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < d->crls->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (d->crls, i)));
  g_ptr_array_add (all, g_object_ref (crl));
  signet_revocation_check (d->note->cert, d->note->issuer, all, d->pool, d->v->now, NULL, NULL, &res, warnings);
  decided = res.state == SIGNET_REVOCATION_GOOD || res.state == SIGNET_REVOCATION_REVOKED;
  signet_revocation_result_clear (&res);
  if (decided)
    {
      d->accepted = crl;
      return TRUE;
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *code = signet_warning_get_code (g_ptr_array_index (warnings, i));

      if (g_str_equal (code, SIGNET_WARNING_CRL_EXPIRED) || g_str_equal (code, SIGNET_WARNING_CRL_INVALID))
        {
          signet_online_job_set_failure (job, code, url);
          break;
        }
    }
  return FALSE;
}

/* Fetched CRLs join @crls (replacing older CRLs of the same issuer and
 * kind); the deciding ones are stored with their URL. */
static void
adopt_crls (Verification *v, GPtrArray *crls, CrlJob *d, const char *url)
{
  SignetVerifier *self = v->self;

  for (guint i = 0; i < d->fetched->len; i++)
    {
      SignetCrl *crl = g_ptr_array_index (d->fetched, i);
      gboolean known = FALSE;

      for (guint k = 0; k < crls->len && !known; k++)
        known = g_str_equal (signet_crl_get_sha256 (g_ptr_array_index (crls, k)), signet_crl_get_sha256 (crl));
      if (known)
        continue;
      if (crl == d->accepted)
        for (guint k = crls->len; k-- > 0;)
          {
            SignetCrl *old = g_ptr_array_index (crls, k);

            if (signet_crl_names_equal (signet_crl_get_raw_issuer (old), signet_crl_get_raw_issuer (crl)) &&
                signet_crl_is_delta (old, NULL) == signet_crl_is_delta (crl, NULL) &&
                signet_crl_get_this_update (old) < signet_crl_get_this_update (crl))
              g_ptr_array_remove_index (crls, k);
          }
      g_ptr_array_add (crls, g_object_ref (crl));
    }

  if (d->accepted == NULL || url == NULL)
    return;
  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->memory_crls) >= SIGNET_VERIFIER_MAX_MEMORY_CRLS)
    g_hash_table_remove_all (self->memory_crls);
  g_hash_table_replace (self->memory_crls, g_strdup (url), g_object_ref (d->accepted));
  g_mutex_unlock (&self->cache_lock);
  if (self->store != NULL)
    {
      g_autoptr (GError) error = NULL;

      if (!signet_store_add_crl (self->store, d->accepted, url, v->now, NULL, &error))
        store_failed ("adding a fetched CRL", error);
    }
}

/* CRLs fetched earlier by this verifier (used without a store, and when
 * the store could not keep them). */
static void
add_memory_crls (SignetVerifier *self, GPtrArray *crls)
{
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->cache_lock);
  g_hash_table_iter_init (&iter, self->memory_crls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gboolean known = FALSE;

      for (guint k = 0; k < crls->len && !known; k++)
        known = g_str_equal (signet_crl_get_sha256 (g_ptr_array_index (crls, k)), signet_crl_get_sha256 (value));
      if (!known)
        g_ptr_array_add (crls, g_object_ref (value));
    }
  g_mutex_unlock (&self->cache_lock);
}

static gboolean
path_has_error (SignetPathResult *path)
{
  GPtrArray *warnings = signet_path_result_get_warnings (path);

  for (guint i = 0; i < warnings->len; i++)
    if (signet_warning_get_severity (g_ptr_array_index (warnings, i)) == SIGNET_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}

/* The certificates of an anchored @path whose revocation is unknown. */
static GPtrArray *
unknown_certificates (SignetPathResult *path, Overlay *ov)
{
  GPtrArray *chain = signet_path_result_get_chain (path);
  GPtrArray *out = g_ptr_array_new ();

  if (!signet_path_result_get_anchored (path) || path_has_error (path))
    return out;
  for (guint k = 0; k + 1 < chain->len; k++)
    {
      const SignetRevocationResult *rev = signet_path_result_get_revocation (path, k);
      SignetCertificate *cert = g_ptr_array_index (chain, k);
      CertNote *note;

      if (rev == NULL || rev->state == SIGNET_REVOCATION_GOOD || rev->state == SIGNET_REVOCATION_REVOKED)
        continue;
      note = overlay_get (ov, cert, g_ptr_array_index (chain, k + 1));
      if (note->ocsp_state == SIGNET_REVOCATION_UNKNOWN)
        g_ptr_array_add (out, note);
    }
  return out;
}

static gboolean
accept_issuer (SignetOnlineJob *job, const char *url, GBytes *body, gpointer user_data)
{
  GPtrArray **found = user_data;      /* [0] the certificate, [1] the pool */
  SignetCertificate *cert = (SignetCertificate *) found[0];
  GPtrArray *pool = found[1];
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCertsOnlyContents) contents = signet_certs_only_parse (body, &error);
  gboolean any = FALSE;

  if (contents == NULL)
    return FALSE;
  for (guint i = 0; i < contents->certificates->len && i < SIGNET_MAX_PATH_CANDIDATES; i++)
    {
      SignetCertificate *c = g_ptr_array_index (contents->certificates, i);

      if (signet_certificate_is_issuer_name_of (c, cert))
        {
          add_unique_certificate (pool, c);
          any = TRUE;
        }
    }
  return any;
}

/* Missing issuers through caIssuers (NET_FETCH), level by level. */
static SignetPathResult *
fetch_issuers (Verification *v, SignetCertificate *leaf, GPtrArray *pool, GPtrArray *anchors, GPtrArray *crls,
               const SignetPathOptions *options, SignetPathResult *path, Overlay *ov)
{
  SignetVerifier *self = v->self;

  for (guint level = 0; level < SIGNET_VERIFIER_MAX_ISSUER_FETCHES; level++)
    {
      GPtrArray *chain = signet_path_result_get_chain (path);
      SignetCertificate *last = g_ptr_array_index (chain, chain->len - 1);
      g_auto (GStrv) uris = NULL;
      g_autoptr (GPtrArray) jobs = NULL;
      g_autoptr (GPtrArray) fetched = g_ptr_array_new_with_free_func (g_object_unref);
      gpointer data[2];
      SignetOnlineJob *job;

      if (signet_path_result_get_anchored (path) || signet_certificate_is_self_signed (last))
        break;
      uris = signet_aia_get_ca_issuers_uris (last);
      if (uris == NULL || uris[0] == NULL)
        break;
      g_set_object (&ov->issuer_of, last);
      if (v->mode == NET_DEFER)
        {
          ov->issuer_pending = signet_online_has_fetchable (self->online, (const char *const *) uris);
          break;
        }
      if (v->mode == NET_OFFLINE)
        {
          g_free (ov->issuer_failure);
          ov->issuer_failure = g_strdup ("offline");
          break;
        }

      data[0] = last;
      data[1] = fetched;
      jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_online_job_free);
      job = signet_online_job_new ((const char *const *) uris, SIGNET_FETCH_KIND_CERTIFICATE, NULL, NULL,
                                   accept_issuer, data);
      g_ptr_array_add (jobs, job);
      signet_online_run (self->online, jobs, v->deadline, v->cancellable);
      if (job->url == NULL)
        {
          g_free (ov->issuer_failure);
          ov->issuer_failure = g_strdup (job->failure ? job->failure : "invalid-response");
          g_free (ov->issuer_failure_url);
          ov->issuer_failure_url = g_strdup (job->failure_url);
          break;
        }
      add_all_unique (pool, fetched);
      if (self->store != NULL)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *origin = g_strdup_printf ("fetched:%s", job->url);

          if (!signet_store_add_certificates (self->store, fetched, origin, v->now, NULL, &error))
            store_failed ("adding fetched issuers", error);
        }
      g_clear_object (&ov->issuer_of);
      g_object_unref (path);
      path = signet_path_validate (leaf, pool, anchors, crls, options);
    }
  return path;
}

static void
ocsp_round (Verification *v, GPtrArray *notes)
{
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_online_job_free);
  g_autoptr (GPtrArray) data = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < notes->len; i++)
    {
      CertNote *note = g_ptr_array_index (notes, i);
      g_auto (GStrv) uris = signet_aia_get_ocsp_uris (note->cert);
      g_autoptr (GBytes) request = NULL;
      g_autoptr (GError) error = NULL;
      OcspJob *d;

      if (note->ocsp_state != SIGNET_REVOCATION_UNKNOWN || uris == NULL || uris[0] == NULL)
        continue;
      request = signet_ocsp_build_request (note->cert, note->issuer, FALSE, NULL, &error);
      if (request == NULL)
        {
          note_failure (note, "invalid-request", uris[0]);
          continue;
        }
      d = g_new0 (OcspJob, 1);
      d->v = v;
      d->note = note;
      g_ptr_array_add (data, d);
      g_ptr_array_add (jobs, signet_online_job_new ((const char *const *) uris, SIGNET_FETCH_KIND_OCSP, request,
                                                    SIGNET_OCSP_REQUEST_CONTENT_TYPE, accept_ocsp, d));
    }
  signet_online_run (v->self->online, jobs, v->deadline, v->cancellable);
  for (guint i = 0; i < jobs->len; i++)
    {
      SignetOnlineJob *job = g_ptr_array_index (jobs, i);
      OcspJob *d = g_ptr_array_index (data, i);

      if (job->url == NULL)
        note_job_failure (d->note, job);
    }
}

/* One round of CRL fetches (base CRLs, or delta CRLs when @delta). */
static void
crl_round (Verification *v, GPtrArray *notes, GPtrArray *crls, GPtrArray *pool, gboolean delta,
           GPtrArray *accepted_notes)
{
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_online_job_free);
  g_autoptr (GPtrArray) data = g_ptr_array_new_with_free_func ((GDestroyNotify) crl_job_free);
  /* The CRLs as they were: every job judges against the same list. */
  g_autoptr (GPtrArray) before = g_ptr_array_copy (crls, (GCopyFunc) g_object_ref, NULL);

  g_ptr_array_set_free_func (before, g_object_unref);
  for (guint i = 0; i < notes->len; i++)
    {
      CertNote *note = g_ptr_array_index (notes, i);
      g_auto (GStrv) uris = delta ? signet_aia_get_freshest_crl_uris (note->cert)
                                  : signet_aia_get_crl_distribution_uris (note->cert);
      CrlJob *d;

      if (uris == NULL || uris[0] == NULL)
        continue;
      d = g_new0 (CrlJob, 1);
      d->v = v;
      d->note = note;
      d->crls = before;
      d->pool = pool;
      d->delta = delta;
      d->fetched = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (data, d);
      g_ptr_array_add (jobs, signet_online_job_new ((const char *const *) uris, SIGNET_FETCH_KIND_CRL, NULL, NULL,
                                                    accept_crl, d));
    }
  signet_online_run (v->self->online, jobs, v->deadline, v->cancellable);
  for (guint i = 0; i < jobs->len; i++)
    {
      SignetOnlineJob *job = g_ptr_array_index (jobs, i);
      CrlJob *d = g_ptr_array_index (data, i);

      adopt_crls (v, crls, d, job->url);
      if (job->url == NULL && !delta)
        note_job_failure (d->note, job);
      else if (job->url != NULL && accepted_notes != NULL)
        g_ptr_array_add (accepted_notes, d->note);
    }
}

static gboolean
has_uris (GStrv uris)
{
  return uris != NULL && uris[0] != NULL;
}

/* Whether the network could tell more about @note's certificate. */
static gboolean
note_fetchable (SignetVerifier *self, CertNote *note, gboolean check_cache)
{
  g_auto (GStrv) dps = signet_aia_get_crl_distribution_uris (note->cert);
  g_auto (GStrv) ocsp = order_uses_ocsp (self) ? signet_aia_get_ocsp_uris (note->cert) : NULL;

  if (!check_cache)
    return has_uris (dps) || has_uris (ocsp);
  return signet_online_has_fetchable (self->online, (const char *const *) dps) ||
         signet_online_has_fetchable (self->online, (const char *const *) ocsp);
}

static const char *
first_uri (CertNote *note, gboolean with_ocsp)
{
  g_auto (GStrv) dps = signet_aia_get_crl_distribution_uris (note->cert);
  g_auto (GStrv) ocsp = with_ocsp ? signet_aia_get_ocsp_uris (note->cert) : NULL;

  if (has_uris (dps))
    return g_intern_string (dps[0]);
  if (has_uris (ocsp))
    return g_intern_string (ocsp[0]);
  return NULL;
}

/* The offline pass of @path improved with what the network and the OCSP
 * cache tell, per the verification's mode. Takes @path; returns the path
 * to report, with @ov filled in. */
static SignetPathResult *
online_path (Verification *v, SignetCertificate *leaf, GPtrArray *pool, GPtrArray *anchors, GPtrArray *crls,
             const SignetPathOptions *options, SignetPathResult *path, Overlay *ov)
{
  SignetVerifier *self = v->self;
  g_autoptr (GPtrArray) notes = NULL;

  path = fetch_issuers (v, leaf, pool, anchors, crls, options, path, ov);
  if (!options->check_revocation)
    return path;

  notes = unknown_certificates (path, ov);
  if (notes->len == 0)
    return path;

  /* Cached OCSP answers cost nothing and reveal nothing. */
  if (order_uses_ocsp (self))
    for (guint i = 0; i < notes->len; i++)
      ocsp_from_cache (v, g_ptr_array_index (notes, i));

  if (v->mode == NET_DEFER || v->mode == NET_OFFLINE)
    {
      for (guint i = 0; i < notes->len; i++)
        {
          CertNote *note = g_ptr_array_index (notes, i);

          if (note->ocsp_state != SIGNET_REVOCATION_UNKNOWN)
            continue;
          if (v->mode == NET_DEFER)
            note->pending = note_fetchable (self, note, TRUE);
          if (!note->pending && note_fetchable (self, note, FALSE))
            {
              const char *url = first_uri (note, order_uses_ocsp (self));
              const char *cached = url ? signet_online_negative_lookup (self->online, url) : NULL;

              note_failure (note, v->mode == NET_OFFLINE ? "offline" : cached ? cached : "network", url);
            }
        }
      return path;
    }

  for (guint phase = 0; phase < 2; phase++)
    {
      gboolean ocsp = (self->revocation_order == SIGNET_REVOCATION_ORDER_OCSP_FIRST) == (phase == 0);
      g_autoptr (GPtrArray) unknown = NULL;

      if (ocsp && !order_uses_ocsp (self))
        continue;
      g_object_unref (path);
      path = signet_path_validate (leaf, pool, anchors, crls, options);
      unknown = unknown_certificates (path, ov);
      if (unknown->len == 0)
        break;
      if (ocsp)
        ocsp_round (v, unknown);
      else
        {
          g_autoptr (GPtrArray) with_base = g_ptr_array_new ();

          crl_round (v, unknown, crls, pool, FALSE, with_base);
          if (with_base->len > 0)
            crl_round (v, with_base, crls, pool, TRUE, NULL);
        }
    }
  g_object_unref (path);
  return signet_path_validate (leaf, pool, anchors, crls, options);
}

static SignetWarning *
copy_warning_with (SignetWarning *w, SignetSeverity severity, CertNote *note)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, signet_warning_get_details (w));
  if (note != NULL && note->failure != NULL)
    {
      g_variant_dict_insert (&dict, "reason", "s", note->failure);
      if (note->failure_url != NULL)
        g_variant_dict_insert (&dict, "url", "s", note->failure_url);
      if (note->ocsp_status != NULL)
        g_variant_dict_insert (&dict, "ocsp_status", "s", note->ocsp_status);
      if (note->attempts->len > 0)
        g_variant_dict_insert_value (&dict, "attempts",
                                     g_variant_new_strv ((const char *const *) note->attempts->pdata,
                                                         note->attempts->len));
    }
  return signet_warning_new (signet_warning_get_code (w), severity, g_variant_dict_end (&dict));
}

/* apply_path() with what the network told (@ov). */
static void
apply_online_path (Verification *v, SignetSignature *sig, SignetPathResult *path, Overlay *ov,
                   SignetCertificate *leaf, GPtrArray *pool, GPtrArray *anchors, const SignetPathOptions *options)
{
  GPtrArray *chain = signet_path_result_get_chain (path);
  GPtrArray *warnings = signet_path_result_get_warnings (path);
  const SignetRevocationResult *rev0 = signet_path_result_get_revocation (path, 0);
  gboolean all_good = signet_path_result_get_anchored (path);
  gboolean any_ocsp = FALSE, any_revoked = FALSE;
  CertNote *leaf_note = chain->len > 0 ? overlay_find (ov, signet_certificate_get_sha256 (g_ptr_array_index (chain, 0))) : NULL;

  signet_signature_set_chain (sig, chain);
  for (guint k = 0; all_good && k + 1 < chain->len; k++)
    {
      const SignetRevocationResult *rev = signet_path_result_get_revocation (path, k);
      CertNote *note = overlay_find (ov, signet_certificate_get_sha256 (g_ptr_array_index (chain, k)));

      if (note != NULL && note->ocsp_state == SIGNET_REVOCATION_GOOD)
        any_ocsp = TRUE;
      else if (note != NULL && note->ocsp_state == SIGNET_REVOCATION_REVOKED)
        any_revoked = TRUE, all_good = FALSE;
      else if (rev == NULL || rev->state != SIGNET_REVOCATION_GOOD)
        all_good = FALSE;
    }

  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);
      const char *code = signet_warning_get_code (w);
      CertNote *note = overlay_find (ov, signet_warning_get_detail_string (w, "sha256"));

      if (g_str_equal (code, SIGNET_WARNING_REVOCATION_UNKNOWN) && note != NULL)
        {
          if (note->ocsp_state != SIGNET_REVOCATION_UNKNOWN)
            continue;
          if (note->pending)
            {
              add_owned_warning (sig, signet_warning_new_with (
                                          SIGNET_WARNING_REVOCATION_PENDING, SIGNET_SEVERITY_INFO,
                                          "certificate", g_variant_new_string (signet_certificate_get_display_name (note->cert)),
                                          "sha256", g_variant_new_string (signet_certificate_get_sha256 (note->cert)),
                                          "reason", g_variant_new_string ("revocation"), NULL));
              continue;
            }
          add_owned_warning (sig, copy_warning_with (w, signet_warning_get_severity (w), note));
          continue;
        }
      if ((g_str_equal (code, SIGNET_WARNING_CRL_EXPIRED) || g_str_equal (code, SIGNET_WARNING_CRL_INVALID)) &&
          all_good && any_ocsp)
        {
          /* OCSP settled what the unusable CRL could not. */
          add_owned_warning (sig, copy_warning_with (w, SIGNET_SEVERITY_INFO, NULL));
          continue;
        }
      if (g_str_equal (code, SIGNET_WARNING_ISSUER_UNKNOWN) && ov->issuer_failure != NULL &&
          ov->issuer_of != NULL &&
          g_strcmp0 (signet_warning_get_detail_string (w, "sha256"), signet_certificate_get_sha256 (ov->issuer_of)) == 0)
        {
          GVariantDict dict;

          g_variant_dict_init (&dict, signet_warning_get_details (w));
          g_variant_dict_insert (&dict, "fetch", "s", ov->issuer_failure);
          if (ov->issuer_failure_url != NULL)
            g_variant_dict_insert (&dict, "url", "s", ov->issuer_failure_url);
          add_owned_warning (sig, signet_warning_new (code, signet_warning_get_severity (w), g_variant_dict_end (&dict)));
          continue;
        }
      signet_signature_add_warning (sig, w);
    }

  if (ov->issuer_pending && ov->issuer_of != NULL)
    add_owned_warning (sig, signet_warning_new_with (
                                SIGNET_WARNING_REVOCATION_PENDING, SIGNET_SEVERITY_INFO,
                                "certificate", g_variant_new_string (signet_certificate_get_display_name (ov->issuer_of)),
                                "sha256", g_variant_new_string (signet_certificate_get_sha256 (ov->issuer_of)),
                                "reason", g_variant_new_string ("issuer"), NULL));

  for (guint i = 0; i < ov->notes->len; i++)
    {
      CertNote *note = g_ptr_array_index (ov->notes, i);
      g_autofree char *date = NULL;

      if (note->ocsp_state != SIGNET_REVOCATION_REVOKED)
        continue;
      date = iso8601 (note->revocation_time);
      add_owned_warning (sig, signet_warning_new_with (
                                  SIGNET_WARNING_REVOKED, SIGNET_SEVERITY_ERROR,
                                  "certificate", g_variant_new_string (signet_certificate_get_display_name (note->cert)),
                                  "sha256", g_variant_new_string (signet_certificate_get_sha256 (note->cert)),
                                  "revocation_time", g_variant_new_string (date),
                                  "reason", g_variant_new_string (crl_reason_name (note->reason)),
                                  "source", g_variant_new_string ("ocsp"), NULL));
    }

  if (signet_path_result_get_path_valid (path))
    {
      signet_signature_set_path_valid (sig, TRUE);
      signet_signature_set_valid_policies (sig, signet_path_result_get_valid_policies (path));
    }
  else if (all_good && any_ocsp && !any_revoked)
    {
      /* Revocation was the only open question, and OCSP answered it. */
      SignetPathOptions without = *options;
      g_autoptr (SignetPathResult) plain = NULL;

      without.check_revocation = FALSE;
      plain = signet_path_validate (leaf, pool, anchors, NULL, &without);
      signet_signature_set_path_valid (sig, signet_path_result_get_path_valid (plain));
      signet_signature_set_valid_policies (sig, signet_path_result_get_valid_policies (plain));
    }
  else
    {
      signet_signature_set_path_valid (sig, FALSE);
      signet_signature_set_valid_policies (sig, signet_path_result_get_valid_policies (path));
    }

  if (leaf_note != NULL && leaf_note->pending)
    signet_signature_set_revocation (sig, signet_revocation_state_to_string (SIGNET_REVOCATION_PENDING));
  else if (leaf_note != NULL && leaf_note->ocsp_state != SIGNET_REVOCATION_UNKNOWN)
    signet_signature_set_revocation (sig, signet_revocation_state_to_string (leaf_note->ocsp_state));
  else if (rev0 != NULL)
    signet_signature_set_revocation (sig, signet_revocation_state_to_string (rev0->state));
}

static gboolean
signature_pending (SignetSignature *sig)
{
  return g_strcmp0 (signet_signature_get_revocation (sig), "pending") == 0 ||
         signet_signature_has_warning (sig, SIGNET_WARNING_REVOCATION_PENDING);
}

static void
verify_signed_part (Verification *v,
                    SignetReport *report,
                    SignetSmimePart *part,
                    GPtrArray *anchors)
{
  SignetVerifier *self = v->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetCms) cms = NULL;
  g_autoptr (GPtrArray) pool = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) crls = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *signers;
  GPtrArray *cms_certs;
  GPtrArray *cms_crls;
  g_autoptr (GPtrArray) part_signatures = NULL;
  g_autoptr (GPtrArray) message_crls = g_ptr_array_new_with_free_func (g_object_unref);
  SignetPathOptions options;

  cms = signet_cms_new (signet_smime_part_get_cms (part), &error);
  if (cms == NULL)
    {
      g_autoptr (SignetSignature) sig = malformed_signature (part, error->message);

      signet_report_add_signature (report, sig);
      return;
    }

  signers = signet_cms_get_signers (cms);
  if (signers->len == 0)
    {
      /* A signed-data without signers is a certs-only bag: nothing to verify. */
      if (signet_smime_part_get_kind (part) == SIGNET_PART_KIND_MULTIPART_SIGNED)
        {
          g_autoptr (SignetSignature) sig = malformed_signature (part, "no SignerInfo");

          signet_report_add_signature (report, sig);
        }
      return;
    }

  cms_certs = signet_cms_get_certificates (cms);
  for (guint i = 0; i < cms_certs->len; i++)
    add_unique_certificate (pool, g_ptr_array_index (cms_certs, i));
  for (guint i = 0; i < self->certificates->len; i++)
    add_unique_certificate (pool, g_ptr_array_index (self->certificates, i));

  for (guint i = 0; i < self->crls->len; i++)
    g_ptr_array_add (crls, g_object_ref (g_ptr_array_index (self->crls, i)));
  cms_crls = signet_cms_get_crls (cms);
  for (guint i = 0; i < cms_crls->len; i++)
    {
      g_autoptr (GError) crl_error = NULL;
      SignetCrl *crl = signet_crl_new_from_der (g_ptr_array_index (cms_crls, i), &crl_error);

      if (crl != NULL)
        {
          g_ptr_array_add (crls, g_object_ref (crl));
          g_ptr_array_add (message_crls, crl);
        }
      else
        {
          g_debug ("Ignoring a CRL carried in the message: %s", crl_error->message);
        }
    }

  path_options (self, &options, SIGNET_LEAF_USAGE_SIGNING);
  part_signatures = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < signers->len; i++)
    {
      SignetSignerInfo *info = g_ptr_array_index (signers, i);
      g_autoptr (SignetSignature) sig = signet_signature_new (signet_smime_part_get_path (part), i);
      g_autoptr (SignetPathResult) path = NULL;
      SignetCertificate *cert;

      signet_signature_set_algorithms (sig, signet_signer_info_get_digest_algorithm_name (info),
                                       signet_signer_info_get_signature_algorithm_name (info));
      signet_signature_set_signing_time (sig, signet_signer_info_get_signing_time (info));
      signet_signature_set_message_addresses (sig, signet_smime_part_get_from (part));

      cert = find_signer (info, pool);
      if (cert == NULL)
        cert = store_find_signer (self, info, pool);
      if (cert == NULL)
        {
          add_owned_warning (sig, signet_warning_new (SIGNET_WARNING_SIGNER_NOT_FOUND, SIGNET_SEVERITY_ERROR, NULL));
          signet_report_add_signature (report, sig);
          continue;
        }
      signet_signature_set_signer (sig, cert);

      check_digest_algorithm (sig, info);

      store_complete_pool (self, cert, pool);
      store_add_crls (self, pool, crls);
      add_memory_crls (self, crls);
      path = signet_path_validate (cert, pool, anchors, crls, &options);
      {
        Overlay ov;

        overlay_init (&ov);
        path = online_path (v, cert, pool, anchors, crls, &options, path, &ov);
        apply_online_path (v, sig, path, &ov, cert, pool, anchors, &options);
        overlay_clear (&ov);
      }
      /* After the path: a DSA signer key may inherit its parameters from
       * the certificates above it (RFC 5280 6.1.4 (f)). */
      {
        GPtrArray *chain = signet_path_result_get_chain (path);
        g_auto (gnutls_pubkey_t) signer_key = NULL;

        if (chain != NULL && chain->len > 0 &&
            g_str_equal (signet_certificate_get_sha256 (g_ptr_array_index (chain, 0)),
                         signet_certificate_get_sha256 (cert)))
          signer_key = signet_path_inherited_dsa_key (chain, 0);
        check_signature_value (sig, cms, info, cert, signer_key, part);
      }

      check_address (sig, cert, signet_smime_part_get_from (part), signet_smime_part_get_sender (part));
      if (!signet_signature_has_warning (sig, SIGNET_WARNING_BAD_SIGNATURE))
        {
          store_check_continuity (self, sig, cert, signet_smime_part_get_from (part));
          store_remember (self, part, cms_certs, message_crls, signet_path_result_get_chain (path));
        }
      apply_sha1_policy (self, sig);
      /* The user's decisions: distrust, pins. */
      if (self->trust != NULL)
        signet_trust_review_signature (self->trust, sig);
      /* The first verdict is the final one, not one that waits for the network. */
      if (!signature_pending (sig))
        store_verdict_memory (self, sig, info, part);

      signet_report_add_signature (report, sig);
      g_ptr_array_add (part_signatures, g_object_ref (sig));
    }
  check_authors_covered (part_signatures, signet_smime_part_get_from (part), signet_smime_part_get_sender (part));
}

static SignetReport *
verify_parts (Verification *v, GPtrArray *parts, GCancellable *cancellable, GError **error)
{
  SignetVerifier *self = v->self;
  g_autoptr (SignetReport) report = signet_report_new ();
  g_autoptr (GPtrArray) anchors = collect_anchors (self);

  for (guint i = 0; i < parts->len; i++)
    {
      SignetSmimePart *part = g_ptr_array_index (parts, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      signet_report_add_part (report, part);
      switch (signet_smime_part_get_kind (part))
        {
        case SIGNET_PART_KIND_MULTIPART_SIGNED:
        case SIGNET_PART_KIND_SIGNED_DATA:
          verify_signed_part (v, report, part, anchors);
          break;
        case SIGNET_PART_KIND_MALFORMED:
          {
            g_autoptr (SignetSignature) sig = malformed_signature (part, signet_smime_part_get_problem (part));

            signet_report_add_signature (report, sig);
          }
          break;
        case SIGNET_PART_KIND_CERTS_ONLY:
        case SIGNET_PART_KIND_ENVELOPED:
        case SIGNET_PART_KIND_COMPRESSED:
        default:
          break;
        }
    }
  return g_steal_pointer (&report);
}

static void
verification_init (Verification *v, SignetVerifier *self, NetMode mode, GCancellable *cancellable)
{
  v->self = self;
  v->mode = mode;
  v->cancellable = cancellable;
  v->now = validation_time (self);
  v->deadline = g_get_monotonic_time () + (gint64) self->fetch_budget * G_USEC_PER_SEC;
}

static SignetReport *
verify_with_mode (SignetVerifier *self, GBytes *message, NetMode mode, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) parts = NULL;
  Verification v;

  parts = signet_mime_scan (message, error);
  if (parts == NULL)
    return NULL;
  verification_init (&v, self, mode, cancellable);
  return verify_parts (&v, parts, cancellable, error);
}

/**
 * signet_verifier_verify_bytes:
 * @self: a verifier
 * @message: the raw message (RFC 5322; LF or CRLF line ends)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Verifies every S/MIME signature in @message. Validation outcomes are in
 * the report; @error is set only when the message cannot be read at all or
 * exceeds a limit, or when @cancellable was cancelled.
 *
 * When the verifier is online this blocks for the fetches it needs (at most
 * the fetch timeout per fetch, the fetch budget in all, see
 * signet_verifier_set_fetch_budget()): call it from tools and worker
 * threads, never from a mail client's main thread. Every fetch that fails
 * leaves `revocation-unknown` with its reason.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetReport *
signet_verifier_verify_bytes (SignetVerifier *self,
                              GBytes *message,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autoptr (GPtrArray) parts = NULL;

  g_return_val_if_fail (SIGNET_IS_VERIFIER (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return verify_with_mode (self, message, self->offline ? NET_OFFLINE : NET_FETCH, cancellable, error);
}

/**
 * signet_verifier_verify_file:
 * @self: a verifier
 * @path: a message file, or `-` for standard input
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Verifies the message in a file; see signet_verifier_verify_file_async().
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetReport *
signet_verifier_verify_file (SignetVerifier *self,
                             const char *path,
                             GCancellable *cancellable,
                             GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  gssize n;

  if (g_strcmp0 (path, "-") == 0)
    {
      in = G_INPUT_STREAM (g_unix_input_stream_new (0, FALSE));
    }
  else
    {
      file = g_file_new_for_commandline_arg (path);
      in = G_INPUT_STREAM (g_file_read (file, cancellable, &local));
      if (in == NULL)
        {
          g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO, "%s", local->message);
          return NULL;
        }
    }

  /* Read at most one byte more than the limit, to tell "too big" apart. */
  {
    guint8 buf[65536];
    gsize total = 0;

    while ((n = g_input_stream_read (in, buf, sizeof buf, cancellable, &local)) > 0)
      {
        total += (gsize) n;
        if (total > SIGNET_MAX_MESSAGE_SIZE)
          {
            g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_LIMIT,
                         "The message is larger than %d MiB", SIGNET_MAX_MESSAGE_SIZE / (1024 * 1024));
            return NULL;
          }
        if (!g_output_stream_write_all (out, buf, (gsize) n, NULL, cancellable, &local))
          break;
      }
  }
  if (local != NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_IO, "%s", local->message);
      return NULL;
    }
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return signet_verifier_verify_bytes (self, bytes, cancellable, error);
}

static void
verify_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SignetVerifier *self = source;
  GError *error = NULL;
  SignetReport *report = verify_with_mode (self, task_data, self->offline ? NET_OFFLINE : NET_DEFER,
                                           cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * signet_verifier_verify_async:
 * @self: a verifier
 * @message: the raw message
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the report is ready
 * @user_data: data for @callback
 *
 * Verifies @message in a worker thread with what is known without the
 * network; the caller's main loop never waits, and neither does the
 * worker for the network. Where a fetch could tell more (a certificate
 * whose revocation no cached CRL or OCSP answer settles, a missing issuer
 * with a caIssuers URL), the report says so: the signature's revocation is
 * "pending" and it carries a `revocation-pending` warning (severity info,
 * so the verdict is what the facts known so far add up to), and
 * signet_report_is_pending() returns %TRUE. The caller shows that report
 * at once, then calls signet_verifier_complete_async() with the same
 * message for the final one. An offline verifier never leaves anything
 * pending. @callback runs in the thread-default main context of the caller.
 *
 * Since: 0.1
 */
void
signet_verifier_verify_async (SignetVerifier *self,
                              GBytes *message,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (message != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_verifier_verify_async);
  g_task_set_name (task, "[signet] verify");
  g_task_set_task_data (task, g_bytes_ref (message), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, verify_thread);
}

/**
 * signet_verifier_verify_finish:
 * @self: a verifier
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_verify_async().
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetReport *
signet_verifier_verify_finish (SignetVerifier *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_verifier_verify_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
complete_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SignetVerifier *self = source;
  GError *error = NULL;
  SignetReport *report = verify_with_mode (self, task_data, self->offline ? NET_OFFLINE : NET_FETCH,
                                           cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * signet_verifier_complete_async:
 * @self: a verifier
 * @message: the same raw message given to signet_verifier_verify_async()
 * @cancellable: (nullable): cancels the fetches (their helper processes
 *   are killed) and the verification
 * @callback: called with the final report
 * @user_data: data for @callback
 *
 * The second stage after a pending report: verifies @message again in a
 * worker thread, this time fetching what is needed (CRLs, OCSP answers,
 * issuer certificates; in parallel, each bounded by the fetch timeout and
 * all by the fetch budget). Whatever was fetched is stored, so the first
 * stage of the next message from the same issuer is final at once. The
 * message (not the pending report) is taken because the report does not
 * keep the signed content; verifying again costs little next to a fetch.
 * Each fetch that fails leaves `revocation-unknown` with a "reason"
 * detail: offline, timeout, http, too-large, bad-scheme, redirects,
 * network, helper-failed, invalid-response, crl-expired, crl-invalid,
 * ocsp-unknown or an OCSP problem (signet_ocsp_problem_to_string()), and
 * "url". @callback runs in the thread-default main context of the caller.
 *
 * Since: 0.1
 */
void
signet_verifier_complete_async (SignetVerifier *self,
                                GBytes *message,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIGNET_IS_VERIFIER (self));
  g_return_if_fail (message != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_verifier_complete_async);
  g_task_set_name (task, "[signet] complete");
  g_task_set_task_data (task, g_bytes_ref (message), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, complete_thread);
}

/**
 * signet_verifier_complete_finish:
 * @self: a verifier
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes signet_verifier_complete_async().
 *
 * Returns: (transfer full): the final report, or %NULL with @error set
 *
 * Since: 0.1
 */
SignetReport *
signet_verifier_complete_finish (SignetVerifier *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_verifier_complete_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_verifier_check_certificate:
 * @self: a verifier
 * @certificate: the certificate to validate
 * @address: (nullable): an e-mail address the certificate should carry
 *
 * Validates one certificate without a message: the path to a trust anchor
 * (through the verifier's certificates and the store), revocation, and, if
 * @address is given, whether the certificate belongs to it. An online
 * verifier fetches what is needed, blocking as
 * signet_verifier_verify_bytes() does.
 *
 * Returns: (transfer full): a signature result with no signature checks
 *
 * Since: 0.1
 */
SignetSignature *
signet_verifier_check_certificate (SignetVerifier *self,
                                   SignetCertificate *certificate,
                                   const char *address)
{
  g_autoptr (SignetSignature) sig = signet_signature_new ("-", 0);
  g_autoptr (GPtrArray) anchors = collect_anchors (self);
  g_autoptr (SignetPathResult) path = NULL;
  SignetPathOptions options;

  g_autoptr (GPtrArray) pool = g_ptr_array_copy (self->certificates, (GCopyFunc) g_object_ref, NULL);
  g_autoptr (GPtrArray) crls = g_ptr_array_copy (self->crls, (GCopyFunc) g_object_ref, NULL);
  Verification v;
  Overlay ov;

  g_ptr_array_set_free_func (pool, g_object_unref);
  g_ptr_array_set_free_func (crls, g_object_unref);
  path_options (self, &options, SIGNET_LEAF_USAGE_ANY);
  signet_signature_set_signer (sig, certificate);
  store_complete_pool (self, certificate, pool);
  store_add_crls (self, pool, crls);
  add_memory_crls (self, crls);
  path = signet_path_validate (certificate, pool, anchors, crls, &options);
  verification_init (&v, self, self->offline ? NET_OFFLINE : NET_FETCH, NULL);
  overlay_init (&ov);
  path = online_path (&v, certificate, pool, anchors, crls, &options, path, &ov);
  apply_online_path (&v, sig, path, &ov, certificate, pool, anchors, &options);
  overlay_clear (&ov);
  if (address != NULL)
    {
      const char *const addresses[] = { address, NULL };

      signet_signature_set_message_addresses (sig, addresses);
      check_address (sig, certificate, addresses, NULL);
    }
  apply_sha1_policy (self, sig);
  if (self->trust != NULL)
    signet_trust_review_signature (self->trust, sig);
  return g_steal_pointer (&sig);
}
