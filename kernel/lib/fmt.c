/*
 * printf-style formatting; see lib/fmt.h.  Output goes through put(),
 * which counts every character but stores only what fits, so the return
 * value is the untruncated length.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/fmt.h"

struct out {
    char *buf;
    size_t size;
    size_t len;       /* characters produced so far, stored or not */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_n(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

struct spec {
    bool left, zero, plus, space;
    int width;        /* 0: none */
    int prec;         /* -1: none */
};

static void put_str(struct out *o, const struct spec *sp, const char *s)
{
    int n = 0;
    if (s == NULL)
        s = "(null)";
    /* Stop at the precision: s need not be NUL-terminated beyond it. */
    while ((sp->prec < 0 || n < sp->prec) && s[n])
        n++;
    if (!sp->left)
        put_n(o, ' ', sp->width - n);
    for (int i = 0; i < n; i++)
        put(o, s[i]);
    if (sp->left)
        put_n(o, ' ', sp->width - n);
}

/* Integer: [sign][prefix][zeros][digits], padded to width. */
static void put_num(struct out *o, const struct spec *sp, uint64_t v, bool negative,
                    unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];     /* 2^64 in octal is 22 digits */
    int n = 0, zeros, pad, plen = 0;
    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;

    while (prefix && prefix[plen])
        plen++;
    if (!(v == 0 && sp->prec == 0))          /* "%.0d" of 0 prints nothing */
        do {
            tmp[n++] = digits[v % base];
            v /= base;
        } while (v);
    zeros = sp->prec > n ? sp->prec - n : 0;
    pad = sp->width - n - zeros - plen - (sign ? 1 : 0);
    if (sp->zero && !sp->left && sp->prec < 0 && pad > 0) {
        zeros += pad;     /* '0' flag pads between sign and digits */
        pad = 0;
    }
    if (!sp->left)
        put_n(o, ' ', pad);
    if (sign)
        put(o, sign);
    for (int i = 0; i < plen; i++)
        put(o, prefix[i]);
    put_n(o, '0', zeros);
    while (n > 0)
        put(o, tmp[--n]);
    if (sp->left)
        put_n(o, ' ', pad);
}

enum length { LEN_HH, LEN_H, LEN_INT, LEN_L, LEN_LL, LEN_Z };

static int64_t get_signed(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return (int64_t)va_arg(*ap, size_t);   /* ssize_t by another name */
    default:     return va_arg(*ap, int);
    }
}

static uint64_t get_unsigned(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    struct out o = { buf, size, 0 };
    va_list ap;

    /* Work on a copy so helpers can take it by pointer on every ABI. */
    va_copy(ap, ap_in);
    while (*fmt) {
        struct spec sp = { false, false, false, false, 0, -1 };
        enum length len = LEN_INT;
        const char *start = fmt;

        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt++;
        for (;; fmt++) {
            if (*fmt == '-')      sp.left = true;
            else if (*fmt == '0') sp.zero = true;
            else if (*fmt == '+') sp.plus = true;
            else if (*fmt == ' ') sp.space = true;
            else break;
        }
        if (*fmt == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {           /* negative '*' width means '-' */
                sp.left = true;
                sp.width = sp.width == INT32_MIN ? INT32_MAX : -sp.width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9') {
                if (sp.width < 100000000)   /* absurd widths: stop growing, no overflow */
                    sp.width = sp.width * 10 + (*fmt - '0');
                fmt++;
            }
        }
        if (*fmt == '.') {
            fmt++;
            sp.prec = 0;
            if (*fmt == '*') {
                sp.prec = va_arg(ap, int);
                if (sp.prec < 0)
                    sp.prec = -1;         /* negative precision: as if omitted */
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9') {
                    if (sp.prec < 100000000)
                        sp.prec = sp.prec * 10 + (*fmt - '0');
                    fmt++;
                }
            }
        }
        if (*fmt == 'h') {
            fmt++;
            len = LEN_H;
            if (*fmt == 'h') { fmt++; len = LEN_HH; }
        } else if (*fmt == 'l') {
            fmt++;
            len = LEN_L;
            if (*fmt == 'l') { fmt++; len = LEN_LL; }
        } else if (*fmt == 'z') {
            fmt++;
            len = LEN_Z;
        }

        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t v = get_signed(&ap, len);
            uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;   /* INT64_MIN safe */
            put_num(&o, &sp, mag, v < 0, 10, false, NULL);
            break;
        }
        case 'u': put_num(&o, &sp, get_unsigned(&ap, len), false, 10, false, NULL); break;
        case 'x': put_num(&o, &sp, get_unsigned(&ap, len), false, 16, false, NULL); break;
        case 'X': put_num(&o, &sp, get_unsigned(&ap, len), false, 16, true, NULL);  break;
        case 'o': put_num(&o, &sp, get_unsigned(&ap, len), false, 8, false, NULL);  break;
        case 'p': {
            struct spec ps = sp;
            ps.plus = ps.space = false;
            put_num(&o, &ps, (uint64_t)(uintptr_t)va_arg(ap, void *), false, 16, false, "0x");
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            if (!sp.left)
                put_n(&o, ' ', sp.width - 1);
            put(&o, c);
            if (sp.left)
                put_n(&o, ' ', sp.width - 1);
            break;
        }
        case 's': put_str(&o, &sp, va_arg(ap, const char *)); break;
        case '%': put(&o, '%'); break;
        case '\0':
            /* Lone '%' at the end: print what we saw, stop. */
            while (start < fmt)
                put(&o, *start++);
            continue;
        default:
            /* Unknown conversion: print it as written. */
            while (start <= fmt)
                put(&o, *start++);
            break;
        }
        fmt++;
    }
    va_end(ap);

    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
