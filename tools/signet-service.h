/* signet-service.h: the protocol between the `signet` client and the
 * `signet-cli --service` process, and the service's entry points.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This header is included by the client (libc only): it must not include
 * GLib.
 *
 * One connection carries one command:
 *
 *   client → service  SignetServiceMessage RUN, .value[0] = body length,
 *                     with SCM_RIGHTS [stdin, stdout, stderr, cwd],
 *                     then the body: SignetServiceRun, argc + envc
 *                     NUL-terminated strings (argv, then the environment)
 *   service → client  ACCEPT or REFUSE (.value[0] = SignetServiceRefusal)
 *   client → service  GO (the client is committed: it will not fall back)
 *   service → client  PID (.value[0] = the pid of the process that runs the
 *                     command, .value[1] = SignetServiceMode) or REFUSE
 *   client → service  SIGNAL (.value[0] = SIGINT, SIGTERM or SIGHUP), any
 *                     number of times
 *   service → client  EXIT (.value[0] = exit status) or SIGNALED
 *                     (.value[0] = the signal), then the service closes;
 *                     or, for a command run in the warm worker only,
 *                     RETRY: the worker died before the command finished
 *                     (not of a signal the client sent): the client runs
 *                     signet-cli itself (`verify` and `check` may run
 *                     twice; what the first run printed stays printed)
 *
 * or STATUS / STOP (no body, no descriptors), answered by STATUS:
 * .value = { service pid, commands run, commands refused, running }.
 */
#pragma once

#include <stdint.h>

#define SIGNET_SERVICE_MAGIC 0x53474e54u /* "SGNT" */
#define SIGNET_SERVICE_VERSION 1u

/* Bounds of a request: Linux's own limit on argv + environment is 2 MiB
 * (a quarter of the default 8 MiB stack); anything bigger is not served
 * and the client runs signet-cli itself. */
#define SIGNET_SERVICE_MAX_BODY (2u * 1024u * 1024u + 65536u)
#define SIGNET_SERVICE_MAX_STRINGS 65536u
#define SIGNET_SERVICE_N_FDS 4
/* How long the service waits for a whole request, and the client for the
 * service's answer, before giving up (the client then falls back). */
#define SIGNET_SERVICE_REQUEST_TIMEOUT_MS 5000
#define SIGNET_SERVICE_MAX_CONNECTIONS 64
#define SIGNET_SERVICE_DEFAULT_IDLE_TIMEOUT 600

/* The socket, relative to $XDG_RUNTIME_DIR (SIGNET_SERVICE_SOCKET
 * overrides the whole path). */
#define SIGNET_SERVICE_SOCKET_DIR "signet"
#define SIGNET_SERVICE_SOCKET_NAME "cli.sock"

typedef enum
{
  SIGNET_SERVICE_MSG_RUN = 1,
  SIGNET_SERVICE_MSG_STATUS = 2,
  SIGNET_SERVICE_MSG_STOP = 3,
  SIGNET_SERVICE_MSG_ACCEPT = 4,
  SIGNET_SERVICE_MSG_REFUSE = 5,
  SIGNET_SERVICE_MSG_GO = 6,
  SIGNET_SERVICE_MSG_PID = 7,
  SIGNET_SERVICE_MSG_SIGNAL = 8,
  SIGNET_SERVICE_MSG_EXIT = 9,
  SIGNET_SERVICE_MSG_SIGNALED = 10,
  SIGNET_SERVICE_MSG_RETRY = 11,
} SignetServiceMessageType;

/* How the service runs a command (PID .value[1]). */
typedef enum
{
  SIGNET_SERVICE_MODE_FORK = 0, /* a fork()ed child of the pristine service */
  SIGNET_SERVICE_MODE_WARM = 1, /* the warm worker, one command after another */
} SignetServiceMode;

typedef enum
{
  SIGNET_SERVICE_REFUSE_PROTOCOL = 1,
  SIGNET_SERVICE_REFUSE_BINARY = 2,
  SIGNET_SERVICE_REFUSE_ENVIRONMENT = 3,
  SIGNET_SERVICE_REFUSE_STOPPING = 4,
  SIGNET_SERVICE_REFUSE_BUSY = 5,
  SIGNET_SERVICE_REFUSE_DIRECTORY = 6,
  SIGNET_SERVICE_REFUSE_FORK = 7,
} SignetServiceRefusal;

typedef struct
{
  uint32_t magic;
  uint32_t type; /* SignetServiceMessageType */
  int64_t value[4];
} SignetServiceMessage;

/* The identity of the signet-cli binary (stat() of the file). */
typedef struct
{
  uint64_t dev;
  uint64_t ino;
  int64_t size;
  int64_t mtime_sec;
  int64_t mtime_nsec;
} SignetServiceIdentity;

typedef struct
{
  uint32_t version; /* SIGNET_SERVICE_VERSION */
  uint32_t umask;
  uint32_t argc;
  uint32_t envc;
  SignetServiceIdentity identity;
  /* Signals 1…63 the client ignores and blocks (bit n-1 for signal n):
   * exec() keeps both, so the child takes them over. */
  uint64_t ignored_signals;
  uint64_t blocked_signals;
} SignetServiceRun;

#ifndef SIGNET_SERVICE_CLIENT
/* What the service needs of the command-line tool (tools/signet.c). */
typedef struct
{
  /* Runs a command as a fresh signet-cli would. */
  int (*cli_main) (int argc, char **argv);
  /* Whether cli_main() may run @argv in the warm worker, one command
   * after another in the same process: it must never exit(), abort on
   * purpose, read the terminal or change process-wide state that a later
   * command would see. */
  int (*warm_eligible) (int argc, char **argv);
  /* In the worker, once before its first command, and when it ends
   * (closes what it keeps open, such as the stores). */
  void (*warm_begin) (void);
  void (*warm_end) (void);
} SignetServiceCli;

/* signet-service.c */
int signet_service_main (int argc, char **argv, const SignetServiceCli *cli);
char *signet_service_socket_path (void);
int signet_service_query (int type, SignetServiceMessage *reply);
#endif

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

/* CLOCK_MONOTONIC in milliseconds. */
static inline int64_t
signet_service_now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The identity of the file at @path (stat() follows links): false when
 * it cannot be read. */
static inline bool
signet_service_identity_of (const char *path, SignetServiceIdentity *id)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return false;
  id->dev = st.st_dev;
  id->ino = st.st_ino;
  id->size = st.st_size;
  id->mtime_sec = st.st_mtim.tv_sec;
  id->mtime_nsec = st.st_mtim.tv_nsec;
  return true;
}

/* The socket's path: $SIGNET_SERVICE_SOCKET, or
 * $XDG_RUNTIME_DIR/signet/cli.sock (both absolute: a relative
 * SIGNET_SERVICE_SOCKET counts as unset). Returns 0, or -1 when neither is
 * set or the path does not fit in @size (nor in a sockaddr_un). */
static inline int
signet_service_socket_path_buf (char *buf, size_t size)
{
  const char *path = getenv ("SIGNET_SERVICE_SOCKET");
  const char *runtime = getenv ("XDG_RUNTIME_DIR");
  int n;

  if (path != NULL && *path == '/')
    n = snprintf (buf, size, "%s", path);
  else if (runtime != NULL && *runtime == '/')
    n = snprintf (buf, size, "%s/%s/%s", runtime, SIGNET_SERVICE_SOCKET_DIR,
                  SIGNET_SERVICE_SOCKET_NAME);
  else
    return -1;
  /* sizeof (((struct sockaddr_un *) 0)->sun_path) is 108 on Linux. */
  if (n < 0 || (size_t) n >= size || n >= 108)
    return -1;
  return 0;
}
