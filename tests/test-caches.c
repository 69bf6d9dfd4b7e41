/* test-caches.c: the process-wide caches of the verification pipeline
 * never change an answer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "signet-cache-private.h"
#include "signet-crl.h"
#include "signet-init.h"
#include "signet-path.h"
#include "signet-revocation.h"
#include "signet-warning.h"

#define AT_2030 G_GINT64_CONSTANT (1893456000)    /* 2030-01-01, inside inter-ca.crl */
#define AT_2045 G_GINT64_CONSTANT (2366841600)    /* 2045-01-01, after its nextUpdate (2044-01-01) */
#define AT_2028 G_GINT64_CONSTANT (1830297600)    /* 2028-01-01, before its thisUpdate (2029-01-01) */
#define NEXT_UPDATE G_GINT64_CONSTANT (2335219200) /* 2044-01-01 */

static SignetCertificate *
load_cert (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.der", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pki", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GBytes) bytes = NULL;
  SignetCertificate *cert;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  cert = signet_certificate_new_from_der (bytes, &error);
  g_assert_no_error (error);
  return cert;
}

static GPtrArray *
load_crls (const char *const *names)
{
  GPtrArray *crls = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.crl", names[i]);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "pki", file, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) list = signet_crl_list_from_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (crls, g_object_ref (g_ptr_array_index (list, 0)));
    }
  return crls;
}

typedef struct
{
  SignetRevocationState state;
  gint64 revocation_time;
  SignetCrlReason reason;
  char *crl_sha256;
  gint64 crl_next_update;
  GStrv warnings; /* "code:detail-reason" */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->crl_sha256);
  g_strfreev (o->warnings);
}

static void
check (SignetCertificate *cert, SignetCertificate *issuer, GPtrArray *crls, gint64 when, Outcome *out)
{
  SignetRevocationResult r = { 0 };
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  signet_revocation_check (cert, issuer, crls, NULL, when, NULL, NULL, &r, warnings);
  out->state = r.state;
  out->revocation_time = r.revocation_time;
  out->reason = r.reason;
  out->crl_sha256 = g_strdup (r.crl_sha256);
  out->crl_next_update = r.crl_next_update;
  for (guint i = 0; i < warnings->len; i++)
    g_strv_builder_add (b, signet_warning_get_code (g_ptr_array_index (warnings, i)));
  out->warnings = g_strv_builder_end (b);
  signet_revocation_result_clear (&r);
}

/* The uncached answer and the answer a second time (from the cache) are
 * the same, field by field. */
static void
assert_same_twice (SignetCertificate *cert, SignetCertificate *issuer, GPtrArray *crls, gint64 when,
                   SignetRevocationState expected)
{
  Outcome a = { 0 }, b = { 0 };

  signet_path_clear_caches ();
  check (cert, issuer, crls, when, &a);
  check (cert, issuer, crls, when, &b);
  g_assert_cmpint (a.state, ==, expected);
  g_assert_cmpint (a.state, ==, b.state);
  g_assert_cmpint (a.revocation_time, ==, b.revocation_time);
  g_assert_cmpint (a.reason, ==, b.reason);
  g_assert_cmpstr (a.crl_sha256, ==, b.crl_sha256);
  g_assert_cmpint (a.crl_next_update, ==, b.crl_next_update);
  g_assert_true (g_strv_equal ((const char *const *) a.warnings, (const char *const *) b.warnings));
  outcome_clear (&a);
  outcome_clear (&b);
}

static void
test_revocation_cache_time_boundaries (void)
{
  g_autoptr (SignetCertificate) alice = load_cert ("alice");
  g_autoptr (SignetCertificate) issuer = load_cert ("inter-ca");
  g_autoptr (GPtrArray) crls = load_crls ((const char *const[]){ "inter-ca", NULL });
  Outcome o = { 0 };

  signet_path_clear_caches ();
  check (alice, issuer, crls, AT_2030, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_GOOD);
  g_assert_cmpint (o.crl_next_update, ==, NEXT_UPDATE);
  outcome_clear (&o);

  /* A cached GOOD must not survive the CRL's nextUpdate ... */
  memset (&o, 0, sizeof o);
  check (alice, issuer, crls, AT_2045, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_UNKNOWN);
  g_assert_true (g_strv_contains ((const char *const *) o.warnings, SIGNET_WARNING_CRL_EXPIRED));
  outcome_clear (&o);

  /* ... nor the last second before it be lost ... */
  memset (&o, 0, sizeof o);
  check (alice, issuer, crls, NEXT_UPDATE, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_GOOD);
  outcome_clear (&o);
  memset (&o, 0, sizeof o);
  check (alice, issuer, crls, NEXT_UPDATE + 1, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_UNKNOWN);
  outcome_clear (&o);

  /* ... nor apply before its thisUpdate. */
  memset (&o, 0, sizeof o);
  check (alice, issuer, crls, AT_2028, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_UNKNOWN);
  g_assert_true (g_strv_contains ((const char *const *) o.warnings, SIGNET_WARNING_CRL_INVALID));
  outcome_clear (&o);

  /* And back inside the interval, the same answer as the first time. */
  assert_same_twice (alice, issuer, crls, AT_2030, SIGNET_REVOCATION_GOOD);
}

static void
test_revocation_cache_same_answers (void)
{
  g_autoptr (SignetCertificate) alice = load_cert ("alice");
  g_autoptr (SignetCertificate) revoked = load_cert ("revoked");
  g_autoptr (SignetCertificate) issuer = load_cert ("inter-ca");
  g_autoptr (GPtrArray) good = load_crls ((const char *const[]){ "inter-ca", NULL });
  g_autoptr (GPtrArray) with_stale = load_crls ((const char *const[]){ "inter-ca-stale", "inter-ca", NULL });
  g_autoptr (GPtrArray) wrong_key = load_crls ((const char *const[]){ "inter-ca-wrongkey", NULL });
  g_autoptr (GPtrArray) stale = load_crls ((const char *const[]){ "inter-ca-stale", NULL });

  assert_same_twice (alice, issuer, good, AT_2030, SIGNET_REVOCATION_GOOD);
  assert_same_twice (revoked, issuer, good, AT_2030, SIGNET_REVOCATION_REVOKED);
  assert_same_twice (alice, issuer, with_stale, AT_2030, SIGNET_REVOCATION_GOOD);
  assert_same_twice (alice, issuer, wrong_key, AT_2030, SIGNET_REVOCATION_UNKNOWN);
  assert_same_twice (alice, issuer, stale, AT_2030, SIGNET_REVOCATION_UNKNOWN);
}

/* A changed CRL set is a different key: a decision made without the CRL
 * that lists the certificate is not reused once it is there. */
static void
test_revocation_cache_crl_set (void)
{
  g_autoptr (SignetCertificate) revoked = load_cert ("revoked");
  g_autoptr (SignetCertificate) issuer = load_cert ("inter-ca");
  g_autoptr (GPtrArray) stale = load_crls ((const char *const[]){ "inter-ca-stale", NULL });
  g_autoptr (GPtrArray) both = load_crls ((const char *const[]){ "inter-ca-stale", "inter-ca", NULL });
  Outcome o = { 0 };

  signet_path_clear_caches ();
  check (revoked, issuer, stale, AT_2030, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_UNKNOWN);
  outcome_clear (&o);
  memset (&o, 0, sizeof o);
  check (revoked, issuer, both, AT_2030, &o);
  g_assert_cmpint (o.state, ==, SIGNET_REVOCATION_REVOKED);
  outcome_clear (&o);
}

/* Whole paths, cached links included, validate the same way twice, and a
 * link verified for one path is not taken for another issuer. */
static void
test_path_twice (void)
{
  g_autoptr (SignetCertificate) alice = load_cert ("alice");
  g_autoptr (SignetCertificate) inter = load_cert ("inter-ca");
  g_autoptr (SignetCertificate) root = load_cert ("root-ca");
  g_autoptr (SignetCertificate) other_root = load_cert ("other-root");
  g_autoptr (GPtrArray) intermediates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) other_anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) crls = load_crls ((const char *const[]){ "inter-ca", "root-ca", NULL });
  SignetPathOptions options;

  g_ptr_array_add (intermediates, g_object_ref (inter));
  g_ptr_array_add (anchors, g_object_ref (root));
  g_ptr_array_add (other_anchors, g_object_ref (other_root));
  signet_path_options_init (&options, AT_2030);
  options.check_revocation = TRUE;

  signet_path_clear_caches ();
  for (int round = 0; round < 2; round++)
    {
      g_autoptr (SignetPathResult) r = signet_path_validate (alice, intermediates, anchors, crls, &options);
      g_autoptr (SignetPathResult) other = signet_path_validate (alice, intermediates, other_anchors, crls, &options);

      g_assert_true (signet_path_result_get_path_valid (r));
      g_assert_cmpuint (signet_path_result_get_chain (r)->len, ==, 3);
      g_assert_cmpint (signet_path_result_get_revocation (r, 0)->state, ==, SIGNET_REVOCATION_GOOD);
      g_assert_false (signet_path_result_get_path_valid (other));
    }

  /* After the validation time leaves the CRLs' window, the path is no
   * longer valid even though its links and revocation were cached. */
  options.time = AT_2045;
  {
    g_autoptr (SignetPathResult) r = signet_path_validate (alice, intermediates, anchors, crls, &options);

    g_assert_false (signet_path_result_get_path_valid (r));
  }
}

/* Several threads hitting the same caches (plugins verify in workers). */
static gpointer
hammer (gpointer data)
{
  GPtrArray *args = data;
  SignetCertificate *alice = g_ptr_array_index (args, 0);
  SignetCertificate *revoked = g_ptr_array_index (args, 1);
  SignetCertificate *issuer = g_ptr_array_index (args, 2);
  GPtrArray *crls = g_ptr_array_index (args, 3);

  for (int i = 0; i < 2000; i++)
    {
      SignetRevocationResult r = { 0 };
      gboolean even = i % 2 == 0;

      if (i % 500 == 0)
        signet_path_clear_caches ();
      signet_revocation_check (even ? alice : revoked, issuer, crls, NULL, i % 3 ? AT_2030 : AT_2045, NULL, NULL, &r,
                               NULL);
      if (i % 3 == 0)
        g_assert_cmpint (r.state, ==, SIGNET_REVOCATION_UNKNOWN);
      else
        g_assert_cmpint (r.state, ==, even ? SIGNET_REVOCATION_GOOD : SIGNET_REVOCATION_REVOKED);
      signet_revocation_result_clear (&r);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_object_unref);
  GThread *threads[4];

  g_ptr_array_add (args, load_cert ("alice"));
  g_ptr_array_add (args, load_cert ("revoked"));
  g_ptr_array_add (args, load_cert ("inter-ca"));
  g_ptr_array_add (args, load_crls ((const char *const[]){ "inter-ca", NULL }));
  g_ptr_array_set_free_func (args, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("hammer", hammer, args);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_object_unref (g_ptr_array_index (args, 0));
  g_object_unref (g_ptr_array_index (args, 1));
  g_object_unref (g_ptr_array_index (args, 2));
  g_ptr_array_unref (g_ptr_array_index (args, 3));
}

/* A cache with a cost budget evicts the least recently used entries until
 * the costs fit, and does not keep an entry that alone exceeds it. */
static void
test_lru_cost_budget (void)
{
  SignetLru lru = SIGNET_LRU_INIT_WITH_COST (16, 10, g_str_hash, g_str_equal, g_free, g_free);

  signet_lru_insert_with_cost (&lru, g_strdup ("a"), g_strdup ("A"), 4);
  signet_lru_insert_with_cost (&lru, g_strdup ("b"), g_strdup ("B"), 4);
  g_assert_cmpstr (signet_lru_lookup (&lru, "a", NULL), ==, "A"); /* a is now the newest */
  signet_lru_insert_with_cost (&lru, g_strdup ("c"), g_strdup ("C"), 4);
  g_assert_null (signet_lru_lookup (&lru, "b", NULL));
  g_assert_cmpstr (signet_lru_lookup (&lru, "a", NULL), ==, "A");
  g_assert_cmpstr (signet_lru_lookup (&lru, "c", NULL), ==, "C");
  g_assert_cmpuint (lru.total_cost, ==, 8);
  /* Replacing an entry replaces its cost. */
  signet_lru_insert_with_cost (&lru, g_strdup ("c"), g_strdup ("C2"), 2);
  g_assert_cmpuint (lru.total_cost, ==, 6);
  /* Too large for the budget: not kept, and the others stay. */
  signet_lru_insert_with_cost (&lru, g_strdup ("d"), g_strdup ("D"), 11);
  g_assert_null (signet_lru_lookup (&lru, "d", NULL));
  g_assert_cmpstr (signet_lru_lookup (&lru, "a", NULL), ==, "A");
  g_assert_cmpuint (lru.total_cost, ==, 6);
  signet_lru_clear (&lru);
  g_clear_pointer (&lru.table, g_hash_table_unref);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();

  g_test_add_func ("/signet/caches/revocation-time-boundaries", test_revocation_cache_time_boundaries);
  g_test_add_func ("/signet/caches/revocation-same-answers", test_revocation_cache_same_answers);
  g_test_add_func ("/signet/caches/revocation-crl-set", test_revocation_cache_crl_set);
  g_test_add_func ("/signet/caches/path-twice", test_path_twice);
  g_test_add_func ("/signet/caches/threads", test_threads);
  g_test_add_func ("/signet/caches/lru-cost-budget", test_lru_cost_budget);
  return g_test_run ();
}
