// Integer multiply, shifts and an open-addressing hash table.
#include <stdio.h>
#include <stdint.h>
enum { SIZE = 1 << 20 };
static uint64_t keys[SIZE];
static uint32_t vals[SIZE];
static uint64_t mix(uint64_t x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; return x; }
int main(void) {
  uint64_t found = 0;
  for (uint64_t i = 1; i <= 6000000; i++) {
    uint64_t k = mix(i % 400000 + 1), slot = k & (SIZE - 1);
    while (keys[slot] && keys[slot] != k) slot = (slot + 1) & (SIZE - 1);
    if (keys[slot]) { vals[slot]++; found++; } else { keys[slot] = k; vals[slot] = 1; }
  }
  printf("%llu\n", (unsigned long long)found);
  return 0;
}
