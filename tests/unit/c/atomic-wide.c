// Atomic operations on objects no instruction covers (a 16-byte __int128
// without -mcx16, a 24-byte struct) are libatomic calls, as gcc makes them.
// They used to become 8-byte cmpxchg/xchg on half the object: wrong code.
// flags: -latomic
// expect: 1 1 1 1 2 3 1 0
#include <stdatomic.h>
#include <stdio.h>

__int128 x;
_Atomic __int128 y;
struct big { long a, b, c; } s, t = {1, 2, 3}, u;

int main(void) {
  x = 5;
  __int128 five = 5;
  int ok1 = __atomic_compare_exchange_n(&x, &five, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  __int128 e = 3;
  atomic_store(&y, 3);
  int ok2 = atomic_compare_exchange_strong(&y, &e, (__int128)1 << 100);
  __int128 old = __atomic_fetch_add(&y, 1, __ATOMIC_SEQ_CST);
  __atomic_store(&s, &t, __ATOMIC_SEQ_CST);
  __atomic_load(&s, &u, __ATOMIC_SEQ_CST);
  __int128 four = 4;
  int ok3 = __atomic_compare_exchange_n(&x, &four, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  printf("%d %d %d %d %ld %ld %d %d\n", ok1, (int)(x == 7), ok2, (int)(old == (__int128)1 << 100), u.b, u.c,
         (int)(atomic_load(&y) == ((__int128)1 << 100) + 1), ok3);
  return 0;
}
