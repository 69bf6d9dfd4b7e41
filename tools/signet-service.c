/* signet-service.c: `signet-cli --service`, a warm process that runs the
 * commands of the `signet` client.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Starting signet-cli costs more than verifying a message: ld.so maps and
 * relocates about thirty libraries. The service has paid that once; each
 * command of the `signet` client (tools/signet-client.c) is run by a
 * fork()ed child that takes over the client's stdin, stdout, stderr,
 * working directory, umask, argv and environment, and then runs exactly
 * what a fresh signet-cli runs (signet_cli_main()).
 *
 * So that a child behaves like a fresh process, the service does nothing
 * before fork() that reads the environment or keeps state: no setlocale(),
 * no signet_init(), no GLib or GIO call, no thread, no stdio on stdout.
 * What the libraries' constructors read at load time (G_DEBUG, G_SLICE,
 * GNUTLS_*, the sanitizers' options, LD_*, …) must be the same in the
 * client's environment: otherwise the command is refused and the client
 * runs signet-cli itself. The same goes for a client whose signet-cli is
 * another file than the service's own executable.
 *
 * `verify` and `check` go faster still: a fork()ed child re-faults the
 * libraries' pages, opens the store and fills the library's caches each
 * time. When a command may (the CLI's warm_eligible(): verify or check
 * without options that exit() or read the terminal) and the client's
 * environment is the service's own except for variables that cannot change
 * what the command does (warm_ignored_variables), the command runs in the
 * warm worker instead: one process, forked once from the pristine service
 * when the first such command comes, that runs these commands one after
 * another with the client's descriptors, working directory, umask,
 * environment strings, ignored signals and signal mask put in place for
 * each and taken back afterwards. The worker keeps the library's
 * process-wide caches and the stores it opened (tools/signet.c) from one
 * command to the next.
 *
 * The worker, not the service itself, runs them: the service must stay
 * pristine for the fork path (GLib caches what it read of the environment,
 * and a process with threads must not fork and go on), and a command that
 * crashes, hangs, or is interrupted only takes the worker down. A signal
 * the client forwards (SIGINT, SIGTERM, SIGHUP) is sent to the worker,
 * which dies of it as signet-cli would; a client that goes away gets its
 * worker killed. The next eligible command starts a new worker. While the
 * worker is busy, other commands take the fork path: one stuck command
 * (a slow fetch is bounded by its --fetch-timeout) never blocks the rest.
 * If the worker dies of anything else before the command finished, the
 * client is told to RETRY: it runs signet-cli itself (verify and check
 * only record verdicts, so running them again is harmless).
 *
 * Every request is bounded (size, number of strings, time to arrive,
 * number of connections), and only the user who runs the service may use
 * it (SO_PEERCRED; the socket's folder is 0700).
 *
 * SIGNET_SERVICE_DEBUG=FILE (in the service's environment) appends one
 * line per command to FILE: how it ran ("fork", "warm", "refused") and the
 * pid that ran it.
 */
#include "config.h"

#define _GNU_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdio_ext.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "signet-service.h"

extern char **environ;

typedef enum
{
  CONN_HEADER,   /* reading the RUN/STATUS/STOP message */
  CONN_BODY,     /* reading the body of RUN */
  CONN_ACCEPTED, /* ACCEPT sent, waiting for GO */
  CONN_RUNNING,  /* the child runs */
  CONN_CLOSED,
} ConnState;

typedef struct
{
  int fd;
  ConnState state;
  int64_t deadline; /* ms, for HEADER/BODY/ACCEPTED */
  SignetServiceMessage header;
  size_t got;
  char *body;
  size_t body_len;
  int fds[SIGNET_SERVICE_N_FDS];
  int n_fds;
  pid_t child;
  bool client_gone;
  bool warm_ok;     /* the worker may run it */
  bool in_worker;   /* the worker runs it */
  char command[32]; /* argv[1], for the debug log */
} Conn;

typedef struct
{
  int listen_fd;
  int lock_fd;
  bool activated; /* the socket came from systemd */
  char socket_path[PATH_MAX];
  char exe_path[PATH_MAX];
  SignetServiceIdentity exe;
  int root_fd; /* the service's own working directory ("/") */
  int signal_pipe[2];
  int idle_timeout; /* seconds, 0 = never */
  bool stopping;
  Conn conns[SIGNET_SERVICE_MAX_CONNECTIONS];
  int64_t served, refused;
  const SignetServiceCli *cli;
  /* The warm worker: its pid (0: none), the service's end of the
   * socketpair, the command it runs (NULL: idle), and the signal the
   * service sent it (0: none). */
  pid_t worker_pid;
  int worker_fd;
  Conn *worker_conn;
  int worker_signal;
  bool worker_failed; /* a worker exited with a status other than 0 */
  int debug_fd;
} Service;

/* Variables that the warm worker's commands never read, so that they may
 * differ between the client and the service: the shell's bookkeeping
 * (PWD, OLDPWD, _, SHLVL), the terminal's size and session (COLUMNS,
 * LINES, WINDOWID, TERM_SESSION_ID; only --help reads COLUMNS, and
 * --help is never run warm), the ssh session's addresses (SSH_CLIENT,
 * SSH_CONNECTION, SSH_TTY), and the variables of the client and the
 * service themselves. Any other difference (HOME, XDG_*, LANG, LC_*,
 * LANGUAGE, TZ, SIGNET_*, G_MESSAGES_DEBUG, …) takes the fork path:
 * GLib caches what it reads of the environment, and the worker has read
 * the service's. */
static const char *const warm_ignored_variables[] = {
  "PWD",
  "OLDPWD",
  "_",
  "SHLVL",
  "COLUMNS",
  "LINES",
  "WINDOWID",
  "TERM_SESSION_ID",
  "SSH_CLIENT",
  "SSH_CONNECTION",
  "SSH_TTY",
  "SIGNET_NO_SERVICE",
  "SIGNET_SERVICE_SOCKET",
  "SIGNET_SERVICE_DEBUG",
  NULL,
};

/* The signals whose disposition the worker sets to the client's (ignored
 * or default) for each command; a client that ignores any other signal
 * takes the fork path. */
static const int warm_signals[] = {
  SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2,
};

/* Variables that a library reads when it is loaded or first used and then
 * keeps: the service has read its own, so a client must have the same. A
 * name ending in '_' is a prefix. Anything else the command reads (HOME,
 * XDG_*, LANG, LC_*, LANGUAGE, TZ, SIGNET_*, G_MESSAGES_DEBUG, …) is read
 * after fork(), from the client's environment. */
static const char *const load_time_variables[] = {
  "LD_",            /* ld.so: LD_PRELOAD, LD_LIBRARY_PATH, LD_BIND_NOW, … */
  "GLIBC_TUNABLES", /* ld.so and malloc */
  "MALLOC_",        /* MALLOC_CHECK_, MALLOC_PERTURB_, MALLOC_ARENA_MAX, … */
  "ASAN_OPTIONS",   /* the sanitizers, at start-up */
  "LSAN_OPTIONS",
  "UBSAN_OPTIONS",
  "MSAN_OPTIONS",
  "TSAN_OPTIONS",
  "G_DEBUG", /* GLib's constructor */
  "G_MESSAGES_PREFIXED",
  "G_SLICE", /* GLib 2.74's slice allocator */
  "G_ENABLE_DIAGNOSTIC",
  "G_RANDOM_VERSION",
  "GOBJECT_DEBUG", /* GObject's constructor */
  "GIO_",          /* GIO_USE_VFS, GIO_MODULE_DIR, GIO_EXTRA_MODULES, … */
  "GSETTINGS_BACKEND",
  "GSETTINGS_SCHEMA_DIR",
  "GNUTLS_",  /* GnuTLS's constructor: GNUTLS_DEBUG_LEVEL, GNUTLS_SYSTEM_PRIORITY_FILE, … */
  "P11_KIT_", /* p11-kit's constructor */
  "GMIME_",
  NULL,
};

static size_t
variable_name_length (const char *entry)
{
  const char *eq = strchr (entry, '=');

  return eq != NULL ? (size_t) (eq - entry) : strlen (entry);
}

static bool
load_time_variable (const char *entry)
{
  size_t name_len = variable_name_length (entry);

  for (size_t i = 0; load_time_variables[i] != NULL; i++)
    {
      const char *v = load_time_variables[i];
      size_t len = strlen (v);

      if (v[len - 1] == '_' ? strncmp (entry, v, len) == 0
                            : (name_len == len && strncmp (entry, v, len) == 0))
        return true;
    }
  return false;
}

/* A variable the warm worker's commands may read: any but
 * warm_ignored_variables. */
static bool
warm_compared_variable (const char *entry)
{
  size_t name_len = variable_name_length (entry);

  for (size_t i = 0; warm_ignored_variables[i] != NULL; i++)
    if (strlen (warm_ignored_variables[i]) == name_len &&
        strncmp (entry, warm_ignored_variables[i], name_len) == 0)
      return false;
  return true;
}

/* Whether each entry of @a that @compared selects is in @b with the same
 * value, and the other way round. */
static bool
environments_agree (char **a, char **b, bool (*compared) (const char *entry))
{
  for (int pass = 0; pass < 2; pass++)
    {
      char **x = pass == 0 ? a : b, **y = pass == 0 ? b : a;

      for (size_t i = 0; x[i] != NULL; i++)
        {
          bool found = false;

          if (!compared (x[i]))
            continue;
          for (size_t j = 0; y[j] != NULL && !found; j++)
            found = strcmp (x[i], y[j]) == 0;
          if (!found)
            return false;
        }
    }
  return true;
}

static uint64_t
warm_signal_bits (void)
{
  uint64_t bits = 0;

  for (size_t i = 0; i < G_N_ELEMENTS (warm_signals); i++)
    bits |= UINT64_C (1) << (warm_signals[i] - 1);
  return bits;
}

static void debug_log (Service *s, const Conn *c, const char *how, pid_t pid);

static bool
identity_equal (const SignetServiceIdentity *a, const SignetServiceIdentity *b)
{
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

static void service_fatal (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Only on the way out: the service never sets a locale before fork(). */
static void
service_fatal (const char *format, ...)
{
  const char *localedir = getenv ("SIGNET_LOCALEDIR");
  va_list ap;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  fputs ("signet service: ", stderr);
  va_start (ap, format);
  vfprintf (stderr, g_dgettext (GETTEXT_PACKAGE, format), ap);
  va_end (ap);
  fputc ('\n', stderr);
}

static int signal_fd = -1;

static void
on_signal (int signo)
{
  unsigned char c = (unsigned char) signo;
  int saved = errno;

  /* The pipe is non-blocking; a full pipe already says "look". */
  if (write (signal_fd, &c, 1) < 0)
    {
    }
  errno = saved;
}

static bool
send_message (int fd, uint32_t type, int64_t v0, int64_t v1, int64_t v2, int64_t v3)
{
  SignetServiceMessage m = { SIGNET_SERVICE_MAGIC, type, { v0, v1, v2, v3 } };

  return send (fd, &m, sizeof m, MSG_NOSIGNAL | MSG_DONTWAIT) == (ssize_t) sizeof m;
}

static void
conn_close (Service *s, Conn *c)
{
  if (c->fd >= 0)
    close (c->fd);
  for (int i = 0; i < c->n_fds; i++)
    close (c->fds[i]);
  free (c->body);
  memset (c, 0, sizeof *c);
  c->fd = -1;
  c->state = CONN_CLOSED;
}

static void
refuse (Service *s, Conn *c, SignetServiceRefusal why)
{
  s->refused++;
  debug_log (s, c, "refused", 0);
  send_message (c->fd, SIGNET_SERVICE_MSG_REFUSE, why, 0, 0, 0);
  conn_close (s, c);
}

static int
running_count (Service *s)
{
  int n = 0;

  for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS; i++)
    n += s->conns[i].state == CONN_RUNNING;
  return n;
}

static int
open_count (Service *s)
{
  int n = 0;

  for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS; i++)
    n += s->conns[i].state != CONN_CLOSED;
  return n;
}

/* Stops listening; the commands that run are finished. */
static void
stop_listening (Service *s)
{
  if (s->stopping)
    return;
  s->stopping = true;
  if (!s->activated)
    unlink (s->socket_path);
  /* systemd's socket stays ours until the process exits (no new instance
   * is started while this one is active): keep accepting, and close each
   * new connection at once, so its client runs signet-cli itself at once
   * instead of waiting for the request deadline. */
  if (s->listen_fd >= 0 && !s->activated)
    {
      close (s->listen_fd);
      s->listen_fd = -1;
    }
  if (s->lock_fd >= 0)
    close (s->lock_fd);
  s->lock_fd = -1;
}

/* Checks the whole request; on success the connection is ACCEPTED. */
static void
check_request (Service *s, Conn *c)
{
  SignetServiceRun run;
  size_t n_strings, off;
  char **strings;
  struct stat st;

  if (c->body_len < sizeof run || c->n_fds != SIGNET_SERVICE_N_FDS)
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
      return;
    }
  memcpy (&run, c->body, sizeof run);
  if (run.version != SIGNET_SERVICE_VERSION || run.argc < 1 ||
      (uint64_t) run.argc + run.envc > SIGNET_SERVICE_MAX_STRINGS ||
      c->body[c->body_len - 1] != '\0')
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
      return;
    }
  /* Exactly argc + envc strings fill the body. */
  n_strings = 0;
  for (off = sizeof run; off < c->body_len; off += strlen (c->body + off) + 1)
    n_strings++;
  if (n_strings != (size_t) run.argc + run.envc)
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
      return;
    }
  if (!identity_equal (&run.identity, &s->exe))
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_BINARY);
      return;
    }
  /* The descriptors: three open files and a folder. */
  if (fstat (c->fds[3], &st) != 0 || !S_ISDIR (st.st_mode))
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
      return;
    }
  /* Can the child enter it? (Then the child need not fail.) */
  if (fchdir (c->fds[3]) != 0)
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_DIRECTORY);
      return;
    }
  if (fchdir (s->root_fd) != 0)
    abort ();

  strings = calloc (n_strings + 2, sizeof (char *));
  if (strings == NULL)
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_BUSY);
      return;
    }
  off = sizeof run;
  for (size_t i = 0; i < n_strings; i++)
    {
      strings[i + (i >= run.argc ? 1 : 0)] = c->body + off;
      off += strlen (c->body + off) + 1;
    }
  /* strings = argv…, NULL, environ…, NULL */
  if (!environments_agree (strings + run.argc + 1, environ, load_time_variable))
    {
      free (strings);
      refuse (s, c, SIGNET_SERVICE_REFUSE_ENVIRONMENT);
      return;
    }
  snprintf (c->command, sizeof c->command, "%s", run.argc > 1 ? strings[1] : "");
  c->warm_ok = s->cli->warm_eligible != NULL && s->cli->warm_eligible ((int) run.argc, strings) &&
               (run.ignored_signals & ~warm_signal_bits ()) == 0 &&
               environments_agree (strings + run.argc + 1, environ, warm_compared_variable);
  free (strings);
  if (!send_message (c->fd, SIGNET_SERVICE_MSG_ACCEPT, 0, 0, 0, 0))
    {
      conn_close (s, c);
      return;
    }
  c->state = CONN_ACCEPTED;
}

/* fork() with every signal blocked across it: a signal forwarded to the
 * new process before it has reset the service's handlers stays pending
 * until it has (then it acts as on a fresh signet-cli), instead of running
 * the service's handler in the child. The child dies with the service
 * (PR_SET_PDEATHSIG), so no command outlives the connection that reports
 * on it. In the child the signals stay blocked: the caller resets the
 * handlers, then sets the mask it wants. */
static pid_t
fork_blocked (void)
{
  sigset_t all, old;
  pid_t parent = getpid ();
  pid_t pid;

  sigfillset (&all);
  sigprocmask (SIG_SETMASK, &all, &old);
  pid = fork ();
  if (pid != 0)
    {
      sigprocmask (SIG_SETMASK, &old, NULL);
      return pid;
    }
  if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != parent)
    _exit (127);
  return 0;
}

static void run_child (Service *s, Conn *c) G_GNUC_NORETURN;

static void
run_child (Service *s, Conn *c)
{
  SignetServiceRun run;
  char **strings, **argv, **envp;
  size_t off = sizeof run;
  sigset_t mask;
  int status;

  memcpy (&run, c->body, sizeof run);
  /* The signals of a fresh signet-cli exec()ed by the client: default,
   * except those the client ignores; the client's mask. */
  signal (SIGCHLD, SIG_DFL);
  signal (SIGPIPE, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGINT, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  sigemptyset (&mask);
  for (int sig = 1; sig < 64 && sig < NSIG; sig++)
    {
      if (sig == SIGKILL || sig == SIGSTOP)
        continue;
      if (run.ignored_signals & (UINT64_C (1) << (sig - 1)))
        signal (sig, SIG_IGN);
      if (run.blocked_signals & (UINT64_C (1) << (sig - 1)))
        sigaddset (&mask, sig);
    }
  sigprocmask (SIG_SETMASK, &mask, NULL);

  strings = calloc ((size_t) run.argc + run.envc + 2, sizeof (char *));
  if (strings == NULL || fchdir (c->fds[3]) != 0)
    _exit (127);
  for (size_t i = 0; i < (size_t) run.argc + run.envc; i++)
    {
      strings[i + (i >= run.argc ? 1 : 0)] = c->body + off;
      off += strlen (c->body + off) + 1;
    }
  argv = strings;
  envp = strings + run.argc + 1;
  umask ((mode_t) (run.umask & 0777));
  /* The received descriptors are all above 2: the service keeps 0, 1 and
   * 2 open (on /dev/null when it has nothing else). */
  for (int i = 0; i < 3; i++)
    if (dup2 (c->fds[i], i) < 0)
      _exit (127);
  close_range (3, ~0U, 0);
  environ = envp;
  status = s->cli->cli_main ((int) run.argc, argv);
  exit (status);
}

/* ---- the warm worker ------------------------------------------------------ */

/* Reads exactly @len bytes; false on end of file or error. */
static bool
recv_all (int fd, void *data, size_t len)
{
  char *p = data;

  while (len > 0)
    {
      ssize_t n = recv (fd, p, len, MSG_WAITALL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      p += n;
      len -= (size_t) n;
    }
  return true;
}

static bool
send_all (int fd, const void *data, size_t len)
{
  const char *p = data;

  while (len > 0)
    {
      ssize_t n = send (fd, p, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      p += n;
      len -= (size_t) n;
    }
  return true;
}

/* Runs one command (the body of a RUN request, with the client's four
 * descriptors) in the worker, as a fresh signet-cli would, and puts the
 * worker back as it was. Returns the exit status, or -1 when the command
 * could not be set up (the client then runs signet-cli itself). */
static int
worker_run (Service *s, const char *body, size_t body_len, int *fds, const int *saved, int home_fd)
{
  SignetServiceRun run;
  char **strings;
  size_t off = sizeof run;
  sigset_t mask, old_mask;
  mode_t old_umask;
  int status;

  memcpy (&run, body, sizeof run);
  strings = calloc ((size_t) run.argc + run.envc + 2, sizeof (char *));
  if (strings == NULL)
    return -1;
  for (size_t i = 0; i < (size_t) run.argc + run.envc && off < body_len; i++)
    {
      strings[i + (i >= run.argc ? 1 : 0)] = (char *) body + off;
      off += strlen (body + off) + 1;
    }
  if (fchdir (fds[3]) != 0)
    {
      free (strings);
      return -1;
    }
  /* Nothing of the previous command's stdio may leak into this one. */
  fflush (stdout);
  fflush (stderr);
  __fpurge (stdin);
  for (int i = 0; i < 3; i++)
    if (dup2 (fds[i], i) < 0)
      abort ();
  clearerr (stdin);
  clearerr (stdout);
  clearerr (stderr);
  /* As glibc chooses for a fresh process: line-buffered on a terminal. */
  setvbuf (stdout, NULL, isatty (STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
  old_umask = umask ((mode_t) (run.umask & 0777));
  for (size_t i = 0; i < G_N_ELEMENTS (warm_signals); i++)
    signal (warm_signals[i],
            (run.ignored_signals & (UINT64_C (1) << (warm_signals[i] - 1))) ? SIG_IGN : SIG_DFL);
  sigemptyset (&mask);
  for (int sig = 1; sig < 64 && sig < NSIG; sig++)
    if (sig != SIGKILL && sig != SIGSTOP && (run.blocked_signals & (UINT64_C (1) << (sig - 1))))
      sigaddset (&mask, sig);
  sigprocmask (SIG_SETMASK, &mask, &old_mask);
  /* environ stays the worker's: the client's equals it but for variables
   * no command reads (warm_ignored_variables), and what the libraries
   * keep of it must not point into a request that is freed. */

  status = s->cli->cli_main ((int) run.argc, strings);

  fflush (stdout);
  fflush (stderr);
  sigprocmask (SIG_SETMASK, &old_mask, NULL);
  for (size_t i = 0; i < G_N_ELEMENTS (warm_signals); i++)
    signal (warm_signals[i], SIG_DFL);
  umask (old_umask);
  for (int i = 0; i < 3; i++)
    if (dup2 (saved[i], i) < 0)
      abort ();
  clearerr (stdin);
  clearerr (stdout);
  clearerr (stderr);
  if (fchdir (home_fd) != 0)
    abort ();
  free (strings);
  return status & 0xff;
}

static void worker_main (Service *s, int fd) G_GNUC_NORETURN;

/* The worker: commands from the service, one at a time, until the
 * service closes its end. */
static void
worker_main (Service *s, int fd)
{
  int saved[3], home_fd;
  sigset_t none;

  /* The worker is a fresh signet-cli as far as signals go. */
  signal (SIGCHLD, SIG_DFL);
  signal (SIGPIPE, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGINT, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
  /* Only 0, 1, 2 (the service's) and the socketpair stay open. */
  if (fd != 3)
    {
      if (dup2 (fd, 3) < 0)
        _exit (127);
      fd = 3;
    }
  fcntl (fd, F_SETFD, FD_CLOEXEC);
  close_range (4, ~0U, 0);
  for (int i = 0; i < 3; i++)
    {
      saved[i] = fcntl (i, F_DUPFD_CLOEXEC, 4);
      if (saved[i] < 0)
        _exit (127);
    }
  home_fd = open ("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (home_fd < 0 || fchdir (home_fd) != 0)
    _exit (127);
  if (s->cli->warm_begin != NULL)
    s->cli->warm_begin ();

  for (;;)
    {
      union
      {
        char buf[CMSG_SPACE (sizeof (int) * SIGNET_SERVICE_N_FDS)];
        struct cmsghdr align;
      } control;
      SignetServiceMessage m;
      struct iovec iov = { &m, sizeof m };
      struct msghdr msg = { 0 };
      int fds[SIGNET_SERVICE_N_FDS], n_fds = 0;
      char *body;
      ssize_t n;
      int status;

      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control.buf;
      msg.msg_controllen = sizeof control.buf;
      do
        n = recvmsg (fd, &msg, MSG_WAITALL | MSG_CMSG_CLOEXEC);
      while (n < 0 && errno == EINTR);
      if (n <= 0)
        break;
      for (struct cmsghdr *cm = CMSG_FIRSTHDR (&msg); cm != NULL; cm = CMSG_NXTHDR (&msg, cm))
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
          {
            int k = (int) ((cm->cmsg_len - CMSG_LEN (0)) / sizeof (int));

            for (int i = 0; i < k; i++)
              {
                int got;

                memcpy (&got, CMSG_DATA (cm) + i * sizeof (int), sizeof got);
                if (n_fds < SIGNET_SERVICE_N_FDS)
                  fds[n_fds++] = got;
                else
                  close (got);
              }
          }
      /* The service sent it: anything else is a bug. */
      if (n != (ssize_t) sizeof m || m.magic != SIGNET_SERVICE_MAGIC ||
          n_fds != SIGNET_SERVICE_N_FDS || m.value[0] < (int64_t) sizeof (SignetServiceRun) ||
          m.value[0] > (int64_t) SIGNET_SERVICE_MAX_BODY)
        abort ();
      body = malloc ((size_t) m.value[0]);
      if (body == NULL || !recv_all (fd, body, (size_t) m.value[0]))
        abort ();
      status = worker_run (s, body, (size_t) m.value[0], fds, saved, home_fd);
      for (int i = 0; i < n_fds; i++)
        close (fds[i]);
      free (body);
      m = (SignetServiceMessage){ SIGNET_SERVICE_MAGIC,
                                  status < 0 ? SIGNET_SERVICE_MSG_RETRY : SIGNET_SERVICE_MSG_EXIT,
                                  { status, 0, 0, 0 } };
      if (!send_all (fd, &m, sizeof m))
        break;
    }
  if (s->cli->warm_end != NULL)
    s->cli->warm_end ();
  close (saved[0]);
  close (saved[1]);
  close (saved[2]);
  close (home_fd);
  close (fd);
  exit (0);
}

/* Forks the worker from the pristine service. */
static bool
start_worker (Service *s)
{
  int sv[2];
  pid_t pid;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return false;
  pid = fork_blocked ();
  if (pid < 0)
    {
      close (sv[0]);
      close (sv[1]);
      return false;
    }
  if (pid == 0)
    {
      close (sv[0]);
      worker_main (s, sv[1]);
    }
  close (sv[1]);
  s->worker_pid = pid;
  s->worker_fd = sv[0];
  s->worker_signal = 0;
  return true;
}

/* Ends the worker: it sees the end of its socket and exits. */
static void
stop_worker (Service *s)
{
  int status;

  if (s->worker_pid <= 0)
    return;
  close (s->worker_fd);
  s->worker_fd = -1;
  if (waitpid (s->worker_pid, &status, 0) == s->worker_pid &&
      (!WIFEXITED (status) || WEXITSTATUS (status) != 0))
    s->worker_failed = true;
  s->worker_pid = 0;
}

/* Hands the command of @c to the worker; false when it cannot (then the
 * command takes the fork path). */
static bool
start_warm (Service *s, Conn *c)
{
  union
  {
    char buf[CMSG_SPACE (sizeof (int) * SIGNET_SERVICE_N_FDS)];
    struct cmsghdr align;
  } control;
  SignetServiceMessage m = { SIGNET_SERVICE_MAGIC,
                             SIGNET_SERVICE_MSG_RUN,
                             { (int64_t) c->body_len, 0, 0, 0 } };
  struct iovec iov = { &m, sizeof m };
  struct msghdr msg = { 0 };
  struct cmsghdr *cm;
  ssize_t n;

  if (!c->warm_ok || s->worker_conn != NULL)
    return false;
  if (s->worker_pid <= 0 && !start_worker (s))
    return false;
  /* The client learns the mode before the command runs: it may run a
   * lost warm command again, never a lost forked one. */
  s->served++;
  if (!send_message (c->fd, SIGNET_SERVICE_MSG_PID, s->worker_pid, SIGNET_SERVICE_MODE_WARM, 0, 0))
    {
      conn_close (s, c);
      return true;
    }
  memset (&control, 0, sizeof control);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.buf;
  msg.msg_controllen = sizeof control.buf;
  cm = CMSG_FIRSTHDR (&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN (sizeof (int) * SIGNET_SERVICE_N_FDS);
  memcpy (CMSG_DATA (cm), c->fds, sizeof (int) * SIGNET_SERVICE_N_FDS);
  /* The worker is idle, waiting for exactly this: blocking sends finish. */
  do
    n = sendmsg (s->worker_fd, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  if (n != (ssize_t) sizeof m || !send_all (s->worker_fd, c->body, c->body_len))
    {
      /* A worker that does not listen is of no use: a new one next time,
       * and the client runs the command itself. */
      kill (s->worker_pid, SIGKILL);
      stop_worker (s);
      s->worker_failed = false;
      debug_log (s, c, "lost", 0);
      send_message (c->fd, SIGNET_SERVICE_MSG_RETRY, 0, 0, 0, 0);
      conn_close (s, c);
      return true;
    }
  for (int i = 0; i < c->n_fds; i++)
    close (c->fds[i]);
  c->n_fds = 0;
  free (c->body);
  c->body = NULL;
  c->child = s->worker_pid;
  c->in_worker = true;
  c->state = CONN_RUNNING;
  s->worker_conn = c;
  debug_log (s, c, "warm", s->worker_pid);
  return true;
}

/* The worker answered (or its socket closed). */
static void
worker_readable (Service *s)
{
  SignetServiceMessage m;
  Conn *c = s->worker_conn;
  ssize_t n = recv (s->worker_fd, &m, sizeof m, MSG_DONTWAIT | MSG_WAITALL);

  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return;
  if (n != (ssize_t) sizeof m || m.magic != SIGNET_SERVICE_MAGIC ||
      (m.type != SIGNET_SERVICE_MSG_EXIT && m.type != SIGNET_SERVICE_MSG_RETRY))
    {
      /* The worker is dead or broken: reap_children() tells the client. */
      if (n != 0)
        kill (s->worker_pid, SIGKILL);
      close (s->worker_fd);
      s->worker_fd = -1;
      return;
    }
  s->worker_conn = NULL;
  if (c == NULL)
    return;
  if (!c->client_gone)
    send_message (c->fd, m.type, m.value[0], 0, 0, 0);
  conn_close (s, c);
}

/* The worker died (@status from waitpid()). */
static void
worker_died (Service *s, int status)
{
  Conn *c = s->worker_conn;

  if (s->worker_fd >= 0)
    close (s->worker_fd);
  s->worker_fd = -1;
  s->worker_pid = 0;
  s->worker_conn = NULL;
  if (WIFEXITED (status) && WEXITSTATUS (status) != 0 && c == NULL)
    s->worker_failed = true;
  if (c == NULL)
    return;
  if (!c->client_gone)
    {
      /* Of a signal the client sent, or of a closed pipe: as signet-cli
       * would. A command that exit()ed: its status. Anything else (a
       * crash): the client runs signet-cli itself. */
      if (WIFSIGNALED (status) &&
          (WTERMSIG (status) == s->worker_signal || WTERMSIG (status) == SIGPIPE))
        send_message (c->fd, SIGNET_SERVICE_MSG_SIGNALED, WTERMSIG (status), WCOREDUMP (status), 0,
                      0);
      else if (WIFEXITED (status))
        send_message (c->fd, SIGNET_SERVICE_MSG_EXIT, WEXITSTATUS (status), 0, 0, 0);
      else
        send_message (c->fd, SIGNET_SERVICE_MSG_RETRY, 0, 0, 0, 0);
    }
  conn_close (s, c);
}

static void
debug_log (Service *s, const Conn *c, const char *how, pid_t pid)
{
  char line[128];
  int n;

  if (s->debug_fd < 0)
    return;
  n = snprintf (line, sizeof line, "%s %s %ld\n", how, c->command, (long) pid);
  if (n > 0 && write (s->debug_fd, line, (size_t) n) < 0)
    {
    }
}

static void
start_child (Service *s, Conn *c)
{
  pid_t pid;

  if (s->stopping)
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_STOPPING);
      return;
    }
  pid = fork_blocked ();
  if (pid < 0)
    {
      refuse (s, c, SIGNET_SERVICE_REFUSE_FORK);
      return;
    }
  if (pid == 0)
    run_child (s, c);
  debug_log (s, c, "fork", pid);
  /* The client's files are the child's now: keeping them open would keep
   * the reader of a pipe waiting. */
  for (int i = 0; i < c->n_fds; i++)
    close (c->fds[i]);
  c->n_fds = 0;
  free (c->body);
  c->body = NULL;
  c->child = pid;
  c->state = CONN_RUNNING;
  s->served++;
  if (!send_message (c->fd, SIGNET_SERVICE_MSG_PID, pid, SIGNET_SERVICE_MODE_FORK, 0, 0))
    {
      kill (pid, SIGKILL);
      c->client_gone = true;
    }
}

static void
take_fds (Conn *c, struct msghdr *msg, bool *bad)
{
  for (struct cmsghdr *cm = CMSG_FIRSTHDR (msg); cm != NULL; cm = CMSG_NXTHDR (msg, cm))
    {
      if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
        {
          int n = (int) ((cm->cmsg_len - CMSG_LEN (0)) / sizeof (int));
          int *fds = (int *) CMSG_DATA (cm);

          for (int i = 0; i < n; i++)
            {
              if (c->n_fds < SIGNET_SERVICE_N_FDS && c->got == 0)
                c->fds[c->n_fds++] = fds[i];
              else
                {
                  close (fds[i]);
                  *bad = true;
                }
            }
        }
    }
  if (msg->msg_flags & MSG_CTRUNC)
    *bad = true;
}

/* Reads what has arrived on @c. */
static void
conn_readable (Service *s, Conn *c)
{
  if (c->state == CONN_HEADER)
    {
      union
      {
        char buf[CMSG_SPACE (sizeof (int) * SIGNET_SERVICE_N_FDS)];
        struct cmsghdr align;
      } control;
      struct iovec iov = { (char *) &c->header + c->got, sizeof c->header - c->got };
      struct msghdr msg = { 0 };
      bool bad = false;
      ssize_t n;

      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control.buf;
      msg.msg_controllen = sizeof control.buf;
      n = recvmsg (c->fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
      if (n <= 0)
        {
          conn_close (s, c);
          return;
        }
      take_fds (c, &msg, &bad);
      c->got += (size_t) n;
      if (bad)
        {
          refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
          return;
        }
      if (c->got < sizeof c->header)
        return;
      if (c->header.magic != SIGNET_SERVICE_MAGIC)
        {
          refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
          return;
        }
      switch (c->header.type)
        {
        case SIGNET_SERVICE_MSG_STATUS:
        case SIGNET_SERVICE_MSG_STOP:
          send_message (c->fd, SIGNET_SERVICE_MSG_STATUS, getpid (), s->served, s->refused,
                        running_count (s));
          if (c->header.type == SIGNET_SERVICE_MSG_STOP)
            stop_listening (s);
          conn_close (s, c);
          return;
        case SIGNET_SERVICE_MSG_RUN:
          if (c->header.value[0] < (int64_t) sizeof (SignetServiceRun) ||
              c->header.value[0] > (int64_t) SIGNET_SERVICE_MAX_BODY)
            {
              refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
              return;
            }
          c->body_len = (size_t) c->header.value[0];
          c->body = malloc (c->body_len);
          if (c->body == NULL)
            {
              refuse (s, c, SIGNET_SERVICE_REFUSE_BUSY);
              return;
            }
          c->got = 0;
          c->state = CONN_BODY;
          break;
        default:
          refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
          return;
        }
    }
  if (c->state == CONN_BODY)
    {
      ssize_t n = recv (c->fd, c->body + c->got, c->body_len - c->got, MSG_DONTWAIT);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
      if (n <= 0)
        {
          conn_close (s, c);
          return;
        }
      c->got += (size_t) n;
      if (c->got == c->body_len)
        check_request (s, c);
      return;
    }
  if (c->state == CONN_ACCEPTED || c->state == CONN_RUNNING)
    {
      SignetServiceMessage m;
      ssize_t n = recv (c->fd, &m, sizeof m, MSG_DONTWAIT | MSG_WAITALL);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
      if (n != (ssize_t) sizeof m || m.magic != SIGNET_SERVICE_MAGIC)
        {
          /* The client is gone (or talks nonsense): so is its command. */
          if (c->state == CONN_RUNNING)
            {
              kill (c->child, SIGKILL);
              c->client_gone = true;
              return;
            }
          conn_close (s, c);
          return;
        }
      if (c->state == CONN_ACCEPTED && m.type == SIGNET_SERVICE_MSG_GO)
        {
          if (s->stopping || !start_warm (s, c))
            start_child (s, c);
        }
      else if (c->state == CONN_RUNNING && m.type == SIGNET_SERVICE_MSG_SIGNAL &&
               (m.value[0] == SIGINT || m.value[0] == SIGTERM || m.value[0] == SIGHUP))
        {
          /* The worker dies of it, as signet-cli would. */
          if (c->in_worker)
            s->worker_signal = (int) m.value[0];
          kill (c->child, (int) m.value[0]);
        }
      else if (c->state == CONN_RUNNING)
        {
          kill (c->child, SIGKILL);
          c->client_gone = true;
        }
      else
        refuse (s, c, SIGNET_SERVICE_REFUSE_PROTOCOL);
    }
}

static void
reap_children (Service *s)
{
  int status;
  pid_t pid;

  while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
    {
      if (pid == s->worker_pid)
        {
          /* An answer sent before it died comes first. */
          if (s->worker_conn != NULL && s->worker_fd >= 0)
            worker_readable (s);
          worker_died (s, status);
          continue;
        }
      for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS; i++)
        {
          Conn *c = &s->conns[i];

          if (c->state != CONN_RUNNING || c->child != pid || c->in_worker)
            continue;
          if (!c->client_gone)
            {
              if (WIFSIGNALED (status))
                send_message (c->fd, SIGNET_SERVICE_MSG_SIGNALED, WTERMSIG (status),
                              WCOREDUMP (status), 0, 0);
              else
                send_message (c->fd, SIGNET_SERVICE_MSG_EXIT, WEXITSTATUS (status), 0, 0, 0);
            }
          conn_close (s, c);
        }
    }
}

/* Whether the peer has exactly the service's supplementary groups
 * (SO_PEERGROUPS): a command runs with the service's groups, so a client
 * with other groups (after newgrp, or a group added since the service
 * started) runs signet-cli itself. */
static bool
same_groups (int fd)
{
  gid_t mine[256], theirs[256];
  socklen_t len = sizeof theirs;
  int n_mine = getgroups (G_N_ELEMENTS (mine), mine);
  int n_theirs;

  if (n_mine < 0 || getsockopt (fd, SOL_SOCKET, SO_PEERGROUPS, theirs, &len) != 0)
    return false;
  n_theirs = (int) (len / sizeof (gid_t));
  if (n_theirs != n_mine)
    return false;
  for (int i = 0; i < n_theirs; i++)
    {
      bool found = false;

      for (int j = 0; j < n_mine && !found; j++)
        found = theirs[i] == mine[j];
      if (!found)
        return false;
    }
  return true;
}

static void
accept_connections (Service *s)
{
  for (;;)
    {
      int fd = accept4 (s->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
      struct ucred cred;
      socklen_t len = sizeof cred;
      Conn *c = NULL;

      if (fd < 0)
        return;
      if (s->stopping)
        {
          close (fd);
          continue;
        }
      if (getsockopt (fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || cred.uid != getuid () ||
          cred.gid != getgid () || !same_groups (fd))
        {
          close (fd);
          continue;
        }
      for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS && c == NULL; i++)
        if (s->conns[i].state == CONN_CLOSED)
          c = &s->conns[i];
      if (c == NULL)
        {
          /* The client runs signet-cli itself. */
          s->refused++;
          send_message (fd, SIGNET_SERVICE_MSG_REFUSE, SIGNET_SERVICE_REFUSE_BUSY, 0, 0, 0);
          close (fd);
          continue;
        }
      memset (c, 0, sizeof *c);
      c->fd = fd;
      c->state = CONN_HEADER;
      c->deadline = signet_service_now_ms () + SIGNET_SERVICE_REQUEST_TIMEOUT_MS;
    }
}

/* The folder of the socket: created 0700, and it must be the user's own
 * and private. */
static bool
prepare_folder (const char *socket_path)
{
  char dir[PATH_MAX];
  char *slash;
  struct stat st;

  snprintf (dir, sizeof dir, "%s", socket_path);
  slash = strrchr (dir, '/');
  if (slash == NULL || slash == dir)
    {
      /* Translators: %s is a file name. */
      service_fatal (N_ ("The socket %s must be in a folder of its own."), socket_path);
      return false;
    }
  *slash = '\0';
  if (mkdir (dir, 0700) != 0 && errno != EEXIST)
    {
      /* Translators: the first %s is a folder, the second the reason. */
      service_fatal (N_ ("Cannot create the folder %s: %s"), dir, strerror (errno));
      return false;
    }
  if (lstat (dir, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid () ||
      (st.st_mode & 077) != 0)
    {
      /* Translators: %s is a folder. */
      service_fatal (
          N_ ("The folder %s must be a folder of yours that only you can open (mode 0700)."), dir);
      return false;
    }
  return true;
}

static bool
listen_on_socket (Service *s)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  char lock_path[PATH_MAX + 8];
  const char *pid_text = getenv ("LISTEN_PID");
  const char *fds_text = getenv ("LISTEN_FDS");

  /* systemd's socket activation (signet.socket): the socket is fd 3. */
  if (pid_text != NULL && fds_text != NULL && strtol (pid_text, NULL, 10) == getpid () &&
      strtol (fds_text, NULL, 10) == 1)
    {
      s->listen_fd = 3;
      s->activated = true;
      /* Not part of the environment commands compare with theirs. */
      unsetenv ("LISTEN_PID");
      unsetenv ("LISTEN_FDS");
      unsetenv ("LISTEN_FDNAMES");
      fcntl (3, F_SETFD, FD_CLOEXEC);
      fcntl (3, F_SETFL, fcntl (3, F_GETFL) | O_NONBLOCK);
      return true;
    }
  if (signet_service_socket_path_buf (s->socket_path, sizeof s->socket_path) != 0)
    {
      service_fatal (N_ ("Neither XDG_RUNTIME_DIR nor SIGNET_SERVICE_SOCKET is set, or the "
                         "socket’s path is too long."));
      return false;
    }
  if (!prepare_folder (s->socket_path))
    return false;
  /* One service per socket: the lock is held while it listens. */
  snprintf (lock_path, sizeof lock_path, "%s.lock", s->socket_path);
  s->lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (s->lock_fd < 0)
    {
      /* Translators: the first %s is a file name, the second the reason. */
      service_fatal (N_ ("Cannot open %s: %s"), lock_path, strerror (errno));
      return false;
    }
  if (flock (s->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      /* Translators: %s is the socket's file name. */
      service_fatal (N_ ("Another service is already listening on %s."), s->socket_path);
      return false;
    }
  /* Holding the lock, any socket there is a dead service's. */
  unlink (s->socket_path);
  memcpy (addr.sun_path, s->socket_path, strlen (s->socket_path) + 1);
  s->listen_fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (s->listen_fd < 0 || bind (s->listen_fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      chmod (s->socket_path, 0600) != 0 || listen (s->listen_fd, 64) != 0)
    {
      /* Translators: the first %s is the socket's file name, the second the reason. */
      service_fatal (N_ ("Cannot listen on %s: %s"), s->socket_path, strerror (errno));
      return false;
    }
  return true;
}

/* signet-cli --service [--idle-timeout SECONDS] [--daemon] */
static bool
parse_options (Service *s, int argc, char **argv, bool *daemon)
{
  for (int i = 2; i < argc; i++)
    {
      const char *value = NULL;
      char *end;
      long v;

      if (strcmp (argv[i], "--daemon") == 0)
        {
          *daemon = true;
          continue;
        }
      if (strncmp (argv[i], "--idle-timeout=", 15) == 0)
        value = argv[i] + 15;
      else if (strcmp (argv[i], "--idle-timeout") == 0 && i + 1 < argc)
        value = argv[++i];
      if (value == NULL)
        {
          /* Translators: %s is a command-line argument. */
          service_fatal (N_ ("Unknown option: %s"), argv[i]);
          return false;
        }
      errno = 0;
      v = strtol (value, &end, 10);
      if (errno != 0 || *value == '\0' || *end != '\0' || v < 0 || v > 7 * 24 * 3600)
        {
          /* Translators: %s is what was given after --idle-timeout. */
          service_fatal (N_ ("Not a number of seconds: %s"), value);
          return false;
        }
      s->idle_timeout = (int) v;
    }
  return true;
}

int
signet_service_main (int argc, char **argv, const SignetServiceCli *cli)
{
  static Service service;
  Service *s = &service;
  bool daemon = false;
  int64_t idle_since;
  struct sigaction sa = { 0 };
  char link[PATH_MAX];
  ssize_t n;

  s->cli = cli;
  s->listen_fd = -1;
  s->worker_fd = -1;
  s->debug_fd = -1;
  s->lock_fd = -1;
  s->idle_timeout = SIGNET_SERVICE_DEFAULT_IDLE_TIMEOUT;
  for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS; i++)
    {
      s->conns[i].fd = -1;
      s->conns[i].state = CONN_CLOSED;
    }
  if (!parse_options (s, argc, argv, &daemon))
    return 4;

  /* 0, 1 and 2 stay taken, so that received descriptors never land there. */
  for (int fd = 0; fd < 3; fd++)
    if (fcntl (fd, F_GETFD) < 0 && open ("/dev/null", O_RDWR) != fd)
      return 4;

  n = readlink ("/proc/self/exe", link, sizeof link - 1);
  if (n <= 0 || !signet_service_identity_of ("/proc/self/exe", &s->exe))
    {
      service_fatal (N_ ("Cannot find the service’s own executable."));
      return 4;
    }
  link[n] = '\0';
  memcpy (s->exe_path, link, (size_t) n + 1);

  {
    const char *debug = getenv ("SIGNET_SERVICE_DEBUG");

    if (debug != NULL && *debug == '/')
      s->debug_fd = open (debug, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  }

  s->root_fd = open ("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (s->root_fd < 0 || fchdir (s->root_fd) != 0)
    return 4;
  if (!listen_on_socket (s))
    return 4;

  if (pipe2 (s->signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
    return 4;
  signal_fd = s->signal_pipe[1];
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGCHLD, &sa, NULL);
  sigaction (SIGTERM, &sa, NULL);
  sigaction (SIGINT, &sa, NULL);
  sigaction (SIGHUP, &sa, NULL);
  signal (SIGPIPE, SIG_IGN);

  /* `signet service start` reads our stderr until it closes: now. */
  if (daemon)
    {
      int null = open ("/dev/null", O_RDWR);

      if (null >= 0)
        {
          dup2 (null, STDERR_FILENO);
          if (null > 2)
            close (null);
        }
    }

  idle_since = signet_service_now_ms ();
  for (;;)
    {
      struct pollfd pfd[SIGNET_SERVICE_MAX_CONNECTIONS + 3];
      Conn *which[SIGNET_SERVICE_MAX_CONNECTIONS + 3];
      int nfds = 0, worker_index = -1;
      int64_t now, next = -1;
      int timeout;
      SignetServiceIdentity current;

      pfd[nfds] = (struct pollfd){ s->signal_pipe[0], POLLIN, 0 };
      which[nfds++] = NULL;
      if (s->listen_fd >= 0)
        {
          pfd[nfds] = (struct pollfd){ s->listen_fd, POLLIN, 0 };
          which[nfds++] = NULL;
        }
      if (s->worker_conn != NULL && s->worker_fd >= 0)
        {
          worker_index = nfds;
          pfd[nfds] = (struct pollfd){ s->worker_fd, POLLIN, 0 };
          which[nfds++] = NULL;
        }
      for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS; i++)
        {
          Conn *c = &s->conns[i];

          if (c->state == CONN_CLOSED || c->client_gone)
            continue;
          pfd[nfds] = (struct pollfd){ c->fd, POLLIN, 0 };
          which[nfds++] = c;
          if (c->state != CONN_RUNNING && (next < 0 || c->deadline < next))
            next = c->deadline;
        }
      /* Wake up at least every second: idle time, a replaced binary. */
      now = signet_service_now_ms ();
      timeout = 1000;
      if (next >= 0 && next - now < timeout)
        timeout = next - now < 0 ? 0 : (int) (next - now);

      if (poll (pfd, (nfds_t) nfds, timeout) < 0 && errno != EINTR)
        return 4;

      if (pfd[0].revents & POLLIN)
        {
          unsigned char sigs[64];
          ssize_t got;

          while ((got = read (s->signal_pipe[0], sigs, sizeof sigs)) > 0)
            for (ssize_t i = 0; i < got; i++)
              if (sigs[i] != SIGCHLD)
                stop_listening (s);
          reap_children (s);
        }
      for (int i = 1; i < nfds; i++)
        {
          if (pfd[i].revents == 0)
            continue;
          if (i == worker_index)
            {
              if (s->worker_conn != NULL && s->worker_fd >= 0)
                worker_readable (s);
            }
          else if (which[i] == NULL)
            accept_connections (s);
          else if (which[i]->state != CONN_CLOSED)
            conn_readable (s, which[i]);
        }

      /* Requests that take too long to arrive. */
      now = signet_service_now_ms ();
      for (int i = 0; i < SIGNET_SERVICE_MAX_CONNECTIONS; i++)
        {
          Conn *c = &s->conns[i];

          if (c->state != CONN_CLOSED && c->state != CONN_RUNNING && now >= c->deadline)
            conn_close (s, c);
        }

      /* A rebuilt or upgraded signet-cli: the next command gets a fresh
       * service (a client of the new binary is refused by this one). */
      if (!s->stopping &&
          (!signet_service_identity_of (s->exe_path, &current) || !identity_equal (&current, &s->exe)))
        stop_listening (s);

      if (open_count (s) > 0)
        idle_since = now;
      else if (s->stopping ||
               (s->idle_timeout > 0 && now - idle_since >= (int64_t) s->idle_timeout * 1000))
        {
          stop_listening (s);
          /* A worker that did not end well (under LSan: a leak) makes the
           * service's exit status say so. */
          stop_worker (s);
          if (s->debug_fd >= 0)
            close (s->debug_fd);
          return s->worker_failed ? 4 : 0;
        }
    }
}

/* Sends a STATUS or STOP request to the service of the current
 * environment. Returns 0 and fills @reply, or -1 when no service
 * answers. */
int
signet_service_query (int type, SignetServiceMessage *reply)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  SignetServiceMessage m = { SIGNET_SERVICE_MAGIC, (uint32_t) type, { 0 } };
  struct pollfd pfd;
  int fd;
  size_t got = 0;

  if (signet_service_socket_path_buf (addr.sun_path, sizeof addr.sun_path) != 0)
    return -1;
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  {
    struct ucred cred;
    socklen_t cred_len = sizeof cred;

    /* Only this user's service counts as running. */
    if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
        getsockopt (fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) != 0 ||
        cred.uid != getuid () ||
        send (fd, &m, sizeof m, MSG_NOSIGNAL) != (ssize_t) sizeof m)
      {
        close (fd);
        return -1;
      }
  }
  pfd = (struct pollfd){ fd, POLLIN, 0 };
  while (got < sizeof *reply)
    {
      ssize_t n;

      if (poll (&pfd, 1, SIGNET_SERVICE_REQUEST_TIMEOUT_MS) <= 0)
        break;
      n = recv (fd, (char *) reply + got, sizeof *reply - got, 0);
      if (n <= 0)
        break;
      got += (size_t) n;
    }
  close (fd);
  return got == sizeof *reply && reply->magic == SIGNET_SERVICE_MAGIC &&
                 reply->type == SIGNET_SERVICE_MSG_STATUS
             ? 0
             : -1;
}

char *
signet_service_socket_path (void)
{
  char buf[PATH_MAX];

  return signet_service_socket_path_buf (buf, sizeof buf) == 0 ? strdup (buf) : NULL;
}
