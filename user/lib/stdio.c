/*
 * picolibc's stdio on obol_debug_write.  picolibc here is built with
 * tinystdio (TINY_STDIO in <picolibc.h>), which leaves stdin, stdout and
 * stderr to the application as `FILE *const` objects; a FILE is a struct
 * __file with put/get/flush hooks (FDEV_SETUP_STREAM).
 *
 * stdout and stderr share one line buffer: it is written out with one
 * DEBUG_WRITE on '\n', when full, on fflush, and at exit (_exit below, which
 * picolibc's exit() ends in and crt0 reaches after main returns).  stdin
 * reads nothing (EOF).  Not thread-safe: one thread per task prints.
 *
 * Also the little POSIX glue picolibc's exit/abort path needs: _exit,
 * getpid and kill (abort() raises SIGABRT, whose default action lands in
 * kill(getpid(), SIGABRT): the task exits with status 128 + signal).
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <obol/obol.h>

#define OBOL_STDIO_BUF 256

static char out_buf[OBOL_STDIO_BUF];
static unsigned long out_len;

static int out_flush(FILE *f)
{
    (void)f;
    if (out_len) {
        obol_debug_write(out_buf, out_len);
        out_len = 0;
    }
    return 0;
}

static int out_put(char c, FILE *f)
{
    out_buf[out_len++] = c;
    if (c == '\n' || out_len == sizeof out_buf)
        out_flush(f);
    return (unsigned char)c;
}

static int in_get(FILE *f)
{
    (void)f;
    return EOF;
}

static FILE obol_stdout = FDEV_SETUP_STREAM(out_put, NULL, out_flush, _FDEV_SETUP_WRITE);
static FILE obol_stdin = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);

FILE *const stdout = &obol_stdout;
FILE *const stderr = &obol_stdout;
FILE *const stdin = &obol_stdin;

/* picolibc's exit() and abort() end here. */
void _exit(int status)
{
    out_flush(&obol_stdout);
    obol_process_exit(status);
}

pid_t getpid(void)
{
    return 1;
}

int kill(pid_t pid, int sig)
{
    (void)pid;
    _exit(128 + sig);
}
