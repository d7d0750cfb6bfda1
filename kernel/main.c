/* Kernel entry from platform/entry.S: bring the machine up, then run. */
#include "kernel.h"
#include "platform.h"
#include "ktest.h"
#include "object.h"
#include "cap/cap_check.h"
#include "mm/frame.h"
#include "lib/string.h"
#include "riscv/csr.h"
#include "riscv/timer.h"
#include "riscv/trap.h"
#include "riscv/vm.h"

#define KIB(x) ((uint64_t)(x) >> 10)

static void print_banner(const struct platform_info *pi)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < pi->mem_count; i++)
        total += pi->mem[i].size;
    kprintf("\nObol %s: capability microkernel, rv64 Sv39, %s\n", OBOL_VERSION, PLATFORM_NAME);
    platform_report_harts();
    kprintf("memory:  %lu MiB in %u range(s)", total >> 20, pi->mem_count);
    for (uint32_t i = 0; i < pi->mem_count; i++)
        kprintf(" [0x%lx-0x%lx)", pi->mem[i].base, pi->mem[i].base + pi->mem[i].size);
    kprintf("\n");
    kprintf("reserved:");
    for (uint32_t i = 0; i < pi->reserved_count; i++)
        kprintf(" [0x%lx-0x%lx)", pi->reserved[i].base, pi->reserved[i].base + pi->reserved[i].size);
    kprintf("%s (firmware); device tree %lu bytes at 0x%lx\n", pi->reserved_count ? "" : " none",
            pi->dtb_size, pi->dtb_base);
    kprintf("timer:   timebase %lu Hz, tick %u Hz\n", pi->timebase_hz, OBOL_TICK_HZ);
    kprintf("kernel:  text   0x%lx-0x%lx %4lu KiB r-x\n", (uint64_t)_kernel_start, (uint64_t)_text_end,
            KIB(_text_end - _kernel_start));
    kprintf("         rodata 0x%lx-0x%lx %4lu KiB r--\n", (uint64_t)_text_end, (uint64_t)_rodata_end,
            KIB(_rodata_end - _text_end));
    kprintf("         data   0x%lx-0x%lx %4lu KiB rw-\n", (uint64_t)_rodata_end, (uint64_t)_bss_start,
            KIB(_bss_start - _rodata_end));
    kprintf("         bss    0x%lx-0x%lx %4lu KiB rw-\n", (uint64_t)_bss_start, (uint64_t)_kernel_end,
            KIB(_kernel_end - _bss_start));
}

/* Free RAM = the device tree's memory, minus firmware (reserved), the
 * kernel image and the device tree blob itself. */
static void memory_init(const struct platform_info *pi)
{
    frame_init();
    for (uint32_t i = 0; i < pi->mem_count; i++)
        frame_add_range(pi->mem[i].base, pi->mem[i].size);
    for (uint32_t i = 0; i < pi->reserved_count; i++)
        frame_reserve(pi->reserved[i].base, pi->reserved[i].size);
    frame_reserve(va_to_pa(_kernel_start), (uint64_t)(_kernel_end - _kernel_start));
    frame_reserve(pi->dtb_base, pi->dtb_size);
    kprintf("frames:  %lu free of %lu (%lu KiB)\n", frame_free_count(), frame_total_count(),
            frame_free_count() * 4);
}

static void paging_init(const struct platform_info *pi)
{
    if (kvm_init(pi) != 0)
        panic("out of frames while building the kernel page table");
    uint64_t wx, leaves;
    vm_count_wx(kernel_root, &wx, &leaves);
    if (wx != 0)
        panic("kernel page table maps %lu page(s) writable and executable", wx);
    kprintf("paging:  Sv39, %lu kernel leaves, W^X holds\n", leaves);
}

/* Value of "key=value" in the boot arguments, copied into buf; 0 if absent. */
static int bootarg(const char *args, const char *key, char *buf, size_t size)
{
    size_t klen = strlen(key);
    for (const char *p = args; p && *p;) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if ((size_t)(end - p) > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            size_t n = (size_t)(end - p) - klen - 1;
            if (n >= size)
                n = size - 1;
            memcpy(buf, p + klen + 1, n);
            buf[n] = 0;
            return 1;
        }
        p = end;
    }
    return 0;
}

void init_start(const char *name);
void print_memstats(void);
extern uint64_t init_arg[2];

/* "123" or "0x7b"; stops at the first other character. */
static uint64_t parse_u64(const char *s, const char **end)
{
    uint64_t v = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        for (s += 2;; s++) {
            int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
                  : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
            if (d < 0)
                break;
            v = v * 16 + (uint64_t)d;
        }
    } else {
        for (; *s >= '0' && *s <= '9'; s++)
            v = v * 10 + (uint64_t)(*s - '0');
    }
    *end = s;
    return v;
}

/* Shutdown self-check (boot argument selfcheck=1, spec/fuzzing.md): the
 * figures right before init started, compared when no thread is left. */
static int selfcheck_on;
static uint64_t selfcheck_frames;

int kernel_selfcheck(int status)
{
    if (!selfcheck_on)
        return status;
    reap_objects();                 /* objects freed since the last trap */
    const char *why = 0;
    uint64_t frames = frame_free_count();
    if (cap_check_invariants(&why))
        kprintf("selfcheck: FAILED: capability invariant: %s (index %u)\n", why, cap_check_index);
    else if (cap_free_objects() != CAP_MAX_OBJECTS)
        kprintf("selfcheck: FAILED: %u object(s) still allocated\n", CAP_MAX_OBJECTS - cap_free_objects());
    else if (cap_free_tables() != CAP_MAX_TABLES)
        kprintf("selfcheck: FAILED: %u descriptor table(s) still in use\n", CAP_MAX_TABLES - cap_free_tables());
    else if (mappings_in_use() != 0)
        kprintf("selfcheck: FAILED: %u mapping(s) still in use\n", mappings_in_use());
    else if (frames != selfcheck_frames)
        kprintf("selfcheck: FAILED: %lu frames free, %lu before init started\n", frames, selfcheck_frames);
    else {
        kprintf("selfcheck: ok (invariants hold; %u objects, %u tables free; 0 mappings; %lu frames free "
                "as before init)\n", cap_free_objects(), cap_free_tables(), frames);
        return status;
    }
    return 4;
}

uint64_t boot_instret;

_Noreturn void kmain(uint64_t hartid, uint64_t dtb_pa, uint64_t instret_at_start)
{
    boot_instret = instret_at_start;
    trap_init();
    platform_init(hartid, dtb_pa);
    const struct platform_info *pi = platform_info();
    print_banner(pi);
    memory_init(pi);
    paging_init(pi);
    timer_init(pi->timebase_hz, OBOL_TICK_HZ);
    csr_write(scounteren, 0x7);     /* user code may read cycle, time and instret */
    csr_set(sstatus, SSTATUS_SIE);

    char name[32];
    if (bootarg(pi->bootargs, "ktest", name, sizeof name)) {
        ktest_run(name);
        kprintf("obol: shutting down\n");
        platform_exit(0);
    }
    /* User space: init (or the program named by init=NAME) from the boot archive. */
    cap_init();
    if (bootarg(pi->bootargs, "memstats", name, sizeof name))
        print_memstats();
    if (!bootarg(pi->bootargs, "init", name, sizeof name))
        memcpy(name, "init", 5);
    char arg[48];
    if (bootarg(pi->bootargs, "initarg", arg, sizeof arg)) {     /* initarg=A[,B]: s2, s3 of init */
        const char *p;
        init_arg[0] = parse_u64(arg, &p);
        if (*p == ',')
            init_arg[1] = parse_u64(p + 1, &p);
    }
    selfcheck_on = bootarg(pi->bootargs, "selfcheck", arg, sizeof arg) && arg[0] == '1';
    selfcheck_frames = frame_free_count();
    init_start(name);
    trap_resume_full(&thread_of(sched_next())->tf);
}
