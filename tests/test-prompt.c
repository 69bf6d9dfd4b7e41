/* test-prompt.c: trust questions made from real verifications, and how
 * each answer changes the next verification.
 *
 * The verifier does not consult SignetTrust yet; these tests do what its
 * hooks will do: the anchors come from signet_trust_get_anchors() and each
 * signature goes through signet_trust_review_signature().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "signet-error.h"
#include "signet-prompt.h"
#include "signet-trust.h"
#include "signet-verifier.h"

#define TEST_TIME 1893456000 /* 2030-01-01T00:00:00Z */

typedef struct
{
  char *dir;
  SignetStore *store;
  SignetTrust *trust;
} Fixture;

static SignetCertificate *
load (const char *folder, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = signet_certificate_list_from_file (path, &error);

  g_assert_no_error (error);
  return g_object_ref (g_ptr_array_index (list, 0));
}

static SignetTrust *
new_trust (SignetStore *store)
{
  g_autoptr (SignetCertificate) root = load ("pki", "root-ca.pem");
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  SignetTrust *trust;

  g_ptr_array_add (anchors, g_object_ref (root));
  trust = signet_trust_new_with_anchors (store, anchors, NULL);
  signet_trust_set_time (trust, TEST_TIME + 60);
  return trust;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("signet-prompt-XXXXXX", NULL);
  f->store = signet_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->trust = new_trust (f->store);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->trust);
  g_clear_object (&f->store);
  g_free (f->dir);
}

/* Verifies @folder/@name the way the verifier will once it has the trust
 * hooks, and returns its first signature. */
static SignetSignature *
verify (SignetTrust *trust,
        SignetStore *store,
        const char *folder,
        const char *name,
        SignetReport **report_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
  g_autoptr (SignetVerifier) v = signet_verifier_new ();
  g_autoptr (GPtrArray) anchors = signet_trust_get_anchors (trust);
  g_autoptr (GError) error = NULL;
  SignetReport *report;
  GPtrArray *sigs;

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  signet_verifier_set_check_revocation (v, FALSE);
  signet_verifier_set_time (v, TEST_TIME);
  if (store != NULL)
    signet_verifier_set_store (v, store);
  for (guint i = 0; i < anchors->len; i++)
    signet_verifier_add_anchor (v, g_ptr_array_index (anchors, i));
  report = signet_verifier_verify_file (v, path, NULL, &error);
  g_assert_no_error (error);
  sigs = signet_report_get_signatures (report);
  g_assert_cmpuint (sigs->len, >=, 1);
  for (guint i = 0; i < sigs->len; i++)
    signet_trust_review_signature (trust, g_ptr_array_index (sigs, i));
  *report_out = report;
  return g_ptr_array_index (sigs, 0);
}

static void
assert_choices (SignetPrompt *p, const char *const *ids)
{
  g_assert_cmpuint (signet_prompt_get_n_choices (p), ==, g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_cmpstr (signet_prompt_get_choice_id (p, i), ==, ids[i]);
      g_assert_nonnull (signet_prompt_get_choice_label (p, i));
      g_assert_true (signet_prompt_has_choice (p, ids[i]));
    }
}

static gboolean
has_pinned_replacing (SignetSignature *sig, const char *code)
{
  GPtrArray *warnings = signet_signature_get_warnings (sig);

  for (guint i = 0; i < warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (warnings, i);

      if (g_str_equal (signet_warning_get_code (w), SIGNET_WARNING_PINNED) &&
          g_strcmp0 (signet_warning_get_detail_string (w, "replaces"), code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* stranger.eml: a chain to other-root, which nobody trusts. */
static SignetPrompt *
stranger_prompt (Fixture *f)
{
  g_autoptr (SignetReport) report = NULL;
  SignetSignature *sig = verify (f->trust, f->store, "messages", "stranger.eml", &report);
  g_autoptr (SignetCertificate) other = load ("pki", "other-root.pem");
  g_autoptr (SignetCertificate) stranger = load ("pki", "stranger.pem");
  g_autofree char *fp = signet_certificate_format_fingerprint (stranger);
  g_autofree char *root_fp = signet_certificate_format_fingerprint (other);
  SignetPrompt *p;

  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  p = signet_prompt_new_for_signature (sig, f->trust);
  g_assert_nonnull (p);
  g_assert_cmpint (signet_prompt_get_kind (p), ==, SIGNET_PROMPT_UNTRUSTED_ROOT);
  g_assert_true (signet_certificate_equal (signet_prompt_get_subject (p), other));
  g_assert_true (signet_certificate_equal (signet_prompt_get_signer (p), stranger));
  g_assert_cmpstr (signet_prompt_get_address (p), ==, "stranger@example.net");
  g_assert_cmpstr (signet_prompt_lookup_fact (p, "fingerprint"), ==, fp);
  g_assert_cmpstr (signet_prompt_lookup_fact (p, "root-fingerprint"), ==, root_fp);
  g_assert_nonnull (strchr (fp, ' ')); /* grouped for reading aloud */
  g_assert_nonnull (signet_prompt_lookup_fact (p, "valid-until"));
  g_assert_nonnull (
      strstr (signet_prompt_get_explanation (p), signet_certificate_get_display_name (other)));
  assert_choices (p, (const char *const[]){ "trust-authority", "trust-sender", "trust-session",
                                            "distrust-authority", NULL });
  return p;
}

static void
test_untrusted_root_trust_authority (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = stranger_prompt (f);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;

  g_assert_true (signet_trust_apply (f->trust, p, "trust-authority", &error));
  g_assert_no_error (error);
  /* Works end to end today: the root is now an anchor. */
  sig = verify (f->trust, f->store, "messages", "stranger.eml", &report);
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
  g_assert_null (signet_prompt_new_for_signature (sig, f->trust));
}

static void
test_untrusted_root_trust_sender (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = stranger_prompt (f);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;

  g_assert_true (signet_trust_apply (f->trust, p, "trust-sender", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "messages", "stranger.eml", &report);
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  g_assert_true (has_pinned_replacing (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
  g_assert_null (signet_prompt_new_for_signature (sig, f->trust));
}

static void
test_untrusted_root_session (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = stranger_prompt (f);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetReport) later = NULL;
  g_autoptr (SignetTrust) next_session = new_trust (f->store);
  g_autoptr (SignetPrompt) again = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;

  g_assert_true (signet_trust_apply (f->trust, p, "trust-session", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "messages", "stranger.eml", &report);
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
  /* Another session (a new SignetTrust on the same store) asks again. */
  sig = verify (next_session, f->store, "messages", "stranger.eml", &later);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  again = signet_prompt_new_for_signature (sig, next_session);
  g_assert_nonnull (again);
}

static void
test_untrusted_root_distrust (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = stranger_prompt (f);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;

  g_assert_true (signet_trust_apply (f->trust, p, "distrust-authority", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "messages", "stranger.eml", &report);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_DISTRUSTED));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_INVALID);
  g_assert_null (signet_prompt_new_for_signature (sig, f->trust));

  /* An answer the prompt does not offer is refused. */
  g_assert_false (signet_trust_apply (f->trust, p, "accept-new", &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
}

static void
test_self_signed (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetReport) after = NULL;
  g_autoptr (SignetPrompt) p = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig = verify (f->trust, f->store, "messages", "selfsigned.eml", &report);

  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_SELF_SIGNED));
  p = signet_prompt_new_for_signature (sig, f->trust);
  g_assert_nonnull (p);
  g_assert_cmpint (signet_prompt_get_kind (p), ==, SIGNET_PROMPT_SELF_SIGNED);
  g_assert_cmpstr (signet_prompt_get_address (p), ==, "self@example.org");
  assert_choices (p, (const char *const[]){ "trust-sender", "trust-session", "distrust", NULL });

  g_assert_true (signet_trust_apply (f->trust, p, "trust-sender", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "messages", "selfsigned.eml", &after);
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_SELF_SIGNED));
  g_assert_true (has_pinned_replacing (sig, SIGNET_WARNING_SELF_SIGNED));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
}

static void
test_address_mismatch (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetReport) after = NULL;
  g_autoptr (SignetReport) good = NULL;
  g_autoptr (SignetPrompt) p = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig = verify (f->trust, f->store, "messages", "mismatch.eml", &report);

  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_ADDRESS_MISMATCH));
  p = signet_prompt_new_for_signature (sig, f->trust);
  g_assert_nonnull (p);
  g_assert_cmpint (signet_prompt_get_kind (p), ==, SIGNET_PROMPT_ADDRESS_MISMATCH);
  g_assert_cmpstr (signet_prompt_get_address (p), ==, "mallory@example.com");
  g_assert_cmpstr (signet_prompt_lookup_fact (p, "certificate-addresses"), ==, "alice@example.org");
  g_assert_nonnull (strstr (signet_prompt_get_choice_label (p, 0), "mallory@example.com"));
  assert_choices (p, (const char *const[]){ "pin-address", "distrust", NULL });

  g_assert_true (signet_trust_apply (f->trust, p, "pin-address", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "messages", "mismatch.eml", &after);
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_ADDRESS_MISMATCH));
  g_assert_true (has_pinned_replacing (sig, SIGNET_WARNING_ADDRESS_MISMATCH));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);

  /* The pin is for mallory@ only: alice's own mail gets no pinned note. */
  sig = verify (f->trust, f->store, "messages", "good-rsa.eml", &good);
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_PINNED));
}

/* good-rsa.eml teaches the store alice's certificate; foreign.eml is
 * alice@example.org with a new certificate from another authority. */
static SignetPrompt *
changed_prompt (Fixture *f)
{
  g_autoptr (SignetReport) first = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetCertificate) alice = load ("pki", "alice.pem");
  g_autoptr (SignetCertificate) foreign = load ("trust", "alice-foreign.pem");
  SignetSignature *sig = verify (f->trust, f->store, "messages", "good-rsa.eml", &first);
  SignetPrompt *p;

  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
  sig = verify (f->trust, f->store, "trust", "foreign.eml", &report);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_CERTIFICATE_CHANGED));
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  p = signet_prompt_new_for_signature (sig, f->trust);
  g_assert_nonnull (p);
  g_assert_cmpint (signet_prompt_get_kind (p), ==, SIGNET_PROMPT_CERTIFICATE_CHANGED);
  g_assert_cmpstr (signet_prompt_get_address (p), ==, "alice@example.org");
  g_assert_cmpstr (signet_prompt_get_previous_sha256 (p), ==,
                   signet_certificate_get_sha256 (alice));
  g_assert_true (signet_certificate_equal (signet_prompt_get_subject (p), foreign));
  g_assert_nonnull (signet_prompt_lookup_fact (p, "previous-fingerprint"));
  g_assert_nonnull (strstr (signet_prompt_get_explanation (p), "Other Root CA"));
  assert_choices (p, (const char *const[]){ "accept-new", "reject-new", NULL });
  return p;
}

static void
test_certificate_changed_accept (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = changed_prompt (f);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;

  g_assert_true (signet_trust_apply (f->trust, p, "accept-new", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "trust", "foreign.eml", &report);
  /* Continuity now knows the new certificate (works without hooks)... */
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_CERTIFICATE_CHANGED));
  /* ...and the pin covers the untrusted root for alice@ (review hook). */
  g_assert_false (signet_signature_has_warning (sig, SIGNET_WARNING_UNTRUSTED_ROOT));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
}

static void
test_certificate_changed_reject (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = changed_prompt (f);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetReport) old = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig;

  g_assert_true (signet_trust_apply (f->trust, p, "reject-new", &error));
  g_assert_no_error (error);
  sig = verify (f->trust, f->store, "trust", "foreign.eml", &report);
  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_DISTRUSTED));
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_INVALID);
  g_assert_null (signet_prompt_new_for_signature (sig, f->trust));
  /* The old certificate is untouched. */
  sig = verify (f->trust, f->store, "messages", "good-rsa.eml", &old);
  g_assert_cmpint (signet_signature_get_verdict (sig), ==, SIGNET_VERDICT_VALID);
}

static void
test_issuer_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (SignetPrompt) p = NULL;
  g_autoptr (GError) error = NULL;
  SignetSignature *sig = verify (f->trust, NULL, "messages", "leafonly.eml", &report);

  g_assert_true (signet_signature_has_warning (sig, SIGNET_WARNING_ISSUER_UNKNOWN));
  p = signet_prompt_new_for_signature (sig, f->trust);
  g_assert_nonnull (p);
  g_assert_cmpint (signet_prompt_get_kind (p), ==, SIGNET_PROMPT_ISSUER_UNKNOWN);
  g_assert_cmpuint (signet_prompt_get_n_choices (p), ==, 0);
  g_assert_nonnull (signet_prompt_get_advice (p));
  g_assert_nonnull (strstr (signet_prompt_get_advice (p), "signet import"));
  g_assert_false (signet_trust_apply (f->trust, p, "trust-sender", &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
}

/* Nothing to ask: a valid signature, a forged one, a revoked signer. */
static void
test_no_prompt (Fixture *f, gconstpointer data)
{
  const char *names[] = { "good-rsa.eml", "tampered.eml", "critext.eml", "nochain.eml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (SignetReport) report = NULL;
      SignetSignature *sig = verify (f->trust, NULL, "messages", names[i], &report);
      g_autoptr (SignetPrompt) p = signet_prompt_new_for_signature (sig, f->trust);

      g_assert_null (p);
    }
}

static void
test_json (Fixture *f, gconstpointer data)
{
  g_autoptr (SignetPrompt) p = stranger_prompt (f);
  g_autofree char *json = signet_prompt_to_json (p, FALSE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "untrusted-root");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "choices")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "facts")), ==,
                    signet_prompt_get_n_facts (p));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/signet/prompt/" path, Fixture, NULL, setup, fn, teardown)
  ADD ("untrusted-root/trust-authority", test_untrusted_root_trust_authority);
  ADD ("untrusted-root/trust-sender", test_untrusted_root_trust_sender);
  ADD ("untrusted-root/session", test_untrusted_root_session);
  ADD ("untrusted-root/distrust", test_untrusted_root_distrust);
  ADD ("self-signed", test_self_signed);
  ADD ("address-mismatch", test_address_mismatch);
  ADD ("certificate-changed/accept", test_certificate_changed_accept);
  ADD ("certificate-changed/reject", test_certificate_changed_reject);
  ADD ("issuer-unknown", test_issuer_unknown);
  ADD ("no-prompt", test_no_prompt);
  ADD ("json", test_json);
#undef ADD
  return g_test_run ();
}
