/* signet-verifier.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-verifier.h"

#include <gio/gunixinputstream.h>

#include "signet-address.h"
#include "signet-cms.h"
#include "signet-error.h"
#include "signet-gnutls-private.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-mime-scanner.h"
#include "signet-oids.h"
#include "signet-path.h"
#include "signet-signer-info-private.h"
#include "signet-store.h"
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
  SignetStore *store;
};

G_DEFINE_FINAL_TYPE (SignetVerifier, signet_verifier, G_TYPE_OBJECT)

static void
signet_verifier_finalize (GObject *object)
{
  SignetVerifier *self = SIGNET_VERIFIER (object);

  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_strfreev (self->initial_policies);
  g_clear_object (&self->store);

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
}

/**
 * signet_verifier_new:
 *
 * Returns: (transfer full): a verifier that trusts the system's anchors,
 *   validates at the current time and checks revocation
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
 * Returns: %TRUE when at least one certificate was added
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
 */
void
signet_verifier_add_certificate (SignetVerifier *self, SignetCertificate *certificate)
{
  add_unique_certificate (self->certificates, certificate);
}

gboolean
signet_verifier_add_certificates_from_file (SignetVerifier *self, const char *path, GError **error)
{
  return add_certificates_from_file (self->certificates, path, error);
}

/**
 * signet_verifier_add_crl:
 * @self: a verifier
 * @crl: a CRL to use for revocation checks (it is validated before use)
 */
void
signet_verifier_add_crl (SignetVerifier *self, SignetCrl *crl)
{
  g_ptr_array_add (self->crls, g_object_ref (crl));
}

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

/* Whether the system's trust anchors are used besides the added ones. */
void
signet_verifier_set_use_system_trust (SignetVerifier *self, gboolean use_system_trust)
{
  self->use_system_trust = use_system_trust;
}

/* Validates at @unix_time instead of now. */
void
signet_verifier_set_time (SignetVerifier *self, gint64 unix_time)
{
  self->has_time = TRUE;
  self->time = unix_time;
}

void
signet_verifier_unset_time (SignetVerifier *self)
{
  self->has_time = FALSE;
}

/* Forbids every network access. */
void
signet_verifier_set_offline (SignetVerifier *self, gboolean offline)
{
  self->offline = offline;
}

gboolean
signet_verifier_get_offline (SignetVerifier *self)
{
  return self->offline;
}

/* The user-initial-policy-set (OIDs); NULL means anyPolicy. */
void
signet_verifier_set_initial_policies (SignetVerifier *self, const char *const *policies)
{
  g_strfreev (self->initial_policies);
  self->initial_policies = policies && policies[0] ? g_strdupv ((char **) policies) : NULL;
}

void
signet_verifier_set_require_explicit_policy (SignetVerifier *self, gboolean require)
{
  self->require_explicit_policy = require;
}

void
signet_verifier_set_inhibit_policy_mapping (SignetVerifier *self, gboolean inhibit)
{
  self->inhibit_policy_mapping = inhibit;
}

void
signet_verifier_set_inhibit_any_policy (SignetVerifier *self, gboolean inhibit)
{
  self->inhibit_any_policy = inhibit;
}

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
 */
void
signet_verifier_set_store (SignetVerifier *self, SignetStore *store)
{
  g_set_object (&self->store, store);
}

/* Returns: (transfer none) (nullable): the store */
SignetStore *
signet_verifier_get_store (SignetVerifier *self)
{
  return self->store;
}

/* The system trust store, read once per process. GnuTLS loads it (on
 * Debian the ca-certificates bundle); the certificates are kept as ours. */
static GPtrArray *
system_anchors (void)
{
  static GPtrArray *anchors = NULL;

  if (g_once_init_enter (&anchors))
    {
      GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
      gnutls_x509_trust_list_t tl = NULL;

      if (gnutls_x509_trust_list_init (&tl, 0) >= 0)
        {
          gnutls_x509_trust_list_iter_t iter = NULL;
          gnutls_x509_crt_t crt = NULL;

          gnutls_x509_trust_list_add_system_trust (tl, 0, 0);
          while (gnutls_x509_trust_list_iter_get_ca (tl, &iter, &crt) >= 0)
            {
              g_auto (gnutls_datum_t) der = { NULL, 0 };

              if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der) >= 0)
                {
                  g_autoptr (GBytes) bytes = _signet_bytes_from_datum (&der);
                  SignetCertificate *cert = signet_certificate_new_from_der (bytes, NULL);

                  if (cert != NULL)
                    g_ptr_array_add (list, cert);
                }
              gnutls_x509_crt_deinit (crt);
              crt = NULL;
            }
          gnutls_x509_trust_list_iter_deinit (iter);
          gnutls_x509_trust_list_deinit (tl, 1);
        }
      g_debug ("Loaded %u system trust anchors", list->len);
      g_once_init_leave (&anchors, list);
    }
  return anchors;
}

static GPtrArray *
collect_anchors (SignetVerifier *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->anchors->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (self->anchors, i)));
  if (self->use_system_trust)
    {
      GPtrArray *sys = system_anchors ();

      for (guint i = 0; i < sys->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (sys, i)));
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

static SignetCmsVerifyResult
verify_content (SignetCms *cms, guint index, SignetCertificate *cert, SignetSmimePart *part)
{
  GPtrArray *contents = signet_smime_part_get_signed_contents (part);
  SignetCmsVerifyResult best = SIGNET_CMS_VERIFY_NO_CONTENT;

  if (!signet_cms_is_detached (cms))
    return signet_cms_verify_signer (cms, index, cert, NULL);

  for (guint i = 0; contents != NULL && i < contents->len; i++)
    {
      SignetCmsVerifyResult r = signet_cms_verify_signer (cms, index, cert, g_ptr_array_index (contents, i));

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
                       SignetCertificate *cert, SignetSmimePart *part)
{
  SignetCmsVerifyResult r = verify_content (cms, signet_signer_info_get_index (info), cert, part);
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

static void
apply_path (SignetSignature *sig, SignetPathResult *path)
{
  const SignetRevocationResult *rev;

  signet_signature_set_chain (sig, signet_path_result_get_chain (path));
  signet_signature_set_path_valid (sig, signet_path_result_get_path_valid (path));
  signet_signature_set_valid_policies (sig, signet_path_result_get_valid_policies (path));
  signet_signature_add_warnings (sig, signet_path_result_get_warnings (path));
  rev = signet_path_result_get_revocation (path, 0);
  if (rev != NULL)
    signet_signature_set_revocation (sig, signet_revocation_state_to_string (rev->state));
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

static void
verify_signed_part (SignetVerifier *self,
                    SignetReport *report,
                    SignetSmimePart *part,
                    GPtrArray *anchors)
{
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

      check_signature_value (sig, cms, info, cert, part);
      check_digest_algorithm (sig, info);

      store_complete_pool (self, cert, pool);
      store_add_crls (self, pool, crls);
      path = signet_path_validate (cert, pool, anchors, crls, &options);
      apply_path (sig, path);

      check_address (sig, cert, signet_smime_part_get_from (part), signet_smime_part_get_sender (part));
      if (!signet_signature_has_warning (sig, SIGNET_WARNING_BAD_SIGNATURE))
        {
          store_check_continuity (self, sig, cert, signet_smime_part_get_from (part));
          store_remember (self, part, cms_certs, message_crls, signet_path_result_get_chain (path));
        }
      store_verdict_memory (self, sig, info, part);

      signet_report_add_signature (report, sig);
      g_ptr_array_add (part_signatures, g_object_ref (sig));
    }
  check_authors_covered (part_signatures, signet_smime_part_get_from (part), signet_smime_part_get_sender (part));
}

static SignetReport *
verify_parts (SignetVerifier *self, GPtrArray *parts, GCancellable *cancellable, GError **error)
{
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
          verify_signed_part (self, report, part, anchors);
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
 * Returns: (transfer full): the report, or %NULL with @error set
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

  parts = signet_mime_scan (message, error);
  if (parts == NULL)
    return NULL;
  return verify_parts (self, parts, cancellable, error);
}

/**
 * signet_verifier_verify_file:
 * @self: a verifier
 * @path: a message file, or `-` for standard input
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the report, or %NULL with @error set
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
  GError *error = NULL;
  SignetReport *report = signet_verifier_verify_bytes (source, task_data, cancellable, &error);

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
 * Verifies @message in a worker thread; the caller's main loop never
 * waits. @callback runs in the thread-default main context of the caller.
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
 * Returns: (transfer full): the report, or %NULL with @error set
 */
SignetReport *
signet_verifier_verify_finish (SignetVerifier *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == signet_verifier_verify_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * signet_verifier_check_certificate:
 * @self: a verifier
 * @certificate: the certificate to validate
 * @address: (nullable): an e-mail address the certificate should carry
 *
 * Validates one certificate without a message: the path to a trust anchor
 * (through the verifier's certificates), revocation, and, if @address is
 * given, whether the certificate belongs to it.
 *
 * Returns: (transfer full): a signature result with no signature checks
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

  path_options (self, &options, SIGNET_LEAF_USAGE_ANY);
  signet_signature_set_signer (sig, certificate);
  path = signet_path_validate (certificate, self->certificates, anchors, self->crls, &options);
  apply_path (sig, path);
  if (address != NULL)
    {
      const char *const addresses[] = { address, NULL };

      signet_signature_set_message_addresses (sig, addresses);
      check_address (sig, certificate, addresses, NULL);
    }
  return g_steal_pointer (&sig);
}
