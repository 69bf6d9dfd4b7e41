/* signet-recipient.c: choosing the certificate to encrypt for.
 *
 * Every candidate (the store's, then the configured directories') is
 * validated for encryption now, as a signer's certificate is for signing:
 * the whole path to one of the caller's anchors, revocation, the address,
 * and the key usage of RFC 2632 4.4.2. When revocation is checked or a
 * trust model is given, the path, revocation and trust are judged by a
 * #SignetVerifier exactly as for a signer (signet_verifier_check_certificate()):
 * online unless told otherwise, it fetches CRLs, OCSP answers and issuer
 * certificates (caching them in the store), and applies the trust
 * model's anchors, distrust and pins. Candidates are ranked: usable
 * before unusable, then the newest (latest notBefore), then the one the
 * correspondent last signed with, then the one whose key type their
 * SMIMECapabilities announce. An unusable certificate can only be chosen
 * through signet_recipient_result_choose_override(), which the result
 * records.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-recipient.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "signet-address.h"
#include "signet-error.h"
#include "signet-limits.h"
#include "signet-oids.h"
#include "signet-path.h"
#include "signet-signature.h"
#include "signet-verifier.h"
#include "signet-warning.h"

struct _SignetRecipientCandidate
{
  SignetCertificate *certificate;
  SignetRecipientSource source;
  char *origin;
  gboolean usable;
  gboolean last_signer;
  gboolean capability_match;
  GPtrArray *warnings; /* SignetWarning */
  GPtrArray *chain;    /* SignetCertificate */
};

struct _SignetRecipientResult
{
  GObject parent_instance;

  char *address;
  gint64 time;
  GPtrArray *anchors;
  GPtrArray *intermediates;
  GPtrArray *crls;
  gboolean check_revocation;
  SignetCertificate *last_signer;
  GStrv capabilities;
  gboolean offline;
  SignetTrust *trust;
  SignetStore *store; /* set by signet_recipient_find_async() */

  /* Judges path, revocation and trust (created on first use). */
  SignetVerifier *verifier;
  guint verifier_intermediates; /* how many of @intermediates it has */
  guint verifier_crls;          /* how many of @crls it has */

  GPtrArray *candidates; /* SignetRecipientCandidate, ranked */
  GHashTable *seen;      /* sha256 */
  const SignetRecipientCandidate *chosen;
  gboolean override;
  GPtrArray *directory_errors; /* char * */
};

G_DEFINE_FINAL_TYPE (SignetRecipientResult, signet_recipient_result, G_TYPE_OBJECT)

/* Content-encryption algorithms we know, strongest first. */
static const char *const content_algorithms[] = {
  "2.16.840.1.101.3.4.1.46", /* AES-256-GCM */
  "2.16.840.1.101.3.4.1.26", /* AES-192-GCM */
  "2.16.840.1.101.3.4.1.6",  /* AES-128-GCM */
  "2.16.840.1.101.3.4.1.42", /* AES-256-CBC */
  "2.16.840.1.101.3.4.1.22", /* AES-192-CBC */
  "2.16.840.1.101.3.4.1.2",  /* AES-128-CBC */
  NULL,
};

/* Key-encryption capabilities and the key types they need. */
typedef enum
{
  KEY_FAMILY_NONE,
  KEY_FAMILY_RSA,
  KEY_FAMILY_AGREEMENT, /* EC, DH, X25519, X448 */
} KeyFamily;

static const struct
{
  const char *oid;
  KeyFamily family;
} key_capabilities[] = {
  { "1.2.840.113549.1.1.1", KEY_FAMILY_RSA },             /* rsaEncryption */
  { "1.2.840.113549.1.1.7", KEY_FAMILY_RSA },             /* RSAES-OAEP */
  { "1.3.133.16.840.63.0.2", KEY_FAMILY_AGREEMENT },      /* dhSinglePass-stdDH-sha1kdf */
  { "1.3.132.1.11.0", KEY_FAMILY_AGREEMENT },             /* dhSinglePass-stdDH-sha224kdf */
  { "1.3.132.1.11.1", KEY_FAMILY_AGREEMENT },             /* ... sha256kdf */
  { "1.3.132.1.11.2", KEY_FAMILY_AGREEMENT },             /* ... sha384kdf */
  { "1.3.132.1.11.3", KEY_FAMILY_AGREEMENT },             /* ... sha512kdf */
  { "1.2.840.113549.1.9.16.3.5", KEY_FAMILY_AGREEMENT },  /* id-alg-ESDH */
  { "1.2.840.113549.1.9.16.3.19", KEY_FAMILY_AGREEMENT }, /* id-alg-hkdf-with-sha256 (X25519) */
};

static KeyFamily
key_family (SignetCertificate *cert)
{
  switch (signet_certificate_get_key_algorithm (cert, NULL))
    {
    case GNUTLS_PK_RSA:
      return KEY_FAMILY_RSA;
    case GNUTLS_PK_EC:
    case GNUTLS_PK_DH:
    case GNUTLS_PK_ECDH_X25519:
    case GNUTLS_PK_ECDH_X448:
      return KEY_FAMILY_AGREEMENT;
    default:
      return KEY_FAMILY_NONE;
    }
}

/**
 * signet_recipient_source_to_string:
 * @source: a source
 *
 * Returns: "store", "directory" or "caller" (stable, for JSON)
 */
const char *
signet_recipient_source_to_string (SignetRecipientSource source)
{
  switch (source)
    {
    case SIGNET_RECIPIENT_SOURCE_STORE:
      return "store";
    case SIGNET_RECIPIENT_SOURCE_DIRECTORY:
      return "directory";
    case SIGNET_RECIPIENT_SOURCE_CALLER:
    default:
      return "caller";
    }
}

/**
 * signet_recipient_options_init:
 * @options: (out caller-allocates): options to fill
 * @time: the time of the check (Unix seconds)
 *
 * Fills @options with the defaults: no anchors, no trust model,
 * revocation checked online (as signature verification does),
 * directories asked.
 */
void
signet_recipient_options_init (SignetRecipientOptions *options, gint64 time)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->time = time;
  options->check_revocation = TRUE;
  options->use_directories = TRUE;
}

/* ---- candidates ------------------------------------------------------------ */

static void
candidate_free (SignetRecipientCandidate *c)
{
  g_clear_object (&c->certificate);
  g_free (c->origin);
  g_clear_pointer (&c->warnings, g_ptr_array_unref);
  g_clear_pointer (&c->chain, g_ptr_array_unref);
  g_free (c);
}

/**
 * signet_recipient_candidate_get_certificate:
 * @candidate: a candidate
 *
 * Returns: (transfer none): its certificate
 */
SignetCertificate *
signet_recipient_candidate_get_certificate (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, NULL);
  return candidate->certificate;
}

/**
 * signet_recipient_candidate_get_source:
 * @candidate: a candidate
 *
 * Returns: where it came from
 */
SignetRecipientSource
signet_recipient_candidate_get_source (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, SIGNET_RECIPIENT_SOURCE_CALLER);
  return candidate->source;
}

/**
 * signet_recipient_candidate_get_origin:
 * @candidate: a candidate
 *
 * Returns: (nullable): the directory's name, or the store's origin note
 */
const char *
signet_recipient_candidate_get_origin (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, NULL);
  return candidate->origin;
}

/**
 * signet_recipient_candidate_get_usable:
 * @candidate: a candidate
 *
 * Returns: whether the certificate may be encrypted for: its path
 *   validated to a trust anchor, revocation included, it carries the
 *   address and its key may encrypt
 */
gboolean
signet_recipient_candidate_get_usable (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, FALSE);
  return candidate->usable;
}

/**
 * signet_recipient_candidate_get_warnings:
 * @candidate: a candidate
 *
 * Returns: (transfer none) (element-type SignetWarning): why it is not
 *   usable (the warnings of signature verification), and notes
 */
GPtrArray *
signet_recipient_candidate_get_warnings (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, NULL);
  return candidate->warnings;
}

/**
 * signet_recipient_candidate_get_chain:
 * @candidate: a candidate
 *
 * Returns: (transfer none) (element-type SignetCertificate): the path
 *   judged, leaf first
 */
GPtrArray *
signet_recipient_candidate_get_chain (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, NULL);
  return candidate->chain;
}

/**
 * signet_recipient_candidate_get_last_signer:
 * @candidate: a candidate
 *
 * Returns: whether the correspondent last signed with this certificate
 */
gboolean
signet_recipient_candidate_get_last_signer (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, FALSE);
  return candidate->last_signer;
}

/**
 * signet_recipient_candidate_get_capability_match:
 * @candidate: a candidate
 *
 * Returns: whether the correspondent's SMIMECapabilities announce a
 *   key-encryption algorithm for this certificate's key type
 */
gboolean
signet_recipient_candidate_get_capability_match (const SignetRecipientCandidate *candidate)
{
  g_return_val_if_fail (candidate != NULL, FALSE);
  return candidate->capability_match;
}

static GVariant *
str_variant (const char *s)
{
  return g_variant_new_string (s != NULL ? s : "");
}

static SignetWarning *
usage_warning (SignetCertificate *cert, const char *problem)
{
  return signet_warning_new_with (
      SIGNET_WARNING_KEY_USAGE, SIGNET_SEVERITY_ERROR, "reason", str_variant ("encryption"),
      "problem", str_variant (problem), "algorithm",
      str_variant (gnutls_pk_get_name (signet_certificate_get_key_algorithm (cert, NULL))),
      "certificate", str_variant (signet_certificate_get_display_name (cert)), "sha256",
      str_variant (signet_certificate_get_sha256 (cert)), NULL);
}

/**
 * signet_recipient_check_encryption_usage:
 * @certificate: a certificate
 *
 * Checks that the key of @certificate may encrypt a content-encryption key
 * for its subject: an RSA key needs keyEncipherment, a Diffie-Hellman or
 * elliptic-curve key needs keyAgreement and, to encrypt, decipherOnly
 * clear (RFC 2632 4.4.2); other keys (DSA, EdDSA, RSA-PSS) cannot encrypt.
 * A certificate without keyUsage allows every use its key type has.
 * Each problem is a %SIGNET_WARNING_KEY_USAGE warning with "reason"
 * "encryption" and "problem" one of "key-encipherment", "key-agreement",
 * "decipher-only", "key-algorithm".
 *
 * Returns: (transfer full) (element-type SignetWarning): the problems,
 *   empty when the key may be used
 */
GPtrArray *
signet_recipient_check_encryption_usage (SignetCertificate *certificate)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  guint usage = 0;
  gboolean has_ku;

  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), NULL);

  has_ku = signet_certificate_get_key_usage (certificate, &usage);
  switch (key_family (certificate))
    {
    case KEY_FAMILY_RSA:
      if (has_ku && (usage & SIGNET_KEY_USAGE_KEY_ENCIPHERMENT) == 0)
        g_ptr_array_add (out, usage_warning (certificate, "key-encipherment"));
      break;
    case KEY_FAMILY_AGREEMENT:
      if (has_ku && (usage & SIGNET_KEY_USAGE_KEY_AGREEMENT) == 0)
        g_ptr_array_add (out, usage_warning (certificate, "key-agreement"));
      else if (has_ku && (usage & SIGNET_KEY_USAGE_DECIPHER_ONLY) != 0)
        g_ptr_array_add (out, usage_warning (certificate, "decipher-only"));
      break;
    case KEY_FAMILY_NONE:
    default:
      g_ptr_array_add (out, usage_warning (certificate, "key-algorithm"));
      break;
    }
  return g_steal_pointer (&out);
}

/* ---- the result ----------------------------------------------------------- */

static void
signet_recipient_result_finalize (GObject *object)
{
  SignetRecipientResult *self = SIGNET_RECIPIENT_RESULT (object);

  g_free (self->address);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->intermediates, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_clear_object (&self->last_signer);
  g_strfreev (self->capabilities);
  g_clear_object (&self->trust);
  g_clear_object (&self->store);
  g_clear_object (&self->verifier);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->directory_errors, g_ptr_array_unref);

  G_OBJECT_CLASS (signet_recipient_result_parent_class)->finalize (object);
}

static void
signet_recipient_result_class_init (SignetRecipientResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_recipient_result_finalize;
}

static void
signet_recipient_result_init (SignetRecipientResult *self)
{
  self->anchors = g_ptr_array_new_with_free_func (g_object_unref);
  self->intermediates = g_ptr_array_new_with_free_func (g_object_unref);
  self->crls = g_ptr_array_new_with_free_func (g_object_unref);
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->directory_errors = g_ptr_array_new_with_free_func (g_free);
}

static void
extend (GPtrArray *to, GPtrArray *from)
{
  if (from == NULL)
    return;
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_object_ref (from->pdata[i]));
}

static void
add_intermediate (SignetRecipientResult *self, SignetCertificate *cert)
{
  for (guint i = 0; i < self->intermediates->len; i++)
    if (signet_certificate_equal (self->intermediates->pdata[i], cert))
      return;
  if (self->intermediates->len < SIGNET_MAX_RECIPIENT_ISSUERS + SIGNET_MAX_PATH_CANDIDATES)
    g_ptr_array_add (self->intermediates, g_object_ref (cert));
}

/**
 * signet_recipient_result_new:
 * @address: the recipient's address
 * @options: the settings (copied)
 *
 * Starts a selection; candidates are added with
 * signet_recipient_result_add(). signet_recipient_find() does it all.
 *
 * Returns: (transfer full): a result without candidates
 */
SignetRecipientResult *
signet_recipient_result_new (const char *address, const SignetRecipientOptions *options)
{
  SignetRecipientResult *self;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (SIGNET_TYPE_RECIPIENT_RESULT, NULL);
  self->address = g_strdup (address);
  self->time = options->time;
  extend (self->anchors, options->anchors);
  extend (self->intermediates, options->intermediates);
  extend (self->crls, options->crls);
  self->check_revocation = options->check_revocation;
  if (options->last_signer != NULL)
    self->last_signer = g_object_ref (options->last_signer);
  self->capabilities = g_strdupv ((char **) options->capabilities);
  self->offline = options->offline;
  if (options->trust != NULL)
    {
      g_autoptr (GPtrArray) trusted = NULL;

      self->trust = g_object_ref (options->trust);
      trusted = signet_trust_get_anchors (self->trust);
      for (guint i = 0; trusted != NULL && i < trusted->len; i++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < self->anchors->len && !known; k++)
            known = signet_certificate_equal (self->anchors->pdata[k], trusted->pdata[i]);
          if (!known)
            g_ptr_array_add (self->anchors, g_object_ref (trusted->pdata[i]));
        }
    }
  return self;
}

/* The verifier that judges path, revocation and trust, up to date with
 * the issuers and CRLs gathered so far. */
static SignetVerifier *
get_verifier (SignetRecipientResult *self)
{
  if (self->verifier == NULL)
    {
      self->verifier = signet_verifier_new ();
      signet_verifier_set_use_system_trust (self->verifier, FALSE);
      signet_verifier_set_time (self->verifier, self->time);
      signet_verifier_set_offline (self->verifier, self->offline);
      signet_verifier_set_check_revocation (self->verifier, self->check_revocation);
      if (self->trust != NULL)
        signet_verifier_set_trust (self->verifier, self->trust);
      if (self->store != NULL)
        signet_verifier_set_store (self->verifier, self->store);
      for (guint i = 0; i < self->anchors->len; i++)
        signet_verifier_add_anchor (self->verifier, self->anchors->pdata[i]);
    }
  for (; self->verifier_intermediates < self->intermediates->len; self->verifier_intermediates++)
    signet_verifier_add_certificate (self->verifier,
                                     self->intermediates->pdata[self->verifier_intermediates]);
  for (; self->verifier_crls < self->crls->len; self->verifier_crls++)
    signet_verifier_add_crl (self->verifier, self->crls->pdata[self->verifier_crls]);
  return self->verifier;
}

/* Warnings of the verifier that forbid encrypting even on a valid path. */
static gboolean
blocks_encryption (SignetWarning *w)
{
  const char *code = signet_warning_get_code (w);

  return g_str_equal (code, SIGNET_WARNING_REVOKED) ||
         g_str_equal (code, SIGNET_WARNING_REVOCATION_UNKNOWN) ||
         g_str_equal (code, SIGNET_WARNING_REVOCATION_PENDING) ||
         g_str_equal (code, SIGNET_WARNING_DISTRUSTED);
}

static gboolean
capability_match (SignetRecipientResult *self, SignetCertificate *cert)
{
  KeyFamily family = key_family (cert);

  if (self->capabilities == NULL || family == KEY_FAMILY_NONE)
    return FALSE;
  for (guint i = 0; self->capabilities[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (key_capabilities); k++)
      if (g_str_equal (self->capabilities[i], key_capabilities[k].oid) &&
          key_capabilities[k].family == family)
        return TRUE;
  return FALSE;
}

static gboolean
path_reported_encryption (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = warnings->pdata[i];

      if (g_str_equal (signet_warning_get_code (w), SIGNET_WARNING_KEY_USAGE) &&
          g_strcmp0 (signet_warning_get_detail_string (w, "reason"), "encryption") == 0)
        return TRUE;
    }
  return FALSE;
}

static gint
compare_candidates (gconstpointer pa, gconstpointer pb)
{
  const SignetRecipientCandidate *a = *(SignetRecipientCandidate *const *) pa;
  const SignetRecipientCandidate *b = *(SignetRecipientCandidate *const *) pb;
  gint64 na, nb;

  if (a->usable != b->usable)
    return a->usable ? -1 : 1;
  na = signet_certificate_get_not_before (a->certificate);
  nb = signet_certificate_get_not_before (b->certificate);
  if (na != nb)
    return na > nb ? -1 : 1;
  if (a->last_signer != b->last_signer)
    return a->last_signer ? -1 : 1;
  if (a->capability_match != b->capability_match)
    return a->capability_match ? -1 : 1;
  na = signet_certificate_get_not_after (a->certificate);
  nb = signet_certificate_get_not_after (b->certificate);
  if (na != nb)
    return na > nb ? -1 : 1;
  return strcmp (signet_certificate_get_sha256 (a->certificate),
                 signet_certificate_get_sha256 (b->certificate));
}

static GVariant *
strv_variant (const char *const *v)
{
  return g_variant_new_strv (v != NULL ? v : (const char *const[]){ NULL }, -1);
}

/**
 * signet_recipient_result_add:
 * @self: a result
 * @certificate: a candidate certificate
 * @source: where it came from
 * @origin: (nullable): the directory's name, or another note
 *
 * Judges @certificate for encryption to the result's address at the
 * result's time and ranks it among the candidates. When revocation is
 * checked and the selection is not offline this may block for network
 * fetches (bounded by the verifier's fetch budget):
 * signet_recipient_find_async() calls it in a worker thread. A certificate already
 * judged, or one over %SIGNET_MAX_RECIPIENT_CANDIDATES, is ignored.
 *
 * Returns: %TRUE when it was added
 */
gboolean
signet_recipient_result_add (SignetRecipientResult *self,
                             SignetCertificate *certificate,
                             SignetRecipientSource source,
                             const char *origin)
{
  g_autoptr (SignetPathResult) path = NULL;
  g_autoptr (GPtrArray) usage = NULL;
  SignetPathOptions popts;
  SignetRecipientCandidate *c;
  const char *sha256;
  GPtrArray *path_warnings;

  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), FALSE);
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (certificate), FALSE);

  sha256 = signet_certificate_get_sha256 (certificate);
  if (g_hash_table_contains (self->seen, sha256) ||
      self->candidates->len >= SIGNET_MAX_RECIPIENT_CANDIDATES)
    return FALSE;
  g_hash_table_add (self->seen, g_strdup (sha256));

  c = g_new0 (SignetRecipientCandidate, 1);
  c->certificate = g_object_ref (certificate);
  c->source = source;
  c->origin = g_strdup (origin);
  c->warnings = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->check_revocation || self->trust != NULL)
    {
      /* Chain, revocation and trust as for signing (the verifier's network
       * rounds, its store caching, the offline setting, the trust model);
       * the encryption key usage and the address are checked below. */
      g_autoptr (SignetSignature) sig =
          signet_verifier_check_certificate (get_verifier (self), certificate, self->address);
      GPtrArray *sig_warnings = signet_signature_get_warnings (sig);

      c->chain = g_ptr_array_ref (signet_signature_get_chain (sig));
      c->usable = signet_signature_get_path_valid (sig);
      for (guint i = 0; i < sig_warnings->len; i++)
        {
          SignetWarning *w = sig_warnings->pdata[i];

          /* Said once, below. */
          if (g_str_equal (signet_warning_get_code (w), SIGNET_WARNING_ADDRESS_MISMATCH))
            continue;
          if (blocks_encryption (w))
            c->usable = FALSE;
          g_ptr_array_add (c->warnings, g_object_ref (w));
        }
      path_warnings = c->warnings;
    }
  else
    {
      signet_path_options_init (&popts, self->time);
      popts.leaf_usage = SIGNET_LEAF_USAGE_ENCRYPTION;
      popts.check_revocation = FALSE;
      path = signet_path_validate (certificate, self->intermediates, self->anchors, self->crls,
                                   &popts);
      c->chain = g_ptr_array_ref (signet_path_result_get_chain (path));
      path_warnings = signet_path_result_get_warnings (path);
      extend (c->warnings, path_warnings);
      c->usable = signet_path_result_get_path_valid (path);
    }

  /* RFC 2632 4.4.2 in full (decipherOnly, key types that cannot encrypt). */
  usage = signet_recipient_check_encryption_usage (certificate);
  for (guint i = 0; i < usage->len; i++)
    {
      SignetWarning *w = usage->pdata[i];
      const char *problem = signet_warning_get_detail_string (w, "problem");
      gboolean same_as_path = (g_strcmp0 (problem, "key-encipherment") == 0 ||
                               g_strcmp0 (problem, "key-agreement") == 0) &&
                              path_reported_encryption (path_warnings);

      if (!same_as_path)
        g_ptr_array_add (c->warnings, g_object_ref (w));
      c->usable = FALSE;
    }

  if (!signet_address_list_contains (signet_certificate_get_emails (certificate), self->address,
                                     NULL))
    {
      const char *const addresses[] = { self->address, NULL };

      g_ptr_array_add (c->warnings,
                       signet_warning_new_with (
                           SIGNET_WARNING_ADDRESS_MISMATCH, SIGNET_SEVERITY_ERROR,
                           "message_addresses", strv_variant (addresses), "certificate_addresses",
                           strv_variant (signet_certificate_get_emails (certificate)),
                           "certificate",
                           str_variant (signet_certificate_get_display_name (certificate)),
                           "sha256", str_variant (sha256), NULL));
      c->usable = FALSE;
    }

  c->last_signer =
      self->last_signer != NULL && signet_certificate_equal (self->last_signer, certificate);
  c->capability_match = capability_match (self, certificate);

  /* Sorting moves pointers only: an explicit choice stays valid. */
  g_ptr_array_add (self->candidates, c);
  g_ptr_array_sort (self->candidates, compare_candidates);
  return TRUE;
}

/**
 * signet_recipient_result_get_address:
 * @self: a result
 *
 * Returns: the recipient's address
 */
const char *
signet_recipient_result_get_address (SignetRecipientResult *self)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);
  return self->address;
}

/**
 * signet_recipient_result_get_n_candidates:
 * @self: a result
 *
 * Returns: how many certificates were judged
 */
guint
signet_recipient_result_get_n_candidates (SignetRecipientResult *self)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), 0);
  return self->candidates->len;
}

/**
 * signet_recipient_result_get_candidate:
 * @self: a result
 * @index: a rank, from 0 (the best)
 *
 * Returns: (transfer none): the candidate of rank @index
 */
const SignetRecipientCandidate *
signet_recipient_result_get_candidate (SignetRecipientResult *self, guint index)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);
  g_return_val_if_fail (index < self->candidates->len, NULL);
  return self->candidates->pdata[index];
}

/**
 * signet_recipient_result_get_best:
 * @self: a result
 *
 * Returns: (transfer none) (nullable): the best usable candidate, %NULL
 *   when none is usable
 */
const SignetRecipientCandidate *
signet_recipient_result_get_best (SignetRecipientResult *self)
{
  const SignetRecipientCandidate *c;

  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);
  if (self->candidates->len == 0)
    return NULL;
  c = self->candidates->pdata[0];
  return c->usable ? c : NULL;
}

/**
 * signet_recipient_result_get_chosen:
 * @self: a result
 *
 * Returns: (transfer none) (nullable): the candidate chosen with
 *   signet_recipient_result_choose() or
 *   signet_recipient_result_choose_override(), else the best usable one
 */
const SignetRecipientCandidate *
signet_recipient_result_get_chosen (SignetRecipientResult *self)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);
  return self->chosen != NULL ? self->chosen : signet_recipient_result_get_best (self);
}

static const SignetRecipientCandidate *
find_candidate (SignetRecipientResult *self, const char *sha256, GError **error)
{
  for (guint i = 0; i < self->candidates->len; i++)
    {
      const SignetRecipientCandidate *c = self->candidates->pdata[i];

      if (g_ascii_strcasecmp (signet_certificate_get_sha256 (c->certificate), sha256) == 0)
        return c;
    }
  g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
               /* Translators: %s is a certificate fingerprint, the second an address. */
               _ ("The certificate %s is not among the certificates found for %s."), sha256,
               self->address);
  return NULL;
}

/**
 * signet_recipient_result_choose:
 * @self: a result
 * @sha256: the SHA-256 fingerprint (hex) of a usable candidate
 * @error: return location for a #GError
 *
 * Chooses a usable candidate other than the best one.
 *
 * Returns: %TRUE on success; %FALSE with %SIGNET_ERROR_FAILED when it is
 *   not a candidate or not usable (only an override can choose it)
 */
gboolean
signet_recipient_result_choose (SignetRecipientResult *self, const char *sha256, GError **error)
{
  const SignetRecipientCandidate *c;

  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (!(c = find_candidate (self, sha256, error)))
    return FALSE;
  if (!c->usable)
    {
      g_set_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED,
                   /* Translators: %s is a person's name. */
                   _ ("The certificate of “%s” cannot be trusted for encryption; it can only be "
                      "used by overriding the checks."),
                   signet_certificate_get_display_name (c->certificate));
      return FALSE;
    }
  self->chosen = c;
  self->override = FALSE;
  return TRUE;
}

/**
 * signet_recipient_result_choose_override:
 * @self: a result
 * @sha256: the SHA-256 fingerprint (hex) of any candidate
 * @error: return location for a #GError
 *
 * Chooses a candidate whatever its warnings: the user's explicit
 * decision. When the candidate is not usable the result records the
 * override (signet_recipient_result_get_override(), `"override": true`
 * in JSON); the candidate's warnings stay.
 *
 * Returns: %TRUE on success; %FALSE when it is not a candidate
 */
gboolean
signet_recipient_result_choose_override (SignetRecipientResult *self,
                                         const char *sha256,
                                         GError **error)
{
  const SignetRecipientCandidate *c;

  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (!(c = find_candidate (self, sha256, error)))
    return FALSE;
  self->chosen = c;
  self->override = !c->usable;
  if (self->override)
    g_info ("The user chose the unusable certificate %s for %s", sha256, self->address);
  return TRUE;
}

/**
 * signet_recipient_result_get_override:
 * @self: a result
 *
 * Returns: whether the chosen certificate is unusable and was chosen by
 *   an explicit override
 */
gboolean
signet_recipient_result_get_override (SignetRecipientResult *self)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), FALSE);
  return self->override;
}

/**
 * signet_recipient_result_get_content_encryption:
 * @self: a result
 *
 * Returns: (nullable): the OID of the strongest content-encryption
 *   algorithm the correspondent's SMIMECapabilities announce among those
 *   Signet knows (AES-GCM, AES-CBC), %NULL when unknown
 */
const char *
signet_recipient_result_get_content_encryption (SignetRecipientResult *self)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);
  if (self->capabilities == NULL)
    return NULL;
  for (guint i = 0; content_algorithms[i] != NULL; i++)
    if (g_strv_contains ((const char *const *) self->capabilities, content_algorithms[i]))
      return content_algorithms[i];
  return NULL;
}

/**
 * signet_recipient_result_get_directory_errors:
 * @self: a result
 *
 * Returns: (transfer none) (element-type utf8): one sentence per directory
 *   that could not be asked or per value that was not a certificate
 */
GPtrArray *
signet_recipient_result_get_directory_errors (SignetRecipientResult *self)
{
  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);
  return self->directory_errors;
}

static char *
iso_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("?");
}

static void
add_certificate_members (JsonBuilder *b, SignetCertificate *cert)
{
  g_autofree char *nb = iso_time (signet_certificate_get_not_before (cert));
  g_autofree char *na = iso_time (signet_certificate_get_not_after (cert));
  const char *const *emails = signet_certificate_get_emails (cert);

  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, signet_certificate_get_sha256 (cert));
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, signet_certificate_get_display_name (cert));
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, signet_certificate_get_subject (cert));
  json_builder_set_member_name (b, "issuer");
  json_builder_add_string_value (b, signet_certificate_get_issuer (cert));
  json_builder_set_member_name (b, "emails");
  json_builder_begin_array (b);
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    json_builder_add_string_value (b, emails[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "not_before");
  json_builder_add_string_value (b, nb);
  json_builder_set_member_name (b, "not_after");
  json_builder_add_string_value (b, na);
  json_builder_set_member_name (b, "key_algorithm");
  json_builder_add_string_value (
      b, gnutls_pk_get_name (signet_certificate_get_key_algorithm (cert, NULL)));
}

/**
 * signet_recipient_result_to_json:
 * @self: a result
 *
 * Returns: (transfer full): the result as a JSON object: "address",
 *   "chosen" (fingerprint or null), "override", "content_encryption",
 *   "candidates" (ranked; each with "usable", "source", "origin",
 *   "last_signer", "capability_match", "chain" and "warnings" with
 *   "code", "severity", "message", "details"), "directory_errors"
 */
JsonNode *
signet_recipient_result_to_json (SignetRecipientResult *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const SignetRecipientCandidate *chosen;

  g_return_val_if_fail (SIGNET_IS_RECIPIENT_RESULT (self), NULL);

  chosen = signet_recipient_result_get_chosen (self);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, self->address);
  json_builder_set_member_name (b, "chosen");
  if (chosen != NULL)
    json_builder_add_string_value (b, signet_certificate_get_sha256 (chosen->certificate));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "override");
  json_builder_add_boolean_value (b, self->override);
  json_builder_set_member_name (b, "content_encryption");
  if (signet_recipient_result_get_content_encryption (self) != NULL)
    json_builder_add_string_value (b, signet_recipient_result_get_content_encryption (self));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->candidates->len; i++)
    {
      const SignetRecipientCandidate *c = self->candidates->pdata[i];

      json_builder_begin_object (b);
      add_certificate_members (b, c->certificate);
      json_builder_set_member_name (b, "usable");
      json_builder_add_boolean_value (b, c->usable);
      json_builder_set_member_name (b, "chosen");
      json_builder_add_boolean_value (b, c == chosen);
      json_builder_set_member_name (b, "override");
      json_builder_add_boolean_value (b, c == chosen && self->override);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, signet_recipient_source_to_string (c->source));
      json_builder_set_member_name (b, "origin");
      if (c->origin != NULL)
        json_builder_add_string_value (b, c->origin);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "last_signer");
      json_builder_add_boolean_value (b, c->last_signer);
      json_builder_set_member_name (b, "capability_match");
      json_builder_add_boolean_value (b, c->capability_match);
      json_builder_set_member_name (b, "chain");
      json_builder_begin_array (b);
      for (guint k = 0; k < c->chain->len; k++)
        json_builder_add_string_value (b, signet_certificate_get_sha256 (c->chain->pdata[k]));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "warnings");
      json_builder_begin_array (b);
      for (guint k = 0; k < c->warnings->len; k++)
        {
          SignetWarning *w = c->warnings->pdata[k];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "code");
          json_builder_add_string_value (b, signet_warning_get_code (w));
          json_builder_set_member_name (b, "severity");
          json_builder_add_string_value (
              b, signet_severity_to_string (signet_warning_get_severity (w)));
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, signet_warning_get_message (w));
          json_builder_set_member_name (b, "details");
          json_builder_add_value (b, json_gvariant_serialize (signet_warning_get_details (w)));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "directory_errors");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->directory_errors->len; i++)
    json_builder_add_string_value (b, self->directory_errors->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- finding: store, then directories ---------------------------------------- */

typedef struct
{
  SignetStore *store;
  SignetDirectory *directory;
  char *address;
  SignetRecipientResult *result;
  gboolean use_directories;
  GPtrArray *store_certs; /* SignetCertificate */
} FindData;

static void
find_data_free (FindData *d)
{
  g_clear_object (&d->store);
  g_clear_object (&d->directory);
  g_free (d->address);
  g_clear_object (&d->result);
  g_clear_pointer (&d->store_certs, g_ptr_array_unref);
  g_free (d);
}

/* Issuer certificates and CRLs the store holds for the chains of @certs. */
static void
collect_issuers (SignetRecipientResult *self, SignetStore *store, GPtrArray *certs)
{
  g_autoptr (GPtrArray) queue = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) asked =
      g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  guint taken = 0;

  extend (queue, certs);
  for (guint i = 0; i < queue->len && taken < SIGNET_MAX_RECIPIENT_ISSUERS; i++)
    {
      SignetCertificate *cert = queue->pdata[i];
      GBytes *issuer = signet_certificate_get_raw_issuer (cert);
      g_autoptr (GPtrArray) found = NULL;
      g_autoptr (GPtrArray) crls = NULL;

      if (g_hash_table_contains (asked, issuer))
        continue;
      g_hash_table_add (asked, g_bytes_ref (issuer));
      found = signet_store_find_by_subject (store, issuer, NULL);
      crls = signet_store_find_crls_by_issuer (store, issuer, NULL);
      for (guint k = 0; crls != NULL && k < crls->len; k++)
        g_ptr_array_add (self->crls, g_object_ref (crls->pdata[k]));
      for (guint k = 0; found != NULL && k < found->len && taken < SIGNET_MAX_RECIPIENT_ISSUERS;
           k++)
        {
          add_intermediate (self, found->pdata[k]);
          g_ptr_array_add (queue, g_object_ref (found->pdata[k]));
          taken++;
        }
    }
}

static gboolean
is_ca (SignetCertificate *cert)
{
  gboolean ca = FALSE;

  return signet_certificate_get_basic_constraints (cert, &ca, NULL) && ca;
}

static void
judge_store (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FindData *d = task_data;
  g_autoptr (GError) error = NULL;

  d->store_certs = signet_store_find_by_address (d->store, d->address, &error);
  if (d->store_certs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (d->result->last_signer == NULL)
    d->result->last_signer = signet_store_get_last_signer (d->store, d->address, NULL, NULL);
  collect_issuers (d->result, d->store, d->store_certs);
  for (guint i = 0; i < d->store_certs->len; i++)
    if (!is_ca (d->store_certs->pdata[i]))
      signet_recipient_result_add (d->result, d->store_certs->pdata[i],
                                   SIGNET_RECIPIENT_SOURCE_STORE, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
judge_directory (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FindData *d = task_data;
  SignetDirectoryAnswer *answer = g_object_get_data (G_OBJECT (task), "answer");
  g_autoptr (GPtrArray) leaves = g_ptr_array_new_with_free_func (g_object_unref);

  /* Stored so that later messages and lookups find them; storing never
   * makes a certificate trusted. */
  for (guint i = 0; i < answer->certificates->len; i++)
    {
      SignetCertificate *cert = answer->certificates->pdata[i];
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      g_autofree char *origin =
          g_strdup_printf ("directory:%s", (const char *) answer->origins->pdata[i]);
      g_autoptr (GError) error = NULL;

      g_ptr_array_add (one, cert);
      if (!signet_store_add_certificates (d->store, one, origin,
                                          g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
        g_warning ("Could not store a certificate from %s: %s", origin, error->message);
      if (is_ca (cert))
        add_intermediate (d->result, cert);
      else
        g_ptr_array_add (leaves, g_object_ref (cert));
    }
  collect_issuers (d->result, d->store, leaves);
  for (guint i = 0; i < answer->certificates->len; i++)
    {
      SignetCertificate *cert = answer->certificates->pdata[i];

      if (!is_ca (cert))
        signet_recipient_result_add (d->result, cert, SIGNET_RECIPIENT_SOURCE_DIRECTORY,
                                     answer->origins->pdata[i]);
    }
  for (guint i = 0; i < answer->errors->len; i++)
    g_ptr_array_add (d->result->directory_errors, g_strdup (answer->errors->pdata[i]));
  g_task_return_boolean (task, TRUE);
}

static void
on_directory_judged (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FindData *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_object_ref (d->result), g_object_unref);
}

static void
on_searched (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FindData *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) judge = NULL;
  SignetDirectoryAnswer *answer;

  answer = signet_directory_search_finish (SIGNET_DIRECTORY (source), res, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (d->result->directory_errors, g_strdup (error->message));
      g_task_return_pointer (task, g_object_ref (d->result), g_object_unref);
      return;
    }
  judge =
      g_task_new (NULL, g_task_get_cancellable (task), on_directory_judged, g_object_ref (task));
  g_task_set_name (judge, "[signet] judge directory certificates");
  g_task_set_task_data (judge, d, NULL);
  g_object_set_data_full (G_OBJECT (judge), "answer", answer,
                          (GDestroyNotify) signet_directory_answer_free);
  g_task_run_in_thread (judge, judge_directory);
}

static void
on_store_judged (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FindData *d = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GCancellable *cancellable;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!d->use_directories || d->directory == NULL)
    {
      g_task_return_pointer (task, g_object_ref (d->result), g_object_unref);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  signet_directory_search_async (d->directory, d->store, d->address, cancellable, on_searched,
                                 g_steal_pointer (&task));
}

/**
 * signet_recipient_find_async:
 * @store: the certificate store
 * @directory: (nullable): the directory client; %NULL asks no directory
 * @address: the recipient's address
 * @options: the settings (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Gathers every candidate certificate for @address: the store's, then
 * (when @options->use_directories) those of every configured directory,
 * which are added to the store (never trusted for it), and judges each
 * with signet_recipient_result_add(). The store work, path validation and
 * (unless @options->offline) the revocation fetches run in a worker thread,
 * the fetches themselves and directory lookups in helper processes: the
 * caller's main context never blocks. The store is the verifier's cache:
 * fetched CRLs, OCSP answers and issuer certificates are recorded in it.
 */
void
signet_recipient_find_async (SignetStore *store,
                             SignetDirectory *directory,
                             const char *address,
                             const SignetRecipientOptions *options,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) judge = NULL;
  FindData *d;

  g_return_if_fail (SIGNET_IS_STORE (store));
  g_return_if_fail (directory == NULL || SIGNET_IS_DIRECTORY (directory));
  g_return_if_fail (address != NULL);
  g_return_if_fail (options != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, signet_recipient_find_async);
  g_task_set_name (task, "[signet] find recipient certificates");
  d = g_new0 (FindData, 1);
  d->store = g_object_ref (store);
  d->directory = directory != NULL ? g_object_ref (directory) : NULL;
  d->address = g_strdup (address);
  d->result = signet_recipient_result_new (address, options);
  d->result->store = g_object_ref (store);
  d->use_directories = options->use_directories;
  g_task_set_task_data (task, d, (GDestroyNotify) find_data_free);

  judge = g_task_new (NULL, cancellable, on_store_judged, g_steal_pointer (&task));
  g_task_set_name (judge, "[signet] judge stored certificates");
  g_task_set_task_data (judge, d, NULL);
  g_task_run_in_thread (judge, judge_store);
}

/**
 * signet_recipient_find_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the judged candidates, or %NULL with @error
 *   set when the store failed or the caller cancelled (a directory that
 *   fails is only noted: signet_recipient_result_get_directory_errors())
 */
SignetRecipientResult *
signet_recipient_find_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sync_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/**
 * signet_recipient_find:
 * @store: the certificate store
 * @directory: (nullable): the directory client
 * @address: the recipient's address
 * @options: the settings
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of signet_recipient_find_async() (for command-line
 * tools; it iterates a main context of its own).
 *
 * Returns: (transfer full): the judged candidates, or %NULL on error
 */
SignetRecipientResult *
signet_recipient_find (SignetStore *store,
                       SignetDirectory *directory,
                       const char *address,
                       const SignetRecipientOptions *options,
                       GCancellable *cancellable,
                       GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GAsyncResult) res = NULL;
  SignetRecipientResult *result;

  g_main_context_push_thread_default (context);
  signet_recipient_find_async (store, directory, address, options, cancellable, on_sync_done, &res);
  while (res == NULL)
    g_main_context_iteration (context, TRUE);
  result = signet_recipient_find_finish (res, error);
  g_main_context_pop_thread_default (context);
  return result;
}
