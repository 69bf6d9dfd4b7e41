/* signet-revocation.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-revocation.h"

#include <string.h>

#include "signet-cache-private.h"
#include "signet-certificate-private.h"
#include "signet-gnutls-private.h"
#include "signet-oids.h"
#include "signet-warning.h"

/**
 * signet_revocation_result_clear:
 * @result: a result filled by signet_revocation_check()
 *
 * Frees what @result owns and resets it to an UNKNOWN state.
 */
void
signet_revocation_result_clear (SignetRevocationResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->crl_sha256, g_free);
  result->state = SIGNET_REVOCATION_UNKNOWN;
  result->revocation_time = -1;
  result->reason = SIGNET_CRL_REASON_NONE;
  result->crl_next_update = -1;
}

/**
 * signet_revocation_state_to_string:
 * @state: a revocation state
 *
 * Returns: a stable name: "good", "revoked", "unknown" or "pending"
 */
const char *
signet_revocation_state_to_string (SignetRevocationState state)
{
  switch (state)
    {
    case SIGNET_REVOCATION_GOOD:
      return "good";
    case SIGNET_REVOCATION_REVOKED:
      return "revoked";
    case SIGNET_REVOCATION_UNKNOWN:
      return "unknown";
    case SIGNET_REVOCATION_PENDING:
      return "pending";
    default:
      return "unknown";
    }
}

/* What one check found out about one CRL, cached for the call. */
typedef struct
{
  gboolean checked;
  const char *problem; /* NULL when usable; else a crl-invalid reason or "expired" */
} CrlStatus;

typedef struct
{
  SignetCertificate *cert;
  SignetCertificate *issuer;
  GPtrArray *crls;
  GPtrArray *candidates;
  gint64 when;
  gnutls_pubkey_t issuer_key; /* nullable: @issuer's key completed by the path */
  SignetCrlSignerValidator validate_signer;
  gpointer user_data;

  gboolean used_candidates; /* a CRL signer other than @issuer was considered */

  CrlStatus *status;      /* parallel to crls */
  GPtrArray *problems;    /* SignetCrl (transfer none), in order found */
  GHashTable *problem_of; /* SignetCrl -> reason (static string) */
} Check;

static gboolean
names_equal (Check *c, GBytes *a, GBytes *b)
{
  return signet_crl_names_equal (a, b);
}

static void
note_problem (Check *c, SignetCrl *crl, const char *reason)
{
  if (g_hash_table_contains (c->problem_of, crl))
    return;
  g_hash_table_insert (c->problem_of, crl, (gpointer) reason);
  g_ptr_array_add (c->problems, crl);
}

static gboolean
allows_crl_sign (SignetCertificate *cert)
{
  guint usage = 0;

  if (!signet_certificate_get_key_usage (cert, &usage))
    return TRUE;
  return (usage & SIGNET_KEY_USAGE_CRL_SIGN) != 0;
}

/* CRL signers whose validation is under way in this thread (the outer
 * calls of validate_signer). A CRL signer may be covered by a CRL it
 * signs itself (PKITS 4.14.30: a cRLIssuer listed on its own indirect
 * CRL): while it is being validated, its signature is enough, instead of
 * validating it again and again until the recursion bound fails it. */
static GPrivate signers_in_progress;

static gboolean
signer_in_progress (SignetCertificate *signer)
{
  for (GSList *l = g_private_get (&signers_in_progress); l != NULL; l = l->next)
    if (signet_certificate_equal (l->data, signer))
      return TRUE;
  return FALSE;
}

static gboolean
validate_signer (Check *c, SignetCertificate *signer)
{
  GSList *stack = g_private_get (&signers_in_progress);
  gboolean ok;

  if (signer_in_progress (signer))
    return TRUE;
  if (c->validate_signer == NULL)
    return FALSE;
  stack = g_slist_prepend (stack, signer);
  g_private_set (&signers_in_progress, stack);
  ok = c->validate_signer (signer, c->user_data);
  stack = g_slist_delete_link (stack, stack);
  g_private_set (&signers_in_progress, stack);
  return ok;
}

/* Finds the certificate that signed @crl: @issuer when it has the CRL
 * issuer's name, else a certificate of @candidates with that name that
 * @validate_signer accepts. An authorityKeyIdentifier in the CRL must match
 * the signer's subjectKeyIdentifier when both are present. */
static const char *
check_signer (Check *c, SignetCrl *crl)
{
  GBytes *crl_issuer = signet_crl_get_raw_issuer (crl);
  GBytes *aki = signet_crl_get_authority_key_id (crl);
  gboolean saw_no_crl_sign = FALSE;
  guint n = c->candidates != NULL ? c->candidates->len : 0;

  for (guint i = 0; i <= n; i++)
    {
      SignetCertificate *signer = i == 0 ? c->issuer : g_ptr_array_index (c->candidates, i - 1);
      GBytes *ski;

      if (signer == NULL)
        continue;
      if (i > 0)
        c->used_candidates = TRUE;
      if (i > 0 && c->issuer != NULL && signet_certificate_equal (signer, c->issuer))
        continue;
      if (!names_equal (c, signet_certificate_get_raw_subject (signer), crl_issuer))
        continue;
      ski = signet_certificate_get_subject_key_id (signer);
      if (aki != NULL && ski != NULL && !g_bytes_equal (aki, ski))
        continue;
      if (i == 0 && c->issuer_key != NULL)
        {
          if (!signet_crl_verify_signature_with_pubkey (crl, c->issuer_key))
            continue;
        }
      else if (!signet_crl_verify_signature (crl, signer))
        {
          continue;
        }
      if (!allows_crl_sign (signer))
        {
          saw_no_crl_sign = TRUE;
          continue;
        }
      if (i > 0 && !validate_signer (c, signer))
        continue;
      return NULL;
    }
  return saw_no_crl_sign ? "no-crl-sign" : "signature";
}

/* Whether @crl itself can be relied on at @when: extensions, dates,
 * signer. Scope is checked separately. */
static const char *
crl_problem (Check *c, SignetCrl *crl)
{
  CrlStatus *st = NULL;
  gboolean user = FALSE, ca = FALSE, attr = FALSE;
  GBytes *base = NULL;

  for (guint i = 0; i < c->crls->len; i++)
    if (g_ptr_array_index (c->crls, i) == crl)
      st = &c->status[i];
  g_assert (st != NULL);
  if (st->checked)
    return st->problem;
  st->checked = TRUE;

  signet_crl_get_idp (crl, &user, &ca, &attr, NULL, NULL);
  if ((user && ca) || (user && attr) || (ca && attr) ||
      (signet_crl_is_delta (crl, &base) && (base == NULL || signet_crl_get_number (crl) == NULL)))
    st->problem = "malformed";
  else if (signet_crl_has_unknown_critical_extension (crl))
    st->problem = "critical-extension";
  else if (signet_crl_get_this_update (crl) > c->when)
    st->problem = "not-yet-valid";
  else if (signet_crl_get_next_update (crl) >= 0 && signet_crl_get_next_update (crl) < c->when)
    st->problem = "expired";
  else
    st->problem = check_signer (c, crl);
  return st->problem;
}

static gboolean
name_in (Check *c, GBytes *name, GPtrArray *names)
{
  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (names_equal (c, name, g_ptr_array_index (names, i)))
      return TRUE;
  return FALSE;
}

static gboolean
any_name_matches (Check *c,
                  GPtrArray *names_a,
                  const char *const *uris_a,
                  GPtrArray *names_b,
                  const char *const *uris_b)
{
  if (names_a != NULL)
    for (guint i = 0; i < names_a->len; i++)
      if (name_in (c, g_ptr_array_index (names_a, i), names_b))
        return TRUE;
  if (uris_a != NULL && uris_b != NULL)
    for (guint i = 0; uris_a[i] != NULL; i++)
      if (g_strv_contains (uris_b, uris_a[i]))
        return TRUE;
  return FALSE;
}

/* RFC 5280 6.3.3 (b): does @crl's scope cover the certificate for @dp? */
static gboolean
scope_covers (Check *c, SignetCrl *crl, const SignetCrlDistributionPoint *dp)
{
  gboolean user = FALSE, ca = FALSE, attr = FALSE, is_ca = FALSE;
  const char *const *idp_uris;

  if (!signet_crl_get_idp (crl, &user, &ca, &attr, NULL, NULL))
    return TRUE;

  idp_uris = signet_crl_get_idp_uris (crl);
  if (idp_uris != NULL)
    {
      GPtrArray *idp_names = signet_crl_get_idp_directory_names (crl);

      if (dp->has_name)
        {
          if (!any_name_matches (c, dp->directory_names, (const char *const *) dp->uris, idp_names,
                                 idp_uris))
            return FALSE;
        }
      else if (!any_name_matches (c, dp->crl_issuers, NULL, idp_names, NULL))
        {
          return FALSE;
        }
    }

  signet_certificate_get_basic_constraints (c->cert, &is_ca, NULL);
  if (user && is_ca)
    return FALSE;
  if (ca && !is_ca)
    return FALSE;
  if (attr)
    return FALSE;
  return TRUE;
}

static int
compare_numbers (GBytes *a, GBytes *b)
{
  gsize la, lb;
  const guint8 *pa = g_bytes_get_data (a, &la);
  const guint8 *pb = g_bytes_get_data (b, &lb);

  while (la > 0 && *pa == 0)
    pa++, la--;
  while (lb > 0 && *pb == 0)
    pb++, lb--;
  if (la != lb)
    return la < lb ? -1 : 1;
  return la == 0 ? 0 : memcmp (pa, pb, la);
}

static gboolean
same_scope (SignetCrl *a, SignetCrl *b)
{
  GBytes *ia = signet_crl_get_idp_der (a);
  GBytes *ib = signet_crl_get_idp_der (b);

  if (ia == NULL || ib == NULL)
    return ia == ib;
  return g_bytes_equal (ia, ib);
}

/* The newest usable delta CRL for @complete, NULL when there is none. Sets
 * @blocked when deltas for @complete exist but none is usable: the
 * complete CRL alone may then be out of date, so it is not used. */
static SignetCrl *
find_delta (Check *c, SignetCrl *complete, gboolean *blocked)
{
  GBytes *number = signet_crl_get_number (complete);
  SignetCrl *best = NULL;
  gboolean any = FALSE;

  *blocked = FALSE;
  if (number == NULL)
    return NULL;
  for (guint i = 0; i < c->crls->len; i++)
    {
      SignetCrl *d = g_ptr_array_index (c->crls, i);
      GBytes *base = NULL;
      GBytes *dnum;
      const char *problem;

      if (!signet_crl_is_delta (d, &base) || base == NULL)
        continue;
      dnum = signet_crl_get_number (d);
      if (dnum == NULL ||
          !names_equal (c, signet_crl_get_raw_issuer (d), signet_crl_get_raw_issuer (complete)) ||
          !same_scope (d, complete) || compare_numbers (base, number) > 0 ||
          compare_numbers (dnum, number) <= 0)
        continue;
      any = TRUE;
      problem = crl_problem (c, d);
      if (problem != NULL)
        {
          note_problem (c, d, problem);
          continue;
        }
      if (best == NULL || compare_numbers (dnum, signet_crl_get_number (best)) > 0)
        best = d;
    }
  *blocked = any && best == NULL;
  return best;
}

static SignetCrlDistributionPoint *
fallback_point (SignetCertificate *cert)
{
  SignetCrlDistributionPoint *dp = g_new0 (SignetCrlDistributionPoint, 1);

  dp->has_name = TRUE;
  dp->uris = g_new0 (char *, 1);
  dp->directory_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (dp->directory_names, g_bytes_ref (signet_certificate_get_raw_issuer (cert)));
  dp->reasons = SIGNET_CRL_REASONS_ALL;
  return dp;
}

/* The certificate's distribution points, then the implicit one of RFC 5280
 * 6.3.3 (CRLs from the certificate issuer not named in a distribution
 * point). NULL when the extension is malformed. */
static GPtrArray *
distribution_points (SignetCertificate *cert)
{
  g_auto (gnutls_datum_t) ext = { NULL, 0 };
  unsigned int critical = 0;
  GPtrArray *points = NULL;

  if (_signet_certificate_get_extension (cert, SIGNET_OID_EXT_CRL_DIST_POINTS, &ext, &critical))
    {
      g_autoptr (GBytes) value = _signet_bytes_from_datum (&ext);

      points = signet_crl_parse_distribution_points (
          value, signet_certificate_get_raw_issuer (cert), NULL);
      if (points == NULL)
        return NULL;
    }
  else
    {
      points = g_ptr_array_new_with_free_func ((GDestroyNotify) signet_crl_distribution_point_free);
    }
  g_ptr_array_add (points, fallback_point (cert));
  return points;
}

static void
set_decider (SignetRevocationResult *result, SignetCrl *crl)
{
  gint64 next = signet_crl_get_next_update (crl);

  /* The status holds until the earliest nextUpdate of the CRLs used. */
  if (result->crl_sha256 != NULL && next < 0)
    return;
  if (result->crl_sha256 != NULL && result->crl_next_update >= 0 && result->crl_next_update <= next)
    return;
  g_free (result->crl_sha256);
  result->crl_sha256 = g_strdup (signet_crl_get_sha256 (crl));
  result->crl_next_update = next;
}

static SignetWarning *
make_warning (SignetCrl *crl, const char *reason)
{
  const char *name = signet_crl_get_issuer_display_name (crl);

  if (g_str_equal (reason, "expired"))
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (signet_crl_get_next_update (crl));
      g_autofree char *iso = dt != NULL ? g_date_time_format_iso8601 (dt) : g_strdup ("");

      return signet_warning_new_with (SIGNET_WARNING_CRL_EXPIRED, SIGNET_SEVERITY_WARNING,
                                      "crl_issuer", g_variant_new_string (name), "next_update",
                                      g_variant_new_string (iso), NULL);
    }
  return signet_warning_new_with (SIGNET_WARNING_CRL_INVALID, SIGNET_SEVERITY_WARNING, "crl_issuer",
                                  g_variant_new_string (name), "reason",
                                  g_variant_new_string (reason), NULL);
}

/* The revocation cache.
 *
 * A decision depends on the certificate, its issuer, the CRLs (their
 * identities and order), the candidates and signer validator (only when a
 * CRL signer other than the issuer was considered), and the validation
 * time, through the thisUpdate and nextUpdate comparisons of the CRLs that
 * were examined and nothing else. The key holds the fingerprints of the
 * certificate, of the issuer and of every CRL in order; the entry keeps
 * the interval of validation times over which every one of those time
 * comparisons comes out the same, so a hit at another time inside the
 * interval is exactly the decision that would be computed, and a time
 * across a thisUpdate or nextUpdate boundary misses. Decisions that
 * involved other CRL signers or an inherited (DSA) issuer key are not
 * cached. A changed CRL set (a new CRL, a replaced one) changes the key. */
typedef struct
{
  guint crl_index;
  const char *reason; /* static */
} CachedProblem;

typedef struct
{
  gint64 valid_from;
  gint64 valid_until;
  SignetRevocationState state;
  gint64 revocation_time;
  SignetCrlReason reason;
  char *crl_sha256;
  gint64 crl_next_update;
  GArray *problems; /* CachedProblem */
} CachedDecision;

static void
cached_decision_free (gpointer data)
{
  CachedDecision *d = data;

  g_free (d->crl_sha256);
  g_array_unref (d->problems);
  g_free (d);
}

static gpointer
cached_decision_copy (gpointer data)
{
  CachedDecision *d = data;
  CachedDecision *copy = g_memdup2 (d, sizeof *d);

  copy->crl_sha256 = g_strdup (d->crl_sha256);
  copy->problems = g_array_ref (d->problems); /* never modified once cached */
  return copy;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedDecision, cached_decision_free)

static SignetLru decision_cache = SIGNET_LRU_INIT (SIGNET_REVOCATION_CACHE_SIZE, g_str_hash, g_str_equal,
                                                   g_free, cached_decision_free);

/**
 * signet_revocation_clear_cache:
 *
 * Drops every cached revocation decision.
 */
void
signet_revocation_clear_cache (void)
{
  signet_lru_clear (&decision_cache);
}

static char *
decision_key (SignetCertificate *cert, SignetCertificate *issuer, GPtrArray *crls)
{
  GString *key = g_string_sized_new (65 * (crls->len + 2));

  g_string_append (key, signet_certificate_get_sha256 (cert));
  g_string_append_c (key, '/');
  g_string_append (key, signet_certificate_get_sha256 (issuer));
  for (guint i = 0; i < crls->len; i++)
    {
      g_string_append_c (key, '/');
      g_string_append (key, signet_crl_get_sha256 (g_ptr_array_index (crls, i)));
    }
  return g_string_free (key, FALSE);
}

/* Appends the warnings for @problems as the uncached path does. */
static void
emit_warnings (SignetRevocationState state, GPtrArray *crls, GArray *problems, GPtrArray *warnings)
{
  if (warnings == NULL)
    return;
  for (guint i = 0; i < problems->len; i++)
    {
      const CachedProblem *p = &g_array_index (problems, CachedProblem, i);

      if (state != SIGNET_REVOCATION_UNKNOWN &&
          (g_str_equal (p->reason, "expired") || g_str_equal (p->reason, "scope")))
        continue;
      g_ptr_array_add (warnings, make_warning (g_ptr_array_index (crls, p->crl_index), p->reason));
    }
}

static gboolean
lookup_decision (const char *key, gint64 when, GPtrArray *crls, SignetRevocationResult *result, GPtrArray *warnings)
{
  g_autoptr (CachedDecision) d = signet_lru_lookup (&decision_cache, key, cached_decision_copy);

  if (d == NULL || when < d->valid_from || when > d->valid_until)
    return FALSE;
  result->state = d->state;
  result->revocation_time = d->revocation_time;
  result->reason = d->reason;
  result->crl_sha256 = g_steal_pointer (&d->crl_sha256);
  result->crl_next_update = d->crl_next_update;
  emit_warnings (d->state, crls, d->problems, warnings);
  return TRUE;
}

static void
store_decision (char *key, Check *c, const SignetRevocationResult *result)
{
  CachedDecision *d = g_new0 (CachedDecision, 1);

  d->valid_from = G_MININT64;
  d->valid_until = G_MAXINT64;
  for (guint i = 0; i < c->crls->len; i++)
    {
      SignetCrl *crl = g_ptr_array_index (c->crls, i);
      gint64 this_update = signet_crl_get_this_update (crl);
      gint64 next_update = signet_crl_get_next_update (crl);

      if (!c->status[i].checked)
        continue;
      /* crl_problem(): thisUpdate > when, nextUpdate >= 0 && nextUpdate < when */
      if (this_update > c->when)
        d->valid_until = MIN (d->valid_until, this_update - 1);
      else
        d->valid_from = MAX (d->valid_from, this_update);
      if (next_update >= 0)
        {
          if (next_update < c->when)
            d->valid_from = MAX (d->valid_from, next_update + 1);
          else
            d->valid_until = MIN (d->valid_until, next_update);
        }
    }
  d->state = result->state;
  d->revocation_time = result->revocation_time;
  d->reason = result->reason;
  d->crl_sha256 = g_strdup (result->crl_sha256);
  d->crl_next_update = result->crl_next_update;
  d->problems = g_array_new (FALSE, FALSE, sizeof (CachedProblem));
  for (guint i = 0; i < c->problems->len; i++)
    {
      SignetCrl *crl = g_ptr_array_index (c->problems, i);
      CachedProblem p = { 0, g_hash_table_lookup (c->problem_of, crl) };

      for (guint k = 0; k < c->crls->len; k++)
        if (g_ptr_array_index (c->crls, k) == crl)
          {
            p.crl_index = k;
            break;
          }
      g_array_append_val (d->problems, p);
    }
  signet_lru_insert (&decision_cache, key, d);
}

/**
 * signet_revocation_check:
 * @cert: the certificate whose status is wanted
 * @issuer: the certificate that issued @cert in the validated path
 * @crls: (element-type SignetCrl): the CRLs at hand (complete and delta)
 * @candidates: (nullable) (element-type SignetCertificate): certificates
 *   that may have signed a CRL (other keys of the CA, cRLIssuers)
 * @when: the validation time (Unix seconds)
 * @validate_signer: (nullable) (scope call): accepts a CRL signer other than
 *   @issuer; without one, only @issuer's CRLs are usable
 * @user_data: data for @validate_signer
 * @result: (out caller-allocates): the outcome; clear it with
 *   signet_revocation_result_clear()
 * @warnings: (nullable) (element-type SignetWarning): where warnings about
 *   unusable CRLs are appended
 *
 * Decides @cert's revocation status per RFC 5280 6.3 (see the header for
 * the rules). It fails closed: only CRLs that verify, are current and whose
 * scope covers the certificate count, and the result is GOOD only when they
 * cover every reason.
 *
 * When the result is GOOD or REVOKED, unusable CRLs that were merely out of
 * date or out of scope (superseded CRLs, other partitions) are not reported;
 * CRLs with bad signatures, unknown critical extensions, a signer without
 * cRLSign or a thisUpdate in the future are always reported.
 */
void
signet_revocation_check (SignetCertificate *cert,
                         SignetCertificate *issuer,
                         GPtrArray *crls,
                         GPtrArray *candidates,
                         gint64 when,
                         SignetCrlSignerValidator validate_signer,
                         gpointer user_data,
                         SignetRevocationResult *result,
                         GPtrArray *warnings)
{
  signet_revocation_check_with_key (cert, issuer, NULL, crls, candidates, when, validate_signer, user_data,
                                    result, warnings);
}

/**
 * signet_revocation_check_with_key:
 * @cert: the certificate whose status is wanted
 * @issuer: the certificate that issued @cert in the path
 * @issuer_key: (nullable): @issuer's public key as the path completed it
 *   (a DSA key that inherits its parameters, RFC 5280 6.1.4 (f)); %NULL to
 *   use the key in @issuer
 * @crls: (element-type SignetCrl): the CRLs to consider
 * @candidates: (nullable) (element-type SignetCertificate): other possible CRL signers
 * @when: the validation time
 * @validate_signer: (nullable): validates a CRL signer other than @issuer
 * @user_data: data for @validate_signer
 * @result: (out caller-allocates): the status
 * @warnings: (nullable) (element-type SignetWarning): where CRL problems go
 *
 * signet_revocation_check() for an issuer whose key the path completed.
 */
void
signet_revocation_check_with_key (SignetCertificate *cert,
                                  SignetCertificate *issuer,
                                  gnutls_pubkey_t issuer_key,
                                  GPtrArray *crls,
                                  GPtrArray *candidates,
                                  gint64 when,
                                  SignetCrlSignerValidator validate_signer,
                                  gpointer user_data,
                                  SignetRevocationResult *result,
                                  GPtrArray *warnings)
{
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new ();
  g_autoptr (GHashTable) problem_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree CrlStatus *status = NULL;
  Check c = { 0 };
  GBytes *cert_issuer;
  GBytes *serial;
  guint reasons_mask = 0;
  gboolean revoked = FALSE;
  gboolean cacheable;
  g_autofree char *key = NULL;

  g_return_if_fail (SIGNET_IS_CERTIFICATE (cert));
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);
  result->state = SIGNET_REVOCATION_UNKNOWN;
  result->revocation_time = -1;
  result->reason = SIGNET_CRL_REASON_NONE;
  result->crl_next_update = -1;
  if (crls == NULL || crls->len == 0)
    return;

  cacheable = issuer != NULL && issuer_key == NULL;
  if (cacheable)
    {
      key = decision_key (cert, issuer, crls);
      if (lookup_decision (key, when, crls, result, warnings))
        return;
    }

  status = g_new0 (CrlStatus, crls->len);
  c.cert = cert;
  c.issuer = issuer;
  c.crls = crls;
  c.candidates = candidates;
  c.when = when;
  c.issuer_key = issuer_key;
  c.validate_signer = validate_signer;
  c.user_data = user_data;
  c.status = status;
  c.problems = problems;
  c.problem_of = problem_of;

  cert_issuer = signet_certificate_get_raw_issuer (cert);
  serial = signet_certificate_get_serial (cert);
  points = distribution_points (cert);
  if (points == NULL)
    return;

  for (guint p = 0; p < points->len && reasons_mask != SIGNET_CRL_REASONS_ALL && !revoked; p++)
    {
      const SignetCrlDistributionPoint *dp = g_ptr_array_index (points, p);

      for (guint i = 0; i < crls->len && reasons_mask != SIGNET_CRL_REASONS_ALL && !revoked; i++)
        {
          SignetCrl *crl = g_ptr_array_index (crls, i);
          GBytes *crl_issuer = signet_crl_get_raw_issuer (crl);
          SignetCrl *delta;
          SignetCrlEntry entry;
          gboolean indirect = FALSE, blocked = FALSE, listed = FALSE;
          guint some_reasons = SIGNET_CRL_REASONS_ALL;
          guint interim;
          const char *problem;
          SignetCrl *listed_by = NULL;

          if (signet_crl_is_delta (crl, NULL))
            continue;

          /* (b)(1): who must have issued it. */
          signet_crl_get_idp (crl, NULL, NULL, NULL, &some_reasons, &indirect);
          if (dp->crl_issuers != NULL)
            {
              if (!name_in (&c, crl_issuer, dp->crl_issuers))
                continue;
              if (!indirect)
                {
                  note_problem (&c, crl, "scope");
                  continue;
                }
            }
          else if (!names_equal (&c, crl_issuer, cert_issuer))
            {
              continue;
            }

          /* (b)(2): scope. */
          if (!scope_covers (&c, crl, dp))
            {
              note_problem (&c, crl, "scope");
              continue;
            }

          /* (c), (d): reasons. */
          interim = dp->reasons & some_reasons & SIGNET_CRL_REASONS_ALL;
          if ((interim & ~reasons_mask) == 0)
            continue;

          /* (e), (f), time and extensions. */
          problem = crl_problem (&c, crl);
          if (problem != NULL)
            {
              note_problem (&c, crl, problem);
              continue;
            }

          /* (g)-(i): a delta CRL for it, if any. */
          delta = find_delta (&c, crl, &blocked);
          if (blocked)
            continue;

          if (delta != NULL &&
              signet_crl_lookup (delta, serial, indirect ? cert_issuer : NULL, &entry))
            {
              listed = TRUE;
              listed_by = delta;
            }
          else if (signet_crl_lookup (crl, serial, indirect ? cert_issuer : NULL, &entry))
            {
              listed = TRUE;
              listed_by = crl;
            }

          /* (j), (k): removeFromCRL means not revoked. */
          if (listed && entry.reason != SIGNET_CRL_REASON_REMOVE_FROM_CRL)
            {
              revoked = TRUE;
              result->revocation_time = entry.revocation_time;
              result->reason = entry.reason == SIGNET_CRL_REASON_NONE
                                   ? SIGNET_CRL_REASON_UNSPECIFIED
                                   : entry.reason;
              g_clear_pointer (&result->crl_sha256, g_free);
              result->crl_sha256 = g_strdup (signet_crl_get_sha256 (listed_by));
              result->crl_next_update = signet_crl_get_next_update (listed_by);
              break;
            }

          reasons_mask |= interim;
          set_decider (result, crl);
          if (delta != NULL)
            set_decider (result, delta);
        }
    }

  if (revoked)
    {
      result->state = SIGNET_REVOCATION_REVOKED;
    }
  else if (reasons_mask == SIGNET_CRL_REASONS_ALL)
    {
      result->state = SIGNET_REVOCATION_GOOD;
    }
  else
    {
      result->state = SIGNET_REVOCATION_UNKNOWN;
      g_clear_pointer (&result->crl_sha256, g_free);
      result->crl_next_update = -1;
      /* A delta CRL from the issuer with no usable base explains the
       * outcome too. */
      for (guint i = 0; i < crls->len; i++)
        {
          SignetCrl *crl = g_ptr_array_index (crls, i);

          if (signet_crl_is_delta (crl, NULL) &&
              names_equal (&c, signet_crl_get_raw_issuer (crl), cert_issuer))
            {
              const char *problem = crl_problem (&c, crl);

              note_problem (&c, crl, problem != NULL ? problem : "scope");
            }
        }
    }

  if (cacheable && !c.used_candidates)
    store_decision (g_steal_pointer (&key), &c, result);

  if (warnings == NULL)
    return;
  for (guint i = 0; i < problems->len; i++)
    {
      SignetCrl *crl = g_ptr_array_index (problems, i);
      const char *reason = g_hash_table_lookup (problem_of, crl);

      if (result->state != SIGNET_REVOCATION_UNKNOWN &&
          (g_str_equal (reason, "expired") || g_str_equal (reason, "scope")))
        continue;
      g_ptr_array_add (warnings, make_warning (crl, reason));
    }
}
