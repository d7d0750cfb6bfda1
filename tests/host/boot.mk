# Host tests of the boot foundation: device-tree parser, frame allocator,
# formatting and string helpers.  Included by tests/tests.mk.
#
# test_fdt reads device trees from $(BOOT_DTB_DIR): QEMU virt's own trees,
# dumped with -machine virt,dumpdtb=FILE, and hand-written ones compiled
# from tests/host/dts/*.dts with dtc.

BOOT_DTB_DIR    := $(HOST_BUILD)/dtb
BOOT_QEMU_DTBS  := $(foreach v,smp1-128M smp4-1G smp4-128M smp1-1G,$(BOOT_DTB_DIR)/qemu-$(v).dtb)
BOOT_DTS_DTBS   := $(patsubst tests/host/dts/%.dts,$(BOOT_DTB_DIR)/%.dtb,$(wildcard tests/host/dts/*.dts))

HOST_TESTS += $(HOST_BUILD)/test_fdt $(HOST_BUILD)/test_frame $(HOST_BUILD)/test_fmt

# qemu-smp<N>-<MEM>.dtb: the stem "<N>-<MEM>" gives -smp and -m.
$(BOOT_DTB_DIR)/qemu-smp%.dtb:
	@mkdir -p $(@D)
	$(Q)qemu-system-riscv64 -machine virt,dumpdtb=$@ -smp $(word 1,$(subst -, ,$*)) \
	    -m $(word 2,$(subst -, ,$*)) -bios none -nographic -display none >/dev/null 2>&1 \
	    || { echo "qemu-system-riscv64 could not dump $@" >&2; rm -f $@; exit 1; }

$(BOOT_DTB_DIR)/%.dtb: tests/host/dts/%.dts
	@mkdir -p $(@D)
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(HOST_BUILD)/test_fdt: tests/host/test_fdt.c platform/fdt.c platform/fdt.h \
                        $(BOOT_QEMU_DTBS) $(BOOT_DTS_DTBS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -DDTB_DIR='"$(abspath $(BOOT_DTB_DIR))"' -o $@ \
	    tests/host/test_fdt.c platform/fdt.c

# A small FRAME_MAX_FRAMES so the window limit is reachable in a test.
$(HOST_BUILD)/test_frame: tests/host/test_frame.c kernel/mm/frame.c kernel/mm/frame.h
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -DFRAME_MAX_FRAMES=4096 -o $@ \
	    tests/host/test_frame.c kernel/mm/frame.c

# string.c keeps libc's names in the kernel; here they are renamed so the
# test binary calls ours and the host's side by side.
BOOT_STRING_RENAMES := $(foreach f,memset memcpy memmove memcmp strlen strcmp strncmp,-D$(f)=kstr_$(f))

$(HOST_BUILD)/boot_string.o: kernel/lib/string.c kernel/lib/string.h
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -fno-builtin $(BOOT_STRING_RENAMES) -c -o $@ kernel/lib/string.c

$(HOST_BUILD)/test_fmt: tests/host/test_fmt.c kernel/lib/fmt.c kernel/lib/fmt.h \
                        $(HOST_BUILD)/boot_string.o
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -o $@ tests/host/test_fmt.c kernel/lib/fmt.c \
	    $(HOST_BUILD)/boot_string.o
