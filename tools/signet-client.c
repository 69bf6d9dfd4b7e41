/* signet-client.c: the `signet` command.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A small program (libc only, so that it starts in about a millisecond)
 * that hands its command to the user's Signet service (`signet-cli
 * --service`, see signet-service.c): its stdin, stdout, stderr and working
 * directory go with SCM_RIGHTS, its argv, environment and umask in the
 * request. A child of the service, or its warm worker (verify and check),
 * runs the command; the client forwards SIGINT, SIGTERM and SIGHUP to it
 * and exits as it did.
 *
 * On any failure before the service has taken the command (no socket, a
 * refusal, a stale service, another protocol) the client execs signet-cli
 * with the same argv, so the result is always the same, only faster when
 * the service runs. The same after the service took a command for its
 * warm worker, if the worker was lost before the command finished (the
 * service says RETRY, or the connection breaks): verify and check may run
 * again. SIGNET_NO_SERVICE=1 skips the service.
 *
 * signet-cli is looked for next to this program (the build tree), then in
 * the libexec folder.
 */
#include "config.h"

#define _GNU_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define SIGNET_SERVICE_CLIENT 1
#include "signet-service.h"

extern char **environ;

static char cli_path[PATH_MAX];

static void
find_cli (void)
{
  char self[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);

  if (n > 0)
    {
      char *slash;

      self[n] = '\0';
      slash = strrchr (self, '/');
      if (slash != NULL)
        {
          *slash = '\0';
          if (snprintf (cli_path, sizeof cli_path, "%s/signet-cli", self) < (int) sizeof cli_path &&
              access (cli_path, X_OK) == 0)
            return;
        }
    }
  snprintf (cli_path, sizeof cli_path, "%s/signet-cli", SIGNET_LIBEXECDIR);
}

__attribute__ ((noreturn)) static void
run_cli (char **argv)
{
  execv (cli_path, argv);
  fprintf (stderr, "signet: cannot run %s: %s\n", cli_path, strerror (errno));
  exit (127);
}

/* Until the service has accepted the request, every wait is bounded by
 * this deadline (CLOCK_MONOTONIC, ms; 0: none): a stuck service makes the
 * client fall back instead of hanging. */
static int64_t request_deadline_ms;

/* Waits until @fd can be written; false at the request deadline. */
static bool
wait_writable (int fd)
{
  for (;;)
    {
      struct pollfd pfd = { fd, POLLOUT, 0 };
      int timeout = -1;
      int r;

      if (request_deadline_ms != 0)
        {
          int64_t left = request_deadline_ms - signet_service_now_ms ();

          if (left <= 0)
            return false;
          timeout = (int) left;
        }
      r = poll (&pfd, 1, timeout);
      if (r < 0 && errno == EINTR)
        continue;
      return r > 0 && (pfd.revents & POLLOUT) != 0;
    }
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
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          if (!wait_writable (fd))
            return false;
          continue;
        }
      if (n <= 0)
        return false;
      p += n;
      len -= (size_t) n;
    }
  return true;
}

/* Reads one message; @timeout_ms < 0 waits for ever. Returns false on
 * end of file, error, timeout or garbage. With @sigmask, signals are
 * delivered while waiting (ppoll) and @on_signal is called. */
static volatile sig_atomic_t pending[NSIG];
/* Like pending[], but never cleared by forwarding: a fallback after a
 * signal came must not run the command. */
static volatile sig_atomic_t received[NSIG];

static void
on_signal (int signo)
{
  pending[signo] = 1;
  received[signo] = 1;
}

static bool
forward_signals (int fd)
{
  static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP };

  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++)
    {
      int sig = forwarded[i];

      if (pending[sig])
        {
          SignetServiceMessage m = { SIGNET_SERVICE_MAGIC,
                                     SIGNET_SERVICE_MSG_SIGNAL,
                                     { sig, 0, 0, 0 } };

          pending[sig] = 0;
          if (!send_all (fd, &m, sizeof m))
            return false;
        }
    }
  return true;
}

static bool
read_message (int fd, SignetServiceMessage *m, int timeout_ms, const sigset_t *sigmask)
{
  size_t got = 0;

  while (got < sizeof *m)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };
      int r = ppoll (&pfd, 1, timeout_ms < 0 ? NULL : &ts, sigmask);
      ssize_t n;

      if (r < 0 && errno == EINTR)
        {
          if (sigmask != NULL && !forward_signals (fd))
            return false;
          continue;
        }
      if (r <= 0)
        return false;
      n = recv (fd, (char *) m + got, sizeof *m - got, 0);
      if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        continue;
      if (n <= 0)
        return false;
      got += (size_t) n;
    }
  return m->magic == SIGNET_SERVICE_MAGIC;
}

static int
connect_service (void)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  struct ucred cred;
  socklen_t len = sizeof cred;
  int fd;

  if (signet_service_socket_path_buf (addr.sun_path, sizeof addr.sun_path) != 0)
    return -1;
  /* Non-blocking: a service whose backlog is full (stuck) refuses at once
   * (EAGAIN) instead of blocking connect(). */
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return -1;
  /* Only a service of this user gets our files. */
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      getsockopt (fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || cred.uid != getuid ())
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* The request's body: SignetServiceRun, argv, environ. NULL when it would
 * be too big (then the client runs signet-cli itself). */
static char *
build_body (int argc, char **argv, size_t *out_len)
{
  SignetServiceRun run = { 0 };
  size_t len = sizeof run, envc = 0;
  char *body, *p;
  mode_t mask;

  if (!signet_service_identity_of (cli_path, &run.identity))
    return NULL;
  for (int i = 0; i < argc; i++)
    {
      len += strlen (argv[i]) + 1;
      if (len > SIGNET_SERVICE_MAX_BODY)
        return NULL;
    }
  for (; environ != NULL && environ[envc] != NULL; envc++)
    {
      len += strlen (environ[envc]) + 1;
      if (len > SIGNET_SERVICE_MAX_BODY)
        return NULL;
    }
  if ((size_t) argc + envc > SIGNET_SERVICE_MAX_STRINGS)
    return NULL;
  mask = umask (0);
  umask (mask);
  {
    sigset_t blocked;

    sigprocmask (SIG_BLOCK, NULL, &blocked);
    for (int sig = 1; sig < 64 && sig < NSIG; sig++)
      {
        struct sigaction sa;

        if (sigaction (sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
          run.ignored_signals |= UINT64_C (1) << (sig - 1);
        if (sigismember (&blocked, sig) == 1)
          run.blocked_signals |= UINT64_C (1) << (sig - 1);
      }
  }
  run.version = SIGNET_SERVICE_VERSION;
  run.umask = (uint32_t) mask;
  run.argc = (uint32_t) argc;
  run.envc = (uint32_t) envc;
  body = malloc (len);
  if (body == NULL)
    return NULL;
  memcpy (body, &run, sizeof run);
  p = body + sizeof run;
  for (int i = 0; i < argc; i++)
    p = stpcpy (p, argv[i]) + 1;
  for (size_t i = 0; i < envc; i++)
    p = stpcpy (p, environ[i]) + 1;
  *out_len = len;
  return body;
}

/* Sends the request with the four descriptors. */
static bool
send_request (int fd, const char *body, size_t len)
{
  SignetServiceMessage m = { SIGNET_SERVICE_MAGIC,
                             SIGNET_SERVICE_MSG_RUN,
                             { (int64_t) len, 0, 0, 0 } };
  union
  {
    char buf[CMSG_SPACE (sizeof (int) * SIGNET_SERVICE_N_FDS)];
    struct cmsghdr align;
  } control;
  struct iovec iov = { &m, sizeof m };
  struct msghdr msg = { 0 };
  struct cmsghdr *cm;
  int fds[SIGNET_SERVICE_N_FDS];
  ssize_t n;

  fds[0] = STDIN_FILENO;
  fds[1] = STDOUT_FILENO;
  fds[2] = STDERR_FILENO;
  fds[3] = open (".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fds[3] < 0)
    return false;
  memset (&control, 0, sizeof control);
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.buf;
  msg.msg_controllen = sizeof control.buf;
  cm = CMSG_FIRSTHDR (&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN (sizeof fds);
  memcpy (CMSG_DATA (cm), fds, sizeof fds);
  for (;;)
    {
      n = sendmsg (fd, &msg, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait_writable (fd))
        continue;
      break;
    }
  close (fds[3]);
  if (n < 0)
    return false;
  if ((size_t) n < sizeof m && !send_all (fd, (char *) &m + n, sizeof m - (size_t) n))
    return false;
  return send_all (fd, body, len);
}

__attribute__ ((noreturn)) static void
exit_like (int signo)
{
  sigset_t set;

  signal (signo, SIG_DFL);
  sigemptyset (&set);
  sigaddset (&set, signo);
  sigprocmask (SIG_UNBLOCK, &set, NULL);
  raise (signo);
  exit (128 + signo);
}

/* Undoes what try_service() did for the signals, before the client runs
 * signet-cli itself; exits as signet-cli would have when one of them
 * came meanwhile. */
static void
fall_back (int fd, const sigset_t *old)
{
  static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP };

  close (fd);
  for (int i = 0; i < 3; i++)
    {
      struct sigaction cur;

      if (sigaction (forwarded[i], NULL, &cur) == 0 && cur.sa_handler == on_signal)
        signal (forwarded[i], SIG_DFL);
      /* A signal that came meanwhile would have ended signet-cli. */
      if (received[forwarded[i]])
        exit_like (forwarded[i]);
    }
  sigprocmask (SIG_SETMASK, old, NULL);
}

/* Whether the command could be run again from the start after its warm
 * worker died: its standard input must be a regular file (whose offset is
 * kept in @stdin_offset, to go back to it) or a terminal or device, and no
 * argument may name a pipe or socket (a second reader would see what the
 * first left). */
static bool
can_run_again (int argc, char **argv, off_t *stdin_offset)
{
  struct stat st;

  *stdin_offset = -1;
  if (fstat (STDIN_FILENO, &st) != 0)
    return false;
  if (S_ISREG (st.st_mode))
    {
      *stdin_offset = lseek (STDIN_FILENO, 0, SEEK_CUR);
      if (*stdin_offset < 0)
        return false;
    }
  else if (!S_ISCHR (st.st_mode))
    return false;
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-' && stat (argv[i], &st) == 0 &&
        (S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode)))
      return false;
  return true;
}

/* Runs the command in the service. Returns only when the service did not
 * take it, or lost a command of its warm worker (the caller falls back);
 * otherwise exits. */
static void
try_service (int argc, char **argv)
{
  SignetServiceMessage m;
  bool warm, rerunnable;
  off_t stdin_offset = -1;
  struct sigaction sa = { 0 };
  sigset_t block, old;
  char *body;
  size_t len = 0;
  int fd;

  /* A closed stdin, stdout or stderr must stay closed for the command:
   * only signet-cli run here can have that (and the socket would take its
   * number). */
  for (int i = 0; i < 3; i++)
    if (fcntl (i, F_GETFD) < 0)
      return;
  request_deadline_ms = signet_service_now_ms () + SIGNET_SERVICE_REQUEST_TIMEOUT_MS;
  fd = connect_service ();
  if (fd < 0)
    return;
  body = build_body (argc, argv, &len);
  if (body == NULL || !send_request (fd, body, len))
    {
      free (body);
      close (fd);
      return;
    }
  free (body);
  if (!read_message (fd, &m, SIGNET_SERVICE_REQUEST_TIMEOUT_MS, NULL) ||
      m.type != SIGNET_SERVICE_MSG_ACCEPT)
    {
      close (fd);
      return;
    }
  request_deadline_ms = 0;
  rerunnable = can_run_again (argc, argv, &stdin_offset);

  /* From GO on the command is the service's: the signals that would
   * stop us go to it (ppoll delivers them while we wait). */
  sigemptyset (&block);
  sigaddset (&block, SIGINT);
  sigaddset (&block, SIGTERM);
  sigaddset (&block, SIGHUP);
  sigprocmask (SIG_BLOCK, &block, &old);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  /* An ignored signal stays ignored (so it is in the child). */
  for (int i = 0; i < 3; i++)
    {
      static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP };
      struct sigaction cur;

      if (sigaction (forwarded[i], NULL, &cur) == 0 && cur.sa_handler != SIG_IGN)
        sigaction (forwarded[i], &sa, NULL);
    }

  m = (SignetServiceMessage){ SIGNET_SERVICE_MAGIC, SIGNET_SERVICE_MSG_GO, { 0 } };
  if (!send_all (fd, &m, sizeof m) || !read_message (fd, &m, -1, &old))
    {
      fprintf (stderr, "signet: lost the connection to the Signet service\n");
      exit (4);
    }
  if (m.type == SIGNET_SERVICE_MSG_REFUSE)
    {
      /* No child was started (fork failed): run it ourselves. */
      fall_back (fd, &old);
      return;
    }
  if (m.type != SIGNET_SERVICE_MSG_PID)
    {
      fprintf (stderr, "signet: lost the connection to the Signet service\n");
      exit (4);
    }
  warm = m.value[1] == SIGNET_SERVICE_MODE_WARM;
  if (!forward_signals (fd) || !read_message (fd, &m, -1, &old))
    {
      /* The service itself is gone: its children die with it, but the
       * end of the connection does not prove this one has stopped, so
       * the command is not run again. */
      fprintf (stderr, "signet: lost the connection to the Signet service\n");
      exit (4);
    }
  if (m.type == SIGNET_SERVICE_MSG_RETRY)
    {
      /* The warm worker died (and the service saw it die) while running
       * verify or check, which only record verdicts: run it again, when
       * its input can be read again from the start. */
      if (warm && rerunnable &&
          (stdin_offset < 0 || lseek (STDIN_FILENO, stdin_offset, SEEK_SET) == stdin_offset))
        {
          fall_back (fd, &old);
          return;
        }
      fprintf (stderr, "signet: lost the connection to the Signet service\n");
      exit (4);
    }
  if (m.type == SIGNET_SERVICE_MSG_EXIT && m.value[0] >= 0 && m.value[0] <= 255)
    exit ((int) m.value[0]);
  if (m.type == SIGNET_SERVICE_MSG_SIGNALED && m.value[0] > 0 && m.value[0] < NSIG)
    exit_like ((int) m.value[0]);
  fprintf (stderr, "signet: lost the connection to the Signet service\n");
  exit (4);
}

int
main (int argc, char **argv)
{
  const char *off = getenv ("SIGNET_NO_SERVICE");

  find_cli ();
  /* `signet service …` manages the service: never through it. */
  if (argc >= 1 && argv[0] != NULL && (off == NULL || *off == '\0' || strcmp (off, "0") == 0) &&
      (argc < 2 || (strcmp (argv[1], "service") != 0 && strcmp (argv[1], "--service") != 0)))
    try_service (argc, argv);
  run_cli (argv);
}
