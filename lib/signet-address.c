/* signet-address.c: e-mail address comparison (RFC 2632 section 3).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-address.h"

#include <idn2.h>
#include <string.h>

#include "signet-cache-private.h"

/* Addresses longer than this are not addresses (RFC 5321 allows 254). */
#define SIGNET_MAX_ADDRESS_LENGTH 1024

/* Returns the offset of the single '@' outside quoted strings, or -1. */
static gssize
find_at (const char *address)
{
  gboolean quoted = FALSE;
  gssize at = -1;

  for (gssize i = 0; address[i] != '\0'; i++)
    {
      char c = address[i];

      if (quoted && c == '\\')
        {
          if (address[i + 1] == '\0')
            return -1;
          i++;
        }
      else if (c == '"')
        {
          quoted = !quoted;
        }
      else if (c == '@' && !quoted)
        {
          if (at >= 0)
            return -1;
          at = i;
        }
    }

  return quoted ? -1 : at;
}

static gboolean
is_plain_ascii_domain (const char *domain)
{
  /* Domain literals ("[192.0.2.1]") and names libidn2 rejects for reasons
   * that do not matter for equality (underscores, say). */
  for (const char *p = domain; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-._[]:", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
domain_to_ascii (const char *domain)
{
  char *out = NULL;
  char *ret;

  if (idn2_to_ascii_8z (domain, &out, IDN2_NONTRANSITIONAL) != IDN2_OK)
    {
      out = NULL;
      if (idn2_to_ascii_8z (domain, &out, IDN2_TRANSITIONAL) != IDN2_OK)
        out = NULL;
    }

  if (out == NULL)
    {
      if (!is_plain_ascii_domain (domain))
        return NULL;
      return g_ascii_strdown (domain, -1);
    }

  ret = g_ascii_strdown (out, -1);
  idn2_free (out);
  return ret;
}

/**
 * signet_address_normalize:
 * @address: an e-mail address (`local@domain`, no display name)
 *
 * Computes the key by which two addresses are compared: the local part
 * case-folded, the domain converted to lower-case A-labels (IDNA2008 with
 * UTS #46 mapping, via libidn2), a trailing dot of the domain removed.
 *
 * Returns: (transfer full) (nullable): the comparison key, or %NULL when
 *   @address is not a single valid UTF-8 address with a non-empty local
 *   part and domain
 */
/* Keys by address: the same few addresses (a correspondent's From, the
 * certificate's) come with every message, and libidn2's conversion is
 * the expensive part. "" stands for "not an address". */
static SignetLru normalized_cache = SIGNET_LRU_INIT (256, g_str_hash, g_str_equal, g_free, g_free);

static char *normalize_uncached (const char *address);

char *
signet_address_normalize (const char *address)
{
  char *key;

  if (address == NULL)
    return NULL;
  if (strlen (address) > SIGNET_MAX_ADDRESS_LENGTH)
    return normalize_uncached (address);
  key = signet_lru_lookup (&normalized_cache, address, (gpointer (*) (gpointer)) g_strdup);
  if (key == NULL)
    {
      char *computed = normalize_uncached (address);

      key = g_strdup (computed != NULL ? computed : "");
      signet_lru_insert (&normalized_cache, g_strdup (address), g_strdup (key));
      g_free (computed);
    }
  if (key[0] == '\0')
    g_clear_pointer (&key, g_free);
  return key;
}

static char *
normalize_uncached (const char *address)
{
  g_autofree char *local = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *ascii = NULL;
  gsize len;
  gssize at;

  if (address == NULL)
    return NULL;

  len = strlen (address);
  if (len == 0 || len > SIGNET_MAX_ADDRESS_LENGTH || !g_utf8_validate (address, len, NULL))
    return NULL;

  at = find_at (address);
  if (at <= 0 || (gsize) at + 1 >= len)
    return NULL;

  local = g_strndup (address, at);
  domain = g_strdup (address + at + 1);

  if (g_str_has_suffix (domain, "."))
    domain[strlen (domain) - 1] = '\0';
  if (domain[0] == '\0' || domain[0] == '.')
    return NULL;

  for (const char *p = domain; *p != '\0'; p++)
    {
      /* No spaces, controls or quotes in a domain. */
      if ((guchar) *p <= ' ' || *p == '"' || *p == '@' || *p == 0x7f)
        return NULL;
    }

  ascii = domain_to_ascii (domain);
  if (ascii == NULL || ascii[0] == '\0')
    return NULL;

  folded = g_utf8_casefold (local, -1);
  return g_strconcat (folded, "@", ascii, NULL);
}

/**
 * signet_address_equal:
 * @a: an address
 * @b: another address
 *
 * Returns: %TRUE when both are valid addresses with the same
 *   signet_address_normalize() key
 */
gboolean
signet_address_equal (const char *a, const char *b)
{
  g_autofree char *na = signet_address_normalize (a);
  g_autofree char *nb = NULL;

  if (na == NULL)
    return FALSE;
  nb = signet_address_normalize (b);
  return nb != NULL && strcmp (na, nb) == 0;
}

/**
 * signet_address_list_contains:
 * @list: (nullable) (array zero-terminated=1): addresses
 * @address: the address to look for
 * @matched_out: (out) (optional) (transfer none) (nullable): the entry of
 *   @list that matched
 *
 * Returns: %TRUE when @address equals (signet_address_equal()) one of @list
 */
gboolean
signet_address_list_contains (const char *const *list,
                              const char *address,
                              const char **matched_out)
{
  g_autofree char *key = signet_address_normalize (address);

  if (matched_out != NULL)
    *matched_out = NULL;
  if (key == NULL || list == NULL)
    return FALSE;

  for (gsize i = 0; list[i] != NULL; i++)
    {
      g_autofree char *other = NULL;

      /* The same string has the same key (@key is not NULL here): no need
       * to normalise it again. */
      if (strcmp (list[i], address) == 0)
        {
          if (matched_out != NULL)
            *matched_out = list[i];
          return TRUE;
        }
      other = signet_address_normalize (list[i]);

      if (other != NULL && strcmp (key, other) == 0)
        {
          if (matched_out != NULL)
            *matched_out = list[i];
          return TRUE;
        }
    }

  return FALSE;
}
