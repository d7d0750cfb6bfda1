# User space: the runtime (libobol.a), the tasks under user/apps/, the host
# packer and the boot archive the kernel embeds.  Included by the top
# Makefile (and by tests/host/user.mk); safe to include twice.
#
#   $(USER_ARCHIVE)           build/bootarchive.bin: every app, init first
#   $(UBUILD)/<app>.elf       each user/apps/<app>/ (all its .c and .S files)
#   $(UBUILD)/libobol.a       crt0.o is linked separately, first
#   $(MKARCHIVE)              build/host-tools/mkarchive
#
# picolibc: --specs=picolibc.specs gives its headers, -ftls-model=local-exec,
# its libc.a for the multilib (%M) and --gc-sections; we give our own crt0
# (-nostartfiles) and linker script (-T user/user.ld).  The multilib is
# chosen from -march, and GCC 12 finds none for "rv64imac_zba_zbb_zbs_zicsr", so the
# link step says -march=rv64imac (lib/rv64imac/lp64): picolibc stays plain rv64imac
# while our own code uses the bit-manipulation extensions (kernel.mk).
ifndef OBOL_USER_MK
OBOL_USER_MK := 1

CROSS        ?= riscv64-unknown-elf-
UCC          := $(CROSS)gcc
UAR          := $(CROSS)ar
UOBJCOPY     := $(CROSS)objcopy
UBUILD       := $(BUILD)/user
USER_ARCHIVE := $(BUILD)/bootarchive.bin
MKARCHIVE    := $(BUILD)/host-tools/mkarchive
USER_HOST_CC  = $(if $(HOST_CC),$(HOST_CC),cc)

UCFLAGS := --specs=picolibc.specs -std=gnu11 -O2 -g -Wall -Wextra -Werror \
           -march=rv64imac_zba_zbb_zbs_zicsr -mabi=lp64 -mcmodel=medany -fno-common \
           -ffunction-sections -fdata-sections -fno-pie \
           -ffile-prefix-map=$(CURDIR)/= -Iuser/include
ULDFLAGS := --specs=picolibc.specs -march=rv64imac -mabi=lp64 -mcmodel=medany \
            -nostartfiles -no-pie -T user/user.ld \
            -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 -Wl,--build-id=none

USER_LIB_SRCS := $(sort $(wildcard user/lib/*.c user/lib/*.S))
USER_LIB_OBJS := $(patsubst %,$(UBUILD)/%.o,$(USER_LIB_SRCS))
USER_CRT0     := $(UBUILD)/user/crt0.S.o
USER_LIBOBOL  := $(UBUILD)/libobol.a
USER_HDRS     := $(wildcard user/include/obol/*.h)

# Every directory under user/apps/ with sources is an app; init goes first.
USER_APPS     := $(sort $(patsubst user/apps/%/,%,$(dir $(wildcard user/apps/*/*.c user/apps/*/*.S))))
USER_APPS_ORD := $(filter init,$(USER_APPS)) $(filter-out init,$(USER_APPS))
USER_ELFS     := $(foreach a,$(USER_APPS),$(UBUILD)/$(a).elf)

$(UBUILD)/%.c.o: %.c user/user.mk
	@mkdir -p $(dir $@)
	$(Q)$(UCC) $(UCFLAGS) -MMD -MP -c $< -o $@

$(UBUILD)/%.S.o: %.S user/user.mk
	@mkdir -p $(dir $@)
	$(Q)$(UCC) $(UCFLAGS) -MMD -MP -c $< -o $@

# Fails the build if a syscall of abi.h's OBOL_SYSCALL_LIST has no stub.
$(USER_LIBOBOL): $(USER_LIB_OBJS) user/include/obol/abi.h
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(UAR) rcsD $@ $(USER_LIB_OBJS)
	$(Q)for f in $$(sed -n 's/^ *X([A-Z_]*, *\([a-z_]*\), *[0-9]*,.*/obol_\1/p' user/include/obol/abi.h); do \
	    $(CROSS)nm $@ | grep -q " T $$f$$" || { echo "user: no stub for syscall $$f in user/lib/syscall.c" >&2; rm -f $@; exit 1; }; done

# One app: its objects, crt0 first, then libobol and libc in one group
# (libc's printf needs stdout from libobol, libobol needs libc's memcpy).
define USER_APP_RULES
USER_APP_OBJS_$(1) := $$(patsubst %,$$(UBUILD)/%.o,$$(sort $$(wildcard user/apps/$(1)/*.c user/apps/$(1)/*.S)))
$$(UBUILD)/$(1).elf: $$(USER_CRT0) $$(USER_APP_OBJS_$(1)) $$(USER_LIBOBOL) user/user.ld
	$$(Q)$$(UCC) $$(ULDFLAGS) -o $$@ $$(USER_CRT0) $$(USER_APP_OBJS_$(1)) \
	    -Wl,--start-group $$(USER_LIBOBOL) -lc -lgcc -Wl,--end-group
	@echo "  LINK    $$@"
# What goes into the archive: the same image without debug sections.
$$(UBUILD)/pack/$(1).elf: $$(UBUILD)/$(1).elf
	@mkdir -p $$(dir $$@)
	$$(Q)$$(UOBJCOPY) --strip-debug $$< $$@
endef
$(foreach a,$(USER_APPS),$(eval $(call USER_APP_RULES,$(a))))

-include $(USER_LIB_OBJS:.o=.d) $(USER_CRT0:.o=.d) \
         $(foreach a,$(USER_APPS),$(USER_APP_OBJS_$(a):.o=.d))

$(MKARCHIVE): user/tools/mkarchive.c user/lib/archive.c user/include/obol/archive.h \
              user/include/obol/abi.h user/user.mk
	@mkdir -p $(dir $@)
	$(Q)$(USER_HOST_CC) -std=c11 -O2 -Wall -Wextra -Werror -Iuser/include -o $@ \
	    user/tools/mkarchive.c user/lib/archive.c

$(USER_ARCHIVE): $(MKARCHIVE) $(foreach a,$(USER_APPS),$(UBUILD)/pack/$(a).elf)
	$(Q)$(MKARCHIVE) $@ $(foreach a,$(USER_APPS_ORD),$(a)=$(UBUILD)/pack/$(a).elf)
	@echo "  ARCHIVE $@ ($(USER_APPS_ORD))"

.PHONY: user
user: $(USER_ARCHIVE)

endif
