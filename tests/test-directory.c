/* test-directory.c: directory retrieval against a real slapd and a real
 * unbound, both started on loopback by the test.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "signet-directory.h"
#include "signet-error.h"
#include "signet-init.h"
#include "signet-recipient-cli.h"
#include "signet-recipient.h"
#include "signet-store-directories.h"
#include "signet-store.h"
#include "signet-warning.h"

#define NOW 1893456000 /* 2030-01-01T00:00:00Z */
#define SLAPD "/usr/sbin/slapd"
#define UNBOUND "/usr/sbin/unbound"
#define LDAPADD "/usr/bin/ldapadd"

static char *tmpdir;
static GSubprocess *slapd;
static guint16 ldap_port;
static GSubprocess *unbound;
static guint16 dns_port;
static GSocketListener *silent;
static guint16 silent_port;

/* The servers die with the test, even when an assertion aborts it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn_server (GError **error, const char *const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDERR_SILENCE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "recipient", name, NULL);
}

static SignetCertificate *
load (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  SignetCertificate *cert;

  g_autoptr (GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  cert = signet_certificate_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return cert;
}

static char *
b64_file (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_base64_encode ((const guchar *) contents, len);
}

static guint16
free_port (void)
{
  g_autoptr (GSocket) s =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (s, any, TRUE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
wait_for_port (guint16 port)
{
  for (int i = 0; i < 100; i++)
    {
      g_autoptr (GSocketClient) client = g_socket_client_new ();
      g_autoptr (GSocketConnection) conn =
          g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (conn != NULL)
        return TRUE;
      g_usleep (50000);
    }
  return FALSE;
}

static void
write_file (const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
entry (GString *ldif, const char *cn, const char *mail, const char *const *certs, const char *smime)
{
  g_string_append_printf (ldif,
                          "dn: cn=%s,dc=example,dc=org\nobjectClass: inetOrgPerson\ncn: %s\n"
                          "sn: Test\nmail: %s\n",
                          cn, cn, mail);
  for (guint i = 0; certs != NULL && certs[i] != NULL; i++)
    {
      g_autofree char *b64 = b64_file (certs[i]);

      g_string_append_printf (ldif, "userCertificate;binary:: %s\n", b64);
    }
  if (smime != NULL)
    {
      g_autofree char *b64 = b64_file (smime);

      g_string_append_printf (ldif, "userSMIMECertificate:: %s\n", b64);
    }
  g_string_append (ldif, "\n");
}

static gboolean
start_slapd (void)
{
  g_autofree char *conf = NULL;
  g_autofree char *db = g_build_filename (tmpdir, "db", NULL);
  g_autofree char *conf_path = g_build_filename (tmpdir, "slapd.conf", NULL);
  g_autofree char *ldif_path = g_build_filename (tmpdir, "entries.ldif", NULL);
  g_autofree char *url = NULL;
  g_autoptr (GString) ldif = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) add = NULL;
  const char *const valid[] = { "valid.der", NULL };
  const char *const expired[] = { "expired.der", NULL };
  const char *const signonly[] = { "signonly.der", NULL };
  const char *const several[] = { "several-a.der", "several-b.der", NULL };

  if (!g_file_test (SLAPD, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (LDAPADD, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  g_assert_cmpint (g_mkdir (db, 0700), ==, 0);
  conf = g_strdup_printf ("include /etc/ldap/schema/core.schema\n"
                          "include /etc/ldap/schema/cosine.schema\n"
                          "include /etc/ldap/schema/inetorgperson.schema\n"
                          "modulepath /usr/lib/ldap\nmoduleload back_mdb\n"
                          "pidfile %s/slapd.pid\n"
                          "database mdb\nmaxsize 10485760\nsuffix \"dc=example,dc=org\"\n"
                          "rootdn \"cn=admin,dc=example,dc=org\"\nrootpw secret\n"
                          "directory %s\naccess to * by * read\n",
                          tmpdir, db);
  write_file ("slapd.conf", conf);
  ldap_port = free_port ();
  url = g_strdup_printf ("ldap://127.0.0.1:%u/", ldap_port);
  slapd = spawn_server (
      &error, (const char *const[]){ SLAPD, "-d", "0", "-f", conf_path, "-h", url, NULL });
  g_assert_no_error (error);
  if (!wait_for_port (ldap_port))
    return FALSE;

  g_string_append (ldif, "dn: dc=example,dc=org\nobjectClass: dcObject\nobjectClass: "
                         "organization\no: Example\ndc: example\n\n");
  entry (ldif, "Valid Entry", "valid@example.org", valid, NULL);
  entry (ldif, "Expired Entry", "expired@example.org", expired, NULL);
  entry (ldif, "Signing Only", "signonly@example.org", signonly, NULL);
  entry (ldif, "Several Certs", "several@example.org", several, "several-smime.p7c");
  write_file ("entries.ldif", ldif->str);
  add = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, LDAPADD, "-x", "-H", url, "-D",
                          "cn=admin,dc=example,dc=org", "-w", "secret", "-f", ldif_path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (add, NULL, &error));
  g_assert_no_error (error);
  return TRUE;
}

static gboolean
start_unbound (void)
{
  g_autofree char *conf = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *conf_path = g_build_filename (tmpdir, "unbound.conf", NULL);
  g_autofree char *owner = NULL;
  g_autofree char *path = data_path ("carol.der");
  g_autofree char *der = NULL;
  g_autoptr (GString) hex = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  gsize len;

  if (!g_file_test (UNBOUND, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  /* UDP and TCP on the same free port number: good enough on loopback. */
  dns_port = free_port ();
  conf =
      g_strdup_printf ("server:\n  interface: 127.0.0.1\n  port: %u\n  do-daemonize: no\n"
                       "  username: \"\"\n  chroot: \"\"\n  directory: \"%s\"\n  pidfile: \"\"\n"
                       "  use-syslog: no\n  logfile: \"\"\n  module-config: \"iterator\"\n"
                       "  do-not-query-localhost: no\n  access-control: 127.0.0.0/8 allow\n"
                       "  verbosity: 0\nremote-control:\n  control-enable: no\n"
                       "auth-zone:\n  name: \"example.org.\"\n  zonefile: \"%s/example.org.zone\"\n"
                       "  for-downstream: yes\n  for-upstream: no\n",
                       dns_port, tmpdir, tmpdir);
  write_file ("unbound.conf", conf);
  owner = signet_smimea_owner_name ("carol@example.org", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &der, &len, NULL));
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", (guint8) der[i]);
  /* An unsigned zone: whatever it serves must be refused. */
  zone = g_strdup_printf ("$ORIGIN example.org.\n$TTL 300\n"
                          "@ IN SOA ns.example.org. admin.example.org. 1 3600 600 86400 300\n"
                          "@ IN NS ns.example.org.\nns IN A 127.0.0.1\n"
                          "%s. IN TYPE53 \\# %" G_GSIZE_FORMAT " 030000%s\n",
                          owner, len + 3, hex->str);
  write_file ("example.org.zone", zone);
  /* A DS for example.org. that matches no key (validation fails: bogus),
   * and one for another zone only (example.org. is then insecure). */
  write_file ("bogus.ds", "example.org. IN DS 12345 8 2 "
                          "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n");
  write_file ("other.ds", "example.net. IN DS 12345 8 2 "
                          "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n");
  unbound = spawn_server (&error, (const char *const[]){ UNBOUND, "-c", conf_path, NULL });
  g_assert_no_error (error);
  return wait_for_port (dns_port);
}

static SignetStore *
open_store (const char *name)
{
  g_autofree char *dir = g_build_filename (tmpdir, name, NULL);
  g_autoptr (GError) error = NULL;
  SignetStore *store = signet_store_open (dir, &error);

  g_assert_no_error (error);
  return store;
}

static SignetStoreDirectory *
ldap_config (const char *name, guint16 port, guint timeout)
{
  g_autofree char *url = g_strdup_printf ("ldap://127.0.0.1:%u/dc=example,dc=org??sub", port);
  g_autoptr (GError) error = NULL;
  SignetStoreDirectory *d = signet_directory_config_new (name, "ldap", url, timeout, 0, &error);

  g_assert_no_error (error);
  return d;
}

static void
on_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

static GPtrArray *
lookup (const SignetStoreDirectory *config,
        const char *address,
        GPtrArray **problems,
        GError **error)
{
  g_autoptr (SignetDirectory) dir = signet_directory_new (NULL);
  g_autoptr (GAsyncResult) res = NULL;

  signet_directory_lookup_async (dir, config, address, NULL, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  return signet_directory_lookup_finish (dir, res, problems, error);
}

static gboolean
have_helper (void)
{
  const char *helper = g_getenv ("SIGNET_DIRECTORY_HELPER");

  if (helper == NULL || !g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("SIGNET_DIRECTORY_HELPER is not set");
      return FALSE;
    }
  return TRUE;
}

/* ---- configuration ---------------------------------------------------------- */

static void
test_config (void)
{
  g_autoptr (SignetStore) store = open_store ("config");
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStoreDirectory) a = NULL;
  g_autoptr (SignetStoreDirectory) b = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gboolean removed = FALSE;

  g_assert_true (signet_directory_check_config ("ldap", "ldap://ldap.example.org/o=Example", NULL));
  g_assert_true (signet_directory_check_config ("ldap", "ldaps://ldap.example.org:636/", NULL));
  g_assert_false (signet_directory_check_config ("ldap", "http://ldap.example.org/", NULL));
  g_assert_false (signet_directory_check_config ("ldap", "ldap:///o=NoHost", NULL));
  g_assert_false (signet_directory_check_config ("ldap", "ldap://a b/", NULL));
  g_assert_true (signet_directory_check_config ("dane", "dns:", NULL));
  g_assert_true (signet_directory_check_config ("dane", "dns://127.0.0.1:5353", NULL));
  g_assert_false (signet_directory_check_config ("dane", "dns://resolver.example/", NULL));
  g_assert_false (signet_directory_check_config ("x500", "ldap://h/", &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_cmpint (signet_store_get_schema_version (store), >=, 3);
  a = signet_directory_config_new ("corp", "ldap", "ldap://ldap.example.org/o=Example", 0, 0,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->timeout, ==, SIGNET_DIRECTORY_DEFAULT_TIMEOUT);
  b = signet_directory_config_new ("dns", "dane", "dns:", 5, 3, &error);
  g_assert_no_error (error);
  g_assert_true (signet_store_add_directory (store, a, &error));
  g_assert_true (signet_store_add_directory (store, b, &error));
  g_assert_false (signet_store_add_directory (store, a, &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_FAILED);
  g_clear_error (&error);
  list = signet_store_list_directories (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((SignetStoreDirectory *) list->pdata[0])->name, ==, "corp");
  g_assert_cmpstr (((SignetStoreDirectory *) list->pdata[1])->kind, ==, "dane");
  g_assert_cmpuint (((SignetStoreDirectory *) list->pdata[1])->size_limit, ==, 3);
  g_assert_true (signet_store_remove_directory (store, "corp", &removed, &error));
  g_assert_true (removed);
  g_assert_true (signet_store_remove_directory (store, "corp", &removed, &error));
  g_assert_false (removed);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = signet_store_list_directories (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_cli (void)
{
  g_autofree char *parent_dir = NULL;

  if (g_test_subprocess ())
    {
      const char *step = g_getenv ("SIGNET_TEST_STEP");
      char *dir = (char *) g_getenv ("SIGNET_TEST_STORE");
      char *add[] = { "directory", "add", "corp",      "ldap://ldap.example.org/o=Example",
                      "--store",   dir,   "--timeout", "3",
                      NULL };
      char *bad[] = { "directory", "add", "web", "https://example.org/", "--store", dir, NULL };
      char *list[] = { "directory", "list", "--json", "--store", dir, NULL };
      char *rm[] = { "directory", "remove", "corp", "--store", dir, NULL };
      char **argv = g_str_equal (step, "add")    ? add
                    : g_str_equal (step, "bad")  ? bad
                    : g_str_equal (step, "list") ? list
                                                 : rm;

      exit (signet_cli_directory (g_strv_length (argv), argv));
    }
  parent_dir = g_build_filename (tmpdir, "cli", NULL);
  g_setenv ("SIGNET_TEST_STORE", parent_dir, TRUE);
  g_setenv ("SIGNET_TEST_STEP", "add", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_setenv ("SIGNET_TEST_STEP", "bad", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_setenv ("SIGNET_TEST_STEP", "list", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*\"name\" : \"corp\"*\"timeout\" : 3*");
  g_test_trap_assert_stdout_unmatched ("*web*");
  g_setenv ("SIGNET_TEST_STEP", "remove", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
}

/* ---- SMIMEA records ------------------------------------------------------------ */

static void
test_smimea_parse (void)
{
  g_autoptr (SignetCertificate) carol = load ("carol.der");
  g_autoptr (SignetCertificate) dave = load ("dave.der");
  g_autoptr (GError) error = NULL;
  g_autofree char *owner = NULL;
  GBytes *der = signet_certificate_get_der (carol);
  guint8 digest[32];
  gsize dlen = sizeof digest;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  /* RFC 8162 3.1: SHA-256 of the local part, 28 octets, "_smimecert". */
  owner = signet_smimea_owner_name ("hugh@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
      owner, ==, "c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com");
  g_clear_pointer (&owner, g_free);
  owner = signet_smimea_owner_name ("a@b\xc3\xbc"
                                    "cher.example",
                                    &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (owner, "._smimecert.xn--bcher-kva.example"));
  g_assert_null (signet_smimea_owner_name ("no-at-sign", &error));
  g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
  g_clear_error (&error);

  /* 3 0 0: the whole certificate. */
  {
    g_autoptr (GByteArray) rd = g_byte_array_new ();
    g_autoptr (GBytes) rdata = NULL;
    g_autoptr (SignetSmimeaRecord) r = NULL;
    g_autoptr (SignetCertificate) got = NULL;

    g_byte_array_append (rd, (const guint8 *) "\x03\x00\x00", 3);
    g_byte_array_append (rd, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
    rdata = g_byte_array_free_to_bytes (g_steal_pointer (&rd));
    r = signet_smimea_record_parse (rdata, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->usage, ==, 3);
    g_assert_true (signet_smimea_record_matches (r, carol));
    g_assert_false (signet_smimea_record_matches (r, dave));
    got = signet_smimea_record_get_certificate (r);
    g_assert_true (signet_certificate_equal (got, carol));
  }
  /* 3 0 1: SHA-256 of the certificate. */
  {
    g_autoptr (GByteArray) rd = g_byte_array_new ();
    g_autoptr (GBytes) rdata = NULL;
    g_autoptr (SignetSmimeaRecord) r = NULL;

    g_checksum_update (sum, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
    g_checksum_get_digest (sum, digest, &dlen);
    g_byte_array_append (rd, (const guint8 *) "\x03\x00\x01", 3);
    g_byte_array_append (rd, digest, dlen);
    rdata = g_byte_array_free_to_bytes (g_steal_pointer (&rd));
    r = signet_smimea_record_parse (rdata, &error);
    g_assert_no_error (error);
    g_assert_true (signet_smimea_record_matches (r, carol));
    g_assert_false (signet_smimea_record_matches (r, dave));
    g_assert_null (signet_smimea_record_get_certificate (r));
  }
  /* Truncated records and hashes of the wrong length are refused. */
  {
    g_autoptr (GBytes) shortr = g_bytes_new_static ("\x03\x00", 2);
    g_autoptr (GBytes) badhash = g_bytes_new_static ("\x03\x01\x01\xaa\xbb", 5);

    g_assert_null (signet_smimea_record_parse (shortr, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
    g_clear_error (&error);
    g_assert_null (signet_smimea_record_parse (badhash, &error));
    g_assert_error (error, SIGNET_ERROR, SIGNET_ERROR_PARSE);
    g_clear_error (&error);
  }
}

static void
check_dane_refused (const char *anchor_file)
{
  g_autofree char *anchor = g_build_filename (tmpdir, anchor_file, NULL);
  g_autofree char *url = g_strdup_printf ("dns://127.0.0.1:%u?trust-anchor=%s", dns_port, anchor);
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetStoreDirectory) config =
      signet_directory_config_new ("dns", "dane", url, 5, 0, &error);
  g_autoptr (GPtrArray) certs = NULL;

  g_assert_no_error (error);
  certs = lookup (config, "carol@example.org", NULL, &error);
  g_assert_null (certs);
  g_assert_error (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_INSECURE);
}

static void
test_dane_unsigned_refused (void)
{
  if (!have_helper ())
    return;
  if (unbound == NULL)
    {
      g_test_skip ("unbound is not installed");
      return;
    }
  /* The zone serves carol's certificate, but unsigned: refused whether
   * validation fails (bogus) or no trust anchor covers it (insecure). */
  check_dane_refused ("bogus.ds");
  check_dane_refused ("other.ds");
}

/* ---- LDAP ---------------------------------------------------------------------- */

static void
test_ldap_lookup (void)
{
  g_autoptr (SignetStoreDirectory) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certs = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (SignetCertificate) valid = load ("valid.der");

  if (!have_helper ())
    return;
  if (slapd == NULL)
    {
      g_test_skip ("slapd is not installed");
      return;
    }
  config = ldap_config ("test", ldap_port, 5);
  certs = lookup (config, "valid@example.org", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 1);
  g_assert_true (signet_certificate_equal (certs->pdata[0], valid));
  g_clear_pointer (&certs, g_ptr_array_unref);

  /* Two userCertificate values and a certs-only userSMIMECertificate
   * holding a third certificate and the CA. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  certs = lookup (config, "several@example.org", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 4);
  g_clear_pointer (&certs, g_ptr_array_unref);

  /* Nobody; and a filter injection attempt finds nobody either. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  certs = lookup (config, "nobody@example.org", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 0);
  g_clear_pointer (&certs, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);
  certs = lookup (config, "x*)(mail=*", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certs->len, ==, 0);
}

static void
test_ldap_refused_port (void)
{
  g_autoptr (SignetStoreDirectory) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certs = NULL;

  if (!have_helper ())
    return;
  config = ldap_config ("closed", free_port (), 5);
  certs = lookup (config, "valid@example.org", NULL, &error);
  g_assert_null (certs);
  g_assert_error (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_NETWORK);
}

static void
test_ldap_timeout (void)
{
  g_autoptr (SignetStoreDirectory) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certs = NULL;
  gint64 start, elapsed;

  if (!have_helper ())
    return;
  /* The listener is never accepted from: the connection opens (backlog),
   * the search is never answered. */
  config = ldap_config ("silent", silent_port, 2);
  start = g_get_monotonic_time ();
  certs = lookup (config, "valid@example.org", NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_null (certs);
  g_assert_error (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_TIMEOUT);
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC - G_USEC_PER_SEC / 10);
  g_assert_cmpint (elapsed, <=,
                   (2 + SIGNET_DIRECTORY_KILL_GRACE) * G_USEC_PER_SEC + G_USEC_PER_SEC / 2);
}

static void
test_ldap_not_blocking (void)
{
  g_autoptr (SignetStoreDirectory) config = NULL;
  g_autoptr (SignetDirectory) dir = signet_directory_new (NULL);
  g_autoptr (GAsyncResult) res = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) certs = NULL;
  gint64 start;

  if (!have_helper ())
    return;
  config = ldap_config ("silent", silent_port, 30);
  start = g_get_monotonic_time ();
  signet_directory_lookup_async (dir, config, "valid@example.org", cancellable, on_done, &res);
  /* The call returned at once; cancelling kills the helper. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_assert_null (res);
  g_cancellable_cancel (cancellable);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  certs = signet_directory_lookup_finish (dir, res, NULL, &error);
  g_assert_error (error, SIGNET_DIRECTORY_ERROR, SIGNET_DIRECTORY_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* ---- recipient selection through the directory ------------------------------------ */

static SignetRecipientResult *
find (SignetStore *store, const char *address)
{
  g_autoptr (SignetDirectory) dir = signet_directory_new (NULL);
  g_autoptr (SignetCertificate) root = load ("root.der");
  g_autoptr (GPtrArray) anchors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  SignetRecipientOptions options;
  SignetRecipientResult *result;

  g_ptr_array_add (anchors, g_object_ref (root));
  signet_recipient_options_init (&options, NOW);
  options.anchors = anchors;
  options.check_revocation = FALSE;
  result = signet_recipient_find (store, dir, address, &options, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static gboolean
has_warning (const SignetRecipientCandidate *c, const char *code, const char *reason)
{
  GPtrArray *w = signet_recipient_candidate_get_warnings (c);

  for (guint i = 0; i < w->len; i++)
    if (g_str_equal (signet_warning_get_code (w->pdata[i]), code) &&
        (reason == NULL ||
         g_strcmp0 (signet_warning_get_detail_string (w->pdata[i], "reason"), reason) == 0))
      return TRUE;
  return FALSE;
}

static void
test_recipient_from_ldap (void)
{
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (SignetStoreDirectory) config = NULL;
  g_autoptr (SignetStoreDirectory) dead = NULL;
  g_autoptr (SignetCertificate) inter = load ("inter.der");
  g_autoptr (GPtrArray) ca = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetRecipientResult) r = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  const SignetRecipientCandidate *c;

  if (!have_helper ())
    return;
  if (slapd == NULL)
    {
      g_test_skip ("slapd is not installed");
      return;
    }
  store = open_store ("recipient");
  g_ptr_array_add (ca, inter);
  g_assert_true (signet_store_add_certificates (store, ca, "test", NOW, NULL, &error));
  dead = ldap_config ("dead", free_port (), 2);
  config = ldap_config ("test", ldap_port, 5);
  g_assert_true (signet_store_add_directory (store, dead, &error));
  g_assert_true (signet_store_add_directory (store, config, &error));

  /* Valid: found, validated, stored; the dead directory is only noted. */
  r = find (store, "valid@example.org");
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 1);
  c = signet_recipient_result_get_best (r);
  g_assert_nonnull (c);
  g_assert_cmpint (signet_recipient_candidate_get_source (c), ==,
                   SIGNET_RECIPIENT_SOURCE_DIRECTORY);
  g_assert_cmpstr (signet_recipient_candidate_get_origin (c), ==, "test");
  g_assert_cmpuint (signet_recipient_result_get_directory_errors (r)->len, ==, 1);
  stored = signet_store_find_by_address (store, "valid@example.org", &error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_clear_object (&r);

  /* Expired: served, stored, but not usable, with the verifier's warning. */
  r = find (store, "expired@example.org");
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 1);
  g_assert_null (signet_recipient_result_get_best (r));
  c = signet_recipient_result_get_candidate (r, 0);
  g_assert_true (has_warning (c, SIGNET_WARNING_EXPIRED, NULL));
  g_clear_object (&r);

  /* Signing only: not for encryption. */
  r = find (store, "signonly@example.org");
  g_assert_null (signet_recipient_result_get_best (r));
  c = signet_recipient_result_get_candidate (r, 0);
  g_assert_true (has_warning (c, SIGNET_WARNING_KEY_USAGE, "encryption"));
  g_clear_object (&r);

  /* Several: the newest usable first, the signing-only one last. */
  r = find (store, "several@example.org");
  g_assert_cmpuint (signet_recipient_result_get_n_candidates (r), ==, 3);
  {
    g_autoptr (SignetCertificate) b = load ("several-b.der");
    g_autoptr (SignetCertificate) cc = load ("several-c.der");

    g_assert_true (signet_certificate_equal (
        signet_recipient_candidate_get_certificate (signet_recipient_result_get_best (r)), b));
    g_assert_true (signet_certificate_equal (
        signet_recipient_candidate_get_certificate (signet_recipient_result_get_candidate (r, 2)),
        cc));
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = NULL;
  g_autoptr (GSocketAddress) addr = NULL;
  g_autoptr (GSocketAddress) effective = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  signet_init ();
  if (g_test_subprocess ())
    {
      /* Only test_cli's child: it needs no server and no folder. */
      g_test_add_func ("/signet/directory/cli", test_cli);
      return g_test_run ();
    }
  tmpdir = g_dir_make_tmp ("signet-directory-XXXXXX", &error);
  g_assert_no_error (error);

  silent = g_socket_listener_new ();
  lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  addr = g_inet_socket_address_new (lo, 0);
  g_socket_listener_add_address (silent, addr, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  silent_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  if (!start_slapd ())
    g_clear_object (&slapd);
  if (!start_unbound ())
    g_clear_object (&unbound);

  g_test_add_func ("/signet/directory/config", test_config);
  g_test_add_func ("/signet/directory/cli", test_cli);
  g_test_add_func ("/signet/directory/smimea-parse", test_smimea_parse);
  g_test_add_func ("/signet/directory/dane-unsigned-refused", test_dane_unsigned_refused);
  g_test_add_func ("/signet/directory/ldap-lookup", test_ldap_lookup);
  g_test_add_func ("/signet/directory/ldap-refused-port", test_ldap_refused_port);
  g_test_add_func ("/signet/directory/ldap-timeout", test_ldap_timeout);
  g_test_add_func ("/signet/directory/ldap-not-blocking", test_ldap_not_blocking);
  g_test_add_func ("/signet/directory/recipient-from-ldap", test_recipient_from_ldap);
  rc = g_test_run ();

  if (slapd != NULL)
    {
      g_subprocess_force_exit (slapd);
      g_subprocess_wait (slapd, NULL, NULL);
      g_clear_object (&slapd);
    }
  if (unbound != NULL)
    {
      g_subprocess_force_exit (unbound);
      g_subprocess_wait (unbound, NULL, NULL);
      g_clear_object (&unbound);
    }
  g_clear_object (&silent);
  {
    const char *rm[] = { "rm", "-rf", tmpdir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (tmpdir);
  return rc;
}
