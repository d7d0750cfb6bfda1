# Host tests of the user runtime's pure parts: the boot archive (packer ->
# reader round trip, corrupt archives) and spawn's ELF checking (the real
# cross-built hello.elf and corrupted copies of it).  Included by
# tests/tests.mk; pulls in user/user.mk for the packer and hello.elf.
ifndef OBOL_USER_MK
include user/user.mk
endif

HOST_TESTS += $(HOST_BUILD)/test_archive $(HOST_BUILD)/test_elf

$(HOST_BUILD)/test_archive: tests/host/test_archive.c user/lib/archive.c \
                            user/include/obol/archive.h user/include/obol/abi.h $(MKARCHIVE)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -DMKARCHIVE='"$(abspath $(MKARCHIVE))"' \
	    -DTMPDIR='"$(abspath $(HOST_BUILD)/archive-tmp)"' -o $@ \
	    tests/host/test_archive.c user/lib/archive.c

$(HOST_BUILD)/test_elf: tests/host/test_elf.c user/lib/elf.c user/include/obol/elf.h \
                        user/include/obol/abi.h $(UBUILD)/hello.elf
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -DHELLO_ELF='"$(abspath $(UBUILD)/hello.elf)"' -o $@ \
	    tests/host/test_elf.c user/lib/elf.c
