/* fuzz-message.c: a whole message through signet_verifier_verify_bytes().
 *
 * One verifier, configured once: trust anchors root-ca (the test PKI) and
 * the NIST PKITS anchor, the test PKI's CRLs, offline, validation at
 * 2030-01-01. Each input is a message; the report is also serialised so
 * that every warning's sentence and details are built. The scanner's own
 * re-serialisation of each entity must also be byte for byte GMime's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "signet-mime-scanner.h"
#include "signet-verifier.h"

static SignetVerifier *verifier;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (SignetCertificate) root = NULL;
  g_autoptr (SignetCertificate) pkits = NULL;
  g_autoptr (SignetCertificate) inter = NULL;
  g_autoptr (SignetCrl) inter_crl = NULL;
  g_autoptr (SignetCrl) root_crl = NULL;

  fuzz_init ();
  root = fuzz_load_certificate ("pki/root-ca.pem");
  pkits = fuzz_load_certificate ("pkits/certs/TrustAnchorRootCertificate.crt");
  inter = fuzz_load_certificate ("pki/inter-ca.pem");
  inter_crl = fuzz_load_crl ("pki/inter-ca.crl");
  root_crl = fuzz_load_crl ("pki/root-ca.crl");

  verifier = signet_verifier_new ();
  signet_verifier_set_use_system_trust (verifier, FALSE);
  signet_verifier_set_offline (verifier, TRUE);
  signet_verifier_set_time (verifier, FUZZ_TIME);
  signet_verifier_add_anchor (verifier, root);
  signet_verifier_add_anchor (verifier, pkits);
  signet_verifier_add_certificate (verifier, inter);
  signet_verifier_add_crl (verifier, inter_crl);
  signet_verifier_add_crl (verifier, root_crl);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) message = fuzz_bytes (data, size);
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *summary = NULL;

  report = signet_verifier_verify_bytes (verifier, message, NULL, &error);
  if (report == NULL)
    {
      /* Only operational failures may come back as errors. */
      if (error == NULL)
        abort ();
      return 0;
    }
  if (error != NULL)
    abort ();
  json = signet_report_to_json (report, FALSE);
  summary = signet_report_get_summary (report);
  if (json == NULL || summary == NULL)
    abort ();
  if (!_signet_mime_serializations_agree (message, NULL))
    abort ();
  return 0;
}
