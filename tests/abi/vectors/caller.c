// GNU vectors across calls (SysV: 8- and 16-byte vectors in one SSE register); see tests/unit/abi-vectors.test.ts.
#include <stdio.h>
typedef int v4 __attribute__((vector_size(16)));
typedef double v2d __attribute__((vector_size(16)));
typedef short v4s __attribute__((vector_size(8)));
struct S { int k; };
v4 vadd(v4 a, v4 b); v2d vmul(v2d a, v2d b); v4s vsub(v4s a, v4s b); int many(int a, v4 b, double c, v4 d, struct S s);
int main(void) { v4 x = {1,2,3,4}; v4 y = vadd(x, x); v2d d = {1.5, 2.5}; v2d e = vmul(d, d); v4s p = {10,20,30,40}, q = {1,2,3,4}; v4s r = vsub(p, q);
struct S s = {100};
printf("%d %d %g %g %d %d %d\n", y[0], y[3], e[0], e[1], r[0], r[3], many(1, x, 2.0, x, s)); return 0; }
