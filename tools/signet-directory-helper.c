/* signet-directory-helper.c: the program that asks LDAP directories and
 * DNS (DANE SMIMEA, through libunbound) for certificates on the library's
 * behalf, so that no mail client process links an LDAP or DNSSEC library.
 * The protocol is in lib/signet-directory-protocol.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <lber.h>
#include <ldap.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unbound.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "signet-directory-protocol.h"

#define SMIMEA_TYPE 53
#define DNS_CLASS_IN 1
#define DEFAULT_TRUST_ANCHOR "/usr/share/dns/root.key"

static char *opt_ldap_url;
static char *opt_address;
static char *opt_smimea;
static char *opt_resolver;
static char *opt_trust_anchor;
static int opt_timeout = 10;
static gint64 opt_max_size = 2 * 1024 * 1024;
static int opt_size_limit = 20;

static const GOptionEntry entries[] = {
  { "ldap-url", 0, 0, G_OPTION_ARG_STRING, &opt_ldap_url, "LDAP URL of the directory", "URL" },
  { "address", 0, 0, G_OPTION_ARG_STRING, &opt_address, "e-mail address to search for", "ADDRESS" },
  { "smimea", 0, 0, G_OPTION_ARG_STRING, &opt_smimea, "SMIMEA owner name to resolve", "NAME" },
  { "resolver", 0, 0, G_OPTION_ARG_STRING, &opt_resolver, "resolver to forward to", "IP[@PORT]" },
  { "trust-anchor", 0, 0, G_OPTION_ARG_FILENAME, &opt_trust_anchor, "DNSSEC trust anchor file",
    "FILE" },
  { "timeout", 0, 0, G_OPTION_ARG_INT, &opt_timeout, "seconds", "SECONDS" },
  { "max-size", 0, 0, G_OPTION_ARG_INT64, &opt_max_size, "largest answer", "BYTES" },
  { "size-limit", 0, 0, G_OPTION_ARG_INT, &opt_size_limit, "most entries or records", "N" },
  G_OPTION_ENTRY_NULL
};

static int finish (int code, const char *result, const char *format, ...) G_GNUC_PRINTF (3, 4);

static int
finish (int code, const char *result, const char *format, ...)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, result);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, g_utf8_validate (message, -1, NULL) ? message : "?");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  line = json_generator_to_data (gen, NULL);
  fprintf (stderr, "%s\n", line);
  return code;
}

static int
write_answer (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;
  gsize len = 0;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  if ((gint64) len > opt_max_size)
    return finish (SIGNET_DIRECTORY_EXIT_TOO_LARGE, SIGNET_DIRECTORY_RESULT_TOO_LARGE,
                   "answer of %" G_GSIZE_FORMAT " bytes, limit %" G_GINT64_FORMAT, len,
                   opt_max_size);
  if (fwrite (text, 1, len, stdout) != len || fflush (stdout) != 0)
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "cannot write");
  return finish (SIGNET_DIRECTORY_EXIT_OK, SIGNET_DIRECTORY_RESULT_OK, "ok");
}

static int
ldap_failure (int rc)
{
  switch (rc)
    {
    case LDAP_TIMEOUT:
    case LDAP_TIMELIMIT_EXCEEDED:
      return finish (SIGNET_DIRECTORY_EXIT_TIMEOUT, SIGNET_DIRECTORY_RESULT_TIMEOUT,
                     "no answer within %d seconds (%s)", opt_timeout, ldap_err2string (rc));
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR:
    case LDAP_LOCAL_ERROR:
    case LDAP_DECODING_ERROR:
    case LDAP_ENCODING_ERROR:
      return finish (SIGNET_DIRECTORY_EXIT_NETWORK, SIGNET_DIRECTORY_RESULT_NETWORK, "%s",
                     ldap_err2string (rc));
    default:
      return finish (SIGNET_DIRECTORY_EXIT_SERVER, SIGNET_DIRECTORY_RESULT_SERVER, "%s",
                     ldap_err2string (rc));
    }
}

static int
run_ldap (void)
{
  LDAP *ld = NULL;
  LDAPURLDesc *desc = NULL;
  LDAPMessage *res = NULL;
  struct berval value = { 0, NULL };
  struct berval escaped = { 0, NULL };
  struct timeval tv = { opt_timeout, 0 };
  char *attrs[] = { "userCertificate;binary", "userSMIMECertificate;binary", "userSMIMECertificate",
                    NULL };
  g_autofree char *filter = NULL;
  g_autofree char *server = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gint64 total = 0;
  gboolean truncated = FALSE;
  int version = LDAP_VERSION3;
  int sizelimit = opt_size_limit;
  int rc;
  int code;

  if (opt_address == NULL || strlen (opt_address) > 320)
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "--address needed");
  if ((rc = ldap_url_parse (opt_ldap_url, &desc)) != LDAP_URL_SUCCESS)
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE,
                   "not an LDAP URL (%d)", rc);
  /* ldap_initialize() wants the server part only. */
  server = desc->lud_port > 0
               ? g_strdup_printf ("%s://%s:%d", desc->lud_scheme,
                                  desc->lud_host != NULL ? desc->lud_host : "", desc->lud_port)
               : g_strdup_printf ("%s://%s", desc->lud_scheme,
                                  desc->lud_host != NULL ? desc->lud_host : "");
  if ((rc = ldap_initialize (&ld, server)) != LDAP_SUCCESS)
    {
      ldap_free_urldesc (desc);
      return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "%s",
                     ldap_err2string (rc));
    }
  ldap_set_option (ld, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option (ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
  ldap_set_option (ld, LDAP_OPT_TIMEOUT, &tv);
  ldap_set_option (ld, LDAP_OPT_TIMELIMIT, &opt_timeout);
  ldap_set_option (ld, LDAP_OPT_SIZELIMIT, &sizelimit);
  ldap_set_option (ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);

  value.bv_val = opt_address;
  value.bv_len = strlen (opt_address);
  if (ldap_bv2escaped_filter_value (&value, &escaped) != 0)
    {
      ldap_free_urldesc (desc);
      ldap_unbind_ext_s (ld, NULL, NULL);
      return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "bad address");
    }
  if (desc->lud_filter != NULL && desc->lud_filter[0] != '\0' &&
      g_strcmp0 (desc->lud_filter, "(objectClass=*)") != 0)
    filter = g_strdup_printf ("(&%s(mail=%s))", desc->lud_filter, escaped.bv_val);
  else
    filter = g_strdup_printf ("(mail=%s)", escaped.bv_val);
  ber_memfree (escaped.bv_val);

  rc = ldap_search_ext_s (ld, desc->lud_dn != NULL ? desc->lud_dn : "",
                          desc->lud_scope == LDAP_SCOPE_DEFAULT ? LDAP_SCOPE_SUBTREE
                                                                : desc->lud_scope,
                          filter, attrs, 0, NULL, NULL, &tv, sizelimit, &res);
  ldap_free_urldesc (desc);
  if (rc == LDAP_SIZELIMIT_EXCEEDED)
    truncated = TRUE;
  else if (rc != LDAP_SUCCESS)
    {
      code = ldap_failure (rc);
      if (res != NULL)
        ldap_msgfree (res);
      ldap_unbind_ext_s (ld, NULL, NULL);
      return code;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (LDAPMessage *e = ldap_first_entry (ld, res); e != NULL; e = ldap_next_entry (ld, e))
    {
      char *dn = ldap_get_dn (ld, e);
      BerElement *ber = NULL;

      for (char *a = ldap_first_attribute (ld, e, &ber); a != NULL;
           a = ldap_next_attribute (ld, e, ber))
        {
          struct berval **vals = ldap_get_values_len (ld, e, a);

          for (int i = 0; vals != NULL && vals[i] != NULL; i++)
            {
              g_autofree char *b64 = NULL;

              if (i >= SIGNET_DIRECTORY_MAX_VALUES)
                {
                  truncated = TRUE;
                  break;
                }
              total += vals[i]->bv_len;
              if (total > opt_max_size)
                {
                  ldap_value_free_len (vals);
                  ldap_memfree (a);
                  ber_free (ber, 0);
                  ldap_memfree (dn);
                  ldap_msgfree (res);
                  ldap_unbind_ext_s (ld, NULL, NULL);
                  return finish (SIGNET_DIRECTORY_EXIT_TOO_LARGE, SIGNET_DIRECTORY_RESULT_TOO_LARGE,
                                 "values over %" G_GINT64_FORMAT " bytes", opt_max_size);
                }
              b64 = g_base64_encode ((const guchar *) vals[i]->bv_val, vals[i]->bv_len);
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "dn");
              json_builder_add_string_value (b, dn != NULL && g_utf8_validate (dn, -1, NULL) ? dn
                                                                                             : "?");
              json_builder_set_member_name (b, "attribute");
              json_builder_add_string_value (b, g_utf8_validate (a, -1, NULL) ? a : "?");
              json_builder_set_member_name (b, "value");
              json_builder_add_string_value (b, b64);
              json_builder_end_object (b);
            }
          ldap_value_free_len (vals);
          ldap_memfree (a);
        }
      if (ber != NULL)
        ber_free (ber, 0);
      ldap_memfree (dn);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "truncated");
  json_builder_add_boolean_value (b, truncated);
  json_builder_end_object (b);
  ldap_msgfree (res);
  ldap_unbind_ext_s (ld, NULL, NULL);
  return write_answer (b);
}

typedef struct
{
  gboolean done;
  int err;
  struct ub_result *result;
} Lookup;

static void
on_resolved (void *data, int err, struct ub_result *result)
{
  Lookup *l = data;

  l->done = TRUE;
  l->err = err;
  l->result = result;
}

static int
run_smimea (void)
{
  struct ub_ctx *ctx;
  Lookup l = { FALSE, 0, NULL };
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const char *anchor = opt_trust_anchor != NULL ? opt_trust_anchor : DEFAULT_TRUST_ANCHOR;
  gint64 deadline = g_get_monotonic_time () + (gint64) opt_timeout * G_USEC_PER_SEC;
  gint64 total = 0;
  gboolean truncated = FALSE;
  int rc;
  int code;

  if (strlen (opt_smimea) > 255)
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "name too long");
  ctx = ub_ctx_create ();
  if (ctx == NULL)
    return finish (SIGNET_DIRECTORY_EXIT_NETWORK, SIGNET_DIRECTORY_RESULT_NETWORK,
                   "cannot create a resolver");
  if (opt_resolver != NULL)
    {
      ub_ctx_set_option (ctx, "do-not-query-localhost:", "no");
      if ((rc = ub_ctx_set_fwd (ctx, opt_resolver)) != 0)
        {
          ub_ctx_delete (ctx);
          return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE,
                         "resolver %s: %s", opt_resolver, ub_strerror (rc));
        }
    }
  else if ((rc = ub_ctx_resolvconf (ctx, NULL)) != 0)
    {
      /* Without the system's resolvers, libunbound recurses from the root. */
      ub_ctx_set_fwd (ctx, NULL);
    }
  if ((rc = ub_ctx_add_ta_file (ctx, anchor)) != 0)
    {
      ub_ctx_delete (ctx);
      return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE,
                     "trust anchor %s: %s", anchor, ub_strerror (rc));
    }
  ub_ctx_async (ctx, 0);
  if ((rc = ub_resolve_async (ctx, opt_smimea, SMIMEA_TYPE, DNS_CLASS_IN, &l, on_resolved, NULL)) !=
      0)
    {
      ub_ctx_delete (ctx);
      return finish (SIGNET_DIRECTORY_EXIT_NETWORK, SIGNET_DIRECTORY_RESULT_NETWORK, "%s",
                     ub_strerror (rc));
    }
  while (!l.done)
    {
      struct pollfd pfd = { ub_fd (ctx), POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        {
          ub_ctx_delete (ctx);
          return finish (SIGNET_DIRECTORY_EXIT_TIMEOUT, SIGNET_DIRECTORY_RESULT_TIMEOUT,
                         "no DNS answer within %d seconds", opt_timeout);
        }
      if (poll (&pfd, 1, (int) MIN (left / 1000 + 1, 1000)) > 0)
        ub_process (ctx);
    }
  if (l.err != 0)
    {
      ub_ctx_delete (ctx);
      return finish (SIGNET_DIRECTORY_EXIT_NETWORK, SIGNET_DIRECTORY_RESULT_NETWORK, "%s",
                     ub_strerror (l.err));
    }
  /* Only a validated answer is used: bogus and insecure ones are refused. */
  if (l.result->bogus || !l.result->secure)
    {
      code =
          finish (SIGNET_DIRECTORY_EXIT_INSECURE, SIGNET_DIRECTORY_RESULT_INSECURE, "%s (rcode %d)",
                  l.result->bogus ? (l.result->why_bogus != NULL ? l.result->why_bogus : "bogus")
                                  : "the answer is not signed (DNSSEC insecure)",
                  l.result->rcode);
      ub_resolve_free (l.result);
      ub_ctx_delete (ctx);
      return code;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "secure");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "owner");
  json_builder_add_string_value (b, g_utf8_validate (opt_smimea, -1, NULL) ? opt_smimea : "?");
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (int i = 0; l.result->havedata && l.result->data[i] != NULL; i++)
    {
      g_autofree char *b64 = NULL;

      if (i >= opt_size_limit)
        {
          truncated = TRUE;
          break;
        }
      total += l.result->len[i];
      if (total > opt_max_size)
        {
          ub_resolve_free (l.result);
          ub_ctx_delete (ctx);
          return finish (SIGNET_DIRECTORY_EXIT_TOO_LARGE, SIGNET_DIRECTORY_RESULT_TOO_LARGE,
                         "records over %" G_GINT64_FORMAT " bytes", opt_max_size);
        }
      b64 = g_base64_encode ((const guchar *) l.result->data[i], l.result->len[i]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rdata");
      json_builder_add_string_value (b, b64);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "truncated");
  json_builder_add_boolean_value (b, truncated);
  json_builder_end_object (b);
  ub_resolve_free (l.result);
  ub_ctx_delete (ctx);
  return write_answer (b);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("- ask a directory for certificates");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "%s",
                   error->message);
  if (opt_timeout <= 0 || opt_timeout > SIGNET_DIRECTORY_MAX_TIMEOUT || opt_max_size <= 0 ||
      opt_size_limit <= 0 || opt_size_limit > SIGNET_DIRECTORY_MAX_SIZE_LIMIT)
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "bad limits");
  if ((opt_ldap_url != NULL) == (opt_smimea != NULL))
    return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE,
                   "give either --ldap-url or --smimea");
  if (opt_ldap_url != NULL)
    {
      if (strlen (opt_ldap_url) > SIGNET_DIRECTORY_MAX_URL_LENGTH)
        return finish (SIGNET_DIRECTORY_EXIT_USAGE, SIGNET_DIRECTORY_RESULT_USAGE, "URL too long");
      return run_ldap ();
    }
  return run_smimea ();
}
