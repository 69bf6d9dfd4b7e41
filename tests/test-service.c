/* test-service.c: the `signet` client and `signet-cli --service`, as real
 * processes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every command run through the service must give the same stdout, stderr
 * and exit status as signet-cli run directly (SIGNET_NO_SERVICE=1); a
 * service that may not run a command (another binary, another load-time
 * environment) refuses it and the client runs signet-cli itself. Whether
 * a command went through the service is read from the service's counters
 * (the STATUS request of the protocol); whether it ran in a fork()ed child
 * or in the warm worker, from the service's debug log
 * (SIGNET_SERVICE_DEBUG, set for every process of the test).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#define SIGNET_SERVICE_CLIENT 1
#include "signet-service.h"

static char *client_path; /* build/tools/signet */
static char *cli_path;    /* build/tools/signet-cli */
static char *tmp_dir;
static char *socket_path; /* the default: $XDG_RUNTIME_DIR/signet/cli.sock */
static char *messages_dir;
static char *anchor;
static char *pki_dir;
static char *debug_log; /* SIGNET_SERVICE_DEBUG */

static void remove_tree (const char *path);

typedef struct
{
  gint64 pid, served, refused, running;
} Status;

/* The STATUS request, spoken directly; FALSE when nobody answers. */
static gboolean
query (const char *path, Status *st)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  SignetServiceMessage m = { SIGNET_SERVICE_MAGIC, SIGNET_SERVICE_MSG_STATUS, { 0 } };
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  gsize got = 0;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, path);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      send (fd, &m, sizeof m, MSG_NOSIGNAL) != sizeof m)
    {
      close (fd);
      return FALSE;
    }
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
  st->pid = m.value[0];
  st->served = m.value[1];
  st->refused = m.value[2];
  st->running = m.value[3];
  return TRUE;
}

static Status
status_of (const char *path)
{
  Status st = { 0 };

  g_assert_true (query (path, &st));
  return st;
}

static gboolean
wait_for (gboolean (*cond) (gpointer), gpointer data)
{
  for (int i = 0; i < 500; i++)
    {
      if (cond (data))
        return TRUE;
      g_usleep (10000);
    }
  return FALSE;
}

static gboolean
listening (gpointer path)
{
  Status st;

  return query (path, &st);
}

static gboolean
exited (gpointer proc)
{
  g_main_context_iteration (NULL, FALSE);
  return g_subprocess_get_identifier (proc) == NULL;
}

/* `EXE --service` on @path (NULL: the default socket), with @env_extra
 * ("NAME=VALUE" or "NAME" to unset). */
static GSubprocess *
start_service (const char *exe, const char *path, const char *const *env_extra, int idle_timeout)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *timeout = g_strdup_printf ("%d", idle_timeout);
  g_autoptr (GError) error = NULL;
  GSubprocess *proc;

  if (path != NULL)
    g_subprocess_launcher_setenv (launcher, "SIGNET_SERVICE_SOCKET", path, TRUE);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      const char *eq = strchr (env_extra[i], '=');

      if (eq == NULL)
        g_subprocess_launcher_unsetenv (launcher, env_extra[i]);
      else
        {
          g_autofree char *name = g_strndup (env_extra[i], eq - env_extra[i]);

          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
    }
  proc = g_subprocess_launcher_spawn (launcher, &error, exe, "--service", "--idle-timeout", timeout,
                                      NULL);
  g_assert_no_error (error);
  g_assert_true (wait_for (listening, (gpointer) (path ? path : socket_path)));
  return proc;
}

static void
stop_service (GSubprocess *proc)
{
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (wait_for (exited, proc));
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

typedef struct
{
  char *out;
  char *err;
  int status; /* exit status, or -signal */
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static GSubprocessLauncher *
launcher_for (GSubprocessFlags flags, const char *const *env_extra)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_cwd (launcher, messages_dir);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      const char *eq = strchr (env_extra[i], '=');

      if (eq == NULL)
        g_subprocess_launcher_unsetenv (launcher, env_extra[i]);
      else
        {
          g_autofree char *name = g_strndup (env_extra[i], eq - env_extra[i]);

          g_subprocess_launcher_setenv (launcher, name, eq + 1, TRUE);
        }
    }
  return launcher;
}

/* Runs the client in tests/data/messages with @argv (after "signet"). */
static Result
run (const char *const *argv, const char *const *env_extra, const char *stdin_path)
{
  g_autoptr (GSubprocessLauncher) launcher =
      launcher_for (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, env_extra);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  Result r = { 0 };

  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  g_ptr_array_add (args, client_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (proc))
    r.status = g_subprocess_get_exit_status (proc);
  else
    r.status = -g_subprocess_get_term_sig (proc);
  return r;
}

static const char *const no_service[] = { "SIGNET_NO_SERVICE=1", NULL };

/* The last line of the debug log: "fork verify 1234", "warm check 1234",
 * … (empty when there is none). */
static char *
last_logged (void)
{
  g_autofree char *text = NULL;
  char *end, *start;

  if (!g_file_get_contents (debug_log, &text, NULL, NULL))
    return g_strdup ("");
  end = text + strlen (text);
  if (end > text && end[-1] == '\n')
    *--end = '\0';
  start = strrchr (text, '\n');
  return g_strdup (start != NULL ? start + 1 : text);
}

/* How the last command ran: "fork", "warm" or "refused". */
static char *
last_mode (void)
{
  g_autofree char *line = last_logged ();
  char *space = strchr (line, ' ');

  return g_strndup (line, space != NULL ? (gsize) (space - line) : strlen (line));
}

static pid_t
last_pid (void)
{
  g_autofree char *line = last_logged ();
  char *space = strrchr (line, ' ');

  return space != NULL ? (pid_t) g_ascii_strtoll (space + 1, NULL, 10) : 0;
}

/* How the last command of assert_same_env() ran. */
static char last_served_mode[16];

#define VERIFY_OPTIONS                                                                             \
  "verify", "--no-store", "--offline", "--no-system-trust", "--anchor", anchor, "--at",            \
      "2030-01-01T00:00:00Z"

/* Runs @argv through the service and directly: the same bytes, the same
 * status; and the service ran it. Returns the status. */
static int
assert_same_env (const char *const *argv,
                 const char *const *env,
                 const char *stdin_path,
                 char **err_out)
{
  Status before = status_of (socket_path), after;
  g_auto (Result) served = run (argv, env, stdin_path);
  g_auto (Result) direct = { 0 };
  g_autoptr (GPtrArray) direct_env = g_ptr_array_new ();

  after = status_of (socket_path);
  g_assert_cmpint (after.served, ==, before.served + 1);
  g_assert_cmpint (after.refused, ==, before.refused);
  {
    g_autofree char *mode = last_mode ();

    g_snprintf (last_served_mode, sizeof last_served_mode, "%s", mode);
  }
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    g_ptr_array_add (direct_env, (char *) env[i]);
  g_ptr_array_add (direct_env, (char *) no_service[0]);
  g_ptr_array_add (direct_env, NULL);
  direct = run (argv, (const char *const *) direct_env->pdata, stdin_path);
  if (err_out != NULL)
    *err_out = g_strdup (served.err);
  g_assert_cmpstr (served.out, ==, direct.out);
  g_assert_cmpstr (served.err, ==, direct.err);
  g_assert_cmpint (served.status, ==, direct.status);
  g_assert_cmpint (status_of (socket_path).served, ==, after.served);
  return served.status;
}

static int
assert_same (const char *const *argv, const char *stdin_path)
{
  return assert_same_env (argv, NULL, stdin_path, NULL);
}

static void
test_identical (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  const char *const files[] = { "good-rsa.eml",  "tampered.eml",    "enveloped.eml",
                                "badbase64.eml", "missing-sig.eml", "no-such-file.eml" };
  gboolean statuses[5] = { FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *const argv[] = { VERIFY_OPTIONS, files[i], NULL };
      const char *const json[] = { VERIFY_OPTIONS, "--json", files[i], NULL };
      int status = assert_same (argv, NULL);

      g_assert_cmpstr (last_served_mode, ==, "warm");
      g_assert_cmpint (status, >=, 0);
      g_assert_cmpint (status, <=, 4);
      statuses[status] = TRUE;
      g_assert_cmpint (assert_same (json, NULL), ==, status);
    }
  /* The failing verdicts' statuses are relayed: invalid, unsigned, error. */
  g_assert_true (statuses[2]);
  g_assert_true (statuses[3]);
  g_assert_true (statuses[4]);
  {
    const char *const several[] = { VERIFY_OPTIONS, "good-rsa.eml", "tampered.eml", "good-ec.eml",
                                    NULL };
    const char *const version[] = { "--version", NULL };
    const char *const usage[] = { NULL };
    const char *const unknown[] = { "frobnicate", NULL };
    const char *const bad_option[] = { "verify", "--no-such-option", "x.eml", NULL };

    g_assert_cmpint (assert_same (several, NULL), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "warm");
    g_assert_cmpint (assert_same (version, NULL), ==, 0);
    g_assert_cmpstr (last_served_mode, ==, "fork");
    g_assert_cmpint (assert_same (usage, NULL), ==, 4);
    g_assert_cmpint (assert_same (unknown, NULL), ==, 4);
    g_assert_cmpstr (last_served_mode, ==, "fork");
    g_assert_cmpint (assert_same (bad_option, NULL), ==, 4);
    g_assert_cmpstr (last_served_mode, ==, "warm");
  }
  {
    /* The child reads the client's environment, not the service's: a
     * store folder that cannot be created is named on stderr. */
    g_autofree char *file = g_build_filename (tmp_dir, "a-file", NULL);
    g_autofree char *data_home = g_build_filename (file, "data", NULL);
    g_autofree char *data_env = g_strconcat ("XDG_DATA_HOME=", data_home, NULL);
    const char *const env[] = { data_env, NULL };
    const char *const with_store[] = { "verify",     "--offline",    "--no-system-trust",
                                       "--anchor",   anchor,         "--at",
                                       "2030-01-01", "tampered.eml", NULL };
    g_autofree char *err = NULL;

    g_assert_true (g_file_set_contents (file, "", 0, NULL));
    g_assert_cmpint (assert_same_env (with_store, env, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, data_home));
    /* Another XDG_DATA_HOME than the service's: not in the warm worker. */
    g_assert_cmpstr (last_served_mode, ==, "fork");
  }
  stop_service (service);
}

static void
test_stdin (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autofree char *good = g_build_filename (messages_dir, "good-rsa.eml", NULL);
  g_autofree char *tampered = g_build_filename (messages_dir, "tampered.eml", NULL);
  const char *const argv[] = { VERIFY_OPTIONS, "-", NULL };

  g_assert_cmpint (assert_same (argv, good), ==, 1);
  g_assert_cmpstr (last_served_mode, ==, "warm");
  g_assert_cmpint (assert_same (argv, tampered), ==, 2);
  g_assert_cmpstr (last_served_mode, ==, "warm");
  stop_service (service);
}

static void
test_fallback (void)
{
  g_autofree char *nowhere = g_build_filename (tmp_dir, "nowhere.sock", NULL);
  const char *const argv[] = { VERIFY_OPTIONS, "tampered.eml", NULL };
  g_autofree char *socket_env = g_strconcat ("SIGNET_SERVICE_SOCKET=", nowhere, NULL);
  const char *const env[] = { socket_env, NULL };
  const char *const unset[] = { "XDG_RUNTIME_DIR", NULL };
  g_auto (Result) fallback = run (argv, env, NULL);
  g_auto (Result) no_runtime = run (argv, unset, NULL);
  g_auto (Result) direct = run (argv, no_service, NULL);

  g_assert_cmpint (direct.status, ==, 2);
  g_assert_cmpstr (direct.out, !=, "");
  g_assert_cmpstr (fallback.out, ==, direct.out);
  g_assert_cmpstr (fallback.err, ==, direct.err);
  g_assert_cmpint (fallback.status, ==, direct.status);
  g_assert_cmpstr (no_runtime.out, ==, direct.out);
  g_assert_cmpint (no_runtime.status, ==, direct.status);
}

/* A closed stdin stays closed for the command: the client does not use
 * the service then (its socket would take descriptor 0). */
static void
test_closed_stdin (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *const verify[] = { VERIFY_OPTIONS, "-", NULL };
  Status before = status_of (socket_path);
  char *out[2], *err[2];
  int status[2];

  g_ptr_array_add (argv, "/bin/sh");
  g_ptr_array_add (argv, "-c");
  g_ptr_array_add (argv, "exec \"$@\" <&-");
  g_ptr_array_add (argv, "sh");
  g_ptr_array_add (argv, client_path);
  for (guint i = 0; verify[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) verify[i]);
  g_ptr_array_add (argv, NULL);
  for (int k = 0; k < 2; k++)
    {
      g_autoptr (GSubprocessLauncher) launcher =
          launcher_for (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                        k == 0 ? NULL : no_service);
      g_autoptr (GSubprocess) proc = NULL;
      g_autoptr (GError) error = NULL;

      proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &out[k], &err[k], &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (proc));
      status[k] = g_subprocess_get_exit_status (proc);
    }
  g_assert_cmpint (status_of (socket_path).served, ==, before.served);
  g_assert_cmpint (status[0], ==, 4);
  g_assert_cmpint (status[0], ==, status[1]);
  g_assert_cmpstr (out[0], ==, out[1]);
  g_assert_cmpstr (err[0], ==, err[1]);
  for (int k = 0; k < 2; k++)
    {
      g_free (out[k]);
      g_free (err[k]);
    }
  stop_service (service);
}

/* A copy of signet-cli: the same program, another file. */
static char *
copy_cli (const char *name)
{
  g_autofree char *dir = g_build_filename (tmp_dir, name, NULL);
  char *copy = g_build_filename (dir, "signet-cli", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (cli_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  g_assert_cmpint (g_chmod (copy, 0755), ==, 0);
  return copy;
}

static void
assert_refused (const char *path, const char *const *env_extra)
{
  const char *const argv[] = { VERIFY_OPTIONS, "tampered.eml", NULL };
  g_autofree char *socket_env = g_strconcat ("SIGNET_SERVICE_SOCKET=", path, NULL);
  const char *env[8] = { socket_env };
  Status before = status_of (path), after;
  g_auto (Result) refused = { 0 };
  g_auto (Result) direct = run (argv, no_service, NULL);

  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL && i < 6; i++)
    env[i + 1] = env_extra[i];
  refused = run (argv, env, NULL);
  after = status_of (path);
  g_assert_cmpint (after.refused, ==, before.refused + 1);
  g_assert_cmpint (after.served, ==, before.served);
  /* …and the client still gave the right answer. */
  g_assert_cmpint (direct.status, ==, 2);
  g_assert_cmpstr (refused.out, ==, direct.out);
  g_assert_cmpstr (refused.err, ==, direct.err);
  g_assert_cmpint (refused.status, ==, direct.status);
}

static void
test_refuse_binary (void)
{
  g_autofree char *copy = copy_cli ("other-binary");
  g_autofree char *path = g_build_filename (tmp_dir, "other-binary", "cli.sock", NULL);
  g_autoptr (GSubprocess) service = start_service (copy, path, NULL, 60);

  assert_refused (path, NULL);
  stop_service (service);
}

static void
test_refuse_environment (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "other-env", NULL);
  g_autofree char *path = g_build_filename (dir, "cli.sock", NULL);
  const char *const service_env[] = { "G_DEBUG=gc-friendly", NULL };
  g_autoptr (GSubprocess) service = NULL;
  const char *const other[] = { "G_DEBUG=gc-friendly,fatal-criticals", NULL };
  const char *const none[] = { "G_DEBUG", NULL };
  const char *const gnutls[] = { "G_DEBUG=gc-friendly", "GNUTLS_DEBUG_LEVEL=0", NULL };
  const char *const argv[] = { VERIFY_OPTIONS, "tampered.eml", NULL };
  g_autofree char *socket_env = g_strconcat ("SIGNET_SERVICE_SOCKET=", path, NULL);
  const char *const same[] = { socket_env, "G_DEBUG=gc-friendly", "LANGUAGE=C", NULL };
  Status before;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  service = start_service (cli_path, path, service_env, 60);
  assert_refused (path, other);
  assert_refused (path, none);
  assert_refused (path, gnutls);
  /* A variable read after fork() may differ. */
  before = status_of (path);
  {
    g_auto (Result) r = run (argv, same, NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
  g_assert_cmpint (status_of (path).served, ==, before.served + 1);
  stop_service (service);
}

/* A client with other supplementary groups than the service's (after
 * newgrp, or a group added since the service started) is not served: a
 * command would run with the service's groups. Needs root, for setpriv. */
static void
test_refuse_groups (void)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autoptr (GSubprocess) service = NULL;
  const char *const argv[] = { VERIFY_OPTIONS, "tampered.eml", NULL };
  g_auto (Result) direct = { 0 };
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *groups = NULL;
  Status before;

  if (setpriv == NULL || geteuid () != 0)
    {
      g_test_skip ("needs setpriv and root");
      return;
    }
  service = start_service (cli_path, NULL, NULL, 60);
  direct = run (argv, no_service, NULL);
  before = status_of (socket_path);
  /* The same uid and gid, one more group (nogroup). */
  groups = g_strdup_printf ("--groups=%u,65534", (guint) getgid ());
  launcher = launcher_for (G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  g_ptr_array_add (args, setpriv);
  g_ptr_array_add (args, groups);
  g_ptr_array_add (args, client_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, direct.status);
  g_assert_cmpstr (out, ==, direct.out);
  g_assert_cmpint (status_of (socket_path).served, ==, before.served);
  /* The same groups: served. */
  {
    g_auto (Result) r = run (argv, NULL, NULL);

    g_assert_cmpint (r.status, ==, direct.status);
    g_assert_cmpint (status_of (socket_path).served, ==, before.served + 1);
  }
  stop_service (service);
}

static gboolean
one_running (gpointer path)
{
  Status st;

  return query (path, &st) && st.running == 1;
}

static gboolean
none_running (gpointer path)
{
  Status st;

  return query (path, &st) && st.running == 0;
}

/* `signet verify -` on a pipe nobody writes to: the child waits. */
static GSubprocess *
start_waiting_client (void)
{
  g_autoptr (GSubprocessLauncher) launcher =
      launcher_for (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  g_autoptr (GError) error = NULL;
  GSubprocess *proc;

  proc = g_subprocess_launcher_spawn (launcher, &error, client_path, VERIFY_OPTIONS, "-", NULL);
  g_assert_no_error (error);
  g_assert_true (wait_for (one_running, socket_path));
  {
    g_autofree char *mode = last_mode ();

    /* The warm worker runs it: the signal and the client's end reach it. */
    g_assert_cmpstr (mode, ==, "warm");
  }
  return proc;
}

static void
test_signal (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autoptr (GSubprocess) client = start_waiting_client ();

  /* SIGINT reaches the child, and the client dies of it as the child did. */
  g_subprocess_send_signal (client, SIGINT);
  g_assert_true (wait_for (exited, client));
  g_assert_true (g_subprocess_get_if_signaled (client));
  g_assert_cmpint (g_subprocess_get_term_sig (client), ==, SIGINT);
  g_assert_true (wait_for (none_running, socket_path));
  stop_service (service);
}

static void
test_kill_client (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autoptr (GSubprocess) client = start_waiting_client ();
  GInputStream *out = g_subprocess_get_stdout_pipe (client);
  g_autoptr (GError) error = NULL;
  char buf[256];
  gssize n;

  g_subprocess_force_exit (client);
  g_assert_true (wait_for (exited, client));
  /* The child is killed too: nobody holds the pipe's other end any more
   * (read() would block for ever otherwise, and the test time out). */
  g_assert_true (wait_for (none_running, socket_path));
  n = g_input_stream_read (out, buf, sizeof buf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  stop_service (service);
}

static void
test_idle_timeout (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 1);
  const char *const argv[] = { "--version", NULL };

  /* A command, then a second of nothing. */
  assert_same (argv, NULL);
  g_assert_true (wait_for (exited, service));
  g_assert_true (g_subprocess_get_if_exited (service));
  g_assert_cmpint (g_subprocess_get_exit_status (service), ==, 0);
  g_assert_false (g_file_test (socket_path, G_FILE_TEST_EXISTS));
}

static void
test_binary_replaced (void)
{
  g_autofree char *copy = copy_cli ("replaced");
  g_autofree char *path = g_build_filename (tmp_dir, "replaced", "cli.sock", NULL);
  g_autoptr (GSubprocess) service = start_service (copy, path, NULL, 60);
  g_autofree char *contents = NULL;
  g_autofree char *fresh = g_strconcat (copy, ".new", NULL);
  gsize len;

  /* An upgrade: a new file renamed over the old one. */
  g_assert_true (g_file_get_contents (cli_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (fresh, contents, len, NULL));
  g_assert_cmpint (g_rename (fresh, copy), ==, 0);
  g_assert_true (wait_for (exited, service));
  g_assert_true (g_subprocess_get_if_exited (service));
  g_assert_cmpint (g_subprocess_get_exit_status (service), ==, 0);
}

/* ---- the warm worker ------------------------------------------------------ */

/* verify and check run in the warm worker, one after another in the same
 * process, with the same results as signet-cli run directly; options that
 * exit() or read the terminal take the fork path. */
static void
test_warm (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autofree char *alice = g_build_filename (pki_dir, "alice.pem", NULL);
  g_autofree char *crl = g_build_filename (pki_dir, "inter-ca.crl.pem", NULL);
#define CHECK_OPTIONS                                                                              \
  "check", "--no-store", "--offline", "--no-system-trust", "--anchor", anchor, "--at",             \
      "2030-01-01T00:00:00Z"
  const char *const verify_json[] = { VERIFY_OPTIONS, "--json", "good-ec.eml", NULL };
  const char *const verify_policy[] = { VERIFY_OPTIONS,         "--policy",
                                        "2.5.29.32.0",          "--require-explicit-policy",
                                        "--inhibit-any-policy", "tampered.eml",
                                        "multi-signer.eml",     NULL };
  const char *const verify_crl[] = { VERIFY_OPTIONS, "--crl", crl, "revoked-with-crl.eml", NULL };
  const char *const verify_bad_time[] = { "verify",    "--no-store",   "--at",
                                          "yesterday", "good-rsa.eml", NULL };
  const char *const verify_dashdash[] = { VERIFY_OPTIONS, "--", "good-rsa.eml", NULL };
  const char *const verify_no_file[] = { VERIFY_OPTIONS, NULL };
  const char *const check[] = { CHECK_OPTIONS, "--address", "alice@example.org", alice, NULL };
  const char *const check_other[] = { CHECK_OPTIONS, "--address", "bob@example.org", alice, NULL };
  const char *const check_json[] = { CHECK_OPTIONS, "--json", alice, NULL };
  const char *const check_missing[] = { CHECK_OPTIONS, "no-such-cert.pem", NULL };
  const char *const *warm[] = { verify_json,     verify_policy,  verify_crl,  verify_bad_time,
                                verify_dashdash, verify_no_file, check,       check_other,
                                check_json,      check_missing,  verify_json, check };
  const char *const help[] = { "verify", "--help", NULL };
  const char *const help_short[] = { "verify", "-h", NULL };
  const char *const help_cluster[] = { "check", "-?", NULL };
  const char *const help_all[] = { "check", "--help-all", NULL };
  const char *const interactive[] = { VERIFY_OPTIONS, "--interactive", "good-rsa.eml", NULL };
  const char *const value_help[] = { VERIFY_OPTIONS, "--anchor", "--help", "good-rsa.eml", NULL };
  const char *const *forked[] = {
    help, help_short, help_cluster, help_all, interactive, value_help
  };
  pid_t worker = 0;

  for (guint i = 0; i < G_N_ELEMENTS (warm); i++)
    {
      assert_same (warm[i], NULL);
      g_assert_cmpstr (last_served_mode, ==, "warm");
      /* One worker for all of them. */
      if (worker == 0)
        worker = last_pid ();
      g_assert_cmpint (last_pid (), ==, worker);
    }
  for (guint i = 0; i < G_N_ELEMENTS (forked); i++)
    {
      assert_same (forked[i], NULL);
      g_assert_cmpstr (last_served_mode, ==, "fork");
    }
  /* The worker is still there, and still serves. */
  g_assert_cmpint (kill (worker, 0), ==, 0);
  assert_same (check, NULL);
  g_assert_cmpint (last_pid (), ==, worker);
  /* A client that ignores a signal the worker does not set per command
   * (here SIGALRM) takes the fork path. */
  {
    const char *const argv[] = { "/bin/sh",      "-c",        "trap '' ALRM; exec \"$@\"",
                                 "sh",           client_path, VERIFY_OPTIONS,
                                 "tampered.eml", NULL };
    g_autoptr (GSubprocessLauncher) launcher =
        launcher_for (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, NULL);
    g_autoptr (GSubprocess) proc = g_subprocess_launcher_spawnv (launcher, argv, NULL);
    g_autofree char *mode = NULL;

    g_assert_nonnull (proc);
    g_assert_true (g_subprocess_wait (proc, NULL, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
    mode = last_mode ();
    g_assert_cmpstr (mode, ==, "fork");
  }
  stop_service (service);
}

/* Runs @argv (with --store @store) through the client; returns stdout. */
static char *
run_with_store (const char *store, gboolean direct, int expected_status)
{
  const char *const argv[] = { "verify",
                               "--store",
                               store,
                               "--offline",
                               "--no-system-trust",
                               "--anchor",
                               anchor,
                               "--at",
                               "2030-01-01T00:00:00Z",
                               "good-rsa.eml",
                               NULL };
  g_auto (Result) r = run (argv, direct ? no_service : NULL, NULL);

  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, expected_status);
  if (!direct)
    {
      g_autofree char *mode = last_mode ();

      g_assert_cmpstr (mode, ==, "warm");
    }
  return g_steal_pointer (&r.out);
}

/* The worker keeps the stores open, but uses one again only while its
 * folder and database are the same files: the verdict memory ("First
 * checked") is the same as signet-cli's, run after run, through another
 * store, a removed store and a replaced one. */
static void
test_warm_store (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autofree char *a = g_build_filename (tmp_dir, "store-a", NULL);
  g_autofree char *b = g_build_filename (tmp_dir, "store-b", NULL);
  g_autofree char *d = g_build_filename (tmp_dir, "store-direct", NULL);
  g_autofree char *fresh = NULL, *again = NULL;
  pid_t worker;

  /* What signet-cli says the first time and the second. */
  fresh = run_with_store (d, TRUE, 1);
  again = run_with_store (d, TRUE, 1);
  g_assert_null (strstr (fresh, "First checked"));
  g_assert_nonnull (strstr (again, "First checked"));

  {
    g_autofree char *s1 = run_with_store (a, FALSE, 1);
    g_autofree char *s2 = NULL, *s3 = NULL, *s4 = NULL;

    worker = last_pid ();
    s2 = run_with_store (a, FALSE, 1);
    s3 = run_with_store (b, FALSE, 1);
    s4 = run_with_store (a, FALSE, 1);
    g_assert_cmpstr (s1, ==, fresh);
    g_assert_cmpstr (s2, ==, again);
    g_assert_cmpstr (s3, ==, fresh);
    g_assert_cmpstr (s4, ==, again);
  }
  /* Removed: a new, empty store, as signet-cli would create. */
  remove_tree (a);
  {
    g_autofree char *s5 = run_with_store (a, FALSE, 1);

    g_assert_cmpstr (s5, ==, fresh);
  }
  /* Replaced by another store, which remembers the message. */
  remove_tree (a);
  g_assert_cmpint (g_rename (b, a), ==, 0);
  {
    g_autofree char *s6 = run_with_store (a, FALSE, 1);

    g_assert_cmpstr (s6, ==, again);
  }
  /* Its files removed (the folder stays): a new database. */
  {
    g_autofree char *s7 = NULL;
    GDir *dir = g_dir_open (a, 0, NULL);
    const char *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (a, name, NULL);

        g_assert_cmpint (g_unlink (path), ==, 0);
      }
    g_dir_close (dir);
    s7 = run_with_store (a, FALSE, 1);
    g_assert_cmpstr (s7, ==, fresh);
  }
  g_assert_cmpint (last_pid (), ==, worker);
  stop_service (service);
}

/* Writes @source's bytes over @path in place (same inode). */
static void
overwrite_with (const char *path, const char *source)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  FILE *f;

  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  f = fopen (path, "r+b");
  if (f == NULL)
    f = fopen (path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), 0), ==, 0);
  g_assert_cmpuint (fwrite (data, 1, len, f), ==, len);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* Runs @argv as assert_same() does; returns what the service printed. */
static char *
same_output (const char *const *argv, int expected_status)
{
  g_auto (Result) r = { 0 };

  g_assert_cmpint (assert_same (argv, NULL), ==, expected_status);
  g_assert_cmpstr (last_served_mode, ==, "warm");
  r = run (argv, NULL, NULL);
  g_assert_cmpint (r.status, ==, expected_status);
  return g_steal_pointer (&r.out);
}

/* The worker keeps what it read from --anchor and --crl files, but only
 * while the file is the one it read: rewritten in place (same inode, same
 * name), renamed over, or removed, the next command reads it again, so
 * the answer is always signet-cli's. The files are written two seconds
 * before they are first read, so that the worker keeps them. */
static void
test_warm_files (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autofree char *crl = g_build_filename (tmp_dir, "changing.crl", NULL);
  g_autofree char *root = g_build_filename (tmp_dir, "changing-root.pem", NULL);
  g_autofree char *other = g_build_filename (tmp_dir, "other.pem", NULL);
  g_autofree char *stale_src = g_build_filename (pki_dir, "inter-ca-stale.crl.pem", NULL);
  g_autofree char *good_src = g_build_filename (pki_dir, "inter-ca.crl.pem", NULL);
  g_autofree char *wrongkey_src = g_build_filename (pki_dir, "inter-ca-wrongkey.crl.pem", NULL);
  g_autofree char *root_src = g_build_filename (pki_dir, "root-ca.pem", NULL);
  g_autofree char *other_src = g_build_filename (pki_dir, "other-root.pem", NULL);
  const char *const verify_crl[] = { "verify", "--no-store", "--offline", "--no-system-trust",
                                     "--anchor", anchor, "--at", "2030-01-01T00:00:00Z",
                                     "--crl", crl, "revoked.eml", NULL };
  const char *const verify_root[] = { "verify", "--no-store", "--offline", "--no-system-trust",
                                      "--anchor", root, "--at", "2030-01-01T00:00:00Z",
                                      "good-rsa.eml", NULL };
  g_autofree char *stale1 = NULL, *stale2 = NULL, *current = NULL, *wrongkey = NULL;
  g_autofree char *trusted1 = NULL, *trusted2 = NULL, *untrusted = NULL;
  g_autofree char *err = NULL;

  overwrite_with (crl, stale_src);
  overwrite_with (root, root_src);
  overwrite_with (other, other_src);
  g_usleep (2200 * G_TIME_SPAN_MILLISECOND);

  /* Read, then kept: the same answer (the list is out of date). */
  stale1 = same_output (verify_crl, 1);
  stale2 = same_output (verify_crl, 1);
  g_assert_cmpstr (stale1, ==, stale2);
  /* Rewritten in place with the current list: revoked. */
  overwrite_with (crl, good_src);
  current = same_output (verify_crl, 2);
  /* Then with a list of the same issuer signed by another key. */
  overwrite_with (crl, wrongkey_src);
  wrongkey = same_output (verify_crl, 1);
  g_assert_cmpstr (wrongkey, !=, stale1);
  /* Removed: the error a fresh process gives. */
  g_assert_cmpint (g_unlink (crl), ==, 0);
  g_assert_cmpint (assert_same_env (verify_crl, NULL, NULL, &err), ==, 4);
  g_assert_nonnull (strstr (err, "changing.crl"));

  /* The anchor file: kept, then another root renamed over it. */
  trusted1 = same_output (verify_root, 1);
  trusted2 = same_output (verify_root, 1);
  g_assert_cmpstr (trusted1, ==, trusted2);
  g_assert_cmpint (g_rename (other, root), ==, 0);
  untrusted = same_output (verify_root, 1);
  g_assert_cmpstr (untrusted, !=, trusted1);
  stop_service (service);
}

/* Another environment than the service's takes the fork path; the same
 * one, in German, is run warm and in German. */
static void
test_warm_environment (void)
{
  g_autofree char *tools = g_path_get_dirname (cli_path);
  g_autofree char *po = g_build_filename (tools, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (po, "de", "LC_MESSAGES", "signet.mo", NULL);
  g_autofree char *localedir = g_strconcat ("SIGNET_LOCALEDIR=", po, NULL);
  const char *const german[] = { "LANGUAGE=de", localedir, NULL };
  const char *const argv[] = { VERIFY_OPTIONS, "good-rsa.eml", "tampered.eml", NULL };
  const char *const check[] = { "check", "--no-store", "--offline",        "--no-system-trust",
                                "--at",  "2030-01-01", "no-such-cert.pem", NULL };
  g_autofree char *english = NULL;

  {
    g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
    const char *const tz[] = { "TZ=Europe/Berlin", NULL };
    const char *const shell[] = { "PWD=/elsewhere", "OLDPWD=/", "SHLVL=7", "_=/bin/signet", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (assert_same_env (argv, NULL, NULL, &err), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "warm");
    g_assert_cmpint (assert_same_env (argv, german, NULL, NULL), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "fork");
    g_assert_cmpint (assert_same_env (argv, tz, NULL, NULL), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "fork");
    /* The shell's bookkeeping does not count. */
    g_assert_cmpint (assert_same_env (argv, shell, NULL, NULL), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "warm");
    {
      g_auto (Result) r = run (argv, NULL, NULL);

      english = g_strdup (r.out);
    }
    stop_service (service);
  }
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the German translation is not built");
      return;
    }
  {
    g_autoptr (GSubprocess) service = start_service (cli_path, NULL, german, 60);
    g_autofree char *err = NULL;

    g_assert_cmpint (assert_same_env (argv, german, NULL, NULL), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "warm");
    g_assert_cmpint (assert_same_env (check, german, NULL, &err), ==, 4);
    g_assert_cmpstr (last_served_mode, ==, "warm");
    {
      g_auto (Result) r = run (argv, german, NULL);

      g_assert_cmpstr (r.out, !=, english);
    }
    /* English to the German service: forked, and English. */
    g_assert_cmpint (assert_same_env (argv, NULL, NULL, NULL), ==, 2);
    g_assert_cmpstr (last_served_mode, ==, "fork");
    stop_service (service);
  }
}

/* The worker dies under a command (not of a signal the client sent). Its
 * standard input is a pipe the worker may already have read from, so the
 * command is not run again: the client says the connection was lost and
 * exits 4, as a command whose service died does. The next command gets a
 * new worker and the right answer. (With a regular file or a terminal as
 * standard input, and no pipe named on the command line, the client runs
 * signet-cli itself from the start instead.) */
static void
test_warm_lost (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autoptr (GSubprocess) client = start_waiting_client ();
  g_autofree char *good = g_build_filename (messages_dir, "good-rsa.eml", NULL);
  const char *const argv[] = { VERIFY_OPTIONS, "-", NULL };
  g_autoptr (GBytes) nothing = g_bytes_new (NULL, 0);
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GError) error = NULL;
  pid_t worker = last_pid ();

  g_assert_cmpint (worker, >, 0);
  g_assert_cmpint (kill (worker, SIGKILL), ==, 0);
  g_assert_true (wait_for (none_running, socket_path));
  g_subprocess_communicate (client, nothing, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (client));
  g_assert_cmpint (g_subprocess_get_exit_status (client), ==, 4);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
  g_assert_cmpint (assert_same (argv, good), ==, 1);
  g_assert_cmpstr (last_served_mode, ==, "warm");
  g_assert_cmpint (last_pid (), !=, worker);
  stop_service (service);
}

/* While the worker is busy (here: waiting on a pipe), other commands take
 * the fork path and are not held up. */
static void
test_warm_busy (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autoptr (GSubprocess) client = start_waiting_client ();
  const char *const argv[] = { VERIFY_OPTIONS, "tampered.eml", NULL };
  g_autofree char *good = g_build_filename (messages_dir, "good-rsa.eml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) message = NULL;
  g_autoptr (GError) error = NULL;
  pid_t worker = last_pid ();
  gsize len;

  g_assert_cmpint (assert_same (argv, NULL), ==, 2);
  g_assert_cmpstr (last_served_mode, ==, "fork");
  g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
  message = g_bytes_new (contents, len);
  g_subprocess_communicate (client, message, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (client));
  g_assert_cmpint (g_subprocess_get_exit_status (client), ==, 1);
  /* Idle again: the same worker takes the next one. */
  g_assert_cmpint (assert_same (argv, NULL), ==, 2);
  g_assert_cmpstr (last_served_mode, ==, "warm");
  g_assert_cmpint (last_pid (), ==, worker);
  stop_service (service);
}

static gint64
rss_kib (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  line = strstr (text, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

/* Hundreds of commands in one worker: its memory stays flat (under ASan,
 * whose quarantine grows by design, LSan checks the worker at its end
 * instead: the service's exit status says so). */
static void
test_warm_memory (void)
{
  g_autoptr (GSubprocess) service = start_service (cli_path, NULL, NULL, 60);
  g_autofree char *store = g_build_filename (tmp_dir, "store-memory", NULL);
  const char *const argv[] = { "verify",
                               "--store",
                               store,
                               "--offline",
                               "--no-system-trust",
                               "--anchor",
                               anchor,
                               "--at",
                               "2030-01-01T00:00:00Z",
                               "good-rsa.eml",
                               "tampered.eml",
                               "good-ec.eml",
                               NULL };
#ifdef SANITIZED
  const int n = 50;
#else
  const int n = 200;
#endif
  gint64 before = 0, after;
  pid_t worker = 0;

  for (int i = 0; i < n + 20; i++)
    {
      g_auto (Result) r = run (argv, NULL, NULL);

      g_assert_cmpint (r.status, ==, 2);
      if (i == 19)
        {
          worker = last_pid ();
          before = rss_kib (worker);
        }
    }
  g_assert_cmpint (last_pid (), ==, worker);
  after = rss_kib (worker);
  g_test_message ("worker RSS: %" G_GINT64_FORMAT " KiB after 20 commands, %" G_GINT64_FORMAT
                  " KiB after %d more",
                  before, after, n);
#ifndef SANITIZED
  g_assert_cmpint (after - before, <, 1024);
#endif
  stop_service (service);
}

/* signet service start|status|stop, through the client. */
static void
test_commands (void)
{
  const char *const start[] = { "service", "start", "--idle-timeout", "30", NULL };
  const char *const status[] = { "service", "status", NULL };
  const char *const stop[] = { "service", "stop", NULL };
  const char *const version[] = { "--version", NULL };
  Status st;

  {
    g_auto (Result) r = run (status, NULL, NULL);

    g_assert_cmpint (r.status, ==, 3);
    g_assert_cmpstr (r.out, ==, "The Signet service is not running.\n");
  }
  {
    g_auto (Result) r = run (start, NULL, NULL);

    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
  }
  st = status_of (socket_path);
  {
    g_auto (Result) r = run (status, NULL, NULL);
    g_autofree char *expected =
        g_strdup_printf ("The Signet service is running (process %" G_GINT64_FORMAT ").\n", st.pid);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
  }
  /* Starting again is not an error; nor is a second service. */
  {
    g_auto (Result) r = run (start, NULL, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (status_of (socket_path).pid, ==, st.pid);
  }
  assert_same (version, NULL);
  {
    g_auto (Result) r = run (stop, NULL, NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  for (int i = 0; i < 500 && kill ((pid_t) st.pid, 0) == 0; i++)
    g_usleep (10000);
  g_assert_cmpint (kill ((pid_t) st.pid, 0), !=, 0);
  g_assert_false (query (socket_path, &st));
  {
    g_auto (Result) r = run (status, NULL, NULL);

    g_assert_cmpint (r.status, ==, 3);
  }
}

/* The socket's folder must be private. */
static void
test_private_folder (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "open", NULL);
  g_autofree char *path = g_build_filename (dir, "cli.sock", NULL);
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_subprocess_launcher_setenv (launcher, "SIGNET_SERVICE_SOCKET", path, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, cli_path, "--service", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 4);
  g_assert_nonnull (strstr (err, "0700"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileEnumerator) e = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  const char *cli = g_getenv ("SIGNET_CLI");
  g_autofree char *tools = NULL;
  g_autofree char *runtime = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (cli == NULL)
    {
      g_test_skip ("SIGNET_CLI is not set");
      return g_test_run ();
    }
  /* SIGNET_CLI is the client or signet-cli: both are in tools/. */
  tools = g_path_get_dirname (cli);
  client_path = g_build_filename (tools, "signet", NULL);
  cli_path = g_build_filename (tools, "signet-cli", NULL);
  messages_dir = g_test_build_filename (G_TEST_DIST, "data", "messages", NULL);
  anchor = g_test_build_filename (G_TEST_DIST, "data", "pki", "root-ca.pem", NULL);
  pki_dir = g_test_build_filename (G_TEST_DIST, "data", "pki", NULL);
  tmp_dir = g_dir_make_tmp ("signet-service-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  runtime = g_build_filename (tmp_dir, "run", NULL);
  g_assert_cmpint (g_mkdir (runtime, 0700), ==, 0);
  /* Every process of the test uses this runtime folder, never the
   * user's own service. */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_unsetenv ("SIGNET_SERVICE_SOCKET");
  g_unsetenv ("SIGNET_NO_SERVICE");
  debug_log = g_build_filename (tmp_dir, "service.log", NULL);
  g_setenv ("SIGNET_SERVICE_DEBUG", debug_log, TRUE);
  socket_path =
      g_build_filename (runtime, SIGNET_SERVICE_SOCKET_DIR, SIGNET_SERVICE_SOCKET_NAME, NULL);

  g_test_add_func ("/service/identical", test_identical);
  g_test_add_func ("/service/stdin", test_stdin);
  g_test_add_func ("/service/fallback", test_fallback);
  g_test_add_func ("/service/closed-stdin", test_closed_stdin);
  g_test_add_func ("/service/refuse-binary", test_refuse_binary);
  g_test_add_func ("/service/refuse-environment", test_refuse_environment);
  g_test_add_func ("/service/refuse-groups", test_refuse_groups);
  g_test_add_func ("/service/signal", test_signal);
  g_test_add_func ("/service/kill-client", test_kill_client);
  g_test_add_func ("/service/idle-timeout", test_idle_timeout);
  g_test_add_func ("/service/binary-replaced", test_binary_replaced);
  g_test_add_func ("/service/commands", test_commands);
  g_test_add_func ("/service/private-folder", test_private_folder);
  g_test_add_func ("/service/warm", test_warm);
  g_test_add_func ("/service/warm-store", test_warm_store);
  g_test_add_func ("/service/warm-files", test_warm_files);
  g_test_add_func ("/service/warm-environment", test_warm_environment);
  g_test_add_func ("/service/warm-lost", test_warm_lost);
  g_test_add_func ("/service/warm-busy", test_warm_busy);
  g_test_add_func ("/service/warm-memory", test_warm_memory);
  status = g_test_run ();

  remove_tree (tmp_dir);
  g_free (client_path);
  g_free (cli_path);
  g_free (messages_dir);
  g_free (anchor);
  g_free (pki_dir);
  g_free (debug_log);
  g_free (tmp_dir);
  g_free (socket_path);
  return status;
}
