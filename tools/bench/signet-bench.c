/* signet-bench.c: Signet's performance benchmark.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Generates a test PKI and signed messages at run time (openssl), then
 * measures, side by side and in rounds whose blocks of 20 messages go
 * through every anchor in turn:
 *
 *   signet-cold   the whole Signet pipeline in one process, every cache of
 *                 the library emptied before each message
 *   signet-warm   the same verifier, caches kept (chains repeat)
 *   gnutls-chain  GnuTLS alone: PKCS#7 import, chain [EE, INT] checked with
 *                 gnutls_x509_trust_list_verify_crt2 (root + CRLs),
 *                 gnutls_pkcs7_verify_direct (no MIME, no address check)
 *   signet-cli    `signet verify`, one process per message, with the
 *                 Signet service running (started by the benchmark in its
 *                 private XDG_RUNTIME_DIR, as gpg-agent is for gpgsm); the
 *                 service runs them in its warm worker, whose caches and
 *                 store stay from one command to the next
 *   signet-cli-direct  the same with SIGNET_NO_SERVICE=1: the client execs
 *                 signet-cli, which starts from scratch
 *   openssl-cms   `openssl cms -verify -crl_check_all`, one process per message
 *   gpgsm         `gpgsm --verify --disable-crl-checks`, one process per message
 *   spawn-floor   /bin/true, one process per message
 *
 * and then CRL scale (import, signature, lookups, peak memory of a child
 * process per size, dirmngr's LOADCRL of the same file), certificate store
 * scale, and the peak memory of verifying one large message.
 *
 * See docs/PERFORMANCE.md.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-init.h"
#include "signet-mime-scanner.h"
#include "signet-path.h"
#include "signet-report.h"
#include "signet-revocation.h"
#include "signet-smime-part.h"
#include "signet-store.h"
#include "signet-verifier.h"

#define SIGNET_SERVICE_CLIENT 1
#include "../signet-service.h"

#include <sys/socket.h>
#include <sys/un.h>

extern char **environ;

/* ---- options ------------------------------------------------------------ */

static gboolean opt_quick;
static int opt_messages = 1000;
static int opt_rounds = 5;
static char *opt_workdir;
static char *opt_sections;
static char *opt_crl_sizes;
static int opt_store_size = 100000;
static int opt_big_mb = 50;
static char *opt_signet_cli;
static char *opt_anchors;
static char *opt_algs;
/* child modes */
static char *opt_child_crl;
static char *opt_child_big;
static char *opt_child_dir;

static const GOptionEntry entries[] = {
  { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick, "Smoke test: 20 messages, 1 round, small sizes", NULL },
  { "messages", 0, 0, G_OPTION_ARG_INT, &opt_messages, "Messages per algorithm (default 1000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Interleaved rounds (default 5)", "N" },
  { "workdir", 0, 0, G_OPTION_ARG_FILENAME, &opt_workdir, "Generate into (and keep) this directory", "DIR" },
  { "sections", 0, 0, G_OPTION_ARG_STRING, &opt_sections, "Comma-separated: verify,crl,store,big (default all)", "LIST" },
  { "crl-sizes", 0, 0, G_OPTION_ARG_STRING, &opt_crl_sizes, "CRL entry counts (default 10000,100000,1000000)", "LIST" },
  { "store-size", 0, 0, G_OPTION_ARG_INT, &opt_store_size, "Certificates in the store test (default 100000)", "N" },
  { "big-mb", 0, 0, G_OPTION_ARG_INT, &opt_big_mb, "Size of the large message in MB (default 50)", "N" },
  { "signet", 0, 0, G_OPTION_ARG_FILENAME, &opt_signet_cli, "The signet command-line tool to time", "PATH" },
  { "anchors", 0, 0, G_OPTION_ARG_STRING, &opt_anchors,
    "Comma-separated verify anchors to run (default all; e.g. signet-warm,gnutls-chain)", "LIST" },
  { "algs", 0, 0, G_OPTION_ARG_STRING, &opt_algs, "Comma-separated: rsa,ec (default both)", "LIST" },
  { "child-crl", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child_crl, NULL, NULL },
  { "child-big", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child_big, NULL, NULL },
  { "child-dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child_dir, NULL, NULL },
  { NULL },
};

static gboolean
in_list (const char *list_text, const char *name)
{
  g_auto (GStrv) list = NULL;

  if (list_text == NULL)
    return TRUE;
  list = g_strsplit (list_text, ",", -1);
  return g_strv_contains ((const char *const *) list, name);
}

static gboolean
section_wanted (const char *name)
{
  g_auto (GStrv) list = NULL;

  if (opt_sections == NULL)
    return TRUE;
  list = g_strsplit (opt_sections, ",", -1);
  return g_strv_contains ((const char *const *) list, name);
}

/* Set when Signet itself gets something wrong (a good message rejected, a
 * revoked one accepted, a lookup that misses): the exit status is then 1.
 * Timings never fail the run. */
static gboolean functional_failure;

/* ---- small helpers ------------------------------------------------------ */

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) static void
die (const char *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  fprintf (stderr, "signet-bench: ");
  vfprintf (stderr, fmt, ap);
  fprintf (stderr, "\n");
  va_end (ap);
  exit (1);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (const double *v, guint n)
{
  g_autofree double *c = g_memdup2 (v, n * sizeof *v);

  if (n == 0)
    return 0;
  qsort (c, n, sizeof *c, cmp_double);
  return n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
}

/* Peak resident set of this process image, in KiB. getrusage()'s
 * ru_maxrss is not usable in a freshly spawned child: Linux carries the
 * high-water mark of the address space the child was forked from (the
 * benchmark's own) across exec. VmHWM belongs to the new image. */
static long
maxrss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) && (p = strstr (status, "VmHWM:")) != NULL)
    return strtol (p + 6, NULL, 10);
  {
    struct rusage ru;

    getrusage (RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
  }
}

/* Runs a shell script; dies when it fails. */
static void
run_script (const char *dir, const char *script)
{
  g_autofree char *path = g_build_filename (dir, "step.sh", NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { "/bin/sh", path, dir, NULL };

  if (!g_file_set_contents (path, script, -1, &error))
    die ("%s", error->message);
  if (!g_spawn_sync (dir, (char **) argv, NULL, 0, NULL, NULL, NULL, NULL, &status, &error))
    die ("%s", error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    die ("a generation step failed (see %s)", path);
}

/* Spawns @argv with stdout and stderr to /dev/null (stdin too) and waits.
 * Returns the exit status (-1 when it could not run). */
static int
spawn_wait (char *const *argv, char *const *envp)
{
  posix_spawn_file_actions_t fa;
  pid_t pid;
  int status = 0;

  posix_spawn_file_actions_init (&fa);
  posix_spawn_file_actions_addopen (&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen (&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen (&fa, 2, "/dev/null", O_WRONLY, 0);
  if (posix_spawn (&pid, argv[0], &fa, NULL, argv, envp ? envp : environ) != 0)
    {
      posix_spawn_file_actions_destroy (&fa);
      return -1;
    }
  posix_spawn_file_actions_destroy (&fa);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Runs @argv, returns its stdout (NULL when it failed). */
static char *
capture (char **argv, char **envp)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static char *
find_tool (const char *name)
{
  return g_find_program_in_path (name);
}

/* ---- DER writing (for generated CRLs) ------------------------------------ */

static void
der_len (GByteArray *out, gsize len)
{
  guint8 b[9];
  int n = 0;

  if (len < 0x80)
    {
      b[0] = (guint8) len;
      g_byte_array_append (out, b, 1);
      return;
    }
  for (gsize l = len; l > 0; l >>= 8)
    n++;
  b[0] = 0x80 | n;
  for (int i = 0; i < n; i++)
    b[1 + i] = (guint8) (len >> (8 * (n - 1 - i)));
  g_byte_array_append (out, b, 1 + n);
}

static void
der_tlv (GByteArray *out, guint8 tag, const guint8 *data, gsize len)
{
  g_byte_array_append (out, &tag, 1);
  der_len (out, len);
  g_byte_array_append (out, data, len);
}

static void
der_wrap (GByteArray *out, guint8 tag, GByteArray *content)
{
  der_tlv (out, tag, content->data, content->len);
}

static void
der_utctime (GByteArray *out, gint64 when)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (when);
  g_autofree char *s = g_date_time_format (dt, "%y%m%d%H%M%SZ");

  der_tlv (out, 0x17, (const guint8 *) s, strlen (s));
}

/* ---- the test PKI --------------------------------------------------------- */

static const char *const algs[] = { "rsa", "ec" };

static const char pki_script[] =
  "set -eu\n"
  "cd \"$1\"\n"
  "cat > ext.cnf <<'X'\n"
  "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=unused\n"
  "[root]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n"
  "[int]\nbasicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n"
  "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
  "crlDistributionPoints=URI:http://crl.example.test/${ENV::ALG}-root.crl\n"
  "[ee]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,${ENV::KU}\nextendedKeyUsage=emailProtection\n"
  "subjectAltName=email:${ENV::SAN}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
  "crlDistributionPoints=URI:http://crl.example.test/${ENV::ALG}-int.crl\n"
  "X\n"
  "export OPENSSL_CONF=$PWD/ext.cnf\n"
  "for ALG in rsa ec; do\n"
  "  export ALG SAN=signer-$ALG@example.test\n"
  "  mkdir -p $ALG; cd $ALG\n"
  "  if [ $ALG = rsa ]; then GEN='-algorithm RSA -pkeyopt rsa_keygen_bits:2048'; KU=digitalSignature,nonRepudiation,keyEncipherment\n"
  "  else GEN='-algorithm EC -pkeyopt ec_paramgen_curve:P-256'; KU=digitalSignature,nonRepudiation; fi\n"
  "  export KU\n"
  "  for k in root int ee ee-revoked; do openssl genpkey $GEN -out $k.key 2>/dev/null; done\n"
  "  openssl req -x509 -new -key root.key -subj \"/O=Signet Bench/CN=Bench $ALG Root CA\" -days 3650 -sha256 -extensions root -out root.pem\n"
  "  sign () {\n"
  "    openssl req -new -key $1.key -subj \"$2\" -out $1.csr\n"
  "    openssl x509 -req -in $1.csr -CA $3.pem -CAkey $3.key -set_serial 0x$(openssl rand -hex 16) -days 3650 -sha256 "
  "-extfile ../ext.cnf -extensions $4 -out $1.pem 2>/dev/null\n"
  "  }\n"
  "  sign int \"/O=Signet Bench/CN=Bench $ALG Intermediate CA\" root int\n"
  "  sign ee \"/O=Signet Bench/CN=Bench $ALG Signer\" int ee\n"
  "  SAN=revoked-$ALG@example.test sign ee-revoked \"/O=Signet Bench/CN=Bench $ALG Revoked Signer\" int ee\n"
  "  for k in root int ee ee-revoked; do openssl x509 -in $k.pem -outform DER -out $k.der; done\n"
  "  cd ..\n"
  "done\n";

static gnutls_x509_crt_t
load_crt (const char *dir, const char *alg, const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s/%s.der", dir, alg, name);
  g_autofree char *data = NULL;
  gsize len = 0;
  gnutls_x509_crt_t crt;
  gnutls_datum_t d;

  if (!g_file_get_contents (path, &data, &len, NULL))
    die ("cannot read %s", path);
  d.data = (unsigned char *) data;
  d.size = (unsigned int) len;
  gnutls_x509_crt_init (&crt);
  if (gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_DER) < 0)
    die ("cannot import %s", path);
  return crt;
}

static gnutls_privkey_t
load_key (const char *dir, const char *alg, const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s/%s.key", dir, alg, name);
  g_autofree char *data = NULL;
  gsize len = 0;
  gnutls_privkey_t key;
  gnutls_datum_t d;

  if (!g_file_get_contents (path, &data, &len, NULL))
    die ("cannot read %s", path);
  d.data = (unsigned char *) data;
  d.size = (unsigned int) len;
  gnutls_privkey_init (&key);
  if (gnutls_privkey_import_x509_raw (key, &d, GNUTLS_X509_FMT_PEM, NULL, 0) < 0)
    die ("cannot import %s", path);
  return key;
}

static void
write_datum (const char *path, const gnutls_datum_t *d)
{
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) d->data, d->size, &error))
    die ("%s", error->message);
}

/* A small CRL made by GnuTLS: @ca's CRL, listing @revoked (may be NULL). */
static void
make_small_crl (const char *dir, const char *alg, const char *ca_name, const char *revoked_name, gint64 now)
{
  gnutls_x509_crt_t ca = load_crt (dir, alg, ca_name);
  gnutls_privkey_t key = load_key (dir, alg, ca_name);
  gnutls_x509_crl_t crl;
  guint8 ski[64];
  size_t ski_len = sizeof ski;
  unsigned int crit;
  guint8 number[] = { 0x01 };
  gnutls_datum_t out;
  g_autofree char *der_path = g_strdup_printf ("%s/%s/%s.crl", dir, alg, ca_name);
  g_autofree char *pem_path = g_strdup_printf ("%s/%s/%s.crl.pem", dir, alg, ca_name);

  gnutls_x509_crl_init (&crl);
  gnutls_x509_crl_set_version (crl, 2);
  gnutls_x509_crl_set_this_update (crl, now - 3600);
  gnutls_x509_crl_set_next_update (crl, now + 30 * 86400);
  if (revoked_name != NULL)
    {
      gnutls_x509_crt_t r = load_crt (dir, alg, revoked_name);

      gnutls_x509_crl_set_crt (crl, r, now - 7200);
      gnutls_x509_crt_deinit (r);
    }
  if (gnutls_x509_crt_get_subject_key_id (ca, ski, &ski_len, &crit) >= 0)
    gnutls_x509_crl_set_authority_key_id (crl, ski, ski_len);
  gnutls_x509_crl_set_number (crl, number, sizeof number);
  if (gnutls_x509_crl_privkey_sign (crl, ca, key, GNUTLS_DIG_SHA256, 0) < 0)
    die ("cannot sign a CRL");
  gnutls_x509_crl_export2 (crl, GNUTLS_X509_FMT_DER, &out);
  write_datum (der_path, &out);
  gnutls_free (out.data);
  gnutls_x509_crl_export2 (crl, GNUTLS_X509_FMT_PEM, &out);
  write_datum (pem_path, &out);
  gnutls_free (out.data);
  gnutls_x509_crl_deinit (crl);
  gnutls_privkey_deinit (key);
  gnutls_x509_crt_deinit (ca);
}

/* A large CRL of @n entries with a reasonCode each, the TBS built here and
 * signed by @alg's intermediate CA with gnutls_privkey_sign_data. The last
 * entry is the revoked signer. */
static void
make_big_crl (const char *dir, const char *alg, guint n, const char *path, gint64 now)
{
  gnutls_x509_crt_t ca = load_crt (dir, alg, "int");
  gnutls_x509_crt_t revoked = load_crt (dir, alg, "ee-revoked");
  gnutls_privkey_t key = load_key (dir, alg, "int");
  g_autoptr (GByteArray) entries_ba = g_byte_array_sized_new (n * 52 + 64);
  g_autoptr (GByteArray) tbs = g_byte_array_new ();
  g_autoptr (GByteArray) body = g_byte_array_new ();
  g_autoptr (GByteArray) exts = g_byte_array_new ();
  g_autoptr (GByteArray) crl = g_byte_array_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (n);
  gnutls_datum_t issuer = { NULL, 0 }, tbs_d, sig = { NULL, 0 };
  guint8 ski[64];
  size_t ski_len = sizeof ski;
  unsigned int crit;
  gboolean rsa = g_str_equal (alg, "rsa");
  /* sha256WithRSAEncryption / ecdsa-with-SHA256 */
  static const guint8 alg_rsa[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                    0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
  static const guint8 alg_ec[] = { 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 };
  const guint8 *alg_id = rsa ? alg_rsa : alg_ec;
  gsize alg_len = rsa ? sizeof alg_rsa : sizeof alg_ec;
  guint8 entry_time[32];
  gsize entry_time_len;

  {
    g_autoptr (GByteArray) t = g_byte_array_new ();

    der_utctime (t, now - 86400);
    memcpy (entry_time, t->data, t->len);
    entry_time_len = t->len;
  }

  for (guint i = 0; i < n; i++)
    {
      guint8 serial[20];
      gsize serial_len;
      guint8 e[64];
      gsize k = 0;
      guint8 reason = (guint8) (i % 6); /* unspecified .. cessationOfOperation */

      if (i == n - 1)
        {
          serial_len = sizeof serial;
          gnutls_x509_crt_get_serial (revoked, serial, &serial_len);
          reason = 1; /* keyCompromise */
        }
      else
        {
          serial_len = 16;
          for (guint j = 0; j < serial_len; j++)
            serial[j] = (guint8) g_rand_int (rand);
          serial[0] = (serial[0] & 0x7f) | 0x01;
        }
      /* SEQUENCE { INTEGER serial, UTCTime, SEQUENCE { SEQUENCE { OID reasonCode, OCTET STRING { ENUMERATED } } } } */
      e[k++] = 0x02;
      e[k++] = (guint8) serial_len;
      memcpy (e + k, serial, serial_len);
      k += serial_len;
      memcpy (e + k, entry_time, entry_time_len);
      k += entry_time_len;
      {
        static const guint8 ext_head[] = { 0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01 };

        memcpy (e + k, ext_head, sizeof ext_head);
        k += sizeof ext_head;
        e[k++] = reason;
      }
      der_tlv (entries_ba, 0x30, e, k);
    }

  /* version v2, signature, issuer, thisUpdate, nextUpdate, revokedCertificates, [0] extensions */
  {
    static const guint8 v2[] = { 0x02, 0x01, 0x01 };

    g_byte_array_append (body, v2, sizeof v2);
  }
  g_byte_array_append (body, alg_id, alg_len);
  gnutls_x509_crt_get_raw_dn (ca, &issuer);
  g_byte_array_append (body, issuer.data, issuer.size);
  gnutls_free (issuer.data);
  der_utctime (body, now - 3600);
  der_utctime (body, now + 30 * 86400);
  der_wrap (body, 0x30, entries_ba);
  {
    g_autoptr (GByteArray) aki = g_byte_array_new ();
    g_autoptr (GByteArray) aki_seq = g_byte_array_new ();
    g_autoptr (GByteArray) aki_ext = g_byte_array_new ();
    g_autoptr (GByteArray) num_ext = g_byte_array_new ();
    g_autoptr (GByteArray) seq = g_byte_array_new ();
    static const guint8 aki_oid[] = { 0x06, 0x03, 0x55, 0x1d, 0x23 };
    static const guint8 num[] = { 0x06, 0x03, 0x55, 0x1d, 0x14, 0x04, 0x03, 0x02, 0x01, 0x07 };

    gnutls_x509_crt_get_subject_key_id (ca, ski, &ski_len, &crit);
    der_tlv (aki, 0x80, ski, ski_len);
    der_wrap (aki_seq, 0x30, aki);
    g_byte_array_append (aki_ext, aki_oid, sizeof aki_oid);
    der_wrap (aki_ext, 0x04, aki_seq);
    der_wrap (seq, 0x30, aki_ext);
    g_byte_array_append (num_ext, num, sizeof num);
    der_wrap (seq, 0x30, num_ext);
    der_wrap (exts, 0x30, seq);
    der_wrap (body, 0xa0, exts);
  }
  der_wrap (tbs, 0x30, body);

  tbs_d.data = tbs->data;
  tbs_d.size = tbs->len;
  if (gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA256, 0, &tbs_d, &sig) < 0)
    die ("cannot sign the large CRL");
  {
    g_autoptr (GByteArray) outer = g_byte_array_new ();
    guint8 zero = 0;

    g_byte_array_append (outer, tbs->data, tbs->len);
    g_byte_array_append (outer, alg_id, alg_len);
    {
      g_autoptr (GByteArray) bits = g_byte_array_new ();

      g_byte_array_append (bits, &zero, 1);
      g_byte_array_append (bits, sig.data, sig.size);
      der_wrap (outer, 0x03, bits);
    }
    der_wrap (crl, 0x30, outer);
  }
  gnutls_free (sig.data);
  {
    g_autoptr (GError) error = NULL;

    if (!g_file_set_contents (path, (const char *) crl->data, crl->len, &error))
      die ("%s", error->message);
  }
  gnutls_privkey_deinit (key);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_crt_deinit (revoked);
}

/* ---- messages ------------------------------------------------------------ */

static void
write_bodies (const char *dir, int n, gsize size)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2632);
  static const char *const words[] = {
    "certificate", "signature", "message", "revocation", "path", "anchor", "the", "of", "and", "a",
    "trust", "mail", "issuer", "serial", "key", "digest", "chain", "valid", "sender", "address",
  };

  for (int i = 0; i < n; i++)
    {
      g_autoptr (GString) s = g_string_sized_new (size + 128);
      g_autofree char *path = g_strdup_printf ("%s/body-%04d.txt", dir, i);
      int col = 0;

      g_string_append_printf (s, "Message %d of the Signet benchmark.\n", i);
      while (s->len < size)
        {
          const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

          g_string_append (s, w);
          col += strlen (w) + 1;
          if (col > 66)
            {
              g_string_append_c (s, '\n');
              col = 0;
            }
          else
            g_string_append_c (s, ' ');
        }
      g_string_append_c (s, '\n');
      if (!g_file_set_contents (path, s->str, s->len, NULL))
        die ("cannot write %s", path);
    }
}

/* Signs the bodies with openssl, two algorithms in parallel. */
static void
sign_messages (const char *dir, int n)
{
  GSubprocess *procs[2];

  for (int a = 0; a < 2; a++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *script = g_strdup_printf (
          "set -eu\ncd \"%s\"\nA=%s\nmkdir -p msgs-$A\n"
          "i=0\nwhile [ $i -lt %d ]; do\n"
          "  N=$(printf %%04d $i)\n"
          "  openssl cms -sign -text -md sha256 -in body-$N.txt -signer $A/ee.pem -inkey $A/ee.key "
          "-certfile $A/int.pem -from signer-$A@example.test -to reader@example.test -subject \"Bench $N\" "
          "-out msgs-$A/msg-$N.eml\n"
          "  i=$((i+1))\ndone\n"
          "openssl cms -sign -text -md sha256 -in body-0000.txt -signer $A/ee-revoked.pem -inkey $A/ee-revoked.key "
          "-certfile $A/int.pem -from revoked-$A@example.test -to reader@example.test -subject Revoked "
          "-out msgs-$A/revoked.eml\n",
          dir, algs[a], n);

      procs[a] = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/bin/sh", "-c", script, NULL);
      if (procs[a] == NULL)
        die ("%s", error->message);
    }
  for (int a = 0; a < 2; a++)
    {
      if (!g_subprocess_wait_check (procs[a], NULL, NULL))
        die ("signing the %s messages failed", algs[a]);
      g_object_unref (procs[a]);
    }
}

/* ---- the corpus in memory ------------------------------------------------ */

typedef struct
{
  const char *alg;
  GPtrArray *paths;    /* char* .eml */
  GPtrArray *messages; /* GBytes .eml */
  GPtrArray *cms;      /* GBytes DER signature */
  GPtrArray *content;  /* GBytes CRLF-canonical signed content */
  GPtrArray *p7s_paths;
  GPtrArray *bin_paths;
  char *revoked_path;
  GBytes *revoked;
  GBytes *revoked_cms;
  GBytes *revoked_content;
  char *dir;
  char *gnupghome;
  gboolean gpgsm_ok;
} Corpus;

static void
extract (GBytes *message, GBytes **cms, GBytes **content)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = signet_mime_scan (message, &error);
  SignetSmimePart *part;

  if (parts == NULL || parts->len == 0)
    die ("cannot scan a generated message");
  part = g_ptr_array_index (parts, 0);
  *cms = g_bytes_ref (signet_smime_part_get_cms (part));
  *content = g_bytes_ref (g_ptr_array_index (signet_smime_part_get_signed_contents (part), 0));
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    die ("cannot read %s", path);
  return g_bytes_new_take (data, len);
}

static void
write_bytes (const char *path, GBytes *b)
{
  if (!g_file_set_contents (path, g_bytes_get_data (b, NULL), g_bytes_get_size (b), NULL))
    die ("cannot write %s", path);
}

static void
corpus_load (Corpus *c, const char *dir, const char *alg, int n)
{
  c->alg = alg;
  c->dir = g_build_filename (dir, alg, NULL);
  c->paths = g_ptr_array_new_with_free_func (g_free);
  c->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  c->cms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  c->content = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  c->p7s_paths = g_ptr_array_new_with_free_func (g_free);
  c->bin_paths = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n; i++)
    {
      char *path = g_strdup_printf ("%s/msgs-%s/msg-%04d.eml", dir, alg, i);
      GBytes *msg = read_bytes (path);
      GBytes *cms, *content;
      char *p7s = g_strdup_printf ("%s/msgs-%s/msg-%04d.p7s", dir, alg, i);
      char *bin = g_strdup_printf ("%s/msgs-%s/msg-%04d.bin", dir, alg, i);

      extract (msg, &cms, &content);
      write_bytes (p7s, cms);
      write_bytes (bin, content);
      g_ptr_array_add (c->paths, path);
      g_ptr_array_add (c->messages, msg);
      g_ptr_array_add (c->cms, cms);
      g_ptr_array_add (c->content, content);
      g_ptr_array_add (c->p7s_paths, p7s);
      g_ptr_array_add (c->bin_paths, bin);
    }
  c->revoked_path = g_strdup_printf ("%s/msgs-%s/revoked.eml", dir, alg);
  c->revoked = read_bytes (c->revoked_path);
  extract (c->revoked, &c->revoked_cms, &c->revoked_content);
  {
    g_autofree char *p7s = g_strdup_printf ("%s/msgs-%s/revoked.p7s", dir, alg);
    g_autofree char *bin = g_strdup_printf ("%s/msgs-%s/revoked.bin", dir, alg);

    write_bytes (p7s, c->revoked_cms);
    write_bytes (bin, c->revoked_content);
  }
}

/* ---- anchors ------------------------------------------------------------- */

/* Each anchor verifies message @i (or the revoked one when @i < 0) and
 * returns whether it was accepted. */
typedef gboolean (*AnchorFunc) (Corpus *c, int i, gpointer data);

typedef struct
{
  const char *name;
  const char *what;
  AnchorFunc func;
  gpointer data;
  gboolean per_process;
  gboolean available;
  gboolean reject_revoked; /* the revoked message must fail */
  gboolean prime;          /* verify the block's first message untimed first */
  GArray *us;              /* µs per message, one per round */
  GArray *cpu;             /* CPU µs per message (own + children), one per round */
  guint failures;
} Anchor;

/* Signet, in process */

typedef struct
{
  SignetVerifier *verifier;
  gboolean cold;
} SignetAnchor;

static SignetVerifier *
make_verifier (Corpus *c)
{
  SignetVerifier *v = signet_verifier_new ();
  g_autofree char *root = g_build_filename (c->dir, "root.pem", NULL);
  g_autofree char *root_crl = g_build_filename (c->dir, "root.crl", NULL);
  g_autofree char *int_crl = g_build_filename (c->dir, "int.crl", NULL);
  g_autoptr (GError) error = NULL;

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  if (!signet_verifier_add_anchors_from_file (v, root, &error) ||
      !signet_verifier_add_crls_from_file (v, root_crl, &error) ||
      !signet_verifier_add_crls_from_file (v, int_crl, &error))
    die ("%s", error->message);
  return v;
}

static gboolean
signet_anchor (Corpus *c, int i, gpointer data)
{
  SignetAnchor *sa = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetReport) report = NULL;

  if (sa->cold)
    signet_path_clear_caches ();
  report = signet_verifier_verify_bytes (sa->verifier, i < 0 ? c->revoked : g_ptr_array_index (c->messages, i),
                                         NULL, &error);
  return report != NULL && signet_report_get_verdict (report) == SIGNET_VERDICT_VALID;
}

/* GnuTLS alone */

typedef struct
{
  gnutls_x509_trust_list_t tl;
  char *address;
} GnutlsAnchor;

static gboolean
gnutls_anchor (Corpus *c, int i, gpointer data)
{
  GnutlsAnchor *ga = data;
  GBytes *cms = i < 0 ? c->revoked_cms : g_ptr_array_index (c->cms, i);
  GBytes *content = i < 0 ? c->revoked_content : g_ptr_array_index (c->content, i);
  const char *address = i < 0 ? NULL : ga->address;
  gnutls_pkcs7_t p7 = NULL;
  gnutls_pkcs7_signature_info_st info;
  gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (cms, NULL), (unsigned) g_bytes_get_size (cms) };
  gnutls_datum_t data_d = { (unsigned char *) g_bytes_get_data (content, NULL), (unsigned) g_bytes_get_size (content) };
  gnutls_x509_crt_t certs[8] = { NULL };
  gnutls_x509_crt_t chain[8];
  int n_certs, signer = -1, n_chain = 0;
  unsigned int status = 1;
  gboolean ok = FALSE;
  g_autofree char *revoked_address = NULL;

  if (i < 0)
    address = revoked_address = g_strdup_printf ("revoked-%s@example.test", c->alg);
  gnutls_pkcs7_init (&p7);
  if (gnutls_pkcs7_import (p7, &d, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_pkcs7_get_signature_info (p7, 0, &info) < 0)
    goto out;
  n_certs = MIN (gnutls_pkcs7_get_crt_count (p7), 8);
  for (int k = 0; k < n_certs; k++)
    {
      gnutls_datum_t raw = { NULL, 0 };

      if (gnutls_pkcs7_get_crt_raw2 (p7, k, &raw) < 0)
        continue;
      gnutls_x509_crt_init (&certs[k]);
      if (gnutls_x509_crt_import (certs[k], &raw, GNUTLS_X509_FMT_DER) < 0)
        {
          gnutls_x509_crt_deinit (certs[k]);
          certs[k] = NULL;
        }
      gnutls_free (raw.data);
      if (certs[k] != NULL && signer < 0 && info.issuer_dn.size > 0)
        {
          gnutls_datum_t idn = { NULL, 0 };
          guint8 serial[64];
          size_t slen = sizeof serial;

          if (gnutls_x509_crt_get_raw_issuer_dn (certs[k], &idn) >= 0 &&
              gnutls_x509_crt_get_serial (certs[k], serial, &slen) >= 0 && idn.size == info.issuer_dn.size &&
              memcmp (idn.data, info.issuer_dn.data, idn.size) == 0 && slen == info.signer_serial.size &&
              memcmp (serial, info.signer_serial.data, slen) == 0)
            signer = k;
          gnutls_free (idn.data);
        }
    }
  gnutls_pkcs7_signature_info_deinit (&info);
  if (signer < 0)
    goto out;
  /* The chain: the signer, then each issuer found among the embedded certs. */
  chain[n_chain++] = certs[signer];
  while (n_chain < 8)
    {
      gnutls_x509_crt_t cur = chain[n_chain - 1];
      int next = -1;

      for (int k = 0; k < n_certs; k++)
        if (certs[k] != NULL && certs[k] != cur && gnutls_x509_crt_check_issuer (cur, certs[k]))
          next = k;
      if (next < 0)
        break;
      chain[n_chain++] = certs[next];
    }
  {
    gnutls_typed_vdata_st vdata[2] = {
      { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *) GNUTLS_KP_EMAIL_PROTECTION, 0 },
      { GNUTLS_DT_RFC822NAME, (unsigned char *) address, 0 },
    };

    if (gnutls_x509_trust_list_verify_crt2 (ga->tl, chain, n_chain, vdata, 2, 0, &status, NULL) < 0 || status != 0)
      goto out;
  }
  ok = gnutls_pkcs7_verify_direct (p7, certs[signer], 0, &data_d, 0) == 0;
out:
  for (int k = 0; k < 8; k++)
    if (certs[k] != NULL)
      gnutls_x509_crt_deinit (certs[k]);
  gnutls_pkcs7_deinit (p7);
  return ok;
}

static gboolean
gnutls_anchor_init (Corpus *c, GnutlsAnchor *ga)
{
  gnutls_x509_crt_t root = load_crt (g_path_get_dirname (c->dir), c->alg, "root");
  gnutls_x509_crl_t crls[2];
  const char *names[] = { "root.crl", "int.crl" };

  gnutls_x509_trust_list_init (&ga->tl, 0);
  gnutls_x509_trust_list_add_cas (ga->tl, &root, 1, 0);
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *path = g_build_filename (c->dir, names[k], NULL);
      g_autoptr (GBytes) b = read_bytes (path);
      gnutls_datum_t d = { (unsigned char *) g_bytes_get_data (b, NULL), (unsigned) g_bytes_get_size (b) };

      gnutls_x509_crl_init (&crls[k]);
      if (gnutls_x509_crl_import (crls[k], &d, GNUTLS_X509_FMT_DER) < 0)
        die ("gnutls cannot import %s", path);
    }
  /* The intermediate CRL is signed by the intermediate, which is not in the
   * trust list: add the CRLs without verifying them here (the chain check
   * verifies each certificate against the CRL of its issuer). */
  if (gnutls_x509_trust_list_add_crls (ga->tl, crls, 2, 0, 0) < 0)
    die ("gnutls cannot add the CRLs");
  ga->address = g_strdup_printf ("signer-%s@example.test", c->alg);
  return TRUE;
}

/* One process per message */

typedef struct
{
  char **argv_template; /* with "{MSG}", "{P7S}", "{BIN}" placeholders */
  char **envp;
} SpawnAnchor;

static gboolean
spawn_anchor (Corpus *c, int i, gpointer data)
{
  SpawnAnchor *sp = data;
  guint n = g_strv_length (sp->argv_template);
  g_autofree char **argv = g_new0 (char *, n + 1);
  g_autofree char *revoked_p7s = NULL, *revoked_bin = NULL;

  if (i < 0)
    {
      revoked_p7s = g_strdup_printf ("%s/../msgs-%s/revoked.p7s", c->dir, c->alg);
      revoked_bin = g_strdup_printf ("%s/../msgs-%s/revoked.bin", c->dir, c->alg);
    }
  for (guint k = 0; k < n; k++)
    {
      const char *t = sp->argv_template[k];

      if (g_str_equal (t, "{MSG}"))
        argv[k] = i < 0 ? c->revoked_path : g_ptr_array_index (c->paths, i);
      else if (g_str_equal (t, "{P7S}"))
        argv[k] = i < 0 ? revoked_p7s : g_ptr_array_index (c->p7s_paths, i);
      else if (g_str_equal (t, "{BIN}"))
        argv[k] = i < 0 ? revoked_bin : g_ptr_array_index (c->bin_paths, i);
      else if (g_str_equal (t, "{ALGDIR}"))
        argv[k] = c->dir;
      else
        argv[k] = (char *) t;
    }
  return spawn_wait (argv, sp->envp) == 0;
}

/* Builds an argv template, expanding "{D}" to the algorithm directory. */
static char **
template (Corpus *c, const char *first, ...)
{
  GStrvBuilder *b = g_strv_builder_new ();
  va_list ap;
  const char *arg;
  char **out;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    {
      if (strstr (arg, "{D}") != NULL)
        {
          g_auto (GStrv) parts = g_strsplit (arg, "{D}", -1);
          g_autofree char *joined = g_strjoinv (c->dir, parts);

          g_strv_builder_add (b, joined);
        }
      else
        g_strv_builder_add (b, arg);
    }
  va_end (ap);
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

/* gpgsm: a throw-away GNUPGHOME with the three certificates imported and
 * the root marked trusted in trustlist.txt. */
static gboolean
gpgsm_setup (Corpus *c, const char *gpgsm)
{
  g_autofree char *home = g_build_filename (c->dir, "gnupg", NULL);
  g_autofree char *trustlist = g_build_filename (home, "trustlist.txt", NULL);
  g_autofree char *fpr = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *root = g_build_filename (c->dir, "root.pem", NULL);
  g_autofree char *inter = g_build_filename (c->dir, "int.pem", NULL);
  g_autofree char *ee = g_build_filename (c->dir, "ee.pem", NULL);
  g_autofree char *ee_r = g_build_filename (c->dir, "ee-revoked.pem", NULL);
  const char *import_argv[] = { gpgsm, "--batch", "--disable-dirmngr", "--import", root, inter, ee, ee_r, NULL };
  const char *fpr_argv[] = { "openssl", "x509", "-in", root, "-noout", "-fingerprint", "-sha1", NULL };

  g_mkdir_with_parents (home, 0700);
  env = g_environ_setenv (env, "GNUPGHOME", home, TRUE);
  c->gnupghome = g_strdup (home);
  out = capture ((char **) fpr_argv, NULL);
  if (out == NULL || strchr (out, '=') == NULL)
    return FALSE;
  fpr = g_strdup_printf ("%s S\n", g_strstrip (strchr (out, '=') + 1));
  g_file_set_contents (trustlist, fpr, -1, NULL);
  {
    g_autofree char *conf = g_build_filename (home, "gpgsm.conf", NULL);

    g_file_set_contents (conf, "disable-crl-checks\ndisable-policy-checks\n", -1, NULL);
  }
  g_free (out);
  out = capture ((char **) import_argv, env);
  return out != NULL;
}

static void
anchor_sanity (Anchor *a, Corpus *c)
{
  gboolean good = a->func (c, 0, a->data);
  gboolean revoked = a->func (c, -1, a->data);

  if (!good)
    {
      g_printerr ("  %s/%s: rejects a good message: disabled\n", a->name, c->alg);
      a->available = FALSE;
    }
  else if (a->reject_revoked && revoked)
    {
      g_printerr ("  %s/%s: accepts the revoked signer: disabled\n", a->name, c->alg);
      a->available = FALSE;
    }
  if (!a->available && g_str_has_prefix (a->name, "signet"))
    functional_failure = TRUE;
}

/* CPU seconds of this process and of its waited-for children. */
static double
cpu_s (void)
{
  struct rusage self, kids;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &kids);
  return self.ru_utime.tv_sec + self.ru_stime.tv_sec + kids.ru_utime.tv_sec + kids.ru_stime.tv_sec +
         (self.ru_utime.tv_usec + self.ru_stime.tv_usec + kids.ru_utime.tv_usec + kids.ru_stime.tv_usec) / 1e6;
}

static double
run_anchor_pass (Anchor *a, Corpus *c, int n, double *cpu_us)
{
  double t0 = now_s ();
  double c0 = cpu_s ();

  for (int i = 0; i < n; i++)
    if (!a->func (c, i, a->data))
      a->failures++;
  if (cpu_us != NULL)
    *cpu_us = (cpu_s () - c0) * 1e6 / n;
  return (now_s () - t0) * 1e6 / n;
}

/* Messages per block of a round. */
#define BLOCK 20

/* One round: the messages in blocks of BLOCK, and for each block every
 * anchor in turn (the order rotating from block to block), so that
 * anchors measured minutes apart do not differ by the machine's drift
 * (CPU frequency, other tenants), only by what they do. Appends each
 * anchor's µs and CPU µs per message. */
static void
run_round (Anchor *anchors, guint n_anchors, Corpus *c, int n_msgs, int round)
{
  double *wall = g_new0 (double, n_anchors);
  double *cpu = g_new0 (double, n_anchors);
  guint block = 0;

  for (int start = 0; start < n_msgs; start += BLOCK, block++)
    {
      int end = MIN (start + BLOCK, n_msgs);

      for (guint j = 0; j < n_anchors; j++)
        {
          guint k = (j + block + (guint) round) % n_anchors;
          Anchor *an = &anchors[k];
          double t0, c0;

          if (!an->available)
            continue;
          /* signet-cold empties the process-wide caches before each of
           * its messages, signet-warm's too: one untimed message puts
           * signet-warm back in its steady state (the chain seen). */
          if (an->prime)
            an->func (c, start, an->data);
          t0 = now_s ();
          c0 = cpu_s ();
          for (int i = start; i < end; i++)
            if (!an->func (c, i, an->data))
              an->failures++;
          cpu[k] += cpu_s () - c0;
          wall[k] += now_s () - t0;
        }
    }
  for (guint k = 0; k < n_anchors; k++)
    {
      Anchor *an = &anchors[k];
      double us = wall[k] * 1e6 / n_msgs, cpu_us = cpu[k] * 1e6 / n_msgs;

      if (!an->available)
        continue;
      g_array_append_val (an->us, us);
      g_array_append_val (an->cpu, cpu_us);
      g_printerr ("  %-18s %8.0f us/msg  (CPU %.0f us)\n", an->name, us, cpu_us);
    }
  g_free (wall);
  g_free (cpu);
}

/* Results table for one algorithm: medians and per-round ratios. */
static void
print_verify_table (Anchor *anchors, guint n_anchors, const char *alg, int n_msgs, int rounds, GString *md)
{
  int ref = -1;

  for (guint k = 0; k < n_anchors; k++)
    if (g_str_equal (anchors[k].name, "gnutls-chain"))
      ref = (int) k;
  g_string_append_printf (md, "\n### %s (%d messages x %d rounds)\n\n", g_str_equal (alg, "rsa") ? "RSA-2048" : "ECDSA P-256",
                          n_msgs, rounds);
  g_string_append (md, "| anchor | msg/s (median) | µs/msg | min..max msg/s | time / gnutls-chain (median of per-round ratios) | CPU µs/msg | CPU / gnutls-chain | failures |\n");
  g_string_append (md, "|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint k = 0; k < n_anchors; k++)
    {
      Anchor *a = &anchors[k];
      double med, lo = G_MAXDOUBLE, hi = 0;
      g_autofree double *ratios = NULL;
      guint nr = 0;

      if (!a->available || a->us->len == 0)
        {
          g_string_append_printf (md, "| %s | n/a | | | | | | |\n", a->name);
          continue;
        }
      med = median ((double *) a->us->data, a->us->len);
      for (guint r = 0; r < a->us->len; r++)
        {
          double v = g_array_index (a->us, double, r);

          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
      if (ref >= 0 && anchors[ref].available)
        {
          ratios = g_new0 (double, a->us->len);
          for (guint r = 0; r < a->us->len && r < anchors[ref].us->len; r++)
            ratios[nr++] = g_array_index (a->us, double, r) / g_array_index (anchors[ref].us, double, r);
        }
      {
        double cpu_med = median ((double *) a->cpu->data, a->cpu->len);
        double ref_cpu = ref >= 0 && anchors[ref].available ? median ((double *) anchors[ref].cpu->data, anchors[ref].cpu->len) : 0;

        g_string_append_printf (md, "| %s | %.0f | %.0f | %.0f..%.0f | %.2f | %.0f | %.2f | %u |\n", a->name, 1e6 / med,
                                med, 1e6 / hi, 1e6 / lo, nr ? median (ratios, nr) : 0.0, cpu_med,
                                ref_cpu > 0 ? cpu_med / ref_cpu : 0.0, a->failures);
      }
    }
}

static double
ratio_median (Anchor *a, Anchor *b)
{
  g_autofree double *r = NULL;
  guint n = 0;

  if (!a->available || !b->available)
    return 0;
  r = g_new0 (double, a->us->len);
  for (guint k = 0; k < a->us->len && k < b->us->len; k++)
    r[n++] = g_array_index (b->us, double, k) / g_array_index (a->us, double, k);
  return median (r, n);
}

enum
{
  A_SIGNET_COLD,
  A_SIGNET_WARM,
  A_GNUTLS,
  A_SIGNET_CLI,
  A_SIGNET_CLI_DIRECT,
  A_OPENSSL,
  A_GPGSM,
  A_SPAWN,
  N_ANCHORS
};

/* The service's counters (its STATUS answer): FALSE when none answers. */
static gboolean
service_counters (const char *socket_path, gint64 *served, gint64 *refused)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  SignetServiceMessage m = { SIGNET_SERVICE_MAGIC, SIGNET_SERVICE_MSG_STATUS, { 0 } };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gsize got = 0;

  if (fd < 0 || strlen (socket_path) >= sizeof addr.sun_path)
    {
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  strcpy (addr.sun_path, socket_path);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0 && send (fd, &m, sizeof m, MSG_NOSIGNAL) == sizeof m)
    while (got < sizeof m)
      {
        gssize n = recv (fd, (char *) &m + got, sizeof m - got, 0);

        if (n <= 0)
          break;
        got += n;
      }
  close (fd);
  if (got != sizeof m || m.magic != SIGNET_SERVICE_MAGIC || m.type != SIGNET_SERVICE_MSG_STATUS)
    return FALSE;
  *served = m.value[1];
  *refused = m.value[2];
  return TRUE;
}

static void
bench_verify (const char *dir, int n_msgs, int rounds, GString *md)
{
  g_autofree char *gpgsm = find_tool ("gpgsm");
  g_autofree char *openssl = find_tool ("openssl");
  g_autofree char *signet = NULL;
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  /* The private runtime folder of the Signet service. */
  g_autofree char *runtime = g_build_filename (dir, "run", NULL);
  g_autofree char *socket_path = g_build_filename (runtime, SIGNET_SERVICE_SOCKET_DIR, SIGNET_SERVICE_SOCKET_NAME, NULL);
  g_autofree char *true_path = find_tool ("true");
  g_autofree char *service_log = g_build_filename (dir, "service.log", NULL);
  GString *targets = g_string_new (NULL);

  if (opt_signet_cli != NULL)
    signet = g_strdup (opt_signet_cli);
  else
    {
      /* Next to this binary in the build tree: build/tools/bench/../signet. */
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *here = self ? g_path_get_dirname (self) : g_strdup (".");

      signet = g_build_filename (here, "..", "signet", NULL);
      if (!g_file_test (signet, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_free (signet);
          signet = find_tool ("signet");
        }
    }
  g_mkdir_with_parents (home, 0700);
  g_mkdir_with_parents (runtime, 0700);

  for (int a = 0; a < 2; a++)
    if (in_list (opt_algs, algs[a]))
    {
      Corpus c = { 0 };
      Anchor anchors[N_ANCHORS];
      SignetAnchor cold = { 0 }, warm = { 0 };
      GnutlsAnchor ga = { 0 };
      SpawnAnchor cli = { 0 }, cli_direct = { 0 }, ossl = { 0 }, gsm = { 0 }, floor_sp = { 0 };
      g_auto (GStrv) env = g_get_environ ();

      /* `signet verify` must not find a personal store. */
      env = g_environ_setenv (env, "HOME", home, TRUE);
      env = g_environ_setenv (env, "XDG_DATA_HOME", home, TRUE);
      env = g_environ_setenv (env, "XDG_CONFIG_HOME", home, TRUE);
      env = g_environ_setenv (env, "XDG_CACHE_HOME", home, TRUE);
      env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime, TRUE);
      env = g_environ_unsetenv (env, "SIGNET_SERVICE_SOCKET");
      env = g_environ_unsetenv (env, "SIGNET_NO_SERVICE");
      /* The service logs how it ran each command (fork or warm). */
      env = g_environ_setenv (env, "SIGNET_SERVICE_DEBUG", service_log, TRUE);

      g_printerr ("verify/%s: loading %d messages\n", algs[a], n_msgs);
      corpus_load (&c, dir, algs[a], n_msgs);
      {
        g_autofree char *bundle = g_build_filename (c.dir, "ca+crls.pem", NULL);
        g_autofree char *root_pem = g_build_filename (c.dir, "root.pem", NULL);
        g_autofree char *root_crl = g_build_filename (c.dir, "root.crl.pem", NULL);
        g_autofree char *int_crl = g_build_filename (c.dir, "int.crl.pem", NULL);
        g_autoptr (GString) all = g_string_new (NULL);
        const char *parts[] = { root_pem, root_crl, int_crl };

        for (int k = 0; k < 3; k++)
          {
            g_autofree char *text = NULL;

            g_file_get_contents (parts[k], &text, NULL, NULL);
            g_string_append (all, text);
          }
        g_file_set_contents (bundle, all->str, all->len, NULL);
      }

      cold.verifier = make_verifier (&c);
      cold.cold = TRUE;
      warm.verifier = make_verifier (&c);
      gnutls_anchor_init (&c, &ga);
      cli.argv_template = template (&c, signet, "verify", "--no-system-trust", "--offline", "--anchor", "{D}/root.pem",
                                    "--crl", "{D}/root.crl", "--crl", "{D}/int.crl", "{MSG}", NULL);
      cli.envp = env;
      cli_direct.argv_template = g_strdupv (cli.argv_template);
      cli_direct.envp = g_environ_setenv (g_strdupv (env), "SIGNET_NO_SERVICE", "1", TRUE);
      if (signet != NULL)
        {
          /* The service, in the environment of the signet-cli anchor;
           * no idle timeout while it is measured. */
          char *start_argv[] = { signet, "service", "start", "--idle-timeout", "0", NULL };

          if (spawn_wait (start_argv, env) != 0)
            g_printerr ("  signet-cli/%s: the Signet service did not start: measured without it\n", algs[a]);
        }
      ossl.argv_template = template (&c, openssl ? openssl : "/usr/bin/openssl", "cms", "-verify", "-in", "{MSG}",
                                     "-CAfile", "{D}/ca+crls.pem", "-crl_check_all", "-purpose", "smimesign",
                                     "-out", "/dev/null", NULL);
      floor_sp.argv_template = template (&c, true_path ? true_path : "/bin/true", NULL);
      anchors[A_SIGNET_COLD] = (Anchor) { "signet-cold", "", signet_anchor, &cold, FALSE, TRUE, TRUE };
      anchors[A_SIGNET_WARM] = (Anchor) { "signet-warm", "", signet_anchor, &warm, FALSE, TRUE, TRUE, TRUE };
      anchors[A_GNUTLS] = (Anchor) { "gnutls-chain", "", gnutls_anchor, &ga, FALSE, TRUE, TRUE };
      anchors[A_SIGNET_CLI] = (Anchor) { "signet-cli", "", spawn_anchor, &cli, TRUE, signet != NULL, TRUE };
      anchors[A_SIGNET_CLI_DIRECT] =
          (Anchor) { "signet-cli-direct", "", spawn_anchor, &cli_direct, TRUE, signet != NULL, TRUE };
      anchors[A_OPENSSL] = (Anchor) { "openssl-cms", "", spawn_anchor, &ossl, TRUE, openssl != NULL, TRUE };
      anchors[A_GPGSM] = (Anchor) { "gpgsm-nocrl", "", spawn_anchor, &gsm, TRUE, gpgsm != NULL, FALSE };
      anchors[A_SPAWN] = (Anchor) { "spawn-floor", "", spawn_anchor, &floor_sp, TRUE, TRUE, FALSE };
      if (gpgsm != NULL && gpgsm_setup (&c, gpgsm))
        {
          g_auto (GStrv) genv = g_environ_setenv (g_strdupv (env), "GNUPGHOME", c.gnupghome, TRUE);

          gsm.argv_template = template (&c, gpgsm, "-q", "--disable-dirmngr", "--disable-crl-checks", "--verify",
                                        "{P7S}", "{BIN}", NULL);
          gsm.envp = g_steal_pointer (&genv);
        }
      else
        anchors[A_GPGSM].available = FALSE;

      for (int k = 0; k < N_ANCHORS; k++)
        if (!in_list (opt_anchors, anchors[k].name))
          anchors[k].available = FALSE;
      for (int k = 0; k < N_ANCHORS; k++)
        {
          anchors[k].us = g_array_new (FALSE, FALSE, sizeof (double));
          anchors[k].cpu = g_array_new (FALSE, FALSE, sizeof (double));
          if (anchors[k].available && anchors[k].func != NULL && k != A_SPAWN)
            anchor_sanity (&anchors[k], &c);
        }

      /* Warm-up, outside the measurement (page cache, gpg-agent start). */
      for (int k = 0; k < N_ANCHORS; k++)
        if (anchors[k].available)
          run_anchor_pass (&anchors[k], &c, MIN (n_msgs, 5), NULL);
      for (int k = 0; k < N_ANCHORS; k++)
        anchors[k].failures = 0;

      for (int r = 0; r < rounds; r++)
        {
          g_printerr ("verify/%s: round %d/%d\n", algs[a], r + 1, rounds);
          run_round (anchors, N_ANCHORS, &c, n_msgs, r);
        }
      print_verify_table (anchors, N_ANCHORS, algs[a], n_msgs, rounds, md);
      if (anchors[A_SIGNET_COLD].failures + anchors[A_SIGNET_WARM].failures + anchors[A_SIGNET_CLI].failures +
              anchors[A_SIGNET_CLI_DIRECT].failures >
          0)
        functional_failure = TRUE;
      {
        gint64 served = 0, refused = 0;

        if (signet != NULL && service_counters (socket_path, &served, &refused))
          {
            g_autofree char *log = NULL;
            int warm_runs = 0, forked = 0;

            if (g_file_get_contents (service_log, &log, NULL, NULL))
              {
                g_auto (GStrv) lines = g_strsplit (log, "\n", -1);

                for (guint i = 0; lines[i] != NULL; i++)
                  {
                    warm_runs += g_str_has_prefix (lines[i], "warm ");
                    forked += g_str_has_prefix (lines[i], "fork ");
                  }
              }
            g_string_append_printf (md,
                                    "\nsignet-cli ran with the Signet service (`signet service start`): %" G_GINT64_FORMAT
                                    " commands served (%d in its warm worker, %d forked), %" G_GINT64_FORMAT
                                    " refused.\n",
                                    served, warm_runs, forked, refused);
            g_unlink (service_log);
          }
        else
          g_string_append (md, "\nsignet-cli ran WITHOUT the Signet service (it did not start).\n");
        if (signet != NULL)
          {
            char *stop_argv[] = { signet, "service", "stop", NULL };

            spawn_wait (stop_argv, env);
          }
      }
      g_string_append_printf (targets,
                              "| %s | signet-cold vs gnutls-chain (≥ 1.00x) | %.2fx |\n"
                              "| %s | signet-warm vs gnutls-chain (≥ 2.00x) | %.2fx |\n"
                              "| %s | signet-cli (with the service) vs openssl-cms (≥ 3.00x) | %.2fx |\n"
                              "| %s | signet-cli-direct (no service; not a target) vs openssl-cms | %.2fx |\n",
                              algs[a], ratio_median (&anchors[A_SIGNET_COLD], &anchors[A_GNUTLS]),
                              algs[a], ratio_median (&anchors[A_SIGNET_WARM], &anchors[A_GNUTLS]),
                              algs[a], ratio_median (&anchors[A_SIGNET_CLI], &anchors[A_OPENSSL]),
                              algs[a], ratio_median (&anchors[A_SIGNET_CLI_DIRECT], &anchors[A_OPENSSL]));

      if (c.gnupghome != NULL)
        {
          const char *kill_argv[] = { "gpgconf", "--kill", "all", NULL };
          g_auto (GStrv) kenv = g_environ_setenv (g_get_environ (), "GNUPGHOME", c.gnupghome, TRUE);
          g_autofree char *o = capture ((char **) kill_argv, kenv);
        }
      g_strfreev (cli_direct.argv_template);
      g_strfreev (cli_direct.envp);
      g_object_unref (cold.verifier);
      g_object_unref (warm.verifier);
      gnutls_x509_trust_list_deinit (ga.tl, 1);
    }
  g_string_append (md, "\n### Targets (speed-up = time of the other / time of Signet, median of per-round ratios)\n\n"
                       "| alg | target | measured |\n|---|---|---:|\n");
  g_string_append (md, targets->str);
  g_string_free (targets, TRUE);
}

/* ---- CRL scale ----------------------------------------------------------- */

static GBytes *
map_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  GMappedFile *m = g_mapped_file_new (path, FALSE, &error);
  GBytes *b;

  if (m == NULL)
    die ("%s", error->message);
  b = g_mapped_file_get_bytes (m);
  g_mapped_file_unref (m);
  return b;
}

static SignetCertificate *
load_signet_cert (const char *dir, const char *alg, const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s/%s.der", dir, alg, name);
  g_autoptr (GBytes) b = read_bytes (path);
  g_autoptr (GError) error = NULL;
  SignetCertificate *c = signet_certificate_new_from_der (b, &error);

  if (c == NULL)
    die ("%s", error->message);
  return c;
}

/* In a child process: import one CRL file and measure. */
static int
child_crl (void)
{
  long rss0 = maxrss_kb ();
  g_autoptr (SignetCertificate) issuer = load_signet_cert (opt_child_dir, "rsa", "int");
  g_autoptr (SignetCertificate) ee = load_signet_cert (opt_child_dir, "rsa", "ee");
  g_autoptr (SignetCertificate) revoked = load_signet_cert (opt_child_dir, "rsa", "ee-revoked");
  g_autoptr (GBytes) der = NULL;
  g_autoptr (SignetCrl) crl = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) crls = g_ptr_array_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  double t0, t_read, t_import, t_sig, t_lookup, t_check, t_check_first;
  const int n_lookups = 200000, n_checks = 20000;
  int hits = 0;
  gboolean ok;
  SignetRevocationResult res = { 0 };
  gint64 when = g_get_real_time () / G_USEC_PER_SEC;

  t0 = now_s ();
  der = map_file (opt_child_crl);
  t_read = now_s () - t0;
  t0 = now_s ();
  crl = signet_crl_new_from_der (der, &error);
  t_import = now_s () - t0;
  if (crl == NULL)
    die ("%s", error->message);
  t0 = now_s ();
  ok = signet_crl_verify_signature (crl, issuer);
  t_sig = now_s () - t0;

  {
    g_autoptr (GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

    for (int i = 0; i < 4096; i++)
      {
        guint8 serial[16];

        for (int j = 0; j < 16; j++)
          serial[j] = (guint8) g_rand_int (rand);
        serial[0] = (serial[0] & 0x7f) | 1;
        g_ptr_array_add (probes, g_bytes_new (serial, sizeof serial));
      }
    t0 = now_s ();
    for (int i = 0; i < n_lookups; i++)
      hits += signet_crl_lookup (crl, g_ptr_array_index (probes, i & 4095), NULL, NULL);
    t_lookup = now_s () - t0;
  }
  hits += signet_crl_lookup (crl, signet_certificate_get_serial (revoked), NULL, NULL) ? 1000 : 0;

  /* A whole revocation decision (as the path validator asks for it). */
  g_ptr_array_add (crls, crl);
  {
    g_autoptr (GPtrArray) w = g_ptr_array_new_with_free_func (g_object_unref);

    signet_path_clear_caches ();
    t0 = now_s ();
    signet_revocation_check (ee, issuer, crls, NULL, when, NULL, NULL, &res, w);
    t_check_first = now_s () - t0;
    if (res.state != SIGNET_REVOCATION_GOOD)
      die ("the large CRL does not clear the good signer (%s)", signet_revocation_state_to_string (res.state));
    signet_revocation_result_clear (&res);
  }
  t0 = now_s ();
  for (int i = 0; i < n_checks; i++)
    {
      g_autoptr (GPtrArray) w = g_ptr_array_new_with_free_func (g_object_unref);

      signet_revocation_check (i % 2 ? ee : revoked, issuer, crls, NULL, when, NULL, NULL, &res, w);
      if (res.state != (i % 2 ? SIGNET_REVOCATION_GOOD : SIGNET_REVOCATION_REVOKED))
        die ("wrong revocation state from the large CRL");
      signet_revocation_result_clear (&res);
    }
  t_check = now_s () - t0;

  printf ("RESULT entries=%u der=%" G_GSIZE_FORMAT " read_ms=%.2f import_ms=%.2f sig_ms=%.2f sig_ok=%d "
          "lookup_ns=%.1f hits=%d check_first_us=%.1f check_us=%.2f rss0_kb=%ld maxrss_kb=%ld\n",
          signet_crl_get_entry_count (crl), g_bytes_get_size (der), t_read * 1e3, t_import * 1e3, t_sig * 1e3, ok,
          t_lookup * 1e9 / n_lookups, hits, t_check_first * 1e6, t_check * 1e6 / n_checks, rss0, maxrss_kb ());
  return 0;
}

static char *
self_exe (void)
{
  char *p = g_file_read_link ("/proc/self/exe", NULL);

  if (p == NULL)
    die ("cannot find this program");
  return p;
}

static double
time_spawn (char **argv, char **envp, int *status_out)
{
  double t0 = now_s ();
  int st = spawn_wait (argv, envp);

  if (status_out)
    *status_out = st;
  return now_s () - t0;
}

/* dirmngr's LOADCRL of the same file (RSA only: dirmngr 2.2.40 cannot
 * check ECDSA-signed CRLs). As the baseline notes found: the CA
 * certificates are primed with `dirmngr-client --cache-cert` (dirmngr
 * inquires for the issuer, which gpgsm cannot answer), the root CRL is
 * loaded first, and the load goes through `gpgsm --call-dirmngr loadcrl`,
 * whose gpg-agent answers dirmngr's ISTRUSTED inquiry from trustlist.txt
 * (dirmngr-client --load-crl cannot: "No inquire callback in IPC").
 * Returns the wall time of the big load in ms, < 0 on failure. */
static double
dirmngr_loadcrl (const char *dir, const char *crl_path, GString *notes)
{
  g_autofree char *client = find_tool ("dirmngr-client");
  g_autofree char *gpgconf = find_tool ("gpgconf");
  g_autofree char *gpgsm = find_tool ("gpgsm");
  g_autofree char *home = g_build_filename (dir, "dirmngr-home", NULL);
  g_autofree char *root = g_build_filename (dir, "rsa", "root.pem", NULL);
  g_autofree char *inter = g_build_filename (dir, "rsa", "int.pem", NULL);
  g_autofree char *root_crl = g_build_filename (dir, "rsa", "root.crl", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *trustlist = NULL;
  g_autofree char *fpr_out = NULL;
  g_auto (GStrv) env = NULL;
  static gboolean primed = FALSE;
  int st = 0;
  double t;

  if (client == NULL || gpgconf == NULL || gpgsm == NULL)
    return -1;
  env = g_environ_setenv (g_get_environ (), "GNUPGHOME", home, TRUE);
  if (!primed)
    {
      const char *fpr_argv[] = { "openssl", "x509", "-in", root, "-noout", "-fingerprint", "-sha1", NULL };
      char *import[] = { gpgsm, "--batch", "--import", root, inter, NULL };
      char *launch[] = { gpgconf, "--launch", "dirmngr", NULL };
      char *c1[] = { client, "--pem", "--cache-cert", root, NULL };
      char *c2[] = { client, "--pem", "--cache-cert", inter, NULL };
      char *l0[] = { gpgsm, "--call-dirmngr", "loadcrl", root_crl, NULL };

      g_mkdir_with_parents (home, 0700);
      conf = g_build_filename (home, "dirmngr.conf", NULL);
      g_file_set_contents (conf, "disable-http\ndisable-ldap\n", -1, NULL);
      fpr_out = capture ((char **) fpr_argv, NULL);
      if (fpr_out == NULL || strchr (fpr_out, '=') == NULL)
        return -1;
      trustlist = g_build_filename (home, "trustlist.txt", NULL);
      {
        g_autofree char *line = g_strdup_printf ("%s S\n", g_strstrip (strchr (fpr_out, '=') + 1));

        g_file_set_contents (trustlist, line, -1, NULL);
      }
      spawn_wait (import, env);
      spawn_wait (launch, env);
      spawn_wait (c1, env);
      spawn_wait (c2, env);
      if (spawn_wait (l0, env) != 0)
        g_string_append (notes, "dirmngr refused the root CRL; ");
      primed = TRUE;
    }
  {
    char *load[] = { gpgsm, "--call-dirmngr", "loadcrl", (char *) crl_path, NULL };

    t = time_spawn (load, env, &st);
  }
  return st == 0 ? t * 1e3 : -1;
}

static void
dirmngr_stop (const char *dir)
{
  g_autofree char *gpgconf = find_tool ("gpgconf");
  g_autofree char *home = g_build_filename (dir, "dirmngr-home", NULL);
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "GNUPGHOME", home, TRUE);
  char *kill_argv[] = { gpgconf, "--kill", "all", NULL };

  if (gpgconf != NULL && g_file_test (home, G_FILE_TEST_IS_DIR))
    spawn_wait (kill_argv, env);
}

static void
bench_crl (const char *dir, GString *md)
{
  g_autofree char *sizes_text = g_strdup (opt_crl_sizes ? opt_crl_sizes : (opt_quick ? "1000,10000" : "10000,100000,1000000"));
  g_auto (GStrv) sizes = g_strsplit (sizes_text, ",", -1);
  g_autofree char *self = self_exe ();
  g_autoptr (GString) notes = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_string_append (md, "\n## CRL scale (RSA intermediate, every entry with a reasonCode; one child process per size)\n\n"
                       "| entries | DER | signet_crl_new_from_der | signature check | import total | lookup | "
                       "revocation check (first / then) | peak RSS (child) | RSS growth | dirmngr LOADCRL |\n"
                       "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint k = 0; sizes[k] != NULL; k++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[k], NULL, 10);
      g_autofree char *path = g_strdup_printf ("%s/big-%u.crl", dir, n);
      g_autofree char *out = NULL;
      char *argv[] = { self, "--child-crl", path, "--child-dir", (char *) dir, NULL };
      unsigned entries = 0, sig_ok = 0;
      gsize der = 0;
      double read_ms = 0, import_ms = 0, sig_ms = 0, lookup_ns = 0, first_us = 0, check_us = 0, dm;
      long rss0 = 0, rss = 0;
      int hits = 0;
      char *line;

      g_printerr ("crl: generating %u entries\n", n);
      make_big_crl (dir, "rsa", n, path, now);
      g_printerr ("crl: measuring %u entries\n", n);
      out = capture (argv, NULL);
      line = out ? strstr (out, "RESULT ") : NULL;
      if (line == NULL ||
          sscanf (line,
                  "RESULT entries=%u der=%" G_GSIZE_FORMAT " read_ms=%lf import_ms=%lf sig_ms=%lf sig_ok=%u "
                  "lookup_ns=%lf hits=%d check_first_us=%lf check_us=%lf rss0_kb=%ld maxrss_kb=%ld",
                  &entries, &der, &read_ms, &import_ms, &sig_ms, &sig_ok, &lookup_ns, &hits, &first_us, &check_us,
                  &rss0, &rss) != 12)
        {
          g_string_append_printf (md, "| %u | child failed | | | | | | | | |\n", n);
          functional_failure = TRUE;
          continue;
        }
      dm = dirmngr_loadcrl (dir, path, notes);
      g_string_append_printf (md,
                              "| %u | %.1f MB | %.1f ms | %.1f ms%s | %.1f ms | %.0f ns | %.0f µs / %.2f µs | %.1f MiB | "
                              "%.1f MiB | %s |\n",
                              entries, der / 1e6, import_ms, sig_ms, sig_ok ? "" : " (FAILED)", import_ms + sig_ms,
                              lookup_ns, first_us, check_us, rss / 1024.0, (rss - rss0) / 1024.0,
                              dm >= 0 ? g_strdup_printf ("%.0f ms", dm) : "failed");
      if (hits != 1000 || !sig_ok)
        functional_failure = TRUE;
      if (hits != 1000)
        g_string_append_printf (md, "\n(lookup check failed for %u entries: %d hits)\n", n, hits);
      if (opt_workdir == NULL)
        g_unlink (path);
    }
  dirmngr_stop (dir);
  if (notes->len)
    g_string_append_printf (md, "\nNotes: %s\n", notes->str);
}

/* ---- certificate store scale --------------------------------------------- */

static void
bench_store (const char *dir, GString *md)
{
  int n = opt_quick ? MIN (opt_store_size, 2000) : opt_store_size;
  gnutls_x509_crt_t ca = load_crt (dir, "ec", "int");
  gnutls_privkey_t ca_key = load_key (dir, "ec", "int");
  gnutls_privkey_t subject_key;
  gnutls_pubkey_t subject_pub;
  g_autoptr (GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GPtrArray) certs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *store_dir = g_build_filename (dir, "store", NULL);
  g_autoptr (SignetStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (5280);
  guint8 ca_ski[64];
  size_t ca_ski_len = sizeof ca_ski;
  unsigned int crit;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double t0, t_gen, t_parse, t_import;
  const int n_lookups = opt_quick ? 200 : 2000;
  double t_addr = 0, t_is = 0, t_ski = 0, max_addr = 0, max_is = 0, max_ski = 0;
  guint found = 0;

  gnutls_x509_crt_get_subject_key_id (ca, ca_ski, &ca_ski_len, &crit);
  gnutls_privkey_init (&subject_key);
  gnutls_privkey_generate (subject_key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0);
  gnutls_pubkey_init (&subject_pub);
  gnutls_pubkey_import_privkey (subject_pub, subject_key, 0, 0);

  g_printerr ("store: generating %d certificates\n", n);
  t0 = now_s ();
  for (int i = 0; i < n; i++)
    {
      gnutls_x509_crt_t crt;
      g_autofree char *dn = g_strdup_printf ("O=Signet Bench,CN=User %d", i);
      g_autofree char *mail = g_strdup_printf ("user%d@example.test", i);
      guint8 serial[12], ski[20];
      gnutls_datum_t out;

      for (guint j = 0; j < sizeof serial; j++)
        serial[j] = (guint8) g_rand_int (rand);
      serial[0] &= 0x7f;
      serial[0] |= 1;
      for (guint j = 0; j < sizeof ski; j++)
        ski[j] = (guint8) g_rand_int (rand);
      gnutls_x509_crt_init (&crt);
      gnutls_x509_crt_set_version (crt, 3);
      gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
      gnutls_x509_crt_set_dn (crt, dn, NULL);
      gnutls_x509_crt_set_activation_time (crt, now - 86400);
      gnutls_x509_crt_set_expiration_time (crt, now + 365 * 86400);
      gnutls_x509_crt_set_pubkey (crt, subject_pub);
      gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_RFC822NAME, mail, strlen (mail), GNUTLS_FSAN_SET);
      gnutls_x509_crt_set_subject_key_id (crt, ski, sizeof ski);
      gnutls_x509_crt_set_authority_key_id (crt, ca_ski, ca_ski_len);
      gnutls_x509_crt_set_basic_constraints (crt, 0, -1);
      gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION);
      gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_EMAIL_PROTECTION, 0);
      if (gnutls_x509_crt_privkey_sign (crt, ca, ca_key, GNUTLS_DIG_SHA256, 0) < 0)
        die ("cannot sign a store certificate");
      gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out);
      g_ptr_array_add (ders, g_bytes_new (out.data, out.size));
      gnutls_free (out.data);
      gnutls_x509_crt_deinit (crt);
    }
  t_gen = now_s () - t0;

  t0 = now_s ();
  for (guint i = 0; i < ders->len; i++)
    {
      SignetCertificate *c = signet_certificate_new_from_der (g_ptr_array_index (ders, i), &error);

      if (c == NULL)
        die ("%s", error->message);
      g_ptr_array_add (certs, c);
    }
  t_parse = now_s () - t0;

  store = signet_store_open (store_dir, &error);
  if (store == NULL)
    die ("%s", error->message);
  g_printerr ("store: importing\n");
  t0 = now_s ();
  for (guint i = 0; i < certs->len; i += 10000)
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new ();
      guint added = 0;

      for (guint j = i; j < certs->len && j < i + 10000; j++)
        g_ptr_array_add (batch, g_ptr_array_index (certs, j));
      if (!signet_store_add_certificates (store, batch, "bench", now, &added, &error))
        die ("%s", error->message);
    }
  t_import = now_s () - t0;

  for (int k = 0; k < n_lookups; k++)
    {
      guint i = g_rand_int_range (rand, 0, n);
      SignetCertificate *c = g_ptr_array_index (certs, i);
      g_autofree char *mail = g_strdup_printf ("user%u@example.test", i);
      double t;

      t0 = now_s ();
      {
        g_autoptr (GPtrArray) r = signet_store_find_by_address (store, mail, NULL);

        found += r != NULL && r->len == 1;
      }
      t = now_s () - t0;
      t_addr += t;
      max_addr = MAX (max_addr, t);
      t0 = now_s ();
      {
        g_autoptr (GPtrArray) r = signet_store_find_by_issuer_serial (store, signet_certificate_get_raw_issuer (c),
                                                                      signet_certificate_get_serial (c), NULL);

        found += r != NULL && r->len == 1;
      }
      t = now_s () - t0;
      t_is += t;
      max_is = MAX (max_is, t);
      t0 = now_s ();
      {
        g_autoptr (GPtrArray) r = signet_store_find_by_subject_key_id (store, signet_certificate_get_subject_key_id (c), NULL);

        found += r != NULL && r->len == 1;
      }
      t = now_s () - t0;
      t_ski += t;
      max_ski = MAX (max_ski, t);
    }
  g_string_append_printf (md,
                          "\n## Certificate store (%d distinct certificates, SQLite)\n\n"
                          "| step | time |\n|---|---:|\n"
                          "| generate (GnuTLS, not Signet) | %.1f s |\n"
                          "| parse (signet_certificate_new_from_der) | %.1f s (%.0f µs each) |\n"
                          "| **import (signet_store_add_certificates, batches of 10,000)** | **%.1f s** (%.0f µs each) |\n"
                          "| find_by_address (mean / max of %d) | %.0f µs / %.0f µs |\n"
                          "| find_by_issuer_serial | %.0f µs / %.0f µs |\n"
                          "| find_by_subject_key_id | %.0f µs / %.0f µs |\n"
                          "| lookups that found exactly the certificate | %u / %d |\n",
                          n, t_gen, t_parse, t_parse * 1e6 / n, t_import, t_import * 1e6 / n, n_lookups,
                          t_addr * 1e6 / n_lookups, max_addr * 1e6, t_is * 1e6 / n_lookups, max_is * 1e6,
                          t_ski * 1e6 / n_lookups, max_ski * 1e6, found, 3 * n_lookups);
  if (found != (guint) (3 * n_lookups))
    functional_failure = TRUE;
  gnutls_privkey_deinit (subject_key);
  gnutls_pubkey_deinit (subject_pub);
  gnutls_privkey_deinit (ca_key);
  gnutls_x509_crt_deinit (ca);
}

/* ---- one large message ---------------------------------------------------- */

static int
child_big (void)
{
  long rss0 = maxrss_kb ();
  g_autoptr (GBytes) msg = NULL;
  g_autoptr (SignetReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SignetVerifier) v = signet_verifier_new ();
  g_autofree char *root = g_build_filename (opt_child_dir, "rsa", "root.pem", NULL);
  g_autofree char *root_crl = g_build_filename (opt_child_dir, "rsa", "root.crl", NULL);
  g_autofree char *int_crl = g_build_filename (opt_child_dir, "rsa", "int.crl", NULL);
  long rss_loaded;
  double t0, t;

  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_add_anchors_from_file (v, root, NULL);
  signet_verifier_add_crls_from_file (v, root_crl, NULL);
  signet_verifier_add_crls_from_file (v, int_crl, NULL);
  msg = read_bytes (opt_child_big);
  rss_loaded = maxrss_kb ();
  t0 = now_s ();
  report = signet_verifier_verify_bytes (v, msg, NULL, &error);
  t = now_s () - t0;
  printf ("RESULT size=%" G_GSIZE_FORMAT " verdict=%d ms=%.1f rss0_kb=%ld loaded_kb=%ld maxrss_kb=%ld\n",
          g_bytes_get_size (msg), report ? (int) signet_report_get_verdict (report) : -1, t * 1e3, rss0, rss_loaded,
          maxrss_kb ());
  return 0;
}

static void
bench_big (const char *dir, GString *md)
{
  int mb = opt_quick ? 2 : opt_big_mb;
  g_autofree char *body = g_build_filename (dir, "big-body.txt", NULL);
  g_autofree char *msg = g_build_filename (dir, "big.eml", NULL);
  g_autofree char *self = self_exe ();
  g_autofree char *out = NULL;
  g_autofree char *script = NULL;
  char *argv[] = { self, "--child-big", msg, "--child-dir", (char *) dir, NULL };
  gsize size = 0;
  int verdict = -1;
  double ms = 0;
  long rss0 = 0, loaded = 0, rss = 0;
  char *line;

  g_printerr ("big: generating a %d MB message\n", mb);
  {
    FILE *f = fopen (body, "w");
    g_autoptr (GRand) rand = g_rand_new_with_seed (mb);
    gsize written = 0;

    if (f == NULL)
      die ("cannot write %s", body);
    while (written < (gsize) mb * 1000 * 1000)
      {
        char line_buf[80];
        int k;

        for (k = 0; k < 72; k++)
          line_buf[k] = 'a' + g_rand_int_range (rand, 0, 26);
        line_buf[k++] = '\n';
        fwrite (line_buf, 1, k, f);
        written += k;
      }
    fclose (f);
  }
  script = g_strdup_printf ("set -eu\ncd \"%s\"\nopenssl cms -sign -text -md sha256 -in big-body.txt -signer rsa/ee.pem "
                            "-inkey rsa/ee.key -certfile rsa/int.pem -from signer-rsa@example.test -to reader@example.test "
                            "-subject Big -out big.eml\n",
                            dir);
  run_script (dir, script);
  out = capture (argv, NULL);
  line = out ? strstr (out, "RESULT ") : NULL;
  if (line == NULL ||
      sscanf (line, "RESULT size=%" G_GSIZE_FORMAT " verdict=%d ms=%lf rss0_kb=%ld loaded_kb=%ld maxrss_kb=%ld", &size,
              &verdict, &ms, &rss0, &loaded, &rss) != 6)
    {
      g_string_append (md, "\n## Large message\n\nthe child process failed\n");
      functional_failure = TRUE;
      return;
    }
  if (verdict != SIGNET_VERDICT_VALID)
    functional_failure = TRUE;
  g_string_append_printf (md,
                          "\n## One large message (RSA, detached multipart/signed, one child process)\n\n"
                          "| message | verdict | verify time | RSS at start | RSS with the message read | peak RSS | "
                          "peak - start | (peak - start) / message size |\n|---:|---|---:|---:|---:|---:|---:|---:|\n"
                          "| %.1f MB | %s | %.0f ms | %.1f MiB | %.1f MiB | %.1f MiB | %.1f MiB | %.2f |\n",
                          size / 1e6, verdict == SIGNET_VERDICT_VALID ? "valid" : "NOT VALID", ms, rss0 / 1024.0,
                          loaded / 1024.0, rss / 1024.0, (rss - rss0) / 1024.0, (rss - rss0) * 1024.0 / size);
  g_unlink (body);
}

/* ---- main ---------------------------------------------------------------- */

static void
machine_info (GString *md)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *model = NULL;
  g_autofree char *uname_out = NULL;
  char *uname_argv[] = { "uname", "-srm", NULL };
  g_autofree char *openssl_v = NULL;
  char *openssl_argv[] = { "openssl", "version", NULL };

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      char *p = strstr (cpuinfo, "model name");

      if (p && (p = strchr (p, ':')))
        model = g_strndup (p + 2, strcspn (p + 2, "\n"));
    }
  uname_out = capture (uname_argv, NULL);
  openssl_v = capture (openssl_argv, NULL);
  g_string_append_printf (md, "Machine: %s, %u CPUs, %s; GnuTLS %s; %s\n", model ? model : "?",
                          g_get_num_processors (), uname_out ? g_strstrip (uname_out) : "?",
                          gnutls_check_version (NULL), openssl_v ? g_strstrip (openssl_v) : "openssl ?");
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- measure Signet against GnuTLS, openssl and gpgsm");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GString) md = g_string_new (NULL);
  gboolean keep;
  gint64 now;
  double t0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    die ("%s", error->message);
  signet_init ();

  if (opt_child_crl != NULL)
    return child_crl ();
  if (opt_child_big != NULL)
    return child_big ();

  if (opt_quick)
    {
      opt_messages = MIN (opt_messages, 20);
      opt_rounds = 1;
    }
  if (opt_messages < 1 || opt_rounds < 1)
    die ("--messages and --rounds must be positive");
  if (g_find_program_in_path ("openssl") == NULL)
    {
      g_printerr ("signet-bench: openssl is needed to generate the corpus; skipping\n");
      return 77;
    }

  keep = opt_workdir != NULL;
  if (keep)
    {
      g_mkdir_with_parents (opt_workdir, 0700);
      dir = g_canonicalize_filename (opt_workdir, NULL);
    }
  else
    {
      dir = g_dir_make_tmp ("signet-bench-XXXXXX", &error);
      if (dir == NULL)
        die ("%s", error->message);
    }
  now = g_get_real_time () / G_USEC_PER_SEC;

  g_printerr ("signet-bench: working in %s\n", dir);
  t0 = now_s ();
  run_script (dir, pki_script);
  for (int a = 0; a < 2; a++)
    {
      make_small_crl (dir, algs[a], "root", NULL, now);
      make_small_crl (dir, algs[a], "int", "ee-revoked", now);
    }
  if (section_wanted ("verify"))
    {
      write_bodies (dir, opt_messages, 20 * 1000);
      sign_messages (dir, opt_messages);
    }
  g_printerr ("signet-bench: corpus ready in %.1f s\n", now_s () - t0);

  g_string_append (md, "# signet-bench results\n\n");
  machine_info (md);

  if (section_wanted ("verify"))
    {
      g_string_append (md, "\n## Verification, per message\n");
      bench_verify (dir, opt_messages, opt_rounds, md);
    }
  if (section_wanted ("crl"))
    bench_crl (dir, md);
  if (section_wanted ("store"))
    bench_store (dir, md);
  if (section_wanted ("big"))
    bench_big (dir, md);

  printf ("%s", md->str);

  if (!keep)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
      char *rm_argv[] = { "/bin/sh", "-c", cmd, NULL };

      spawn_wait (rm_argv, NULL);
    }
  return functional_failure ? 1 : 0;
}
