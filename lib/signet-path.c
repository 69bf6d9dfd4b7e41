/* signet-path.c: certification path building and validation (RFC 5280 6.1).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-path.h"

#include <string.h>

#include "signet-cache-private.h"
#include "signet-cms.h"
#include "signet-crl-private.h"
#include "signet-der.h"
#include "signet-gnutls-private.h"
#include "signet-limits.h"
#include "signet-name-constraints.h"
#include "signet-oids.h"
#include "signet-policy-tree.h"
#include "signet-warning.h"

/**
 * SignetPathResult:
 *
 * The outcome of signet_path_validate(): the chosen path (leaf first), whether
 * it is anchored and valid, every finding, the revocation status of each of
 * its certificates and the valid policies.
 */
struct _SignetPathResult
{
  GObject parent_instance;

  GPtrArray *chain;     /* SignetCertificate */
  GPtrArray *warnings;  /* SignetWarning */
  GArray *revocations;  /* SignetRevocationResult, one per chain element */
  GStrv valid_policies; /* NULL unless path_valid */
  gboolean path_valid;
  gboolean anchored;
  gboolean broken_link; /* a signature of the path does not verify */
};

G_DEFINE_FINAL_TYPE (SignetPathResult, signet_path_result, G_TYPE_OBJECT)

static void
signet_path_result_finalize (GObject *object)
{
  SignetPathResult *self = SIGNET_PATH_RESULT (object);

  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->revocations, g_array_unref);
  g_clear_pointer (&self->valid_policies, g_strfreev);

  G_OBJECT_CLASS (signet_path_result_parent_class)->finalize (object);
}

static void
signet_path_result_class_init (SignetPathResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_path_result_finalize;
}

static void
revocation_result_clear_func (gpointer data)
{
  signet_revocation_result_clear (data);
}

static void
signet_path_result_init (SignetPathResult *self)
{
  self->chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_object_unref);
  self->revocations = g_array_new (FALSE, TRUE, sizeof (SignetRevocationResult));
}

/**
 * signet_path_options_init:
 * @options: (out caller-allocates): the settings to fill
 * @time: the validation time, Unix seconds
 *
 * Fills @options with the defaults: any policy, no explicit policy, policy
 * mapping and anyPolicy allowed, emailProtection wanted of the leaf, leaf
 * used for signing, no revocation checking.
 */
void
signet_path_options_init (SignetPathOptions *options, gint64 time)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->time = time;
  options->initial_policies = NULL;
  options->purpose_oid = NULL;
  options->leaf_usage = SIGNET_LEAF_USAGE_SIGNING;
  options->check_revocation = FALSE;
}

/* Validation context, one per signet_path_validate() call (and one per CRL
 * signer validated on the way). */
typedef struct _PathContext PathContext;
struct _PathContext
{
  PathContext *parent;    /* the validation whose CRL signer this one checks */
  GPtrArray *checking;    /* the chain whose revocation is being checked */
  GPtrArray *pool;        /* issuer candidates: anchors, then intermediates */
  GHashTable *anchor_set; /* sha256 of every anchor */
  GPtrArray *anchors;
  GPtrArray *intermediates;
  GPtrArray *crls;
  GPtrArray *revocation_candidates;
  SignetPathOptions options;
  gboolean check_purpose;
  guint depth;
  guint tried;
  gboolean exhausted;
  SignetPathResult *best;
  gboolean best_is_valid;
  GHashTable *signature_cache; /* "child:issuer" -> 1 good, 2 bad */
};

static void
path_context_clear (PathContext *ctx)
{
  g_clear_pointer (&ctx->pool, g_ptr_array_unref);
  g_clear_pointer (&ctx->anchor_set, g_hash_table_unref);
  g_clear_pointer (&ctx->revocation_candidates, g_ptr_array_unref);
  g_clear_pointer (&ctx->signature_cache, g_hash_table_unref);
  g_clear_object (&ctx->best);
}

static SignetPathResult *validate_internal (SignetCertificate *leaf,
                                            GPtrArray *intermediates,
                                            GPtrArray *anchors,
                                            GPtrArray *crls,
                                            const SignetPathOptions *options,
                                            PathContext *parent,
                                            gboolean check_purpose);

/* Helpers for the findings */

static char *
format_time (gint64 when)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (when);

  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
crl_reason_to_string (SignetCrlReason reason)
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
    case SIGNET_CRL_REASON_NONE:
    case SIGNET_CRL_REASON_UNSPECIFIED:
    case SIGNET_CRL_REASON_REMOVE_FROM_CRL:
    default:
      return "unspecified";
    }
}

static GVariant *
str_variant (const char *value)
{
  return g_variant_new_string (value != NULL ? value : "");
}

typedef struct
{
  GPtrArray *warnings;
  gboolean failed; /* a finding that makes the path invalid */
} Findings;

static void
add_warning (Findings *f, SignetWarning *warning, gboolean fails)
{
  g_ptr_array_add (f->warnings, warning);
  if (fails)
    f->failed = TRUE;
}

/* Whether the path is already broken beyond repair (an ERROR finding). */
static gboolean
has_error (Findings *f)
{
  for (guint i = 0; i < f->warnings->len; i++)
    if (signet_warning_get_severity (g_ptr_array_index (f->warnings, i)) == SIGNET_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}

static void
add_invalid_chain (Findings *f,
                   const char *reason,
                   SignetCertificate *cert,
                   SignetCertificate *issuer)
{
  add_warning (
      f,
      signet_warning_new_with (
          SIGNET_WARNING_INVALID_CHAIN, SIGNET_SEVERITY_ERROR, "reason", str_variant (reason),
          "certificate", str_variant (signet_certificate_get_display_name (cert)), "sha256",
          str_variant (signet_certificate_get_sha256 (cert)), "issuer",
          issuer != NULL ? str_variant (signet_certificate_get_display_name (issuer)) : NULL, NULL),
      TRUE);
}

/* Issuer candidates */

/* GnuTLS's answer to "does @issuer's subject name @subject's issuer", per
 * pair of certificate fingerprints ("issuer-sha256>subject-sha256"): a pure
 * function of the two certificates, kept both ways. */
static SignetLru name_cache = SIGNET_LRU_INIT (SIGNET_PATH_LINK_CACHE_SIZE, g_str_hash, g_str_equal, g_free, NULL);

static gboolean
gnutls_names_chain (SignetCertificate *issuer, SignetCertificate *subject)
{
  g_autofree char *key = g_strconcat (signet_certificate_get_sha256 (issuer), ">",
                                      signet_certificate_get_sha256 (subject), NULL);
  gpointer cached = signet_lru_lookup (&name_cache, key, NULL);
  gboolean ok;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 1;
  ok = signet_certificate_is_issuer_name_of (issuer, subject);
  signet_lru_insert (&name_cache, g_steal_pointer (&key), GINT_TO_POINTER (ok ? 1 : 2));
  return ok;
}

static gboolean
names_chain (SignetCertificate *issuer, SignetCertificate *subject)
{
  /* Cheapest first: GnuTLS's comparison decodes both names every time
   * (it dominated path building with many anchors). */
  return g_bytes_equal (signet_certificate_get_raw_subject (issuer),
                        signet_certificate_get_raw_issuer (subject)) ||
         signet_dn_equal (signet_certificate_get_raw_subject (issuer),
                          signet_certificate_get_raw_issuer (subject)) ||
         gnutls_names_chain (issuer, subject);
}

static gboolean
is_anchor (PathContext *ctx, SignetCertificate *cert)
{
  return g_hash_table_contains (ctx->anchor_set, signet_certificate_get_sha256 (cert));
}

static gboolean
path_contains (GPtrArray *path, SignetCertificate *cert)
{
  for (guint i = 0; i < path->len; i++)
    if (signet_certificate_equal (g_ptr_array_index (path, i), cert))
      return TRUE;
  return FALSE;
}

typedef struct
{
  SignetCertificate *cert;
  gboolean key_id_match;
  gboolean valid;
  gint64 not_before;
  guint order;
} Candidate;

static gint
candidate_compare (gconstpointer pa, gconstpointer pb)
{
  const Candidate *a = pa;
  const Candidate *b = pb;

  if (a->key_id_match != b->key_id_match)
    return a->key_id_match ? -1 : 1;
  if (a->valid != b->valid)
    return a->valid ? -1 : 1;
  if (a->not_before != b->not_before)
    return a->not_before > b->not_before ? -1 : 1;
  return a->order < b->order ? -1 : (a->order > b->order ? 1 : 0);
}

static GArray *
find_candidates (PathContext *ctx, SignetCertificate *cert, GPtrArray *path)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Candidate));
  GBytes *aki = signet_certificate_get_authority_key_id (cert);

  for (guint i = 0; i < ctx->pool->len; i++)
    {
      SignetCertificate *c = g_ptr_array_index (ctx->pool, i);
      GBytes *ski = signet_certificate_get_subject_key_id (c);
      Candidate cand;

      if (path_contains (path, c) || !names_chain (c, cert))
        continue;
      cand.cert = c;
      cand.key_id_match = aki != NULL && ski != NULL && g_bytes_equal (aki, ski);
      cand.valid = signet_certificate_is_valid_at (c, ctx->options.time);
      cand.not_before = signet_certificate_get_not_before (c);
      cand.order = i;
      g_array_append_val (out, cand);
    }
  g_array_sort (out, candidate_compare);
  return out;
}

/* Signatures, with DSA parameter inheritance (RFC 5280 6.1.4 (f)) */

typedef struct
{
  gnutls_datum_t p, q, g, y;
  gboolean has_params;
} DsaKey;

/* Reads the DSA parameters and public value straight from the
 * SubjectPublicKeyInfo of @cert (GnuTLS cannot use a key without
 * parameters). The datums point into the certificate. */
static gboolean
read_dsa_key (SignetCertificate *cert, DsaKey *key)
{
  static const guint8 dsa_oid[] = {
    0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01
  }; /* 1.2.840.10040.4.1 */
  GBytes *tbs = signet_certificate_get_tbs (cert);
  gsize len;
  const guint8 *data = g_bytes_get_data (tbs, &len);
  SignetDerReader outer, fields, spki_reader, alg_reader, bits_reader;
  SignetDerTlv tbs_tlv, tlv, spki, alg, oid, bits, y;

  memset (key, 0, sizeof *key);
  signet_der_reader_init (&outer, data, len);
  if (!signet_der_read_expect (&outer, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                               &tbs_tlv))
    return FALSE;
  signet_der_reader_init_contents (&fields, &tbs_tlv);
  if (signet_der_peek (&fields, &tlv) && signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_CONTEXT, 0))
    signet_der_read (&fields, &tlv);
  /* serialNumber, signature, issuer, validity, subject */
  for (int i = 0; i < 5; i++)
    if (!signet_der_read (&fields, &tlv))
      return FALSE;
  if (!signet_der_read_expect (&fields, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE, &spki))
    return FALSE;
  signet_der_reader_init_contents (&spki_reader, &spki);
  if (!signet_der_read_expect (&spki_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE,
                               &alg) ||
      !signet_der_read_expect (&spki_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_BIT_STRING,
                               &bits) ||
      bits.value_len < 2 || bits.value[0] != 0)
    return FALSE;
  signet_der_reader_init_contents (&alg_reader, &alg);
  if (!signet_der_read_expect (&alg_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_OID, &oid) ||
      oid.value_len != sizeof dsa_oid || memcmp (oid.value, dsa_oid, sizeof dsa_oid) != 0)
    return FALSE;
  signet_der_reader_init (&bits_reader, bits.value + 1, bits.value_len - 1);
  if (!signet_der_read_expect (&bits_reader, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER,
                               &y))
    return FALSE;
  key->y.data = (unsigned char *) y.value;
  key->y.size = (unsigned int) y.value_len;

  if (signet_der_peek (&alg_reader, &tlv) &&
      signet_der_tlv_is (&tlv, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_SEQUENCE))
    {
      SignetDerReader params;
      SignetDerTlv p, q, g;

      signet_der_reader_init_contents (&params, &tlv);
      if (!signet_der_read_expect (&params, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER,
                                   &p) ||
          !signet_der_read_expect (&params, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER,
                                   &q) ||
          !signet_der_read_expect (&params, SIGNET_DER_CLASS_UNIVERSAL, SIGNET_DER_TAG_INTEGER, &g))
        return FALSE;
      key->p.data = (unsigned char *) p.value;
      key->p.size = (unsigned int) p.value_len;
      key->q.data = (unsigned char *) q.value;
      key->q.size = (unsigned int) q.value_len;
      key->g.data = (unsigned char *) g.value;
      key->g.size = (unsigned int) g.value_len;
      key->has_params = TRUE;
    }
  return TRUE;
}

/**
 * signet_path_inherited_dsa_key:
 * @chain: (element-type SignetCertificate): a path, leaf first
 * @index: the element whose key is wanted
 *
 * RFC 5280 6.1.4 (f): a DSA key without parameters takes them from the
 * nearest certificate above it in the path that has them. GnuTLS cannot
 * use such a key on its own (it cannot even name its algorithm), so the
 * SubjectPublicKeyInfo values are read here and the key is assembled.
 *
 * Returns: (transfer full) (nullable): the completed key of
 *   @chain[@index], or %NULL when its key is not a DSA key without
 *   parameters or no certificate above supplies them
 */
gnutls_pubkey_t
signet_path_inherited_dsa_key (GPtrArray *chain, guint index)
{
  DsaKey own, params;
  gnutls_pubkey_t key = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (chain != NULL && index < chain->len, NULL);

  if (!read_dsa_key (g_ptr_array_index (chain, index), &own) || own.has_params)
    return NULL;
  for (guint k = index + 1; k < chain->len && !found; k++)
    {
      if (!read_dsa_key (g_ptr_array_index (chain, k), &params))
        return NULL;
      found = params.has_params;
    }
  if (!found || gnutls_pubkey_init (&key) < 0)
    return NULL;
  if (gnutls_pubkey_import_dsa_raw (key, &params.p, &params.q, &params.g, &own.y) < 0)
    {
      gnutls_pubkey_deinit (key);
      return NULL;
    }
  return key;
}

static gboolean
verify_with_inherited_dsa (SignetCertificate *child, GPtrArray *chain, guint issuer_index)
{
  g_auto (gnutls_pubkey_t) key = signet_path_inherited_dsa_key (chain, issuer_index);
  gnutls_datum_t tbs, sig;

  if (key == NULL)
    return FALSE;
  tbs = _signet_datum_from_bytes (signet_certificate_get_tbs (child));
  sig = _signet_datum_from_bytes (signet_certificate_get_signature_value (child));
  return gnutls_pubkey_verify_data2 (
             key, signet_certificate_get_signature_algorithm (child),
             GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 | GNUTLS_VERIFY_ALLOW_BROKEN, &tbs, &sig) >= 0;
}

/* Certificate links ("child-sha256:issuer-sha256") whose signature
 * verified, for every validation of the process. */
static SignetLru link_cache = SIGNET_LRU_INIT (SIGNET_PATH_LINK_CACHE_SIZE, g_str_hash, g_str_equal,
                                               g_free, NULL);

/* Whether chain[@index] is signed by chain[@index + 1]. */
static gboolean
verify_link (PathContext *ctx, GPtrArray *chain, guint index)
{
  SignetCertificate *child = g_ptr_array_index (chain, index);
  SignetCertificate *issuer = g_ptr_array_index (chain, index + 1);
  g_autofree char *key = g_strconcat (signet_certificate_get_sha256 (child), ":",
                                      signet_certificate_get_sha256 (issuer), NULL);
  gpointer cached = g_hash_table_lookup (ctx->signature_cache, key);
  gboolean ok;

  if (cached != NULL)
    ok = GPOINTER_TO_INT (cached) == 1;
  else
    {
      /* A link that verified once verifies forever: the key is the pair of
       * certificate fingerprints, so neither can change under it. Only
       * good links are kept process-wide (bad ones cost an attacker
       * nothing to vary). */
      ok = signet_lru_lookup (&link_cache, key, NULL) != NULL;
      if (!ok)
        {
          ok = signet_certificate_verify_signed_by (child, issuer);
          if (ok)
            signet_lru_insert (&link_cache, g_strdup (key), GINT_TO_POINTER (1));
        }
      g_hash_table_insert (ctx->signature_cache, g_steal_pointer (&key),
                           GINT_TO_POINTER (ok ? 1 : 2));
    }
  if (!ok)
    ok = verify_with_inherited_dsa (child, chain, index + 1);
  return ok;
}

/* Extensions Signet processes, and may therefore be critical. */
static const char *const known_extensions[] = {
  SIGNET_OID_EXT_BASIC_CONSTRAINTS,
  SIGNET_OID_EXT_KEY_USAGE,
  SIGNET_OID_EXT_EXT_KEY_USAGE,
  SIGNET_OID_EXT_SAN,
  SIGNET_OID_EXT_IAN,
  SIGNET_OID_EXT_NAME_CONSTRAINTS,
  SIGNET_OID_EXT_CERT_POLICIES,
  SIGNET_OID_EXT_POLICY_MAPPINGS,
  SIGNET_OID_EXT_POLICY_CONSTRAINTS,
  SIGNET_OID_EXT_INHIBIT_ANY_POLICY,
  SIGNET_OID_EXT_SKI,
  SIGNET_OID_EXT_AKI,
  SIGNET_OID_EXT_CRL_DIST_POINTS,
  SIGNET_OID_EXT_FRESHEST_CRL,
  SIGNET_OID_EXT_AIA,
  "1.3.6.1.5.5.7.1.11", /* subjectInfoAccess */
  SIGNET_OID_EXT_SUBJECT_DIRECTORY_ATTRS,
  SIGNET_OID_EXT_PRIVATE_KEY_USAGE_PERIOD,
  NULL,
};

static void
check_algorithms (Findings *f, SignetCertificate *cert)
{
  gnutls_sign_algorithm_t sign = signet_certificate_get_signature_algorithm (cert);
  gnutls_digest_algorithm_t hash = gnutls_sign_get_hash_algorithm (sign);
  guint bits = 0;
  gnutls_pk_algorithm_t pk = signet_certificate_get_key_algorithm (cert, &bits);
  const char *sha256 = signet_certificate_get_sha256 (cert);

  if (hash == GNUTLS_DIG_MD5 || hash == GNUTLS_DIG_MD2)
    add_warning (f,
                 signet_warning_new_with (SIGNET_WARNING_WEAK_ALGORITHM, SIGNET_SEVERITY_ERROR,
                                          "reason", str_variant ("broken"), "algorithm",
                                          str_variant (hash == GNUTLS_DIG_MD5 ? "MD5" : "MD2"),
                                          "certificate",
                                          str_variant (signet_certificate_get_display_name (cert)),
                                          "sha256", str_variant (sha256), NULL),
                 TRUE);
  else if (hash == GNUTLS_DIG_SHA1)
    add_warning (f,
                 signet_warning_new_with (SIGNET_WARNING_WEAK_ALGORITHM, SIGNET_SEVERITY_WARNING,
                                          "reason", str_variant ("certificate"), "algorithm",
                                          str_variant ("SHA-1"), "certificate",
                                          str_variant (signet_certificate_get_display_name (cert)),
                                          "sha256", str_variant (sha256), NULL),
                 FALSE);

  if (pk == GNUTLS_PK_RSA && bits < 2048)
    add_warning (f,
                 signet_warning_new_with (SIGNET_WARNING_WEAK_ALGORITHM, SIGNET_SEVERITY_WARNING,
                                          "reason", str_variant ("key-size"), "algorithm",
                                          str_variant ("RSA"), "bits", g_variant_new_uint32 (bits),
                                          "certificate",
                                          str_variant (signet_certificate_get_display_name (cert)),
                                          "sha256", str_variant (sha256), NULL),
                 FALSE);
}

static void
check_validity (Findings *f, SignetCertificate *cert, gint64 when)
{
  const char *sha256 = signet_certificate_get_sha256 (cert);

  if (when < signet_certificate_get_not_before (cert))
    {
      g_autofree char *date = format_time (signet_certificate_get_not_before (cert));

      add_warning (f,
                   signet_warning_new_with (
                       SIGNET_WARNING_NOT_YET_VALID, SIGNET_SEVERITY_WARNING, "certificate",
                       str_variant (signet_certificate_get_display_name (cert)), "sha256",
                       str_variant (sha256), "not_before", str_variant (date), NULL),
                   TRUE);
    }
  if (when > signet_certificate_get_not_after (cert))
    {
      g_autofree char *date = format_time (signet_certificate_get_not_after (cert));

      add_warning (f,
                   signet_warning_new_with (
                       SIGNET_WARNING_EXPIRED, SIGNET_SEVERITY_WARNING, "certificate",
                       str_variant (signet_certificate_get_display_name (cert)), "sha256",
                       str_variant (sha256), "not_after", str_variant (date), NULL),
                   TRUE);
    }
}

static void
check_critical_extensions (Findings *f, SignetCertificate *cert)
{
  const char *const *critical = signet_certificate_get_critical_extensions (cert);

  for (guint i = 0; critical[i] != NULL; i++)
    if (!g_strv_contains (known_extensions, critical[i]))
      add_warning (f,
                   signet_warning_new_with (
                       SIGNET_WARNING_UNKNOWN_CRITICAL_EXTENSION, SIGNET_SEVERITY_ERROR, "oid",
                       str_variant (critical[i]), "certificate",
                       str_variant (signet_certificate_get_display_name (cert)), "sha256",
                       str_variant (signet_certificate_get_sha256 (cert)), NULL),
                   TRUE);
}

static void
check_leaf (PathContext *ctx, Findings *f, SignetCertificate *leaf)
{
  guint usage = 0;
  gboolean has_ku = signet_certificate_get_key_usage (leaf, &usage);
  const char *purpose =
      ctx->options.purpose_oid != NULL ? ctx->options.purpose_oid : SIGNET_OID_KP_EMAIL_PROTECTION;
  const char *reason = NULL;

  if (has_ku && ctx->options.leaf_usage == SIGNET_LEAF_USAGE_SIGNING &&
      (usage & (SIGNET_KEY_USAGE_DIGITAL_SIGNATURE | SIGNET_KEY_USAGE_NON_REPUDIATION)) == 0)
    reason = "signing";
  else if (has_ku && ctx->options.leaf_usage == SIGNET_LEAF_USAGE_ENCRYPTION)
    {
      guint wanted = signet_certificate_get_key_algorithm (leaf, NULL) == GNUTLS_PK_RSA
                         ? SIGNET_KEY_USAGE_KEY_ENCIPHERMENT
                         : SIGNET_KEY_USAGE_KEY_AGREEMENT;

      if ((usage & wanted) == 0)
        reason = "encryption";
    }
  if (reason != NULL)
    add_warning (f,
                 signet_warning_new_with (SIGNET_WARNING_KEY_USAGE, SIGNET_SEVERITY_WARNING,
                                          "reason", str_variant (reason), "certificate",
                                          str_variant (signet_certificate_get_display_name (leaf)),
                                          "sha256",
                                          str_variant (signet_certificate_get_sha256 (leaf)), NULL),
                 TRUE);

  if (ctx->check_purpose && !signet_certificate_allows_purpose (leaf, purpose))
    add_warning (f,
                 signet_warning_new_with (
                     SIGNET_WARNING_KEY_USAGE, SIGNET_SEVERITY_WARNING, "reason",
                     str_variant ("extended-key-usage"), "purpose", str_variant (purpose),
                     "certificate", str_variant (signet_certificate_get_display_name (leaf)),
                     "sha256", str_variant (signet_certificate_get_sha256 (leaf)), NULL),
                 TRUE);
}

/* Revocation */

static gboolean
crl_signer_validator (SignetCertificate *signer, gpointer user_data)
{
  PathContext *ctx = user_data;
  SignetPathOptions options;
  g_autoptr (SignetPathResult) result = NULL;

  /* A CRL signer that is already being validated, higher up (its status
   * decided by a CRL it signed itself, as an indirect CRL may do): its path
   * is judged there; validating it again here would never end. */
  for (PathContext *up = ctx; up != NULL; up = up->parent)
    if (up->checking != NULL && path_contains (up->checking, signer))
      return TRUE;
  if (ctx->depth + 1 > SIGNET_MAX_CRL_SIGNER_DEPTH)
    return FALSE;
  signet_path_options_init (&options, ctx->options.time);
  options.leaf_usage = SIGNET_LEAF_USAGE_ANY;
  options.check_revocation = ctx->options.check_revocation;
  result =
      validate_internal (signer, ctx->intermediates, ctx->anchors, ctx->crls, &options, ctx, FALSE);
  return result->path_valid;
}

static gboolean
warning_equal (SignetWarning *a, SignetWarning *b)
{
  return g_str_equal (signet_warning_get_code (a), signet_warning_get_code (b)) &&
         g_variant_equal (signet_warning_get_details (a), signet_warning_get_details (b));
}

static void
check_revocation (PathContext *ctx, Findings *f, SignetPathResult *result)
{
  g_autoptr (GPtrArray) crl_warnings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = result->chain->len - 1;

  for (guint k = 0; k < n; k++)
    {
      SignetCertificate *cert = g_ptr_array_index (result->chain, k);
      SignetCertificate *issuer = g_ptr_array_index (result->chain, k + 1);
      SignetRevocationResult *rev = &g_array_index (result->revocations, SignetRevocationResult, k);
      const char *sha256 = signet_certificate_get_sha256 (cert);

      g_auto (gnutls_pubkey_t) issuer_key = signet_path_inherited_dsa_key (result->chain, k + 1);

      signet_revocation_result_clear (rev);
      signet_revocation_check_with_key (cert, issuer, issuer_key, ctx->crls, ctx->revocation_candidates,
                                        ctx->options.time, crl_signer_validator, ctx, rev, crl_warnings);
      if (rev->state == SIGNET_REVOCATION_REVOKED)
        {
          g_autofree char *date = format_time (rev->revocation_time);

          add_warning (f,
                       signet_warning_new_with (
                           SIGNET_WARNING_REVOKED, SIGNET_SEVERITY_ERROR, "certificate",
                           str_variant (signet_certificate_get_display_name (cert)), "sha256",
                           str_variant (sha256), "revocation_time", str_variant (date), "reason",
                           str_variant (crl_reason_to_string (rev->reason)), NULL),
                       TRUE);
        }
      else if (rev->state != SIGNET_REVOCATION_GOOD && has_error (f))
        /* Unknown revocation adds nothing to a chain that is already
         * broken: the path fails, and the person reads why. */
        f->failed = TRUE;
      else if (rev->state != SIGNET_REVOCATION_GOOD)
        add_warning (f,
                     signet_warning_new_with (
                         SIGNET_WARNING_REVOCATION_UNKNOWN, SIGNET_SEVERITY_WARNING, "certificate",
                         str_variant (signet_certificate_get_display_name (cert)), "sha256",
                         str_variant (sha256), NULL),
                     TRUE);
    }

  for (guint i = 0; i < crl_warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (crl_warnings, i);
      gboolean dup = FALSE;

      for (guint j = 0; j < f->warnings->len && !dup; j++)
        dup = warning_equal (w, g_ptr_array_index (f->warnings, j));
      if (!dup)
        add_warning (f, g_object_ref (w), FALSE);
    }
}

/* RFC 5280 6.1 over one built path (@path: leaf first; the anchor last
 * when @anchored). */
static SignetPathResult *
validate_path (PathContext *ctx, GPtrArray *path, gboolean anchored)
{
  g_autoptr (SignetPathResult) result = g_object_new (SIGNET_TYPE_PATH_RESULT, NULL);
  g_autoptr (SignetPolicyTree) policy = NULL;
  g_autoptr (SignetNameConstraints) constraints = signet_name_constraints_new ();
  Findings f;
  guint n;
  gint64 max_path_length;
  SignetCertificate *max_path_setter = NULL;
  gboolean policy_failed = FALSE;
  gboolean path_length_failed = FALSE;

  for (guint k = 0; k < path->len; k++)
    g_ptr_array_add (result->chain, g_object_ref (g_ptr_array_index (path, k)));
  g_array_set_size (result->revocations, path->len);
  g_array_set_clear_func (result->revocations, revocation_result_clear_func);
  for (guint k = 0; k < path->len; k++)
    {
      SignetRevocationResult *rev = &g_array_index (result->revocations, SignetRevocationResult, k);

      rev->state =
          (anchored && k == path->len - 1) ? SIGNET_REVOCATION_GOOD : SIGNET_REVOCATION_UNKNOWN;
      rev->crl_next_update = -1;
      rev->reason = SIGNET_CRL_REASON_NONE;
    }
  result->anchored = anchored;

  f.warnings = result->warnings;
  f.failed = !anchored;
  n = anchored ? path->len - 1 : path->len;
  max_path_length = n;

  if (n == 0)
    {
      /* The leaf is itself a trust anchor. */
      result->path_valid = TRUE;
      result->valid_policies =
          g_strdupv ((char **) (const char *const[]){ SIGNET_OID_ANY_POLICY, NULL });
      return g_steal_pointer (&result);
    }

  if (anchored)
    policy = signet_policy_tree_new (
        n, ctx->options.initial_policies, ctx->options.require_explicit_policy,
        ctx->options.inhibit_policy_mapping, ctx->options.inhibit_any_policy);

  for (guint i = 1; i <= n; i++)
    {
      guint k = n - i; /* index in the chain, leaf first */
      SignetCertificate *cert = g_ptr_array_index (result->chain, k);
      SignetCertificate *issuer =
          k + 1 < result->chain->len ? g_ptr_array_index (result->chain, k + 1) : NULL;
      gboolean self_issued = signet_certificate_is_self_issued (cert);

      /* 6.1.3 (a) */
      if (issuer != NULL)
        {
          if (!names_chain (issuer, cert))
            add_invalid_chain (&f, "name-chaining", cert, issuer);
          else if (!verify_link (ctx, result->chain, k))
            {
              add_invalid_chain (&f, "signature", cert, issuer);
              result->broken_link = TRUE;
            }
        }
      check_validity (&f, cert, ctx->options.time);

      /* 6.1.3 (b), (c) */
      if ((!self_issued || i == n) && !signet_name_constraints_check (constraints, cert))
        add_invalid_chain (&f, "name-constraints", cert, issuer);

      /* 6.1.3 (d) to (f), 6.1.4 (a), (b), (h) to (j) */
      if (policy != NULL && !policy_failed && !signet_policy_tree_process (policy, cert, i))
        policy_failed = TRUE;

      check_critical_extensions (&f, cert);
      check_algorithms (&f, cert);

      if (i == n)
        break;

      /* 6.1.4 (g) */
      if (!signet_name_constraints_add (constraints, cert))
        add_invalid_chain (&f, "name-constraints", cert, cert);

      /* 6.1.4 (k): v1 and v2 certificates cannot be CAs unless anchors. */
      {
        gboolean is_ca = FALSE;
        int path_len = -1;
        guint usage = 0;
        gboolean has_bc = signet_certificate_get_basic_constraints (cert, &is_ca, &path_len);

        if (signet_certificate_get_version (cert) < 3 || !has_bc || !is_ca)
          add_invalid_chain (&f, "basic-constraints", cert, cert);

        /* (l), (m) */
        if (!self_issued)
          {
            if (max_path_length <= 0)
              {
                if (!path_length_failed)
                  add_invalid_chain (&f, "path-length", cert,
                                     max_path_setter != NULL ? max_path_setter : cert);
                path_length_failed = TRUE;
              }
            else
              max_path_length--;
          }
        if (has_bc && is_ca && path_len >= 0 && path_len < max_path_length)
          {
            max_path_length = path_len;
            max_path_setter = cert;
          }

        /* (n) */
        if (signet_certificate_get_key_usage (cert, &usage) &&
            (usage & SIGNET_KEY_USAGE_KEY_CERT_SIGN) == 0)
          add_invalid_chain (&f, "key-usage", cert, cert);
      }
    }

  check_leaf (ctx, &f, g_ptr_array_index (result->chain, 0));

  if (policy != NULL && !policy_failed &&
      !signet_policy_tree_finish (policy, g_ptr_array_index (result->chain, 0)))
    policy_failed = TRUE;
  if (policy_failed)
    add_invalid_chain (&f, "policy", g_ptr_array_index (result->chain, 0),
                       g_ptr_array_index (result->chain, 1));

  if (anchored && ctx->options.check_revocation)
    {
      ctx->checking = result->chain;
      check_revocation (ctx, &f, result);
      ctx->checking = NULL;
    }

  result->path_valid = anchored && !f.failed;
  for (guint k = 0; k < result->warnings->len; k++)
    if (signet_warning_get_severity (g_ptr_array_index (result->warnings, k)) ==
        SIGNET_SEVERITY_ERROR)
      result->path_valid = FALSE;
  if (result->path_valid && policy != NULL)
    result->valid_policies = signet_policy_tree_get_valid_policies (policy);

  return g_steal_pointer (&result);
}

static guint
count_errors (SignetPathResult *result)
{
  guint n = 0;

  for (guint k = 0; k < result->warnings->len; k++)
    if (signet_warning_get_severity (g_ptr_array_index (result->warnings, k)) ==
        SIGNET_SEVERITY_ERROR)
      n++;
  return n;
}

/* Whether @a is a more plausible failed path than @b: anchored first,
 * then cryptographically linked, then fewer errors, then fewer warnings. */
static gboolean
result_better (SignetPathResult *a, SignetPathResult *b)
{
  guint ea, eb;

  if (a->anchored != b->anchored)
    return a->anchored;
  /* A path whose signatures verify is the real one, whatever else fails. */
  if (a->broken_link != b->broken_link)
    return !a->broken_link;
  ea = count_errors (a);
  eb = count_errors (b);
  if (ea != eb)
    return ea < eb;
  return a->warnings->len < b->warnings->len;
}

static void
record (PathContext *ctx, SignetPathResult *result)
{
  if (result->path_valid)
    {
      g_clear_object (&ctx->best);
      ctx->best = g_object_ref (result);
      ctx->best_is_valid = TRUE;
      return;
    }
  if (ctx->best == NULL || result_better (result, ctx->best))
    g_set_object (&ctx->best, result);
}

/* A path that cannot be extended to an anchor. */
static void
record_dead_end (PathContext *ctx, GPtrArray *path, gboolean too_long)
{
  g_autoptr (SignetPathResult) result = validate_path (ctx, path, FALSE);
  SignetCertificate *last = g_ptr_array_index (path, path->len - 1);
  SignetCertificate *leaf = g_ptr_array_index (path, 0);
  SignetWarning *warning;

  if (too_long)
    warning = signet_warning_new_with (
        SIGNET_WARNING_INVALID_CHAIN, SIGNET_SEVERITY_ERROR, "reason", str_variant ("too-long"),
        "certificate", str_variant (signet_certificate_get_display_name (leaf)), "sha256",
        str_variant (signet_certificate_get_sha256 (leaf)), NULL);
  else if (signet_certificate_is_self_signed (last) && last == leaf)
    warning =
        signet_warning_new_with (SIGNET_WARNING_SELF_SIGNED, SIGNET_SEVERITY_WARNING, "certificate",
                                 str_variant (signet_certificate_get_display_name (leaf)), "sha256",
                                 str_variant (signet_certificate_get_sha256 (leaf)), NULL);
  else if (signet_certificate_is_self_signed (last))
    warning = signet_warning_new_with (
        SIGNET_WARNING_UNTRUSTED_ROOT, SIGNET_SEVERITY_WARNING, "root",
        str_variant (signet_certificate_get_display_name (last)), "certificate",
        str_variant (signet_certificate_get_display_name (last)), "sha256",
        str_variant (signet_certificate_get_sha256 (last)), NULL);
  else
    {
      const char *issuer = signet_certificate_get_issuer (last);

      warning = signet_warning_new_with (
          SIGNET_WARNING_ISSUER_UNKNOWN, SIGNET_SEVERITY_WARNING, "certificate",
          str_variant (signet_certificate_get_display_name (last)), "sha256",
          str_variant (signet_certificate_get_sha256 (last)), "issuer", str_variant (issuer), NULL);
    }
  g_ptr_array_insert (result->warnings, 0, warning);
  record (ctx, result);
}

static void
build (PathContext *ctx, GPtrArray *path)
{
  SignetCertificate *cur = g_ptr_array_index (path, path->len - 1);
  g_autoptr (GArray) candidates = NULL;

  if (is_anchor (ctx, cur))
    {
      g_autoptr (SignetPathResult) result = validate_path (ctx, path, TRUE);

      record (ctx, result);
      return;
    }
  if (path->len >= SIGNET_MAX_PATH_LENGTH)
    {
      record_dead_end (ctx, path, TRUE);
      return;
    }
  candidates = find_candidates (ctx, cur, path);
  if (candidates->len == 0)
    {
      record_dead_end (ctx, path, FALSE);
      return;
    }
  for (guint i = 0; i < candidates->len && !ctx->best_is_valid; i++)
    {
      if (ctx->tried >= SIGNET_MAX_PATH_CANDIDATES)
        {
          ctx->exhausted = TRUE;
          return;
        }
      ctx->tried++;
      g_ptr_array_add (path, g_array_index (candidates, Candidate, i).cert);
      build (ctx, path);
      g_ptr_array_set_size (path, path->len - 1);
      if (ctx->exhausted)
        return;
    }
}

static void
add_unique (GHashTable *seen, GPtrArray *list, SignetCertificate *cert)
{
  if (g_hash_table_add (seen, (gpointer) signet_certificate_get_sha256 (cert)))
    g_ptr_array_add (list, cert);
}

static SignetPathResult *
validate_internal (SignetCertificate *leaf,
                   GPtrArray *intermediates,
                   GPtrArray *anchors,
                   GPtrArray *crls,
                   const SignetPathOptions *options,
                   PathContext *parent,
                   gboolean check_purpose)
{
  PathContext ctx = { 0 };
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) path = g_ptr_array_new ();
  SignetPathResult *result;

  ctx.options = *options;
  ctx.anchors = anchors;
  ctx.intermediates = intermediates;
  ctx.crls = crls;
  ctx.parent = parent;
  ctx.depth = parent != NULL ? parent->depth + 1 : 0;
  ctx.check_purpose = check_purpose;
  ctx.pool = g_ptr_array_new ();
  ctx.anchor_set = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.revocation_candidates = g_ptr_array_new ();
  ctx.signature_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      SignetCertificate *a = g_ptr_array_index (anchors, i);

      g_hash_table_add (ctx.anchor_set, (gpointer) signet_certificate_get_sha256 (a));
      add_unique (seen, ctx.pool, a);
    }
  for (guint i = 0; intermediates != NULL && i < intermediates->len; i++)
    add_unique (seen, ctx.pool, g_ptr_array_index (intermediates, i));
  for (guint i = 0; i < ctx.pool->len; i++)
    g_ptr_array_add (ctx.revocation_candidates, g_ptr_array_index (ctx.pool, i));

  g_ptr_array_add (path, leaf);
  build (&ctx, path);

  result = g_steal_pointer (&ctx.best);
  if (ctx.exhausted && !result->path_valid)
    g_ptr_array_insert (
        result->warnings, 0,
        signet_warning_new_with (SIGNET_WARNING_INVALID_CHAIN, SIGNET_SEVERITY_ERROR, "reason",
                                 str_variant ("too-long"), "certificate",
                                 str_variant (signet_certificate_get_display_name (leaf)), "sha256",
                                 str_variant (signet_certificate_get_sha256 (leaf)), NULL));
  path_context_clear (&ctx);
  return result;
}

/**
 * signet_path_validate:
 * @leaf: the end-entity certificate
 * @intermediates: (nullable) (element-type SignetCertificate): certificates
 *   that may help to build the path, in any order
 * @anchors: (nullable) (element-type SignetCertificate): the trust anchors
 * @crls: (nullable) (element-type SignetCrl): CRLs deciding revocation
 * @options: the settings of this validation
 *
 * Builds the candidate paths from @leaf to one of @anchors (depth first,
 * best candidates first, with backtracking) and validates each per RFC 5280
 * 6.1 until one is valid.
 *
 * Returns: (transfer full): the valid path, or the most plausible failed
 *   one with every reason it failed
 */
SignetPathResult *
signet_path_validate (SignetCertificate *leaf,
                      GPtrArray *intermediates,
                      GPtrArray *anchors,
                      GPtrArray *crls,
                      const SignetPathOptions *options)
{
  g_return_val_if_fail (SIGNET_IS_CERTIFICATE (leaf), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  return validate_internal (leaf, intermediates, anchors, crls, options, NULL, TRUE);
}

/**
 * signet_path_result_get_chain:
 * @self: a path result
 *
 * Returns: (transfer none) (element-type SignetCertificate): the path, leaf
 *   first, the anchor last when one was reached
 */
GPtrArray *
signet_path_result_get_chain (SignetPathResult *self)
{
  g_return_val_if_fail (SIGNET_IS_PATH_RESULT (self), NULL);
  return self->chain;
}

/**
 * signet_path_result_get_path_valid:
 * @self: a path result
 *
 * Returns: whether a whole path to a trust anchor validated (revocation
 *   included when asked for)
 */
gboolean
signet_path_result_get_path_valid (SignetPathResult *self)
{
  g_return_val_if_fail (SIGNET_IS_PATH_RESULT (self), FALSE);
  return self->path_valid;
}

/**
 * signet_path_result_get_anchored:
 * @self: a path result
 *
 * Returns: whether the path ends at a trust anchor
 */
gboolean
signet_path_result_get_anchored (SignetPathResult *self)
{
  g_return_val_if_fail (SIGNET_IS_PATH_RESULT (self), FALSE);
  return self->anchored;
}

/**
 * signet_path_result_get_warnings:
 * @self: a path result
 *
 * Returns: (transfer none) (element-type SignetWarning): the findings
 */
GPtrArray *
signet_path_result_get_warnings (SignetPathResult *self)
{
  g_return_val_if_fail (SIGNET_IS_PATH_RESULT (self), NULL);
  return self->warnings;
}

/**
 * signet_path_result_get_revocation:
 * @self: a path result
 * @index: an index into the chain
 *
 * Returns: (transfer none) (nullable): the revocation status of chain
 *   element @index (GOOD for the anchor, UNKNOWN when revocation was not
 *   checked), %NULL when @index is out of range
 */
const SignetRevocationResult *
signet_path_result_get_revocation (SignetPathResult *self, guint index)
{
  g_return_val_if_fail (SIGNET_IS_PATH_RESULT (self), NULL);
  if (index >= self->revocations->len)
    return NULL;
  return &g_array_index (self->revocations, SignetRevocationResult, index);
}

/**
 * signet_path_result_get_valid_policies:
 * @self: a path result
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   policies valid for the path (anyPolicy when any is acceptable), %NULL
 *   when the path is not valid
 */
const char *const *
signet_path_result_get_valid_policies (SignetPathResult *self)
{
  g_return_val_if_fail (SIGNET_IS_PATH_RESULT (self), NULL);
  return (const char *const *) self->valid_policies;
}

/**
 * signet_path_clear_caches:
 *
 * Empties the process-wide caches (validated certificate links, revocation
 * decisions, parsed certificates and CRLs). Never needed for correctness.
 */
void
signet_path_clear_caches (void)
{
  signet_lru_clear (&link_cache);
  signet_lru_clear (&name_cache);
  signet_revocation_clear_cache ();
  signet_cms_clear_certificate_cache ();
  _signet_crl_clear_shared ();
}
