/* fuzz-certs-only.c: an import file through signet_certs_only_parse().
 *
 * Whatever the file holds (DER, PEM bundles, PKCS #7, MIME certs-only
 * messages), the certificates that were taken are written out again as a
 * certs-only bag and read back: the same certificates must come back (as
 * a set: DER sorts the SET OF certificates, so the order may change).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "signet-certs-only.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) input = fuzz_bytes (data, size);
  g_autoptr (SignetCertsOnlyContents) contents = NULL;
  g_autoptr (GError) error = NULL;

  contents = signet_certs_only_parse (input, &error);
  if (contents == NULL)
    {
      if (error == NULL)
        abort ();
      return 0;
    }
  if (contents->certificates->len + contents->crls->len > SIGNET_CERTS_ONLY_MAX_ITEMS)
    abort ();
  for (guint i = 0; i < contents->refused->len; i++)
    {
      g_autofree char *text = signet_refusal_describe (g_ptr_array_index (contents->refused, i));

      if (text == NULL)
        abort ();
    }

  if (contents->certificates->len > 0)
    {
      g_autoptr (GBytes) p7c = signet_certs_only_build_p7c (contents->certificates, NULL);
      g_autoptr (GBytes) message = signet_certs_only_build_message (contents->certificates, NULL);
      g_autoptr (SignetCertsOnlyContents) again = NULL;

      if (p7c == NULL || message == NULL)
        abort ();
      again = signet_certs_only_parse (p7c, NULL);
      if (again == NULL || again->certificates->len != contents->certificates->len)
        abort ();
      for (guint i = 0; i < again->certificates->len; i++)
        if (!g_ptr_array_find_with_equal_func (contents->certificates,
                                               g_ptr_array_index (again->certificates, i),
                                               signet_certificate_equal, NULL))
          abort ();
    }
  return 0;
}
