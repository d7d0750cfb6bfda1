/* NS16550A UART, polled transmit. */
#ifndef PLATFORM_UART_H
#define PLATFORM_UART_H
#include <stdint.h>
void uart_init(volatile uint8_t *base);
void uart_putc(char c);
#endif
