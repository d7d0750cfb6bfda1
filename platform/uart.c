/* NS16550A UART (QEMU virt's serial port): polled transmit only. */
#include "uart.h"

#define UART_THR 0      /* transmit holding register */
#define UART_IER 1      /* interrupt enable */
#define UART_LCR 3      /* line control */
#define UART_LSR 5      /* line status */
#define LSR_THRE 0x20   /* transmit holding register empty */
#define LCR_8N1  0x03

static volatile uint8_t *uart;

void uart_init(volatile uint8_t *base)
{
    uart = base;
    uart[UART_IER] = 0;
    uart[UART_LCR] = LCR_8N1;
}

void uart_putc(char c)
{
    while (!(uart[UART_LSR] & LSR_THRE))
        ;
    uart[UART_THR] = (uint8_t)c;
}
