/* test-path.c: certification path building and validation.
 *
 * Two parts: a small PKI of our own (data/path/, made by generate.sh) for
 * the building cases and every warning, and NIST PKITS (data/pkits/) run at
 * the path level: for each row of expected.tsv the signer certificate,
 * intermediates and CRLs are taken from the message's SignedData and
 * signet_path_validate() must give the expected result.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-gnutls-private.h"
#include "signet-init.h"
#include "signet-limits.h"
#include "signet-oids.h"
#include "signet-path.h"
#include "signet-warning.h"

#define FIXTURE_TIME 1893456000 /* 2030-01-01T00:00:00Z */
#define PKITS_TIME 1302825600   /* 2011-04-15T00:00:00Z */
#define NIST_POLICY_PREFIX "2.16.840.1.101.3.2.1.48."

/* Our own PKI */

static SignetCertificate *
load_cert (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pem", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "path", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return g_object_ref (g_ptr_array_index (list, 0));
}

/* A NULL-terminated list of names to an array of certificates. */
static GPtrArray *
load_certs (const char *first, ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (list, load_cert (name));
  va_end (args);
  return list;
}

static SignetWarning *
find_warning (SignetPathResult *result, const char *code, const char *reason)
{
  GPtrArray *warnings = signet_path_result_get_warnings (result);

  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);
      const char *r = signet_warning_get_detail_string (w, "reason");

      if (g_str_equal (signet_warning_get_code (w), code) &&
          (reason == NULL || g_strcmp0 (r, reason) == 0))
        return w;
    }
  return NULL;
}

static void
dump_warnings (SignetPathResult *result)
{
  GPtrArray *warnings = signet_path_result_get_warnings (result);

  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);
      g_autofree char *details = g_variant_print (signet_warning_get_details (w), FALSE);

      g_test_message ("  %s [%s] %s", signet_warning_get_code (w),
                      signet_severity_to_string (signet_warning_get_severity (w)), details);
    }
}

static SignetPathResult *
run (const char *leaf_name,
     GPtrArray *intermediates,
     const char *anchor_name,
     SignetPathOptions *opts)
{
  g_autoptr (SignetCertificate) leaf = load_cert (leaf_name);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  SignetPathOptions defaults;
  SignetPathResult *result;

  if (anchor_name != NULL)
    g_ptr_array_add (anchors, load_cert (anchor_name));
  if (opts == NULL)
    {
      signet_path_options_init (&defaults, FIXTURE_TIME);
      opts = &defaults;
    }
  result = signet_path_validate (leaf, intermediates, anchors, NULL, opts);
  g_assert_nonnull (result);
  dump_warnings (result);
  return result;
}

static guint
chain_length (SignetPathResult *result)
{
  return signet_path_result_get_chain (result)->len;
}

static const char *
chain_name (SignetPathResult *result, guint i)
{
  return signet_certificate_get_display_name (
      g_ptr_array_index (signet_path_result_get_chain (result), i));
}

static void
test_good (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("alice", inter, "root", NULL);
  const char *const *policies;

  g_assert_true (signet_path_result_get_path_valid (r));
  g_assert_true (signet_path_result_get_anchored (r));
  g_assert_cmpuint (chain_length (r), ==, 3);
  g_assert_cmpstr (chain_name (r, 0), ==, "Alice");
  g_assert_cmpstr (chain_name (r, 1), ==, "Signet Test Sub CA");
  g_assert_cmpstr (chain_name (r, 2), ==, "Signet Test Root CA");
  g_assert_cmpuint (signet_path_result_get_warnings (r)->len, ==, 0);
  /* No certificate asserts a policy: the valid set is empty, not NULL. */
  policies = signet_path_result_get_valid_policies (r);
  g_assert_nonnull (policies);
  g_assert_null (policies[0]);
  g_assert_cmpint (signet_path_result_get_revocation (r, 2)->state, ==, SIGNET_REVOCATION_GOOD);
  g_assert_null (signet_path_result_get_revocation (r, 3));
}

static void
test_unordered_extras (void)
{
  g_autoptr (GPtrArray) inter =
      load_certs ("unrelated-ca", "other-leaf", "sub", "unrelated-root", NULL);
  g_autoptr (SignetPathResult) r = run ("alice", inter, "root", NULL);

  g_assert_true (signet_path_result_get_path_valid (r));
  g_assert_cmpuint (chain_length (r), ==, 3);
  g_assert_cmpstr (chain_name (r, 1), ==, "Signet Test Sub CA");
}

static void
test_expired_candidate (void)
{
  /* Two Sub CA certificates with the same subject and key; the expired one
   * comes first and is also the newer one: the valid one must be used. */
  g_autoptr (GPtrArray) inter = load_certs ("sub-expired", "sub", NULL);
  g_autoptr (SignetPathResult) r = run ("alice", inter, "root", NULL);
  SignetCertificate *used;

  g_assert_true (signet_path_result_get_path_valid (r));
  used = g_ptr_array_index (signet_path_result_get_chain (r), 1);
  g_assert_true (signet_certificate_is_valid_at (used, FIXTURE_TIME));
  g_assert_null (find_warning (r, SIGNET_WARNING_EXPIRED, NULL));
}

static void
test_expired_candidate_only (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub-expired", NULL);
  g_autoptr (SignetPathResult) r = run ("alice", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_true (signet_path_result_get_anchored (r));
  w = find_warning (r, SIGNET_WARNING_EXPIRED, NULL);
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "certificate"), ==, "Signet Test Sub CA");
  g_assert_cmpstr (signet_warning_get_detail_string (w, "not_after"), ==, "2025-01-01T00:00:00Z");
}

static void
test_loop (void)
{
  /* loop-a is issued by loop-b and loop-b by loop-a: building must end. */
  g_autoptr (GPtrArray) inter = load_certs ("loop-a", "loop-b", NULL);
  g_autoptr (SignetPathResult) r = run ("loop-leaf", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_false (signet_path_result_get_anchored (r));
  g_assert_cmpuint (chain_length (r), <=, 3);
  w = find_warning (r, SIGNET_WARNING_ISSUER_UNKNOWN, NULL);
  g_assert_nonnull (w);
}

static void
test_too_long (void)
{
  /* root -> chain1 -> ... -> chain10 -> chain-leaf: 12 certificates. */
  g_autoptr (GPtrArray) inter =
      load_certs ("chain1", "chain2", "chain3", "chain4", "chain5", "chain6", "chain7", "chain8",
                  "chain9", "chain10", NULL);
  g_autoptr (SignetPathResult) r = run ("chain-leaf", inter, "root", NULL);

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_false (signet_path_result_get_anchored (r));
  g_assert_nonnull (find_warning (r, SIGNET_WARNING_INVALID_CHAIN, "too-long"));
  g_assert_cmpuint (chain_length (r), <=, SIGNET_MAX_PATH_LENGTH);
}

static void
test_long_within_limit (void)
{
  /* root -> chain1 -> ... -> chain8 -> chain8-leaf: exactly the limit. */
  g_autoptr (GPtrArray) inter = load_certs ("chain1", "chain2", "chain3", "chain4", "chain5",
                                            "chain6", "chain7", "chain8", NULL);
  g_autoptr (SignetPathResult) r = run ("chain8-leaf", inter, "root", NULL);

  g_assert_true (signet_path_result_get_path_valid (r));
  g_assert_cmpuint (chain_length (r), ==, SIGNET_MAX_PATH_LENGTH);
}

static void
test_candidate_budget (void)
{
  /* Six self-issued "Wide CA" certificates, each an issuer candidate of the
   * others: thousands of paths, of which at most SIGNET_MAX_PATH_CANDIDATES
   * candidates are tried. */
  g_autoptr (GPtrArray) inter =
      load_certs ("wide1", "wide2", "wide3", "wide4", "wide5", "wide6", NULL);
  g_autoptr (SignetPathResult) r = NULL;
  gint64 start = g_get_monotonic_time ();

  r = run ("wide-leaf", inter, "root", NULL);
  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_false (signet_path_result_get_anchored (r));
  g_assert_nonnull (find_warning (r, SIGNET_WARNING_INVALID_CHAIN, "too-long"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_leaf_is_anchor (void)
{
  g_autoptr (SignetPathResult) r = run ("selfsigned", NULL, "selfsigned", NULL);

  g_assert_true (signet_path_result_get_path_valid (r));
  g_assert_true (signet_path_result_get_anchored (r));
  g_assert_cmpuint (chain_length (r), ==, 1);
}

static void
test_self_signed (void)
{
  g_autoptr (SignetPathResult) r = run ("selfsigned", NULL, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_false (signet_path_result_get_anchored (r));
  w = find_warning (r, SIGNET_WARNING_SELF_SIGNED, NULL);
  g_assert_nonnull (w);
  g_assert_null (find_warning (r, SIGNET_WARNING_UNTRUSTED_ROOT, NULL));
}

static void
test_issuer_unknown (void)
{
  g_autoptr (SignetPathResult) r = run ("alice", NULL, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_ISSUER_UNKNOWN, NULL);
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "certificate"), ==, "Alice");
  g_assert_nonnull (strstr (signet_warning_get_detail_string (w, "issuer"), "Signet Test Sub CA"));
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
}

static void
test_untrusted_root (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", "root", NULL);
  g_autoptr (SignetPathResult) r = run ("alice", inter, "unrelated-root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_false (signet_path_result_get_anchored (r));
  w = find_warning (r, SIGNET_WARNING_UNTRUSTED_ROOT, NULL);
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "root"), ==, "Signet Test Root CA");
  g_assert_cmpuint (chain_length (r), ==, 3);
}

static void
test_expired_leaf (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("expired", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_true (signet_path_result_get_anchored (r));
  w = find_warning (r, SIGNET_WARNING_EXPIRED, NULL);
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "certificate"), ==, "Expired User");
  g_assert_cmpstr (signet_warning_get_detail_string (w, "not_after"), ==, "2025-01-01T00:00:00Z");
  g_assert_cmpuint (strlen (signet_warning_get_detail_string (w, "sha256")), ==, 64);
}

static void
test_not_yet_valid_leaf (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("future", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_NOT_YET_VALID, NULL);
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "not_before"), ==, "2035-01-01T00:00:00Z");
}

static void
test_not_ca (void)
{
  /* notca has CA:FALSE but signed notca-leaf. */
  g_autoptr (GPtrArray) inter = load_certs ("notca", "sub", NULL);
  g_autoptr (SignetPathResult) r = run ("notca-leaf", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_INVALID_CHAIN, "basic-constraints");
  g_assert_nonnull (w);
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_ERROR);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "issuer"), ==, "Not A CA");
}

static void
test_md5 (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("md5", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_WEAK_ALGORITHM, "broken");
  g_assert_nonnull (w);
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_ERROR);
  g_assert_null (find_warning (r, SIGNET_WARNING_INVALID_CHAIN, "signature"));
}

static void
test_sha1 (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("sha1", inter, "root", NULL);
  SignetWarning *w;

  g_assert_true (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_WEAK_ALGORITHM, "certificate");
  g_assert_nonnull (w);
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "algorithm"), ==, "SHA-1");
}

static void
test_small_key (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("rsa1024", inter, "root", NULL);
  SignetWarning *w;
  guint32 bits = 0;

  g_assert_true (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_WEAK_ALGORITHM, "key-size");
  g_assert_nonnull (w);
  g_assert_true (g_variant_lookup (signet_warning_get_details (w), "bits", "u", &bits));
  g_assert_cmpuint (bits, ==, 1024);
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
}

static void
test_critical_extension (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("critext", inter, "root", NULL);
  SignetWarning *w;

  g_assert_false (signet_path_result_get_path_valid (r));
  w = find_warning (r, SIGNET_WARNING_UNKNOWN_CRITICAL_EXTENSION, NULL);
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "oid"), ==, "1.3.6.1.4.1.55555.1.1");
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_ERROR);
}

static void
test_wrong_eku (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("serverauth", inter, "root", NULL);
  SignetPathOptions opts;
  g_autoptr (SignetPathResult) r2 = NULL;

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_nonnull (find_warning (r, SIGNET_WARNING_KEY_USAGE, "extended-key-usage"));

  /* The same certificate is fine for the purpose it names. */
  signet_path_options_init (&opts, FIXTURE_TIME);
  opts.purpose_oid = "1.3.6.1.5.5.7.3.1";
  r2 = run ("serverauth", inter, "root", &opts);
  g_assert_true (signet_path_result_get_path_valid (r2));
}

static void
test_intermediate_eku_ignored (void)
{
  /* sub-tls carries a serverAuth-only EKU; its leaf has emailProtection. */
  g_autoptr (GPtrArray) inter = load_certs ("sub-tls", NULL);
  g_autoptr (SignetPathResult) r = run ("tls-sub-leaf", inter, "root", NULL);

  g_assert_true (signet_path_result_get_path_valid (r));
}

static void
test_non_repudiation (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("nonrep", inter, "root", NULL);
  g_autoptr (SignetPathResult) r2 = run ("encrypt-only", inter, "root", NULL);

  g_assert_true (signet_path_result_get_path_valid (r));
  g_assert_null (find_warning (r, SIGNET_WARNING_KEY_USAGE, NULL));

  g_assert_false (signet_path_result_get_path_valid (r2));
  g_assert_nonnull (find_warning (r2, SIGNET_WARNING_KEY_USAGE, "signing"));
}

static void
test_bad_signature (void)
{
  /* forged claims the Sub CA as issuer but is signed by another key. */
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (SignetPathResult) r = run ("forged", inter, "root", NULL);

  g_assert_false (signet_path_result_get_path_valid (r));
  g_assert_nonnull (find_warning (r, SIGNET_WARNING_INVALID_CHAIN, "signature"));
}

static void
test_backtrack_bad_signature (void)
{
  /* sub-badsig has the Sub CA's name and key (so the SKI matches) and is
   * newer, so it is tried first; its signature does not verify, and the
   * builder must go back and use sub. */
  g_autoptr (GPtrArray) inter = load_certs ("sub-badsig", "sub", NULL);
  g_autoptr (SignetPathResult) r = run ("alice", inter, "root", NULL);
  g_autoptr (SignetCertificate) sub = load_cert ("sub");
  g_autoptr (GPtrArray) only_bad = load_certs ("sub-badsig", NULL);
  g_autoptr (SignetPathResult) r2 = run ("alice", only_bad, "root", NULL);

  g_assert_true (signet_path_result_get_path_valid (r));
  g_assert_true (
      signet_certificate_equal (g_ptr_array_index (signet_path_result_get_chain (r), 1), sub));

  g_assert_false (signet_path_result_get_path_valid (r2));
  g_assert_true (signet_path_result_get_anchored (r2));
  g_assert_nonnull (find_warning (r2, SIGNET_WARNING_INVALID_CHAIN, "signature"));
}

static void
test_name_constraints (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("nc-ca", "nc-sub-bad", NULL);
  g_autoptr (SignetPathResult) good = run ("nc-good", inter, "root", NULL);
  g_autoptr (SignetPathResult) dn_email = run ("nc-dn-email", inter, "root", NULL);
  g_autoptr (SignetPathResult) below = run ("nc-sub-leaf", inter, "root", NULL);
  SignetWarning *w;

  g_assert_true (signet_path_result_get_path_valid (good));

  /* The SAN is permitted, the subject's emailAddress is not. */
  g_assert_false (signet_path_result_get_path_valid (dn_email));
  w = find_warning (dn_email, SIGNET_WARNING_INVALID_CHAIN, "name-constraints");
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "certificate"), ==, "Constrained DN Email");

  /* The intermediate itself violates the constraint. */
  g_assert_false (signet_path_result_get_path_valid (below));
  w = find_warning (below, SIGNET_WARNING_INVALID_CHAIN, "name-constraints");
  g_assert_nonnull (w);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "certificate"), ==,
                   "Constrained Sub Outside");
}

static void
test_policies (void)
{
  g_autoptr (GPtrArray) inter = load_certs ("pol-ca", NULL);
  const char *const wanted[] = { "1.3.6.1.4.1.55555.2.1", NULL };
  const char *const other[] = { "1.3.6.1.4.1.55555.2.3", NULL };
  SignetPathOptions opts;
  g_autoptr (SignetPathResult) any = NULL;
  g_autoptr (SignetPathResult) explicit_ok = NULL;
  g_autoptr (SignetPathResult) explicit_none = NULL;
  g_autoptr (SignetPathResult) explicit_other = NULL;
  g_autoptr (SignetPathResult) implicit_none = NULL;
  const char *const *policies;

  signet_path_options_init (&opts, FIXTURE_TIME);
  any = run ("pol-leaf", inter, "root", &opts);
  g_assert_true (signet_path_result_get_path_valid (any));
  policies = signet_path_result_get_valid_policies (any);
  g_assert_cmpuint (g_strv_length ((char **) policies), ==, 1);
  g_assert_cmpstr (policies[0], ==, "1.3.6.1.4.1.55555.2.1");

  opts.require_explicit_policy = TRUE;
  opts.initial_policies = wanted;
  explicit_ok = run ("pol-leaf", inter, "root", &opts);
  g_assert_true (signet_path_result_get_path_valid (explicit_ok));

  explicit_none = run ("pol-none", inter, "root", &opts);
  g_assert_false (signet_path_result_get_path_valid (explicit_none));
  g_assert_nonnull (find_warning (explicit_none, SIGNET_WARNING_INVALID_CHAIN, "policy"));

  opts.initial_policies = other;
  explicit_other = run ("pol-leaf", inter, "root", &opts);
  g_assert_false (signet_path_result_get_path_valid (explicit_other));
  g_assert_nonnull (find_warning (explicit_other, SIGNET_WARNING_INVALID_CHAIN, "policy"));

  /* Without initial-explicit-policy a path without policies is fine. */
  opts.require_explicit_policy = FALSE;
  opts.initial_policies = NULL;
  implicit_none = run ("pol-none", inter, "root", &opts);
  g_assert_true (signet_path_result_get_path_valid (implicit_none));
  g_assert_cmpuint (g_strv_length ((char **) signet_path_result_get_valid_policies (implicit_none)),
                    ==, 0);
}

static GPtrArray *
load_crls (void)
{
  GPtrArray *crls = g_ptr_array_new_with_free_func (g_object_unref);
  const char *names[] = { "root.crl", "sub.crl" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "path", names[i], NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) list = signet_crl_list_from_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_extend_and_steal (crls, g_steal_pointer (&list));
    }
  return crls;
}

static SignetPathResult *
run_with_crls (const char *leaf_name, GPtrArray *crls)
{
  g_autoptr (SignetCertificate) leaf = load_cert (leaf_name);
  g_autoptr (GPtrArray) inter = load_certs ("sub", NULL);
  g_autoptr (GPtrArray) anchors = load_certs ("root", NULL);
  SignetPathOptions opts;
  SignetPathResult *result;

  signet_path_options_init (&opts, FIXTURE_TIME);
  opts.check_revocation = TRUE;
  result = signet_path_validate (leaf, inter, anchors, crls, &opts);
  dump_warnings (result);
  return result;
}

static void
test_revocation (void)
{
  g_autoptr (GPtrArray) crls = load_crls ();
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  g_autoptr (SignetPathResult) good = run_with_crls ("alice", crls);
  g_autoptr (SignetPathResult) revoked = run_with_crls ("revoked", crls);
  g_autoptr (SignetPathResult) unknown = run_with_crls ("alice", none);
  SignetWarning *w;

  g_assert_true (signet_path_result_get_path_valid (good));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (signet_path_result_get_revocation (good, i)->state, ==,
                     SIGNET_REVOCATION_GOOD);

  g_assert_false (signet_path_result_get_path_valid (revoked));
  g_assert_true (signet_path_result_get_anchored (revoked));
  g_assert_cmpint (signet_path_result_get_revocation (revoked, 0)->state, ==,
                   SIGNET_REVOCATION_REVOKED);
  g_assert_cmpint (signet_path_result_get_revocation (revoked, 1)->state, ==,
                   SIGNET_REVOCATION_GOOD);
  w = find_warning (revoked, SIGNET_WARNING_REVOKED, NULL);
  g_assert_nonnull (w);
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_ERROR);
  g_assert_cmpstr (signet_warning_get_detail_string (w, "certificate"), ==, "Revoked User");
  g_assert_cmpstr (signet_warning_get_detail_string (w, "revocation_time"), ==,
                   "2021-06-01T12:00:00Z");
  g_assert_cmpstr (signet_warning_get_detail_string (w, "reason"), ==, "unspecified");

  /* No CRL at all: both the leaf and the Sub CA are unknown. */
  g_assert_false (signet_path_result_get_path_valid (unknown));
  g_assert_true (signet_path_result_get_anchored (unknown));
  w = find_warning (unknown, SIGNET_WARNING_REVOCATION_UNKNOWN, NULL);
  g_assert_nonnull (w);
  g_assert_cmpuint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);
  g_assert_cmpint (signet_path_result_get_revocation (unknown, 1)->state, ==,
                   SIGNET_REVOCATION_UNKNOWN);
}

/* NIST PKITS at the path level */

typedef struct
{
  char *name;
  guint total;
  guint passed;
} Section;

static void
section_free (Section *s)
{
  g_free (s->name);
  g_free (s);
}

static char *
pkits_path (const char *a, const char *b)
{
  return g_test_build_filename (G_TEST_DIST, "data", "pkits", a, b, NULL);
}

static GStrv
parse_policies (const char *text)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *n = g_strstrip (names[i]);

      if (g_str_equal (n, "anyPolicy"))
        g_strv_builder_add (b, SIGNET_OID_ANY_POLICY);
      else if (g_str_has_prefix (n, "NIST-test-policy-"))
        {
          g_autofree char *oid =
              g_strconcat (NIST_POLICY_PREFIX, n + strlen ("NIST-test-policy-"), NULL);

          g_strv_builder_add (b, oid);
        }
      else
        g_assert_not_reached ();
    }
  return g_strv_builder_end (b);
}

/* The DER of the application/pkcs7-signature part of a PKITS message. */
static GBytes *
read_signature_part (const char *file)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  const char *part, *body, *end;
  g_autofree char *b64 = NULL;
  guchar *der;
  gsize der_len = 0;

  g_file_get_contents (file, &contents, &len, &error);
  g_assert_no_error (error);
  part = strstr (contents, "Content-Type: application/pkcs7-signature");
  if (part == NULL)
    part = strstr (contents, "application/pkcs7-signature");
  g_assert_nonnull (part);
  body = strstr (part, "\n\n");
  if (body == NULL || (strstr (part, "\r\n\r\n") != NULL && strstr (part, "\r\n\r\n") < body))
    body = strstr (part, "\r\n\r\n");
  g_assert_nonnull (body);
  end = strstr (body + 2, "\n--");
  g_assert_nonnull (end);
  b64 = g_strndup (body, (gsize) (end - body));
  der = g_base64_decode (g_strstrip (b64), &der_len);
  return g_bytes_new_take (der, der_len);
}

typedef struct
{
  SignetCertificate *signer;
  GPtrArray *certs;
  GPtrArray *crls;
} PkitsInput;

static SignetCertificate *
find_signer (GPtrArray *certs, gnutls_pkcs7_signature_info_st *info)
{
  for (guint i = 0; i < certs->len; i++)
    {
      SignetCertificate *c = g_ptr_array_index (certs, i);
      GBytes *issuer = signet_certificate_get_raw_issuer (c);
      GBytes *serial = signet_certificate_get_serial (c);

      if (info->issuer_dn.size == g_bytes_get_size (issuer) &&
          memcmp (info->issuer_dn.data, g_bytes_get_data (issuer, NULL), info->issuer_dn.size) ==
              0 &&
          info->signer_serial.size == g_bytes_get_size (serial) &&
          memcmp (info->signer_serial.data, g_bytes_get_data (serial, NULL),
                  info->signer_serial.size) == 0)
        return g_object_ref (c);
    }
  return NULL;
}

static gboolean
load_pkits_input (const char *message, PkitsInput *in)
{
  g_autofree char *file = pkits_path (message, NULL);
  g_autoptr (GBytes) der = read_signature_part (file);
  gnutls_datum_t d = _signet_datum_from_bytes (der);
  g_auto (gnutls_pkcs7_t) p7 = NULL;
  gnutls_pkcs7_signature_info_st info;
  int n;

  in->signer = NULL;
  in->certs = g_ptr_array_new_with_free_func (g_object_unref);
  in->crls = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpint (gnutls_pkcs7_init (&p7), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_import (p7, &d, GNUTLS_X509_FMT_DER), ==, 0);

  n = gnutls_pkcs7_get_crt_count (p7);
  for (int i = 0; i < n; i++)
    {
      g_auto (gnutls_datum_t) raw = { NULL, 0 };
      g_autoptr (GBytes) bytes = NULL;
      SignetCertificate *cert;

      if (gnutls_pkcs7_get_crt_raw2 (p7, i, &raw) < 0)
        continue;
      bytes = _signet_bytes_from_datum (&raw);
      cert = signet_certificate_new_from_der (bytes, NULL);
      if (cert != NULL)
        g_ptr_array_add (in->certs, cert);
    }
  n = gnutls_pkcs7_get_crl_count (p7);
  for (int i = 0; i < n; i++)
    {
      g_auto (gnutls_datum_t) raw = { NULL, 0 };
      g_autoptr (GBytes) bytes = NULL;
      SignetCrl *crl;

      if (gnutls_pkcs7_get_crl_raw2 (p7, i, &raw) < 0)
        continue;
      bytes = _signet_bytes_from_datum (&raw);
      crl = signet_crl_new_from_der (bytes, NULL);
      if (crl != NULL)
        g_ptr_array_add (in->crls, crl);
    }

  memset (&info, 0, sizeof info);
  g_assert_cmpint (gnutls_pkcs7_get_signature_info (p7, 0, &info), ==, 0);
  in->signer = find_signer (in->certs, &info);
  gnutls_pkcs7_signature_info_deinit (&info);
  return in->signer != NULL;
}

static SignetPathResult *
run_pkits_message (const char *message, gboolean check_revocation)
{
  g_autofree char *anchor_file = pkits_path ("certs", "TrustAnchorRootCertificate.crt");
  g_autoptr (GPtrArray) anchors = signet_certificate_list_from_file (anchor_file, NULL);
  PkitsInput in;
  SignetPathOptions opts;
  SignetPathResult *result;

  g_assert_true (load_pkits_input (message, &in));
  signet_path_options_init (&opts, PKITS_TIME);
  opts.check_revocation = check_revocation;
  result = signet_path_validate (in.signer, in.certs, anchors, in.crls, &opts);
  dump_warnings (result);
  g_object_unref (in.signer);
  g_ptr_array_unref (in.certs);
  g_ptr_array_unref (in.crls);
  return result;
}

static void
test_dsa_inheritance (void)
{
  /* PKITS 4.1.5: the intermediate's DSA key has no parameters. */
  g_autoptr (SignetPathResult) good =
      run_pkits_message ("smime/SignedValidDSAParameterInheritanceTest5.eml", FALSE);
  g_autoptr (SignetPathResult) bad =
      run_pkits_message ("smime/SignedInvalidDSASignatureTest6.eml", FALSE);
  GPtrArray *chain = signet_path_result_get_chain (good);
  g_auto (gnutls_pubkey_t) key = NULL;

  g_assert_true (signet_path_result_get_path_valid (good));
  g_assert_cmpuint (chain->len, ==, 4);
  g_assert_null (find_warning (good, SIGNET_WARNING_INVALID_CHAIN, NULL));
  key = signet_path_inherited_dsa_key (chain, 1);
  g_assert_nonnull (key);
  g_assert_null (signet_path_inherited_dsa_key (chain, 2)); /* has its own parameters */

  g_assert_false (signet_path_result_get_path_valid (bad));
  g_assert_nonnull (find_warning (bad, SIGNET_WARNING_INVALID_CHAIN, "signature"));
}

static void
test_pkits (void)
{
  g_autofree char *tsv = pkits_path ("expected.tsv", NULL);
  g_autofree char *anchor_file = pkits_path ("certs", "TrustAnchorRootCertificate.crt");
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) anchors = NULL;
  g_autoptr (GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  guint total = 0, passed = 0;
  g_autoptr (GString) failures = g_string_new (NULL);

  anchors = signet_certificate_list_from_file (anchor_file, &error);
  g_assert_no_error (error);
  g_file_get_contents (tsv, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto (GStrv) col = NULL;
      g_auto (GStrv) policies = NULL;
      g_autofree char *section_name = NULL;
      g_auto (GStrv) id_parts = NULL;
      Section *section = NULL;
      PkitsInput in;
      SignetPathOptions opts;
      g_autoptr (SignetPathResult) result = NULL;
      gboolean expected, got;

      if (*lines[l] == '\0')
        continue;
      col = g_strsplit (lines[l], "\t", -1);
      g_assert_cmpuint (g_strv_length (col), ==, 9);
      id_parts = g_strsplit (col[0], ".", 3);
      section_name = g_strdup_printf ("%s.%s", id_parts[0], id_parts[1]);
      for (guint s = 0; s < sections->len; s++)
        if (g_str_equal (((Section *) g_ptr_array_index (sections, s))->name, section_name))
          section = g_ptr_array_index (sections, s);
      if (section == NULL)
        {
          section = g_new0 (Section, 1);
          section->name = g_strdup (section_name);
          g_ptr_array_add (sections, section);
        }
      section->total++;
      total++;

      expected = g_str_equal (col[3], "valid");
      policies = parse_policies (col[4]);
      signet_path_options_init (&opts, PKITS_TIME);
      opts.initial_policies = (const char *const *) policies;
      opts.require_explicit_policy = g_str_equal (col[5], "true");
      opts.inhibit_policy_mapping = g_str_equal (col[6], "true");
      opts.inhibit_any_policy = g_str_equal (col[7], "true");
      opts.check_revocation = TRUE;
      opts.leaf_usage = SIGNET_LEAF_USAGE_SIGNING;

      if (!load_pkits_input (col[2], &in))
        got = FALSE;
      else
        {
          result = signet_path_validate (in.signer, in.certs, anchors, in.crls, &opts);
          got = signet_path_result_get_path_valid (result);
        }
      if (got == expected)
        {
          section->passed++;
          passed++;
        }
      else
        {
          g_string_append_printf (failures, "%s %s (%s, %s %s %s %s): expected %s\n", col[0],
                                  col[1], col[8], col[4], col[5], col[6], col[7], col[3]);
          if (result != NULL && g_getenv ("SIGNET_TEST_VERBOSE") != NULL)
            {
              g_test_message ("%s %s:", col[0], col[1]);
              dump_warnings (result);
            }
        }
      g_clear_object (&in.signer);
      g_clear_pointer (&in.certs, g_ptr_array_unref);
      g_clear_pointer (&in.crls, g_ptr_array_unref);
    }

  for (guint s = 0; s < sections->len; s++)
    {
      Section *section = g_ptr_array_index (sections, s);

      g_test_message ("PKITS %s: %u/%u", section->name, section->passed, section->total);
    }
  g_test_message ("PKITS total: %u/%u", passed, total);
  if (failures->len > 0)
    g_test_message ("PKITS failures:\n%s", failures->str);
  g_assert_cmpuint (total, ==, 250);
  g_assert_cmpuint (passed, ==, total);
}

int
main (int argc, char **argv)
{
  signet_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signet/path/good", test_good);
  g_test_add_func ("/signet/path/unordered-extras", test_unordered_extras);
  g_test_add_func ("/signet/path/expired-candidate", test_expired_candidate);
  g_test_add_func ("/signet/path/expired-candidate-only", test_expired_candidate_only);
  g_test_add_func ("/signet/path/loop", test_loop);
  g_test_add_func ("/signet/path/too-long", test_too_long);
  g_test_add_func ("/signet/path/long-within-limit", test_long_within_limit);
  g_test_add_func ("/signet/path/candidate-budget", test_candidate_budget);
  g_test_add_func ("/signet/path/leaf-is-anchor", test_leaf_is_anchor);
  g_test_add_func ("/signet/path/self-signed", test_self_signed);
  g_test_add_func ("/signet/path/issuer-unknown", test_issuer_unknown);
  g_test_add_func ("/signet/path/untrusted-root", test_untrusted_root);
  g_test_add_func ("/signet/path/expired-leaf", test_expired_leaf);
  g_test_add_func ("/signet/path/not-yet-valid-leaf", test_not_yet_valid_leaf);
  g_test_add_func ("/signet/path/not-ca", test_not_ca);
  g_test_add_func ("/signet/path/md5", test_md5);
  g_test_add_func ("/signet/path/sha1", test_sha1);
  g_test_add_func ("/signet/path/small-key", test_small_key);
  g_test_add_func ("/signet/path/critical-extension", test_critical_extension);
  g_test_add_func ("/signet/path/wrong-eku", test_wrong_eku);
  g_test_add_func ("/signet/path/intermediate-eku-ignored", test_intermediate_eku_ignored);
  g_test_add_func ("/signet/path/non-repudiation", test_non_repudiation);
  g_test_add_func ("/signet/path/bad-signature", test_bad_signature);
  g_test_add_func ("/signet/path/backtrack-bad-signature", test_backtrack_bad_signature);
  g_test_add_func ("/signet/path/name-constraints", test_name_constraints);
  g_test_add_func ("/signet/path/policies", test_policies);
  g_test_add_func ("/signet/path/revocation", test_revocation);
  g_test_add_func ("/signet/path/dsa-parameter-inheritance", test_dsa_inheritance);
  g_test_add_func ("/signet/path/pkits", test_pkits);

  return g_test_run ();
}
