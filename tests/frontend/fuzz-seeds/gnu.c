struct __attribute__((packed, aligned(4))) packed { char c; int i; };
typedef int v4si __attribute__((vector_size(16)));
static inline __attribute__((always_inline)) int sq(int x) { return x * x; }
int asm_label(void) __asm__("renamed_symbol");
__extension__ typedef __int128 i128;
int gnu(int *p, int n) {
  __auto_type y = ({ int t = n * 2; t + 1; });
  typeof(y) z = y ?: 3;
  void *target = &&done;
  int arr[0];
  _Complex double c = 1.0 + 2.0i;
  double re = __real__ c, im = __imag__ c;
  __asm__ volatile ("nop" : "=r"(z) : "r"(y), "0"(z) : "memory", "cc");
  if (__builtin_expect(n > 0, 1)) goto *target;
  z = __builtin_offsetof(struct packed, i) + __builtin_types_compatible_p(int, long);
  z += __builtin_choose_expr(1, 2, (void)0);
done:
  return z + (int)re + (int)im + (int)sizeof arr + __alignof__(i128);
}
