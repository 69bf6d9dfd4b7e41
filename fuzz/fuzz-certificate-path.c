/* fuzz-certificate-path.c: a bag of DER objects through
 * signet_certificate_new_from_der() and signet_path_validate().
 *
 * The input is a run of consecutive top-level DER values (certificates and
 * CRLs concatenated, as `cat a.der b.der c.crl` gives). The first two
 * octets are not part of the run. The first one's bits choose the options:
 *   bit 0: the last certificate is also a trust anchor (the bag brings its
 *          own root, so that the fuzzer can build whole valid paths);
 *   bit 1: check revocation;
 *   bit 2: validate at the PKITS time instead of 2030-01-01;
 *   bit 3: require an explicit policy (initial set: NIST test policy 1);
 *   bit 4: inhibit policy mapping;  bit 5: inhibit anyPolicy;
 *   bits 6-7: leaf usage (signing, encryption, any).
 * The second one: when bit 0 is set, each value of the run is a
 * to-be-signed structure (TBSCertificate or TBSCertList) that the harness
 * signs itself, value i with inter-ca's key if bit i + 1 is set, else with
 * root-ca's (values past the seventh: root-ca's); so that signatures verify
 * and the RFC 5280 checks behind them are reached.
 * The first certificate is the leaf, the others the intermediates; the
 * anchors are always root-ca and the PKITS anchor. Values that are neither
 * certificates nor CRLs are skipped; the walk stops at the first octets that
 * are not a complete DER value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "signet-der.h"
#include "signet-limits.h"
#include "signet-path.h"
#include "signet-warning.h"

/* Bounded so that one input cannot take seconds: path building is bounded
 * by SIGNET_MAX_PATH_CANDIDATES, but each candidate costs signatures. */
#define FUZZ_MAX_OBJECTS 24

#define FUZZ_MAX_SIGNED 8

static SignetCertificate *root;
static SignetCertificate *pkits_root;
static gnutls_privkey_t root_key;
static gnutls_privkey_t inter_key;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  root = fuzz_load_certificate ("pki/root-ca.pem");
  pkits_root = fuzz_load_certificate ("pkits/certs/TrustAnchorRootCertificate.crt");
  root_key = fuzz_load_key ("pki/root-ca.key");
  inter_key = fuzz_load_key ("pki/inter-ca.key");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const policy1[] = { "2.16.840.1.101.3.2.1.48.1", NULL };
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) crls = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) intermediates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SignetPathResult) result = NULL;
  g_autofree guint8 *copy = NULL;
  SignetPathOptions options;
  SignetDerReader reader;
  SignetDerTlv tlv;
  GPtrArray *chain, *warnings;
  guint8 flags, sign;
  guint n = 0;

  if (size < 2)
    return 0;
  flags = data[0];
  sign = data[1];
  copy = g_memdup2 (data + 2, size - 2);
  signet_der_reader_init (&reader, copy, size - 2);
  while (n < ((sign & 1) ? FUZZ_MAX_SIGNED : FUZZ_MAX_OBJECTS) && signet_der_read (&reader, &tlv))
    {
      g_autoptr (GBytes) der = NULL;
      g_autoptr (SignetCertificate) cert = NULL;

      if (sign & 1)
        der = fuzz_sign_tbs ((n < 7 && (sign & (2u << n))) ? inter_key : root_key, tlv.start,
                             tlv.total_len);
      else
        der = g_bytes_new (tlv.start, tlv.total_len);
      n++;
      if (der == NULL)
        continue;
      cert = signet_certificate_new_from_der (der, NULL);

      if (cert != NULL)
        {
          /* Every accessor must cope with whatever parsed. */
          (void) signet_certificate_get_display_name (cert);
          (void) signet_certificate_get_emails (cert);
          (void) signet_certificate_get_critical_extensions (cert);
          (void) signet_certificate_is_self_signed (cert);
          g_ptr_array_add (certs, g_steal_pointer (&cert));
        }
      else
        {
          g_autoptr (SignetCrl) crl = signet_crl_new_from_der (der, NULL);

          if (crl != NULL)
            g_ptr_array_add (crls, g_steal_pointer (&crl));
        }
    }
  if (certs->len == 0)
    return 0;

  g_ptr_array_add (anchors, g_object_ref (root));
  g_ptr_array_add (anchors, g_object_ref (pkits_root));
  if ((flags & 1) && certs->len > 1)
    g_ptr_array_add (anchors, g_object_ref (g_ptr_array_index (certs, certs->len - 1)));
  for (guint i = 1; i < certs->len; i++)
    g_ptr_array_add (intermediates, g_object_ref (g_ptr_array_index (certs, i)));

  signet_path_options_init (&options, (flags & 4) ? FUZZ_PKITS_TIME : FUZZ_TIME);
  options.check_revocation = (flags & 2) != 0;
  if (flags & 8)
    {
      options.require_explicit_policy = TRUE;
      options.initial_policies = policy1;
    }
  options.inhibit_policy_mapping = (flags & 16) != 0;
  options.inhibit_any_policy = (flags & 32) != 0;
  options.leaf_usage = (SignetLeafUsage) MIN ((flags >> 6) & 3, SIGNET_LEAF_USAGE_ANY);

  result =
      signet_path_validate (g_ptr_array_index (certs, 0), intermediates, anchors, crls, &options);
  if (result == NULL)
    abort ();
  chain = signet_path_result_get_chain (result);
  if (chain == NULL || chain->len == 0 || chain->len > SIGNET_MAX_PATH_LENGTH)
    abort ();
  /* A valid path must end at one of the anchors given. */
  if (signet_path_result_get_path_valid (result) && !signet_path_result_get_anchored (result))
    abort ();
  for (guint i = 0; i < chain->len; i++)
    (void) signet_path_result_get_revocation (result, i);
  warnings = signet_path_result_get_warnings (result);
  for (guint i = 0; i < warnings->len; i++)
    if (signet_warning_get_message (g_ptr_array_index (warnings, i)) == NULL)
      abort ();
  (void) signet_path_result_get_valid_policies (result);
  return 0;
}
