#include "../fuzz/entry.S"
