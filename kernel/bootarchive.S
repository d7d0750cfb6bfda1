/* The boot archive of user programs (user/user.mk builds it), kept in rodata. */
    .section .rodata
    .balign 8
    .globl boot_archive, boot_archive_end
boot_archive:
    .incbin BOOT_ARCHIVE
boot_archive_end:
